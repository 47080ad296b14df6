/**
 * Helpers for tests of operator actions: an account holding the operator claim, and reading the
 * audit log.
 */
import { COLLECTIONS, storagePaths, type ImageDoc } from '@likeness/core';
import sharp from 'sharp';
import { randomUUID } from 'node:crypto';
import { stack, testAuth, testBlob, testDb, type TestUser } from './emulator.js';
import { writeImageDoc } from './image-doc.js';

const GENESIS_HASH = '0'.repeat(64);

/** Signs in with a password; the ID token carries the account's custom claims as they are now. */
export async function signIn(email: string, password: string): Promise<TestUser> {
  const res = await fetch(
    `http://${stack.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithPassword?key=demo-key`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password, returnSecureToken: true }),
    },
  );
  const body = (await res.json()) as { localId?: string; idToken?: string };
  if (!res.ok || !body.localId || !body.idToken) throw new Error(`signIn failed: ${res.status}`);
  return { uid: body.localId, email, idToken: body.idToken };
}

/** An account with the operator claim (as scripts/operator-claim.mjs sets it), signed in afterwards. */
export async function newOperator(): Promise<TestUser> {
  const email = `operator-${randomUUID().slice(0, 8)}@example.test`;
  const password = 'operator-test-pw';
  const { uid } = await testAuth.createUser({ email, password });
  await testAuth.setCustomUserClaims(uid, { operator: true });
  return signIn(email, password);
}

const auditLog = () => testDb.collection(COLLECTIONS.auditLog);

/** An order's audit entries of one action, in seq order. */
export async function auditEntriesOf(orderId: string, action: string) {
  const snap = await auditLog().where('orderId', '==', orderId).where('action', '==', action).get();
  return snap.docs.map((d) => d.data()).sort((a, b) => a.seq - b.seq);
}

/** The hash of the entry before `seq` (the genesis hash for the first). */
export async function hashBefore(seq: number): Promise<string> {
  if (seq === 1) return GENESIS_HASH;
  const snap = await auditLog()
    .where('seq', '==', seq - 1)
    .get();
  return snap.docs[0]!.get('hash') as string;
}

/** Two headshots of an order of `uid` (files in the blob store, image docs), as ingest leaves them. */
export async function seedHeadshots(uid: string, orderId: string): Promise<string[]> {
  const imageIds: string[] = [];
  for (const index of [0, 1]) {
    const id = `corporate-grey-0-${index}`;
    const bytes = await sharp({ create: { width: 64, height: 80, channels: 3, background: '#456' } })
      .png()
      .toBuffer();
    const storagePath = storagePaths.image(uid, orderId, id, 'png');
    const thumbPath = storagePaths.imageThumb(uid, orderId, id);
    await testBlob.write(storagePath, bytes, 'image/png');
    await testBlob.write(thumbPath, await sharp(bytes).webp().toBuffer(), 'image/webp');
    const doc: Omit<ImageDoc, 'createdAt'> = {
      uid,
      orderId,
      styleId: 'corporate-grey',
      jobId: 'corporate-grey-0',
      index,
      storagePath,
      thumbPath,
      width: 64,
      height: 80,
      contentType: 'image/png',
      localPreview: true,
      rating: null,
      favorite: false,
    };
    await writeImageDoc(id, doc);
    imageIds.push(id);
  }
  return imageIds;
}
