import { AuditContent, AuditEntryDoc } from '@likeness/core';
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The audit log's hash chain, without Firestore: what an entry hashes, the entry that follows a
 * head, and the walk that finds the first broken link. audit.ts does the reads and writes.
 *
 * Each entry's hash covers its content and the previous entry's hash, so changing, deleting or
 * reordering any entry breaks every link after it. The head (`auditLog/_head`) holds the last seq
 * and hash, which also catches entries deleted from the end.
 */

/** The prevHash of entry 1. */
export const GENESIS_HASH = '0'.repeat(64);

export const AuditHead = z.object({ lastSeq: z.number().int().nonnegative(), lastHash: z.string() });
export type AuditHead = z.infer<typeof AuditHead>;

export const EMPTY_AUDIT_HEAD: AuditHead = { lastSeq: 0, lastHash: GENESIS_HASH };

/** What the caller of appendAudit says; seq, time and the link are filled in. */
export type AuditEntryInput = Omit<AuditContent, 'seq' | 'atIso' | 'prevHash'>;

/**
 * sha256 (hex) of the RFC 8785 canonical JSON of the entry's hashed fields. Anything else on the
 * document (`at`, `hash`) is left out by the parse.
 */
export function hashAuditContent(entry: AuditContent): string {
  const json = canonicalize(AuditContent.parse(entry));
  if (json === undefined) throw new Error('An audit entry has no JSON form');
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** The entry that follows `head`, its hash, and the head after it. Throws on non-JSON before/after. */
export function nextAuditEntry(
  head: AuditHead,
  input: AuditEntryInput,
  now: Date,
): { content: AuditContent; hash: string; head: AuditHead } {
  const content = AuditContent.parse({
    ...input,
    seq: head.lastSeq + 1,
    atIso: now.toISOString(),
    prevHash: head.lastHash,
  });
  const hash = hashAuditContent(content);
  return { content, hash, head: { lastSeq: content.seq, lastHash: hash } };
}

/** The stored head, or the empty one; a head that does not parse is refused rather than restarted. */
export function parseAuditHead(data: unknown): AuditHead {
  if (data === undefined) return EMPTY_AUDIT_HEAD;
  const parsed = AuditHead.safeParse(data);
  if (!parsed.success) throw new Error('auditLog/_head is malformed: refusing to append to the audit log');
  return parsed.data;
}

export type AuditChainCheck =
  { ok: true; entries: number } | { ok: false; entries: number; brokenAt: { seq: number; problem: string } };

/**
 * Walks entries in seq order (as a query ordered by seq returns them) and reports the first broken
 * link. Entries past the head's lastSeq were appended after the head was read, so they are left for
 * the next check.
 */
export async function checkAuditChain(
  entries: AsyncIterable<unknown> | Iterable<unknown>,
  headData: unknown,
): Promise<AuditChainCheck> {
  let checked = 0;
  let expected = { seq: 1, prevHash: GENESIS_HASH };
  const broken = (seq: number, problem: string): AuditChainCheck => ({
    ok: false,
    entries: checked,
    brokenAt: { seq, problem },
  });

  const head = headData === undefined ? undefined : AuditHead.safeParse(headData);
  if (head && !head.success) return broken(0, 'The head (auditLog/_head) is malformed.');
  const lastSeq = head ? head.data.lastSeq : Infinity;

  for await (const raw of entries) {
    const parsed = AuditEntryDoc.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? `${issue.path.join('.')}: ` : '';
      return broken(
        expected.seq,
        `Entry ${expected.seq} is malformed (${where}${issue?.message ?? 'invalid'}).`,
      );
    }
    const entry = parsed.data;
    if (entry.seq > lastSeq) break;
    if (entry.seq > expected.seq) {
      const missing =
        entry.seq - 1 === expected.seq
          ? `Entry ${expected.seq} is`
          : `Entries ${expected.seq}–${entry.seq - 1} are`;
      return broken(expected.seq, `${missing} missing.`);
    }
    if (entry.seq < expected.seq) return broken(entry.seq, `Entry ${entry.seq} appears twice.`);
    if (entry.prevHash !== expected.prevHash) {
      return broken(
        entry.seq,
        `Entry ${entry.seq} does not link to entry ${entry.seq - 1} (prevHash differs).`,
      );
    }
    if (hashAuditContent(entry) !== entry.hash) {
      return broken(
        entry.seq,
        `Entry ${entry.seq} was changed after it was written (its hash does not match).`,
      );
    }
    checked += 1;
    expected = { seq: entry.seq + 1, prevHash: entry.hash };
  }

  if (!head) {
    return checked === 0
      ? { ok: true, entries: 0 }
      : broken(checked, 'The head (auditLog/_head) is missing.');
  }
  if (checked < head.data.lastSeq) {
    const missing =
      head.data.lastSeq === expected.seq
        ? `Entry ${expected.seq} is`
        : `Entries ${expected.seq}–${head.data.lastSeq} are`;
    return broken(expected.seq, `${missing} missing from the end of the log.`);
  }
  if (head.data.lastHash !== expected.prevHash) {
    return broken(checked, `The head's hash does not match entry ${checked}.`);
  }
  return { ok: true, entries: checked };
}
