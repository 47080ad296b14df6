import { FieldValue, type Transaction } from 'firebase-admin/firestore';
import { auditEntryRef, auditHeadRef, auditLogCol } from '../shared/db.js';
import {
  checkAuditChain,
  nextAuditEntry,
  parseAuditHead,
  type AuditChainCheck,
  type AuditEntryInput,
} from './audit-chain.js';

export type { AuditEntryInput } from './audit-chain.js';

/**
 * Appends one entry to the audit log inside the caller's transaction, so the entry commits with the
 * change it records or not at all. It reads `auditLog/_head`: concurrent appends therefore conflict
 * on the head and Firestore serializes them, which keeps seq gap-free and the chain single.
 *
 * Firestore transactions read before they write: call it after the transaction's other reads and
 * before its writes, once per transaction (a second call would read the head after writing it;
 * put everything one action did in one entry). `before` and `after` must be plain JSON.
 */
export async function appendAudit(
  tx: Transaction,
  entry: AuditEntryInput,
): Promise<{ seq: number; hash: string }> {
  const head = parseAuditHead((await tx.get(auditHeadRef())).data());
  const next = nextAuditEntry(head, entry, new Date());
  tx.create(auditEntryRef(next.content.seq), {
    ...next.content,
    at: FieldValue.serverTimestamp(),
    hash: next.hash,
  });
  tx.set(auditHeadRef(), { ...next.head, updatedAt: FieldValue.serverTimestamp() });
  return { seq: next.content.seq, hash: next.hash };
}

/** Entries in seq order, a page at a time (the head has no `seq`, so the ordering leaves it out). */
async function* auditEntriesBySeq(pageSize: number): AsyncGenerator<unknown> {
  let after: unknown = null;
  for (;;) {
    let query = auditLogCol().orderBy('seq').limit(pageSize);
    if (after !== null) query = query.startAfter(after);
    const page = await query.get();
    for (const doc of page.docs) yield doc.data();
    if (page.size < pageSize) return;
    after = page.docs[page.size - 1]!.get('seq');
  }
}

/**
 * Walks the whole log in seq order against the head read first, and reports the first broken link.
 * Entries appended while it walks are past that head and left for the next check.
 */
export async function verifyAuditChain(pageSize = 500): Promise<AuditChainCheck> {
  const head = await auditHeadRef().get();
  return checkAuditChain(auditEntriesBySeq(pageSize), head.exists ? head.data() : undefined);
}
