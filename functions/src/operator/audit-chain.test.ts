import type { AuditActor, AuditEntryDoc } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import {
  checkAuditChain,
  EMPTY_AUDIT_HEAD,
  GENESIS_HASH,
  hashAuditContent,
  nextAuditEntry,
  parseAuditHead,
  type AuditEntryInput,
  type AuditHead,
} from './audit-chain.js';

const operator: AuditActor = { uid: 'op-1', email: 'op@example.test' };
const at = { toMillis: () => 1_700_000_000_000 };

const input = (i: number): AuditEntryInput => ({
  actor: i % 2 ? { system: 'stripe-webhook' } : operator,
  action: i % 2 ? 'refund.recorded' : 'gallery.set',
  orderId: `order${i}`,
  before: { open: true, n: i },
  after: { open: false, n: i, tags: ['a', 'b'], nested: { z: 1, a: null } },
  reason: i % 2 ? null : `reason ${i}`,
});

/** A log of `n` entries as stored (server time added), and its head. */
function log(n: number): { entries: AuditEntryDoc[]; head: AuditHead } {
  let head = EMPTY_AUDIT_HEAD;
  const entries: AuditEntryDoc[] = [];
  for (let i = 1; i <= n; i++) {
    const next = nextAuditEntry(head, input(i), new Date(Date.UTC(2026, 0, 1, 0, 0, i)));
    entries.push({ ...next.content, at, hash: next.hash });
    head = next.head;
  }
  return { entries, head };
}

describe('appending', () => {
  it('numbers entries from 1 and links each to the previous hash', () => {
    const { entries, head } = log(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[2]!.prevHash).toBe(entries[1]!.hash);
    expect(head).toEqual({ lastSeq: 3, lastHash: entries[2]!.hash });
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[0]!.atIso).toBe('2026-01-01T00:00:01.000Z');
  });

  it('hashes the canonical JSON: key order does not matter, server time and hash are left out', () => {
    const { entries } = log(1);
    const e = entries[0]!;
    // Same fields, keys inserted in reverse order at every level.
    const reversed = (v: unknown): unknown =>
      v && typeof v === 'object' && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v)
              .reverse()
              .map(([k, x]) => [k, reversed(x)]),
          )
        : v;
    expect(Object.keys(reversed(e) as object)[0]).toBe('hash');
    expect(hashAuditContent(reversed(e) as AuditEntryDoc)).toBe(e.hash);
    expect(hashAuditContent({ ...e, at: { toMillis: () => 0 }, hash: 'other' } as AuditEntryDoc)).toBe(
      e.hash,
    );
  });

  it('changes the hash when any hashed field changes', () => {
    const e = log(1).entries[0]!;
    for (const changed of [
      { ...e, reason: 'reason 2' },
      { ...e, after: { ...(e.after as object), open: true } },
      { ...e, actor: { uid: 'op-2', email: 'op@example.test' } },
      { ...e, atIso: '2026-01-01T00:00:02.000Z' },
      { ...e, prevHash: 'f'.repeat(64) },
      { ...e, seq: 2 },
    ]) {
      expect(hashAuditContent(changed)).not.toBe(e.hash);
    }
  });

  it('refuses before/after that would not read back as hashed (dates, undefined, NaN)', () => {
    expect(() =>
      nextAuditEntry(EMPTY_AUDIT_HEAD, { ...input(2), before: new Date() as never }, new Date()),
    ).toThrow();
    expect(() =>
      nextAuditEntry(EMPTY_AUDIT_HEAD, { ...input(2), after: { x: undefined } as never }, new Date()),
    ).toThrow();
    expect(() => nextAuditEntry(EMPTY_AUDIT_HEAD, { ...input(2), after: Number.NaN }, new Date())).toThrow();
  });

  it('starts from an empty head and refuses a malformed one rather than forking the chain', () => {
    expect(parseAuditHead(undefined)).toEqual(EMPTY_AUDIT_HEAD);
    expect(parseAuditHead({ lastSeq: 4, lastHash: 'abc' })).toEqual({ lastSeq: 4, lastHash: 'abc' });
    expect(() => parseAuditHead({ lastSeq: 'four' })).toThrow(/malformed/);
  });
});

describe('verifying', () => {
  it('passes an intact log, an empty log, and a log read as pages (async)', async () => {
    const { entries, head } = log(5);
    expect(await checkAuditChain(entries, head)).toEqual({ ok: true, entries: 5 });
    expect(await checkAuditChain([], undefined)).toEqual({ ok: true, entries: 0 });
    async function* paged() {
      for (const e of entries) yield await Promise.resolve(e);
    }
    expect(await checkAuditChain(paged(), head)).toEqual({ ok: true, entries: 5 });
  });

  it('finds a changed field at its entry', async () => {
    const { entries, head } = log(5);
    entries[2] = { ...entries[2]!, reason: 'nothing to see here' };
    const check = await checkAuditChain(entries, head);
    expect(check).toMatchObject({ ok: false, entries: 2, brokenAt: { seq: 3 } });
    expect(!check.ok && check.brokenAt.problem).toMatch(/changed after it was written/);
  });

  it('finds a changed entry whose hash was recomputed, at the next link', async () => {
    const { entries, head } = log(5);
    const forged = { ...entries[1]!, after: { open: true } };
    entries[1] = { ...forged, hash: hashAuditContent(forged) };
    expect(await checkAuditChain(entries, head)).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
  });

  it('finds a deleted entry in the middle, at the start and at the end', async () => {
    const { entries, head } = log(5);
    const middle = await checkAuditChain([...entries.slice(0, 2), ...entries.slice(3)], head);
    expect(middle).toMatchObject({ ok: false, entries: 2, brokenAt: { seq: 3 } });
    expect(!middle.ok && middle.brokenAt.problem).toMatch(/Entry 3 is missing/);
    expect(await checkAuditChain(entries.slice(2), head)).toMatchObject({
      ok: false,
      brokenAt: { seq: 1, problem: 'Entries 1–2 are missing.' },
    });
    const end = await checkAuditChain(entries.slice(0, 4), head);
    expect(end).toMatchObject({ ok: false, entries: 4, brokenAt: { seq: 5 } });
    expect(!end.ok && end.brokenAt.problem).toMatch(/missing from the end/);
  });

  it('finds deleted entries even when the head was deleted too, or rewound without the hash', async () => {
    const { entries } = log(3);
    expect(await checkAuditChain(entries, undefined)).toMatchObject({ ok: false, brokenAt: { seq: 3 } });
    const rewound = await checkAuditChain(entries.slice(0, 2), { lastSeq: 2, lastHash: entries[2]!.hash });
    expect(rewound).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });

  it('finds reordered entries: swapped positions, and swapped seq numbers', async () => {
    const { entries, head } = log(4);
    const swapped = [entries[0]!, entries[2]!, entries[1]!, entries[3]!];
    expect(await checkAuditChain(swapped, head)).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    const renumbered = [entries[0]!, { ...entries[2]!, seq: 2 }, { ...entries[1]!, seq: 3 }, entries[3]!];
    expect(await checkAuditChain(renumbered, head)).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
  });

  it('finds a duplicated entry and a malformed one', async () => {
    const { entries, head } = log(3);
    expect(await checkAuditChain([entries[0]!, entries[0]!, ...entries.slice(1)], head)).toMatchObject({
      ok: false,
      brokenAt: { seq: 1, problem: 'Entry 1 appears twice.' },
    });
    const { hash: _dropped, ...noHash } = entries[1]!;
    const malformed = await checkAuditChain([entries[0]!, noHash, entries[2]!], head);
    expect(malformed).toMatchObject({ ok: false, brokenAt: { seq: 2 } });
    expect(!malformed.ok && malformed.brokenAt.problem).toMatch(/malformed \(hash:/);
  });

  it('leaves entries appended after the head was read for the next check', async () => {
    const { entries } = log(4);
    const headAfterTwo = { lastSeq: 2, lastHash: entries[1]!.hash };
    expect(await checkAuditChain(entries, headAfterTwo)).toEqual({ ok: true, entries: 2 });
  });
});
