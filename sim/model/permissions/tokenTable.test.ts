// Unit tests of TokenTable: grants, attenuating and pass-through delegation,
// refusals, checks, cascading revocation (including a chain far deeper than
// any recursion limit), the circuit breaker and the two metrics.

import { describe, expect, it } from 'vitest';
import { maskBits, maskCount, maskEquals } from './scopeMask.js';
import { ScopeSpace } from './scopeSpace.js';
import { DelegationMode, TokenTable, Verdict, VERDICT_NAMES } from './tokenTable.js';

const space = new ScopeSpace(['crm', 'payments', 'email', 'repo']);
const m = (...names: string[]) => space.mask(names);
const { Attenuate, PassThrough } = DelegationMode;

describe('TokenTable.grant and delegate', () => {
  it('grant issues a root token with its scopes, expiry and depth limit', () => {
    const tokens = new TokenTable();
    const t = tokens.grant(m('crm:*'), 3, 10, 60, 2);
    expect(t).toBe(0);
    expect(tokens.count).toBe(1);
    expect(tokens.parentOf(t)).toBe(-1);
    expect(tokens.holderOf(t)).toBe(3);
    expect(tokens.depthOf(t)).toBe(0);
    expect(tokens.maxDepthOf(t)).toBe(2);
    expect(tokens.issuedAt(t)).toBe(10);
    expect(tokens.expiresAt(t)).toBe(70);
    expect(space.names(tokens.scopesOf(t))).toEqual(['crm:read', 'crm:write', 'crm:execute', 'crm:delegate']);
  });

  it('delegate in attenuate mode grants requested ∩ parent', () => {
    const tokens = new TokenTable();
    const root = tokens.grant(m('crm:read', 'crm:write', 'email:read'), 0, 0, Infinity, 3);
    const child = tokens.delegate(root, 1, m('crm:read', 'payments:write', 'email:read'), 5, 30, Attenuate);
    expect(space.names(tokens.scopesOf(child))).toEqual(['crm:read', 'email:read']);
    expect(tokens.depthOf(child)).toBe(1);
    expect(tokens.parentOf(child)).toBe(root);
    expect(tokens.expiresAt(child)).toBe(35);
    expect(tokens.lastRefusal).toBe(Verdict.Allowed);
  });

  it('delegate in pass-through mode grants all of the parent, whatever was requested', () => {
    const tokens = new TokenTable();
    const root = tokens.grant(m('crm:*', 'email:read'), 0, 0, Infinity, 3);
    const child = tokens.delegate(root, 1, m('crm:read'), 0, 30, PassThrough);
    expect(maskEquals(tokens.scopesOf(child), tokens.scopesOf(root))).toBe(true);
  });

  it('delegate caps a child expiry at its parent expiry', () => {
    const tokens = new TokenTable();
    const root = tokens.grant(m('crm:read'), 0, 0, 50, 3);
    const child = tokens.delegate(root, 1, m('crm:read'), 40, 100, Attenuate);
    expect(tokens.expiresAt(child)).toBe(50);
  });

  it('delegate refuses from a revoked, expired or maximum-depth parent with a reason', () => {
    const tokens = new TokenTable();
    const a = tokens.grant(m('crm:read'), 0, 0, 100, 1);
    const b = tokens.delegate(a, 1, m('crm:read'), 0, 100, Attenuate);
    expect(tokens.delegate(b, 2, m('crm:read'), 1, 10, Attenuate)).toBe(-1);
    expect(tokens.lastRefusal).toBe(Verdict.Depth);
    expect(tokens.delegate(a, 2, m('crm:read'), 100, 10, Attenuate)).toBe(-1);
    expect(VERDICT_NAMES[tokens.lastRefusal]).toBe('expired');
    tokens.revoke(a);
    expect(tokens.delegate(a, 2, m('crm:read'), 1, 10, PassThrough)).toBe(-1);
    expect(tokens.lastRefusal).toBe(Verdict.Revoked);
    expect(tokens.count).toBe(2);
  });

  it('delegate with delegateGates passes on only resources the parent may delegate', () => {
    const tokens = new TokenTable({ delegateGates: true });
    const root = tokens.grant(m('crm:read', 'crm:delegate', 'email:read'), 0, 0, Infinity, 3);
    const child = tokens.delegate(root, 1, m('crm:read', 'email:read'), 0, 10, Attenuate);
    expect(space.names(tokens.scopesOf(child))).toEqual(['crm:read']);
    const passed = tokens.delegate(root, 1, m('crm:read'), 0, 10, PassThrough);
    expect(maskCount(tokens.scopesOf(passed))).toBe(3);
  });

  it('grant and delegate reject invalid arguments', () => {
    const tokens = new TokenTable();
    expect(() => tokens.grant(m('crm:read'), -1, 0, 10, 1)).toThrow(/holder/);
    expect(() => tokens.grant(m('crm:read'), 0, 0, 0, 1)).toThrow(/ttl/);
    expect(() => tokens.grant(m('crm:read'), 0, NaN, 10, 1)).toThrow(/now/);
    expect(() => tokens.grant(m('crm:read'), 0, 0, 10, 1.5)).toThrow(/maxDepth/);
    expect(() => tokens.grant(new Uint32Array(2), 0, 0, 10, 1)).toThrow(/ScopeMask/);
    expect(() => tokens.delegate(0, 1, m('crm:read'), 0, 10, Attenuate)).toThrow(/no token with id 0/);
    const t = tokens.grant(m('crm:read'), 0, 0, 10, 1);
    expect(() => tokens.delegate(t, 1, m('crm:read'), 0, 10, 7 as never)).toThrow(/mode/);
  });

  it('grant and delegate grow the table past its initial capacity, keeping every column', () => {
    const tokens = new TokenTable({ capacity: 2 });
    let t = tokens.grant(m('*'), 0, 0, Infinity, 5000);
    for (let i = 1; i <= 3000; i++) t = tokens.delegate(t, i % 50, m('crm:read', 'email:*'), i, Infinity, i % 2 === 0 ? Attenuate : PassThrough);
    expect(tokens.count).toBe(3001);
    expect(tokens.depthOf(t)).toBe(3000);
    expect(tokens.holderOf(t)).toBe(0);
    expect(tokens.issuedAt(t)).toBe(3000);
    expect(space.names(tokens.scopesOf(t))).toEqual(['crm:read', 'email:read', 'email:write', 'email:execute', 'email:delegate']);
    expect(tokens.heldBy(0)).toHaveLength(61);
  });
});

describe('TokenTable.check', () => {
  it('check gives the first reason in the order revoked, expired, missing scope, depth', () => {
    const tokens = new TokenTable();
    const root = tokens.grant(m('crm:read', 'crm:delegate'), 0, 0, 100, 1);
    const leaf = tokens.delegate(root, 1, m('crm:read', 'crm:delegate'), 0, 100, Attenuate);
    expect(tokens.check(root, space.bit('crm', 'read'), 5)).toBe(Verdict.Allowed);
    expect(tokens.check(root, space.bit('crm', 'delegate'), 5)).toBe(Verdict.Allowed);
    expect(tokens.check(leaf, space.bit('crm', 'delegate'), 5)).toBe(Verdict.Depth);
    expect(tokens.check(leaf, space.bit('crm', 'write'), 5)).toBe(Verdict.MissingScope);
    expect(tokens.check(leaf, space.bit('crm', 'read'), 100)).toBe(Verdict.Expired);
    tokens.revoke(leaf);
    expect(tokens.check(leaf, space.bit('crm', 'read'), 100)).toBe(Verdict.Revoked);
    expect(() => tokens.check(root, 128, 0)).toThrow(/bit/);
  });

  it('checkMask needs every scope of the mask', () => {
    const tokens = new TokenTable();
    const t = tokens.grant(m('crm:read', 'email:write'), 0, 0, 100, 0);
    expect(tokens.checkMask(t, m('crm:read', 'email:write'), 1)).toBe(Verdict.Allowed);
    expect(tokens.checkMask(t, m('crm:read', 'payments:read'), 1)).toBe(Verdict.MissingScope);
    expect(tokens.checkMask(t, m('crm:read'), 200)).toBe(Verdict.Expired);
    const d = tokens.grant(m('crm:*'), 0, 0, 100, 0);
    expect(tokens.checkMask(d, m('crm:read', 'crm:delegate'), 1)).toBe(Verdict.Depth);
  });
});

describe('TokenTable.revoke and revokeHolder', () => {
  it('revoke reaches every descendant and nothing else', () => {
    const tokens = new TokenTable();
    const r1 = tokens.grant(m('*'), 0, 0, Infinity, 5);
    const r2 = tokens.grant(m('*'), 0, 0, Infinity, 5);
    const a = tokens.delegate(r1, 1, m('crm:*'), 0, 10, Attenuate);
    const b = tokens.delegate(r1, 2, m('email:*'), 0, 10, Attenuate);
    const a1 = tokens.delegate(a, 3, m('crm:read'), 0, 10, Attenuate);
    const other = tokens.delegate(r2, 3, m('crm:read'), 0, 10, Attenuate);
    expect(tokens.revoke(a)).toBe(2);
    expect([r1, r2, a, b, a1, other].map((t) => tokens.isRevoked(t))).toEqual([false, false, true, false, true, false]);
    expect(tokens.revoke(a)).toBe(0);
    expect(tokens.revoke(r1)).toBe(2);
    expect(tokens.isRevoked(b)).toBe(true);
  });

  it('revoke walks a 50,000-hop chain without recursion', () => {
    const tokens = new TokenTable();
    const root = tokens.grant(m('crm:read'), 0, 0, Infinity, 60_000);
    let t = root;
    for (let i = 1; i <= 50_000; i++) t = tokens.delegate(t, i % 100, m('crm:read'), 0, Infinity, Attenuate);
    expect(tokens.revoke(root)).toBe(50_001);
    expect(tokens.isRevoked(t)).toBe(true);
  });

  it('revokeHolder revokes every token the agent holds and everything delegated from them', () => {
    const tokens = new TokenTable();
    const r = tokens.grant(m('*'), 0, 0, Infinity, 5);
    const x = tokens.delegate(r, 7, m('crm:*'), 0, 10, Attenuate);
    const y = tokens.delegate(r, 7, m('email:*'), 0, 10, Attenuate);
    const x1 = tokens.delegate(x, 8, m('crm:read'), 0, 10, Attenuate);
    const z = tokens.delegate(r, 8, m('repo:*'), 0, 10, Attenuate);
    expect(tokens.revokeHolder(7)).toBe(3);
    expect([r, x, y, x1, z].map((t) => tokens.isRevoked(t))).toEqual([false, true, true, true, false]);
    expect(tokens.revokeHolder(7)).toBe(0);
    expect(tokens.revokeHolder(12345)).toBe(0);
  });
});

describe('TokenTable metrics', () => {
  it('overPrivilege counts scopes granted but not needed', () => {
    const tokens = new TokenTable();
    const t = tokens.grant(m('crm:*', 'email:read'), 0, 0, 10, 0);
    const out = space.mask([]);
    expect(tokens.overPrivilege(t, m('crm:read', 'payments:read'), out)).toBe(4);
    expect(space.names(out)).toEqual(['crm:write', 'crm:execute', 'crm:delegate', 'email:read']);
    expect(tokens.overPrivilege(t, m('*'))).toBe(0);
  });

  it('blastRadius covers live held tokens and their live descendants, counting each once', () => {
    const tokens = new TokenTable();
    const root = tokens.grant(m('*'), 0, 0, Infinity, 5);
    const a = tokens.delegate(root, 1, m('crm:*', 'email:read'), 0, 100, Attenuate);
    const b = tokens.delegate(a, 2, m('crm:read'), 0, 100, Attenuate);
    tokens.delegate(b, 1, m('crm:read'), 0, 100, Attenuate); // back to agent 1: counted once
    tokens.delegate(a, 3, m('email:read'), 0, 10, Attenuate); // expires at 10
    const stale = tokens.grant(m('repo:*'), 1, 0, 5, 0); // expired by now = 20
    const r = tokens.blastRadius(1, 20);
    expect(space.names(r.scopes)).toEqual(['crm:read', 'crm:write', 'crm:execute', 'crm:delegate', 'email:read']);
    expect(r.scopeCount).toBe(5);
    expect(r.tokens).toBe(3);
    expect(r.agents).toBe(2);
    expect(tokens.blastRadius(1, 1).tokens).toBe(5); // before the expiries
    expect(maskBits(tokens.blastRadius(1, 1).scopes)).toContain(space.bit('repo', 'write'));
    tokens.revoke(a);
    expect(tokens.blastRadius(1, 20)).toMatchObject({ scopeCount: 0, tokens: 0, agents: 0 });
    expect(tokens.blastRadius(99, 0).tokens).toBe(0);
    expect(stale).toBeGreaterThan(0);
  });
});
