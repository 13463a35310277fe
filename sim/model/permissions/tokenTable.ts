// Delegation capability tokens (MODEL.md §5; paper §4.7, §6.1): who may do
// what, for how long, and how far it may be passed on. A root grant gives an
// agent a scope mask with an expiry and a maximum chain depth; every hop of a
// delegation chain derives a child token from its parent — in `attenuate`
// mode the child holds at most what it asked for and what its parent holds,
// in `pass-through` mode everything the parent holds (the baseline that
// attenuation is compared against). Revocation cascades down the chain, and
// the circuit breaker revokes everything an agent holds and everything
// delegated from it.
//
// Storage is struct-of-arrays, grown by doubling. Token ids are never reused:
// a token id is a permanent name that audit records refer to, so reusing it
// would make an audit trail ambiguous. Memory is ~65 bytes per token ever
// issued. Children and held tokens are intrusive linked lists (firstChild /
// nextSibling, heldHead / nextHeld), so revocation walks exactly the subtree
// and the circuit breaker exactly the agent's tokens, never the whole table.
//
// Invariants that make the walks cheap: a revoked token's descendants are all
// revoked (revocation cascades and revoked tokens cannot delegate), and a
// child never outlives its parent (its expiry is capped by the parent's), so
// a dead token's whole subtree is dead and walks can stop there.
//
// Simplifications: a child inherits its parent's maxDepth (a hop cannot ask
// for a shorter chain); an attenuated request that shares nothing with the
// parent yields an empty token rather than a refusal; revocation takes effect
// at once (no propagation delay); time must not run backwards between the
// calls that compare it with expiries.

import { ensureLength } from '../../util/columns.js';
import {
  MASK_WORDS,
  MAX_SCOPES,
  Operation,
  createMask,
  delegableWord,
  maskCount,
  popcount32,
  type ScopeMask,
} from './scopeMask.js';

/** Why a check or a delegation was refused (0 = allowed). */
export const Verdict = {
  Allowed: 0,
  /** The token lacks the scope. */
  MissingScope: 1,
  Expired: 2,
  /** The token or an ancestor was revoked. */
  Revoked: 3,
  /** The chain is at its maximum depth: the token cannot be delegated further. */
  Depth: 4,
} as const;
export type VerdictCode = (typeof Verdict)[keyof typeof Verdict];
export const VERDICT_NAMES = ['allowed', 'missing-scope', 'expired', 'revoked', 'depth'] as const;

/** How a delegation derives the child's scopes from the parent's. */
export const DelegationMode = {
  /** requested ∩ parent: each hop grants a subset of its own. */
  Attenuate: 0,
  /** The parent's full scopes, whatever was requested (the comparison baseline). */
  PassThrough: 1,
} as const;
export type DelegationModeCode = (typeof DelegationMode)[keyof typeof DelegationMode];
export const DELEGATION_MODE_NAMES = ['attenuate', 'pass-through'] as const;

export interface TokenTableOptions {
  /** Rows allocated up front; the table doubles when full. */
  capacity?: number;
  /**
   * When true, an attenuating hop passes on only the resources on which the
   * parent holds the `delegate` operation (UCAN-style "can delegate"). When
   * false (the default) `delegate` is an ordinary scope that callers may
   * check before sub-delegating.
   */
  delegateGates?: boolean;
}

/** What a compromised agent could reach (see {@link TokenTable.blastRadius}). */
export interface BlastRadius {
  /** Union of the scopes of every live token reached. */
  scopes: ScopeMask;
  scopeCount: number;
  /** Live tokens reached: those the agent holds and every live token derived from them. */
  tokens: number;
  /** Distinct holders of those tokens (the agent itself included when it holds a live token). */
  agents: number;
}

const NONE = -1;
/** Largest agent id and maxDepth (they live in Int32 columns). */
const MAX_INT = 0x7fffffff;

function checkMaskArg(m: ScopeMask, what: string): void {
  if (!(m instanceof Uint32Array) || m.length !== MASK_WORDS) {
    throw new TypeError(`${what}: must be a ScopeMask (a Uint32Array of ${MASK_WORDS} words; use createMask)`);
  }
}

function checkTime(now: number): void {
  if (!Number.isFinite(now)) throw new RangeError(`now: must be a finite number, got ${now}`);
}

function checkTtl(ttl: number): void {
  if (!(ttl > 0)) throw new RangeError(`ttl: must be > 0 (Infinity for a standing permission), got ${ttl}`);
}

function checkAgent(agent: number, what: string): void {
  if (!Number.isInteger(agent) || agent < 0 || agent > MAX_INT) {
    throw new RangeError(`${what}: must be an agent id (a non-negative integer), got ${agent}`);
  }
}

/**
 * The table of delegation capability tokens of one run.
 *
 * @example
 * ```ts
 * const space = new ScopeSpace(['crm', 'payments']);
 * const tokens = new TokenTable();
 * const root = tokens.grant(space.mask(['crm:*', 'payments:read']), 0, 0, Infinity, 3);
 * const hop = tokens.delegate(root, 7, space.mask(['crm:read', 'payments:write']), 5, 60, DelegationMode.Attenuate);
 * tokens.check(hop, space.bit('crm', 'read'), 10);       // Verdict.Allowed
 * tokens.check(hop, space.bit('payments', 'write'), 10); // Verdict.MissingScope: the root lacked it
 * tokens.revoke(root);                                   // 2: the root and the hop
 * ```
 */
export class TokenTable {
  /**
   * Why the last `delegate` call returned -1 (Revoked, Expired or Depth);
   * Allowed after a successful one.
   */
  lastRefusal: VerdictCode = Verdict.Allowed;

  private readonly delegateGates: boolean;
  private n = 0;
  private parentCol: Int32Array;
  private holderCol: Int32Array;
  private maskCol: Uint32Array;
  private issuedCol: Float64Array;
  private expiryCol: Float64Array;
  private depthCol: Int32Array;
  private maxDepthCol: Int32Array;
  private revokedCol: Uint8Array;
  private firstChild: Int32Array;
  private nextSibling: Int32Array;
  private nextHeld: Int32Array;
  /** Visit stamps for blastRadius (tokens and agents), compared with `epoch`. */
  private seenToken: Uint32Array;
  private heldHead = new Int32Array(0);
  private seenAgent = new Uint32Array(0);
  private epoch = 0;
  private stack = new Int32Array(64);

  constructor(options: TokenTableOptions = {}) {
    const { capacity = 1024, delegateGates = false } = options;
    const c = Math.max(1, Math.floor(capacity));
    this.delegateGates = delegateGates;
    this.parentCol = new Int32Array(c);
    this.holderCol = new Int32Array(c);
    this.maskCol = new Uint32Array(c * MASK_WORDS);
    this.issuedCol = new Float64Array(c);
    this.expiryCol = new Float64Array(c);
    this.depthCol = new Int32Array(c);
    this.maxDepthCol = new Int32Array(c);
    this.revokedCol = new Uint8Array(c);
    this.firstChild = new Int32Array(c);
    this.nextSibling = new Int32Array(c);
    this.nextHeld = new Int32Array(c);
    this.seenToken = new Uint32Array(c);
  }

  /** Number of tokens ever issued (ids are 0 … count − 1). */
  get count(): number {
    return this.n;
  }

  /**
   * Issues a root token (a grant from a principal, parent −1) and returns its id.
   * `ttl` is in simulated minutes (Infinity: a standing permission);
   * `maxDepth` is how many hops may follow (0: it cannot be delegated).
   *
   * @example const t = tokens.grant(space.mask(['repo:read']), agent, now, 120, 2);
   */
  grant(scopes: ScopeMask, holder: number, now: number, ttl: number, maxDepth: number): number {
    checkMaskArg(scopes, 'scopes');
    checkAgent(holder, 'holder');
    checkTime(now);
    checkTtl(ttl);
    if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_INT) {
      throw new RangeError(`maxDepth: must be a non-negative integer, got ${maxDepth}`);
    }
    const t = this.append(NONE, holder, now, now + ttl, 0, maxDepth);
    const o = t * MASK_WORDS;
    this.maskCol[o] = scopes[0] as number;
    this.maskCol[o + 1] = scopes[1] as number;
    this.maskCol[o + 2] = scopes[2] as number;
    this.maskCol[o + 3] = scopes[3] as number;
    return t;
  }

  /**
   * Derives a token for `holder` from `parent` and returns its id, or −1 when
   * the parent is revoked, expired or at its maximum depth ({@link lastRefusal}
   * says which). The child expires at now + ttl or with its parent, whichever
   * is first.
   *
   * @example
   * const child = tokens.delegate(parent, agent, needed, now, 30, DelegationMode.Attenuate);
   * if (child < 0) console.log(VERDICT_NAMES[tokens.lastRefusal]);
   */
  delegate(
    parent: number,
    holder: number,
    requested: ScopeMask,
    now: number,
    ttl: number,
    mode: DelegationModeCode = DelegationMode.Attenuate,
  ): number {
    this.checkToken(parent, 'parent');
    checkAgent(holder, 'holder');
    checkMaskArg(requested, 'requested');
    checkTime(now);
    checkTtl(ttl);
    if (mode !== DelegationMode.Attenuate && mode !== DelegationMode.PassThrough) {
      throw new RangeError(`mode: must be DelegationMode.Attenuate or DelegationMode.PassThrough, got ${mode}`);
    }
    return this._delegate(parent, holder, requested, now, ttl, mode);
  }

  private _delegate(parent: number, holder: number, requested: ScopeMask, now: number, ttl: number, mode: number): number {
    const refusal =
      this.revokedCol[parent] === 1
        ? Verdict.Revoked
        : now >= (this.expiryCol[parent] as number)
          ? Verdict.Expired
          : (this.depthCol[parent] as number) >= (this.maxDepthCol[parent] as number)
            ? Verdict.Depth
            : Verdict.Allowed;
    this.lastRefusal = refusal;
    if (refusal !== Verdict.Allowed) return NONE;
    const expiry = Math.min(now + ttl, this.expiryCol[parent] as number);
    const t = this.append(parent, holder, now, expiry, (this.depthCol[parent] as number) + 1, this.maxDepthCol[parent] as number);
    // append may have grown the columns: read them afresh.
    const m = this.maskCol;
    const o = t * MASK_WORDS;
    const p = parent * MASK_WORDS;
    for (let w = 0; w < MASK_WORDS; w++) {
      const have = m[p + w] as number;
      if (mode === DelegationMode.PassThrough) m[o + w] = have;
      else m[o + w] = (requested[w] as number) & have & (this.delegateGates ? delegableWord(have) : 0xffffffff);
    }
    this.nextSibling[t] = this.firstChild[parent] as number;
    this.firstChild[parent] = t;
    return t;
  }

  private append(parent: number, holder: number, now: number, expiry: number, depth: number, maxDepth: number): number {
    const t = this.n;
    if (t === this.parentCol.length) this.grow(t + 1);
    this.parentCol[t] = parent;
    this.holderCol[t] = holder;
    this.issuedCol[t] = now;
    this.expiryCol[t] = expiry;
    this.depthCol[t] = depth;
    this.maxDepthCol[t] = maxDepth;
    this.revokedCol[t] = 0;
    this.firstChild[t] = NONE;
    this.nextSibling[t] = NONE;
    this.seenToken[t] = 0;
    if (holder >= this.heldHead.length) this.growAgents(holder + 1);
    this.nextHeld[t] = this.heldHead[holder] as number;
    this.heldHead[holder] = t;
    this.n = t + 1;
    return t;
  }

  private grow(rows: number): void {
    this.parentCol = ensureLength(this.parentCol, rows);
    this.holderCol = ensureLength(this.holderCol, rows);
    this.maskCol = ensureLength(this.maskCol, this.parentCol.length * MASK_WORDS);
    this.issuedCol = ensureLength(this.issuedCol, rows);
    this.expiryCol = ensureLength(this.expiryCol, rows);
    this.depthCol = ensureLength(this.depthCol, rows);
    this.maxDepthCol = ensureLength(this.maxDepthCol, rows);
    this.revokedCol = ensureLength(this.revokedCol, rows);
    this.firstChild = ensureLength(this.firstChild, rows);
    this.nextSibling = ensureLength(this.nextSibling, rows);
    this.nextHeld = ensureLength(this.nextHeld, rows);
    this.seenToken = ensureLength(this.seenToken, rows);
  }

  private growAgents(agents: number): void {
    const old = this.heldHead.length;
    this.heldHead = ensureLength(this.heldHead, agents);
    this.heldHead.fill(NONE, old);
    this.seenAgent = ensureLength(this.seenAgent, this.heldHead.length);
  }

  /**
   * Whether `token` allows scope `bit` at time `now`: Allowed, or the first
   * reason it does not, in the order Revoked, Expired, MissingScope, Depth
   * (Depth only for a `delegate` scope on a token at its maximum depth).
   *
   * @example if (tokens.check(t, space.bit('payments', 'write'), now) !== Verdict.Allowed) blocked++;
   */
  check(token: number, bit: number, now: number): VerdictCode {
    this.checkToken(token, 'token');
    if (!(bit >= 0 && bit < MAX_SCOPES && (bit | 0) === bit)) {
      throw new RangeError(`bit: must be a scope bit in [0, ${MAX_SCOPES}), got ${bit}`);
    }
    if (this.revokedCol[token] === 1) return Verdict.Revoked;
    if (now >= (this.expiryCol[token] as number)) return Verdict.Expired;
    if ((((this.maskCol[token * MASK_WORDS + (bit >>> 5)] as number) >>> (bit & 31)) & 1) === 0) return Verdict.MissingScope;
    if ((bit & 3) === Operation.Delegate && (this.depthCol[token] as number) >= (this.maxDepthCol[token] as number)) {
      return Verdict.Depth;
    }
    return Verdict.Allowed;
  }

  /** Like {@link check} for a set of scopes, all of which must be held. */
  checkMask(token: number, needed: ScopeMask, now: number): VerdictCode {
    this.checkToken(token, 'token');
    checkMaskArg(needed, 'needed');
    if (this.revokedCol[token] === 1) return Verdict.Revoked;
    if (now >= (this.expiryCol[token] as number)) return Verdict.Expired;
    const o = token * MASK_WORDS;
    let delegates = 0;
    for (let w = 0; w < MASK_WORDS; w++) {
      const need = needed[w] as number;
      if ((need & ~(this.maskCol[o + w] as number)) !== 0) return Verdict.MissingScope;
      delegates |= need & 0x88888888;
    }
    if (delegates !== 0 && (this.depthCol[token] as number) >= (this.maxDepthCol[token] as number)) return Verdict.Depth;
    return Verdict.Allowed;
  }

  /** Whether `token` is neither revoked nor expired at `now`. */
  isLive(token: number, now: number): boolean {
    this.checkToken(token, 'token');
    return this.revokedCol[token] === 0 && now < (this.expiryCol[token] as number);
  }

  /**
   * Revokes `token` and every token derived from it, and returns how many
   * were newly revoked (0 if it already was). Iterative: chains of any depth.
   *
   * @example tokens.revoke(t);
   */
  revoke(token: number): number {
    this.checkToken(token, 'token');
    return this._revoke(token);
  }

  private _revoke(token: number): number {
    if (this.revokedCol[token] === 1) return 0;
    let stack = this.stack;
    let top = 0;
    let revoked = 0;
    stack[top++] = token;
    while (top > 0) {
      const t = stack[--top] as number;
      this.revokedCol[t] = 1;
      revoked++;
      // Revoked children are skipped: their subtrees are revoked already.
      for (let c = this.firstChild[t] as number; c !== NONE; c = this.nextSibling[c] as number) {
        if (this.revokedCol[c] === 1) continue;
        if (top === stack.length) stack = this.stack = ensureLength(stack, top + 1);
        stack[top++] = c;
      }
    }
    return revoked;
  }

  /**
   * The circuit breaker: revokes every token `agent` holds and everything
   * delegated from them; returns how many tokens were newly revoked. Later
   * grants to the agent are the caller's decision.
   *
   * @example if (trustDrop > threshold) tokens.revokeHolder(agent);
   */
  revokeHolder(agent: number): number {
    checkAgent(agent, 'agent');
    if (agent >= this.heldHead.length) return 0;
    let revoked = 0;
    for (let t = this.heldHead[agent] as number; t !== NONE; t = this.nextHeld[t] as number) revoked += this._revoke(t);
    return revoked;
  }

  /**
   * Scopes `token` grants that `needed` does not use — over-privilege. Returns
   * their number and writes them to `out` when given.
   *
   * @example const excess = tokens.overPrivilege(t, space.mask(['crm:read']));
   */
  overPrivilege(token: number, needed: ScopeMask, out?: ScopeMask): number {
    this.checkToken(token, 'token');
    checkMaskArg(needed, 'needed');
    if (out !== undefined) checkMaskArg(out, 'out');
    const o = token * MASK_WORDS;
    let count = 0;
    for (let w = 0; w < MASK_WORDS; w++) {
      const extra = ((this.maskCol[o + w] as number) & ~(needed[w] as number)) >>> 0;
      if (out !== undefined) out[w] = extra;
      count += popcount32(extra);
    }
    return count;
  }

  /**
   * What a compromised `agent` could reach at `now`: the union of the scopes
   * of its live tokens and of every live token derived from them, with the
   * number of those tokens and of their distinct holders.
   *
   * @example const { scopeCount, agents } = tokens.blastRadius(compromised, now);
   */
  blastRadius(agent: number, now: number, out: ScopeMask = createMask()): BlastRadius {
    checkAgent(agent, 'agent');
    checkTime(now);
    checkMaskArg(out, 'out');
    out.fill(0);
    let tokens = 0;
    let agents = 0;
    if (agent < this.heldHead.length) {
      const epoch = this.nextEpoch();
      let stack = this.stack;
      for (let h = this.heldHead[agent] as number; h !== NONE; h = this.nextHeld[h] as number) {
        if (this.seenToken[h] === epoch || !this.live(h, now)) continue;
        let top = 0;
        stack[top++] = h;
        this.seenToken[h] = epoch;
        while (top > 0) {
          const t = stack[--top] as number;
          tokens++;
          const holder = this.holderCol[t] as number;
          if (this.seenAgent[holder] !== epoch) {
            this.seenAgent[holder] = epoch;
            agents++;
          }
          const o = t * MASK_WORDS;
          out[0] = (out[0] as number) | (this.maskCol[o] as number);
          out[1] = (out[1] as number) | (this.maskCol[o + 1] as number);
          out[2] = (out[2] as number) | (this.maskCol[o + 2] as number);
          out[3] = (out[3] as number) | (this.maskCol[o + 3] as number);
          // A dead child's subtree is dead (see the invariants above).
          for (let c = this.firstChild[t] as number; c !== NONE; c = this.nextSibling[c] as number) {
            if (this.seenToken[c] === epoch || !this.live(c, now)) continue;
            this.seenToken[c] = epoch;
            if (top === stack.length) stack = this.stack = ensureLength(stack, top + 1);
            stack[top++] = c;
          }
        }
      }
    }
    return { scopes: out, scopeCount: maskCount(out), tokens, agents };
  }

  private live(t: number, now: number): boolean {
    return this.revokedCol[t] === 0 && now < (this.expiryCol[t] as number);
  }

  private nextEpoch(): number {
    this.epoch = (this.epoch + 1) >>> 0;
    if (this.epoch === 0) {
      // Stamps wrapped after 2^32 walks: clear them so old stamps cannot match.
      this.seenToken.fill(0);
      this.seenAgent.fill(0);
      this.epoch = 1;
    }
    return this.epoch;
  }

  private checkToken(token: number, what: string): void {
    if (!(token >= 0 && token < this.n && (token | 0) === token)) {
      throw new RangeError(`${what}: no token with id ${token} (ids are 0 … ${this.n - 1})`);
    }
  }

  /** The token it was delegated from, or −1 for a root grant. */
  parentOf(token: number): number {
    this.checkToken(token, 'token');
    return this.parentCol[token] as number;
  }

  holderOf(token: number): number {
    this.checkToken(token, 'token');
    return this.holderCol[token] as number;
  }

  /** Hops from its root grant (a root has depth 0). */
  depthOf(token: number): number {
    this.checkToken(token, 'token');
    return this.depthCol[token] as number;
  }

  maxDepthOf(token: number): number {
    this.checkToken(token, 'token');
    return this.maxDepthCol[token] as number;
  }

  issuedAt(token: number): number {
    this.checkToken(token, 'token');
    return this.issuedCol[token] as number;
  }

  expiresAt(token: number): number {
    this.checkToken(token, 'token');
    return this.expiryCol[token] as number;
  }

  isRevoked(token: number): boolean {
    this.checkToken(token, 'token');
    return this.revokedCol[token] === 1;
  }

  /** The token's scopes, copied into `out` (a new mask by default). */
  scopesOf(token: number, out: ScopeMask = createMask()): ScopeMask {
    this.checkToken(token, 'token');
    checkMaskArg(out, 'out');
    out.set(this.maskCol.subarray(token * MASK_WORDS, token * MASK_WORDS + MASK_WORDS));
    return out;
  }

  /** The tokens delegated directly from `token`, newest first. */
  childrenOf(token: number): number[] {
    this.checkToken(token, 'token');
    const out: number[] = [];
    for (let c = this.firstChild[token] as number; c !== NONE; c = this.nextSibling[c] as number) out.push(c);
    return out;
  }

  /** Every token ever issued to `agent` (live or not), newest first. */
  heldBy(agent: number): number[] {
    checkAgent(agent, 'agent');
    const out: number[] = [];
    if (agent >= this.heldHead.length) return out;
    for (let t = this.heldHead[agent] as number; t !== NONE; t = this.nextHeld[t] as number) out.push(t);
    return out;
  }
}
