// A running 64-bit FNV-1a style hash of numbers, used to check that two runs
// saw the same stream of events (common random numbers) without storing them.
// Not cryptographic; collisions are irrelevant for a test's equality check.

const scratch = new Float64Array(1);
const bytes = new Uint8Array(scratch.buffer);

export class Fingerprint {
  private hi = 0x811c9dc5;
  private lo = 0x01000193;

  /** Mixes the exact bits of a double into the hash. */
  add(x: number): this {
    scratch[0] = x;
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < 8; i++) {
      lo = Math.imul(lo ^ bytes[i]!, 0x01000193);
      hi = Math.imul(hi ^ (lo >>> 24), 0x85ebca6b) ^ lo;
    }
    this.hi = hi >>> 0;
    this.lo = lo >>> 0;
    return this;
  }

  /** The hash as 16 hex digits. */
  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}
