/**
 * Operator actions against the local stack: the operator claim (set by scripts/operator-claim.mjs),
 * the operator-only callables, their audit entries, and the chain check. Run under the launcher:
 *   node packages/devstack/dist/launcher.js --offset 50 --project demo-operator --no-web \
 *     --exec "node_modules/.bin/vitest run --project emulator functions/test/operator.test.ts"
 */
import {
  COLLECTIONS,
  type GetFileUrlsResponse,
  type OperatorResendEmailResponse,
  type OperatorSetGalleryResponse,
  type OperatorVerifyAuditResponse,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { z } from 'zod';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  callError,
  callFunction,
  runTask,
  signUp,
  stack,
  testAuth,
  testDb,
  waitFor,
  type TestUser,
} from './helpers/emulator.js';
import { outboxFor } from './helpers/pipeline.js';
import { auditEntriesOf, hashBefore, seedHeadshots, signIn } from './helpers/operator.js';

const CLAIM_SCRIPT = fileURLToPath(new URL('../../scripts/operator-claim.mjs', import.meta.url));

type ResendResponse = z.infer<typeof OperatorResendEmailResponse>;
type GalleryResponse = z.infer<typeof OperatorSetGalleryResponse>;
type VerifyResponse = z.infer<typeof OperatorVerifyAuditResponse>;

/** Runs the claim script against this stack's Auth emulator, as an operator of the project would. */
async function claimScript(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [CLAIM_SCRIPT, '--emulator', '--project', stack.GCLOUD_PROJECT, ...args],
    { env: { ...process.env, FIREBASE_AUTH_EMULATOR_HOST: stack.FIREBASE_AUTH_EMULATOR_HOST } },
  );
  return stdout;
}

/** An account made operator by the claim script, signed in afterwards so its token has the claim. */
async function newOperator(): Promise<TestUser> {
  const email = `operator-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'operator-test-pw';
  await testAuth.createUser({ email, password });
  const printed = await claimScript('grant', email);
  expect(printed).toContain(`Granted operator: ${email}`);
  return signIn(email, password);
}

const orderDoc = (orderId: string) => testDb.collection(COLLECTIONS.orders).doc(orderId);
const auditLog = () => testDb.collection(COLLECTIONS.auditLog);

/** A delivered order of `user` with two headshots (files in the blob store, image docs). */
async function seedDeliveredOrder(user: TestUser): Promise<{ orderId: string; imageIds: string[] }> {
  const orderId = `op${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  await orderDoc(orderId).set({
    uid: user.uid,
    status: 'delivered',
    subjectClass: 'woman',
    styleIds: ['corporate-grey'],
    planId: 'starter',
    images: { planned: 2, done: 2, failed: 0 },
    createdAt: FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
  });
  const imageIds = await seedHeadshots(user.uid, orderId);
  return { orderId, imageIds };
}

async function mailStatus(dedupeKey: string): Promise<string | undefined> {
  const snap = await testDb.collection(COLLECTIONS.mail).doc(dedupeKey).get();
  return snap.get('status') as string | undefined;
}

let operator: TestUser;
let customer: TestUser;

beforeAll(async () => {
  [operator, customer] = await Promise.all([newOperator(), signUp()]);
});

describe('operator claim script', () => {
  it('grants the claim (other claims kept) and revokes it', async () => {
    const email = `claims-${randomUUID().slice(0, 8)}@example.test`;
    const { uid } = await testAuth.createUser({ email });
    await testAuth.setCustomUserClaims(uid, { beta: true });
    await claimScript('grant', email);
    expect((await testAuth.getUser(uid)).customClaims).toEqual({ beta: true, operator: true });
    expect(await claimScript('revoke', email)).toContain(`Revoked operator: ${email}`);
    expect((await testAuth.getUser(uid)).customClaims).toEqual({ beta: true });
  });
});

describe('operator-only callables', () => {
  const valid = (orderId: string) => ({
    operatorResendEmail: { orderId, template: 'order-delivered', reason: 'customer asked again' },
    operatorSetGallery: { orderId, open: false, reason: 'card dispute opened' },
    operatorVerifyAudit: {},
  });

  it('refuse signed-out callers and customers without the claim, before looking at the request', async () => {
    const { orderId } = await seedDeliveredOrder(customer);
    for (const [name, data] of Object.entries(valid(orderId))) {
      expect((await callError(name, data)).status, name).toBe('UNAUTHENTICATED');
      expect((await callError(name, data, customer.idToken)).status, name).toBe('PERMISSION_DENIED');
      expect((await callError(name, { nonsense: true }, customer.idToken)).status, name).toBe(
        'PERMISSION_DENIED',
      );
    }
    expect((await orderDoc(orderId).get()).get('gallery')).toBeUndefined();
    expect(await auditEntriesOf(orderId, 'gallery.set')).toEqual([]);
  });

  it('want a reason and a known order', async () => {
    const { orderId } = await seedDeliveredOrder(customer);
    const noReason = await callError(
      'operatorSetGallery',
      { orderId, open: false, reason: ' ' },
      operator.idToken,
    );
    expect(noReason.status).toBe('INVALID_ARGUMENT');
    expect(noReason.message).toContain('reason');
    const unknown = await callError(
      'operatorSetGallery',
      { orderId: 'no-such-order', open: false, reason: 'testing' },
      operator.idToken,
    );
    expect(unknown.status).toBe('NOT_FOUND');
  });
});

describe('operatorResendEmail', () => {
  it('sends the email again under a new key, chained into the audit log', async () => {
    const { orderId } = await seedDeliveredOrder(customer);
    // The original, as the status change would have sent it.
    expect(
      (
        await runTask('sendEmail', {
          template: 'order-delivered',
          orderId,
          dedupeKey: `delivered-${orderId}`,
        })
      ).ok,
    ).toBe(true);
    await waitFor(async () => (await mailStatus(`delivered-${orderId}`)) === 'sent', {
      what: 'the original email',
    });

    const first = await callFunction<ResendResponse>(
      'operatorResendEmail',
      { orderId, template: 'order-delivered', reason: 'customer lost the first one' },
      operator.idToken,
    );
    expect(first).toEqual({ dedupeKey: `delivered-${orderId}-resend-1`, resend: 1, alreadyQueued: false });
    await waitFor(async () => (await mailStatus(first.dedupeKey)) === 'sent', {
      timeoutMs: 30_000,
      what: 'the resent email',
    });
    const sent = await waitFor(
      async () => {
        const mails = (await outboxFor(customer.email)).filter((m) => m.text.includes(orderId));
        return mails.length === 2 ? mails : undefined;
      },
      { what: 'two emails in the outbox' },
    );
    expect(sent[0]!.subject).toBe(sent[1]!.subject);

    const [entry] = await auditEntriesOf(orderId, 'email.resend');
    expect(entry).toMatchObject({
      actor: { uid: operator.uid, email: operator.email },
      orderId,
      reason: 'customer lost the first one',
      before: { template: 'order-delivered', resends: 0 },
      after: { template: 'order-delivered', resend: 1, dedupeKey: first.dedupeKey },
    });
    expect(entry!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(entry!.prevHash).toBe(await hashBefore(entry!.seq));

    // Once that one went out, another resend is a new email with a key of its own.
    const second = await callFunction<ResendResponse>(
      'operatorResendEmail',
      { orderId, template: 'order-delivered', reason: 'customer asked again' },
      operator.idToken,
    );
    expect(second).toMatchObject({ dedupeKey: `delivered-${orderId}-resend-2`, resend: 2 });
    const entries = await auditEntriesOf(orderId, 'email.resend');
    expect(entries).toHaveLength(2);
    expect(entries[1]!.prevHash).toBe(await hashBefore(entries[1]!.seq));
  });

  it('refuses an email the order is not owed, in words', async () => {
    const { orderId } = await seedDeliveredOrder(customer);
    const err = await callError(
      'operatorResendEmail',
      { orderId, template: 'order-failed', reason: 'wrong button' },
      operator.idToken,
    );
    expect(err.status).toBe('FAILED_PRECONDITION');
    expect(err.message).toContain(
      'This order is "delivered"; the "order-failed" email is only for orders that are "failed".',
    );
    expect(await auditEntriesOf(orderId, 'email.resend')).toEqual([]);
  });
});

describe('operatorSetGallery', () => {
  it('closes the gallery (downloads refuse), is harmless twice, and reopens it', async () => {
    const { orderId, imageIds } = await seedDeliveredOrder(customer);
    const urls = () =>
      callFunction<GetFileUrlsResponse>(
        'getFileUrls',
        { orderId, kind: 'image', ids: imageIds },
        customer.idToken,
      );
    expect(Object.keys((await urls()).urls).sort()).toEqual(imageIds);

    const close = { orderId, open: false, reason: 'card dispute opened' };
    expect(await callFunction<GalleryResponse>('operatorSetGallery', close, operator.idToken)).toEqual({
      open: false,
      changed: true,
    });
    expect((await orderDoc(orderId).get()).get('gallery')).toMatchObject({
      open: false,
      by: operator.uid,
      reason: 'card dispute opened',
    });
    for (const kind of ['image', 'image-thumb']) {
      const err = await callError('getFileUrls', { orderId, kind, ids: imageIds }, customer.idToken);
      expect(err.status, kind).toBe('FAILED_PRECONDITION');
      expect(err.message).toContain('closed by our team');
    }
    expect((await callError('createZipDownload', { orderId }, customer.idToken)).status).toBe(
      'FAILED_PRECONDITION',
    );

    // The same request again changes nothing and records nothing.
    expect(await callFunction<GalleryResponse>('operatorSetGallery', close, operator.idToken)).toEqual({
      open: false,
      changed: false,
    });
    expect(await auditEntriesOf(orderId, 'gallery.set')).toHaveLength(1);

    await callFunction(
      'operatorSetGallery',
      { orderId, open: true, reason: 'dispute won' },
      operator.idToken,
    );
    expect(Object.keys((await urls()).urls).sort()).toEqual(imageIds);
    const entries = await auditEntriesOf(orderId, 'gallery.set');
    expect(entries.map((e) => [e.before, e.after, e.reason])).toEqual([
      [{ open: true }, { open: false }, 'card dispute opened'],
      [{ open: false }, { open: true }, 'dispute won'],
    ]);
    expect(entries[1]!.prevHash).toBe(await hashBefore(entries[1]!.seq));
  });
});

describe('operatorVerifyAudit', () => {
  const verify = () => callFunction<VerifyResponse>('operatorVerifyAudit', {}, operator.idToken);

  it('reports an intact chain, then the entry an admin changed or the entry deleted', async () => {
    const { orderId } = await seedDeliveredOrder(customer);
    await callFunction(
      'operatorSetGallery',
      { orderId, open: false, reason: 'to be tampered with' },
      operator.idToken,
    );
    await callFunction('operatorSetGallery', { orderId, open: true, reason: 'last entry' }, operator.idToken);
    const head = (await auditLog().doc('_head').get()).data() as { lastSeq: number };
    expect(await verify()).toEqual({ ok: true, entries: head.lastSeq });

    const [tampered, last] = await auditEntriesOf(orderId, 'gallery.set');
    const tamperedRef = auditLog().doc(String(tampered!.seq).padStart(12, '0'));
    await tamperedRef.update({ reason: 'nothing to see here' });
    try {
      const broken = await verify();
      expect(broken).toMatchObject({
        ok: false,
        entries: tampered!.seq - 1,
        brokenAt: { seq: tampered!.seq },
      });
      expect(broken.brokenAt!.problem).toContain('changed after it was written');
    } finally {
      await tamperedRef.update({ reason: tampered!.reason });
    }
    expect(await verify()).toMatchObject({ ok: true });

    const lastRef = auditLog().doc(String(last!.seq).padStart(12, '0'));
    const lastData = (await lastRef.get()).data()!;
    await lastRef.delete();
    try {
      expect(await verify()).toMatchObject({ ok: false, brokenAt: { seq: last!.seq } });
    } finally {
      await lastRef.set(lastData);
    }
    expect(await verify()).toMatchObject({ ok: true });
  });
});
