// Growable typed-array columns: the struct-of-arrays storage behind agents,
// tasks, goals and the recorder. Columns grow by doubling so appends are O(1)
// amortised and the hot path never allocates per row.

type TypedArray = Float64Array | Int32Array | Uint8Array | Uint32Array | Float32Array | Int8Array | Int16Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

/**
 * Returns `column` if it can hold `length` rows, otherwise a copy at least
 * twice as large. Callers keep the returned array.
 *
 * @example col = ensureLength(col, n + 1); col[n] = x;
 */
export function ensureLength<T extends TypedArray>(column: T, length: number): T {
  if (length <= column.length) return column;
  let size = Math.max(16, column.length * 2);
  while (size < length) size *= 2;
  const grown = new (column.constructor as TypedArrayCtor<T>)(size);
  grown.set(column as never);
  return grown;
}

/** A growable column of numbers with an explicit row count. */
export class Float64Column {
  data: Float64Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = ensureLength(this.data, this.length + 1);
    this.data[this.length++] = value;
  }

  /** A trimmed copy of the filled rows. */
  toArray(): Float64Array {
    return this.data.slice(0, this.length);
  }

  /** The filled rows without copying (valid until the next push). */
  view(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}

/** A growable column of 32-bit integers with an explicit row count. */
export class Int32Column {
  data: Int32Array;
  length = 0;

  constructor(initialCapacity = 1024) {
    this.data = new Int32Array(initialCapacity);
  }

  push(value: number): void {
    if (this.length === this.data.length) this.data = ensureLength(this.data, this.length + 1);
    this.data[this.length++] = value;
  }

  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}
