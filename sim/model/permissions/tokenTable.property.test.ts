// Property test of TokenTable over a few thousand random delegation forests
// (seeded): every delegation, refusal, revocation, check and blast radius is
// compared with a brute-force reference built on plain objects and Sets, and
// the same random forest is grown twice — attenuating and pass-through — so
// the two modes can be compared on identical chains.

import { describe, expect, it } from 'vitest';
import { createStream, type Rng } from '../../engine/random.js';
import { createMask, maskBits, type ScopeMask } from './scopeMask.js';
import { DelegationMode, TokenTable, Verdict, VERDICT_NAMES } from './tokenTable.js';

interface RefToken {
  parent: number;
  holder: number;
  scopes: Set<number>;
  expiry: number;
  depth: number;
  maxDepth: number;
  revoked: boolean;
}

const CASES = 3000;

function randomScopes(rng: Rng, resources: number): Set<number> {
  const density = rng();
  const bits = new Set<number>();
  for (let b = 0; b < resources * 4; b++) if (rng() < density) bits.add(b);
  return bits;
}

const pick = (rng: Rng, n: number) => Math.floor(rng() * n);
const sortedBits = (s: Set<number>) => [...s].sort((a, b) => a - b);
const live = (r: RefToken, now: number) => !r.revoked && now < r.expiry;

/** Brute force: is u equal to t or below it? Walks parent pointers only. */
function isDescendantOrSelf(ref: RefToken[], u: number, t: number): boolean {
  for (let c = u; c !== -1; c = (ref[c] as RefToken).parent) if (c === t) return true;
  return false;
}

function refRevoke(ref: RefToken[], t: number): number {
  let n = 0;
  ref.forEach((r, u) => {
    if (!r.revoked && isDescendantOrSelf(ref, u, t)) {
      r.revoked = true;
      n++;
    }
  });
  return n;
}

function refVerdict(r: RefToken, bit: number, now: number): number {
  if (r.revoked) return Verdict.Revoked;
  if (now >= r.expiry) return Verdict.Expired;
  if (!r.scopes.has(bit)) return Verdict.MissingScope;
  if ((bit & 3) === 3 && r.depth >= r.maxDepth) return Verdict.Depth;
  return Verdict.Allowed;
}

/** Brute force blast radius: u is reached when a path of live tokens leads to it from one the agent holds. */
function refBlast(ref: RefToken[], agent: number, now: number) {
  const scopes = new Set<number>();
  const holders = new Set<number>();
  let tokens = 0;
  ref.forEach((r, u) => {
    for (let c = u; c !== -1; c = (ref[c] as RefToken).parent) {
      const rc = ref[c] as RefToken;
      if (!live(rc, now)) return;
      if (rc.holder === agent) {
        tokens++;
        holders.add(r.holder);
        for (const b of r.scopes) scopes.add(b);
        return;
      }
    }
  });
  return { scopes: sortedBits(scopes), tokens, agents: holders.size };
}

describe('TokenTable over random delegation chains', () => {
  it('delegate, revoke, check and blastRadius agree with a brute-force reference in both modes', () => {
    const rng = createStream(20260211, 'token-chains');
    const problems: string[] = [];
    const fail = (c: number, what: string) => {
      if (problems.length < 10) problems.push(`case ${c}: ${what}`);
    };
    const tally = { delegations: 0, refusedExpired: 0, refusedDepth: 0, refusedRevoked: 0, revoked: 0, checks: 0, agentsCompared: 0, strictlySmaller: 0, emptyGrants: 0 };

    for (let c = 0; c < CASES; c++) {
      const resources = 1 + pick(rng, 32);
      const agents = 2 + pick(rng, 8);
      const modes = [DelegationMode.Attenuate, DelegationMode.PassThrough] as const;
      const tables = modes.map(() => new TokenTable({ capacity: 4 }));
      const refs: RefToken[][] = modes.map(() => []);
      const [A, P] = tables as [TokenTable, TokenTable];
      let now = 0;
      const steps = 5 + pick(rng, 30);

      for (let s = 0; s < steps; s++) {
        now += rng() < 0.5 ? 0 : rng() * 20;
        const ttl = rng() < 0.2 ? Infinity : 1 + rng() * 60;
        const holder = pick(rng, agents);
        const op = rng();
        const count = (refs[0] as RefToken[]).length;

        if (count === 0 || op < 0.15) {
          const scopes = randomScopes(rng, resources);
          const maxDepth = pick(rng, 6);
          const mask = createMask(scopes);
          tables.forEach((table, m) => {
            const id = table.grant(mask, holder, now, ttl, maxDepth);
            if (id !== count) fail(c, `grant returned ${id}, expected ${count}`);
            (refs[m] as RefToken[]).push({ parent: -1, holder, scopes: new Set(scopes), expiry: now + ttl, depth: 0, maxDepth, revoked: false });
          });
        } else if (op < 0.8) {
          const parent = pick(rng, count);
          const requested = randomScopes(rng, resources);
          const requestedMask = createMask(requested);
          tally.delegations++;
          tables.forEach((table, m) => {
            const ref = refs[m] as RefToken[];
            const p = ref[parent] as RefToken;
            const expected = p.revoked ? Verdict.Revoked : now >= p.expiry ? Verdict.Expired : p.depth >= p.maxDepth ? Verdict.Depth : Verdict.Allowed;
            const id = table.delegate(parent, holder, requestedMask, now, ttl, modes[m] as (typeof modes)[number]);
            if (expected !== Verdict.Allowed) {
              if (id !== -1 || table.lastRefusal !== expected) {
                fail(c, `delegate from ${parent} gave ${id} (${VERDICT_NAMES[table.lastRefusal]}), expected refusal ${VERDICT_NAMES[expected]}`);
              }
              if (m === 0) {
                if (expected === Verdict.Expired) tally.refusedExpired++;
                if (expected === Verdict.Depth) tally.refusedDepth++;
                if (expected === Verdict.Revoked) tally.refusedRevoked++;
              }
              return;
            }
            if (id !== count) return fail(c, `delegate returned ${id}, expected ${count}`);
            const granted = new Set(maskBits(table.scopesOf(id)));
            const want = m === 0 ? new Set([...requested].filter((b) => p.scopes.has(b))) : p.scopes;
            if (m === 0) {
              for (const b of granted) if (!p.scopes.has(b)) fail(c, `attenuation granted bit ${b} the parent lacks`);
              if (granted.size === 0) tally.emptyGrants++;
            }
            if (sortedBits(granted).join() !== sortedBits(want).join()) {
              fail(c, `${m === 0 ? 'attenuate' : 'pass-through'} granted [${sortedBits(granted)}], expected [${sortedBits(want)}]`);
            }
            const expiry = Math.min(now + ttl, p.expiry);
            if (table.expiresAt(id) !== expiry || table.depthOf(id) !== p.depth + 1 || table.parentOf(id) !== parent) {
              fail(c, `child ${id} has expiry ${table.expiresAt(id)} depth ${table.depthOf(id)}, expected ${expiry} ${p.depth + 1}`);
            }
            ref.push({ parent, holder, scopes: want, expiry, depth: p.depth + 1, maxDepth: p.maxDepth, revoked: false });
          });
        } else if (op < 0.9) {
          const target = pick(rng, count);
          tables.forEach((table, m) => {
            const expected = refRevoke(refs[m] as RefToken[], target);
            const got = table.revoke(target);
            if (got !== expected) fail(c, `revoke(${target}) revoked ${got}, brute force ${expected}`);
            if (m === 0) tally.revoked += got;
          });
        } else if (op < 0.95) {
          tables.forEach((table, m) => {
            const ref = refs[m] as RefToken[];
            let expected = 0;
            ref.forEach((r, u) => {
              if (r.holder === holder) expected += refRevoke(ref, u);
            });
            const got = table.revokeHolder(holder);
            if (got !== expected) fail(c, `revokeHolder(${holder}) revoked ${got}, brute force ${expected}`);
          });
        } else {
          const token = pick(rng, count);
          const bit = pick(rng, resources * 4);
          tally.checks++;
          tables.forEach((table, m) => {
            const want = refVerdict((refs[m] as RefToken[])[token] as RefToken, bit, now);
            const got = table.check(token, bit, now);
            if (got !== want) fail(c, `check(${token}, ${bit}, ${now}) = ${VERDICT_NAMES[got]}, expected ${VERDICT_NAMES[want]}`);
          });
        }

        // After every step: revoked flags match the reference exactly (nothing more, nothing less).
        tables.forEach((table, m) => {
          (refs[m] as RefToken[]).forEach((r, u) => {
            if (table.isRevoked(u) !== r.revoked) fail(c, `token ${u} revoked=${table.isRevoked(u)}, brute force ${r.revoked}`);
          });
        });
      }

      // Blast radius of every agent at the end: matches brute force, and attenuation never exceeds pass-through.
      for (let agent = 0; agent < agents; agent++) {
        const got = tables.map((t) => t.blastRadius(agent, now));
        got.forEach((r, m) => {
          const want = refBlast(refs[m] as RefToken[], agent, now);
          const have = { scopes: maskBits(r.scopes), tokens: r.tokens, agents: r.agents };
          if (JSON.stringify(have) !== JSON.stringify(want) || r.scopeCount !== want.scopes.length) {
            fail(c, `blastRadius(${agent}) mode ${m} = ${JSON.stringify(have)}, brute force ${JSON.stringify(want)}`);
          }
        });
        const [ra, rp] = got as [ReturnType<TokenTable['blastRadius']>, ReturnType<TokenTable['blastRadius']>];
        if (ra.scopeCount > rp.scopeCount) fail(c, `agent ${agent}: attenuated blast radius ${ra.scopeCount} > pass-through ${rp.scopeCount}`);
        if (ra.tokens !== rp.tokens) fail(c, `agent ${agent}: the two modes reach different tokens`);
        if (ra.scopeCount < rp.scopeCount) tally.strictlySmaller++;
        tally.agentsCompared++;
      }

      // Over-privilege of a random token against a random need.
      const count = A.count;
      const token = pick(rng, count);
      const needed = randomScopes(rng, resources);
      const out: ScopeMask = createMask();
      const over = A.overPrivilege(token, createMask(needed), out);
      const ref = (refs[0] as RefToken[])[token] as RefToken;
      const wantOver = [...ref.scopes].filter((b) => !needed.has(b));
      if (over !== wantOver.length || maskBits(out).join() !== wantOver.sort((a, b) => a - b).join()) {
        fail(c, `overPrivilege(${token}) = ${over}, expected ${wantOver.length}`);
      }
      if (P.count !== count) fail(c, 'the two modes issued different numbers of tokens');
    }

    expect(problems).toEqual([]);
    // The random forests exercise every branch, not just the easy ones.
    expect(tally.delegations).toBeGreaterThan(20_000);
    expect(tally.refusedExpired).toBeGreaterThan(500);
    expect(tally.refusedDepth).toBeGreaterThan(500);
    expect(tally.refusedRevoked).toBeGreaterThan(500);
    expect(tally.revoked).toBeGreaterThan(1000);
    expect(tally.checks).toBeGreaterThan(1000);
    expect(tally.strictlySmaller).toBeGreaterThan(100);
    expect(tally.emptyGrants).toBeGreaterThan(0);
  });
});
