/**
 * Deletion that really deletes, proven by listing every place an order's data lived — every blob
 * under its storage prefix, its Firestore subtree, its mail records, the trained model version and
 * its weights at the GPU provider (stand-in), its upload intents — before and after: a delivered
 * order the customer deletes, an account with two orders, the retention schedule with a shifted
 * clock (through a provider outage), and consent before the first upload.
 */
import { COLLECTIONS, CONSENT_REQUIRED_MESSAGE, DAY_MS, RETENTION, storagePaths } from '@likeness/core';
import { describe, expect, it } from 'vitest';
import { applyRetention } from '../src/erasure/retention-sweep.js';
import {
  createDraftOrder,
  giveConsent,
  payOnStandin,
  readyOrder,
  selfie,
  uploadPhotos,
} from './helpers/customer.js';
import {
  callError,
  callFunction,
  signUp,
  stack,
  testAuth,
  testBlob,
  testDb,
  waitFor,
} from './helpers/emulator.js';
import {
  callTask,
  env,
  failNext,
  orderData,
  outboxFor,
  seedPaidOrder,
  waitForStatus,
} from './helpers/pipeline.js';

/** These tests run whole orders through the pipeline (training, 40 predictions) on a shared CPU. */
const PIPELINE_TEST_MS = 600_000;

const orderDoc = (orderId: string) => testDb.collection(COLLECTIONS.orders).doc(orderId);
const replicateApi = env.LIKENESS_STANDIN_URLS.replicate;
const replicateGet = async (path: string) =>
  fetch(`${replicateApi}/v1${path}`, { headers: { Authorization: `Bearer ${env.REPLICATE_API_TOKEN}` } });

/** The provider's side of an order: its trained version (owner/name:id) and that training's weights URL. */
async function providerModelOf(orderId: string) {
  const pipeline = (await orderDoc(orderId).collection('private').doc('pipeline').get()).data() ?? {};
  const version = pipeline.replicateVersion as string;
  const training = (await (await replicateGet(`/trainings/${pipeline.trainingId}`)).json()) as {
    output: { weights: string };
  };
  return { version, weights: training.output.weights };
}

async function versionExists(versionRef: string): Promise<boolean> {
  const [model, id] = versionRef.split(':') as [string, string];
  const res = await replicateGet(`/models/${model}/versions`);
  const body = (await res.json()) as { results: Array<{ id: string }> };
  return body.results.some((v) => v.id === id);
}

/** Everything of one order that exists anywhere we or our processors keep data. */
async function inventory(uid: string, orderId: string) {
  const ref = orderDoc(orderId);
  const subcollections: Record<string, number> = {};
  for (const col of await ref.listCollections())
    subcollections[col.id] = (await col.count().get()).data().count;
  const mail = await testDb.collection(COLLECTIONS.mail).where('orderId', '==', orderId).get();
  return {
    blobs: await testBlob.list(storagePaths.order(uid, orderId)),
    subcollections: Object.fromEntries(Object.entries(subcollections).filter(([, n]) => n > 0)),
    mail: mail.docs.map((d) => d.id).sort(),
    order: (await ref.get()).data(),
  };
}

async function erasureDone(orderId: string, timeoutMs = 90_000) {
  return waitFor(
    async () => {
      const o = await orderData(orderId);
      return o.erasure?.state === 'deleted' ? o : undefined;
    },
    { timeoutMs, what: `the erasure of ${orderId}` },
  );
}

describe('consent before the first upload', () => {
  it('refuses upload URLs until the customer consented to the current notice', async () => {
    const user = await signUp();
    const orderId = await createDraftOrder(user, { consent: false });
    const file = await selfie(50);
    const request = {
      orderId,
      files: [{ name: file.name, contentType: file.contentType, size: file.bytes.length }],
    };
    const refused = await callError('createUploadUrls', request, user.idToken);
    expect(refused.status).toBe('FAILED_PRECONDITION');
    expect(refused.message).toContain(CONSENT_REQUIRED_MESSAGE);

    await giveConsent(user, '2020-01-01');
    expect((await callError('createUploadUrls', request, user.idToken)).message).toContain(
      CONSENT_REQUIRED_MESSAGE,
    );

    await giveConsent(user);
    const { uploads } = await callFunction<{ uploads: unknown[] }>('createUploadUrls', request, user.idToken);
    expect(uploads).toHaveLength(1);
  });
});

describe('deleting one photo before payment', { timeout: PIPELINE_TEST_MS }, () => {
  it('removes its file, crop, thumbnail, face signals and record, and recounts the order', async () => {
    const user = await signUp();
    const orderId = await createDraftOrder(user);
    const { photoIds } = await uploadPhotos(user, orderId, [await selfie(60), await selfie(61)]);
    const [gone, kept] = photoIds as [string, string];
    await waitFor(async () => ((await orderData(orderId)).photos?.pending === 0 ? true : undefined), {
      timeoutMs: 120_000,
      what: 'both verdicts',
    });
    const prefix = storagePaths.order(user.uid, orderId);
    expect((await testBlob.list(prefix)).filter((p) => p.includes(gone)).length).toBeGreaterThanOrEqual(2);

    expect(await callFunction('deletePhoto', { orderId, photoId: gone }, user.idToken)).toEqual({
      deleted: true,
    });
    expect((await testBlob.list(prefix)).filter((p) => p.includes(gone))).toEqual([]);
    expect((await testBlob.list(prefix)).filter((p) => p.includes(kept)).length).toBeGreaterThanOrEqual(2);
    for (const col of ['photos', 'qcSignals', 'uploadIntents'])
      expect((await orderDoc(orderId).collection(col).doc(gone).get()).exists, col).toBe(false);
    expect((await orderData(orderId)).photos.uploaded).toBe(1);
    // Twice is harmless; another customer cannot.
    expect(await callFunction('deletePhoto', { orderId, photoId: gone }, user.idToken)).toEqual({
      deleted: false,
    });
    const stranger = await signUp();
    expect((await callError('deletePhoto', { orderId, photoId: kept }, stranger.idToken)).status).toBe(
      'PERMISSION_DENIED',
    );
  });
});

describe('deleting a delivered order', { timeout: PIPELINE_TEST_MS }, () => {
  it('leaves nothing of it anywhere: storage, Firestore, mail records, the provider', async () => {
    const { user, orderId } = await readyOrder({ firstSelfie: 30 });
    // An upload link handed out but never used: its intent must go too.
    const spare = await selfie(39);
    await callFunction(
      'createUploadUrls',
      { orderId, files: [{ name: spare.name, contentType: spare.contentType, size: spare.bytes.length }] },
      user.idToken,
    );
    const { sessionId } = await callFunction<{ sessionId: string }>(
      'createCheckout',
      { orderId },
      user.idToken,
    );
    await payOnStandin(sessionId, user.email);
    await waitForStatus(orderId, ['delivered'], 300_000);
    await callFunction('createZipDownload', { orderId }, user.idToken);
    const provider = await providerModelOf(orderId);
    // The delivered email's record holds the address: wait for its task so the inventory has it.
    await waitFor(
      async () =>
        (await testDb.collection(COLLECTIONS.mail).doc(`delivered-${orderId}`).get()).exists
          ? true
          : undefined,
      { timeoutMs: 60_000, what: 'the delivered email record' },
    );

    const before = await inventory(user.uid, orderId);
    for (const folder of ['uploads/', 'crops/', 'training/', 'images/', 'thumbs/', 'exports/'])
      expect(
        before.blobs.some((p) => p.includes(`/${folder}`)),
        folder,
      ).toBe(true);
    expect(Object.keys(before.subcollections).sort()).toEqual(
      ['images', 'jobs', 'photos', 'private', 'qcSignals', 'uploadIntents'].sort(),
    );
    expect(before.mail).toContain(`delivered-${orderId}`);
    expect(await versionExists(provider.version)).toBe(true);
    expect((await fetch(provider.weights)).status).toBe(200);

    expect(await callFunction('deleteOrder', { orderId }, user.idToken)).toEqual({ state: 'deleting' });
    expect((await orderData(orderId)).status).toBe('deleted');
    // A double click is harmless.
    expect((await callFunction<{ state: string }>('deleteOrder', { orderId }, user.idToken)).state).toMatch(
      /deleting|deleted/,
    );
    const erased = await erasureDone(orderId);

    const after = await inventory(user.uid, orderId);
    expect(after.blobs).toEqual([]);
    expect(after.subcollections).toEqual({});
    // The only mail record left is the receipt of the deletion itself.
    await waitFor(async () => ((await inventory(user.uid, orderId)).mail.length === 1 ? true : undefined), {
      what: 'the deletion receipt',
    });
    expect((await inventory(user.uid, orderId)).mail).toEqual([`deleted-${orderId}`]);
    expect(await versionExists(provider.version)).toBe(false);
    expect((await fetch(provider.weights)).status).toBe(404);
    // The tombstone says the order is gone and holds nothing about the person or their photos.
    for (const field of ['photos', 'qc', 'training', 'checkout', 'downloads', 'error'])
      expect(after.order, field).not.toHaveProperty(field);
    expect(after.order?.subjectClass).toBe('person');
    expect(erased.erasure).toMatchObject({ scope: 'everything', reason: 'customer', lastError: null });
    expect(erased.erasure.removed).toMatchObject({ models: 1, images: 40 });
    expect(erased.erasure.removed.photos).toBeGreaterThanOrEqual(10);

    const receipt = await waitFor(
      async () => (await outboxFor(user.email)).find((m) => m.subject === 'Your Likeness order was deleted'),
      { what: 'the receipt email' },
    );
    expect(receipt.text).toContain('your personal model, in our storage and at the GPU provider');
    expect(receipt.text).toContain('40 headshots');
    expect(receipt.text).toContain('/privacy');
  });

  it('stops GPU work in flight first, and nothing arrives after', async () => {
    const seeded = await seedPaidOrder({ photos: 10 });
    await callTask('startTraining', { orderId: seeded.orderId });
    const training = await waitForStatus(seeded.orderId, ['training'], 60_000);
    await callFunction('deleteOrder', { orderId: seeded.orderId }, await idTokenOf(seeded.uid));
    const erased = await erasureDone(seeded.orderId);
    // The stand-in trains for a few seconds: cancelled if it was still running, else its late
    // webhook finds the order deleted. Either way no prediction is planned or run.
    const res = await replicateGet(`/trainings/${training.training.id}`);
    const status = ((await res.json()) as { status: string }).status;
    expect(['canceled', 'succeeded']).toContain(status);
    if (status === 'canceled') expect(erased.erasure.removed.cancelled).toBe(1);
    // Let a late webhook or task land if one were going to.
    await new Promise((r) => setTimeout(r, 5000));
    expect(await testBlob.list(storagePaths.order(seeded.uid, seeded.orderId))).toEqual([]);
    expect(await orderDoc(seeded.orderId).listCollections()).toEqual([]);
    expect((await orderData(seeded.orderId)).status).toBe('deleted');
  });
});

/** An ID token for an existing user, through a custom token (as the web app's sign-in would). */
async function idTokenOf(uid: string): Promise<string> {
  const custom = await testAuth.createCustomToken(uid);
  const res = await fetch(
    `http://${stack.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signInWithCustomToken?key=demo-key`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ token: custom, returnSecureToken: true }),
    },
  );
  return ((await res.json()) as { idToken: string }).idToken;
}

describe('deleting an account', { timeout: PIPELINE_TEST_MS }, () => {
  it('removes both orders, the consent record, the sign-in and the provider versions, then sends one receipt', async () => {
    const { user, orderId: unpaid } = await readyOrder({ firstSelfie: 40 });
    const delivered = await seedPaidOrder({ customer: { uid: user.uid, email: user.email }, photos: 10 });
    await callTask('startTraining', { orderId: delivered.orderId });
    await waitForStatus(delivered.orderId, ['delivered'], 150_000);
    const provider = await providerModelOf(delivered.orderId);
    expect((await testBlob.list(storagePaths.user(user.uid))).length).toBeGreaterThan(40);

    const err = await callError('deleteAccount', { confirm: 'yes' }, user.idToken);
    expect(err.status).toBe('INVALID_ARGUMENT');
    expect(await callFunction('deleteAccount', { confirm: 'DELETE' }, user.idToken)).toEqual({
      state: 'deleting',
      orders: 2,
    });
    await waitFor(
      async () => {
        const d = (await testDb.collection(COLLECTIONS.accountDeletions).doc(user.uid).get()).data();
        return d?.state === 'deleted' ? d : undefined;
      },
      { timeoutMs: 120_000, what: 'the account deletion' },
    );

    expect(await testBlob.list(storagePaths.user(user.uid))).toEqual([]);
    expect((await testDb.collection(COLLECTIONS.orders).where('uid', '==', user.uid).get()).size).toBe(0);
    for (const orderId of [unpaid, delivered.orderId]) {
      expect((await orderDoc(orderId).get()).exists).toBe(false);
      expect(await orderDoc(orderId).listCollections()).toEqual([]);
      expect((await testDb.collection(COLLECTIONS.mail).where('orderId', '==', orderId).get()).size).toBe(0);
    }
    expect((await testDb.collection(COLLECTIONS.users).doc(user.uid).get()).exists).toBe(false);
    await expect(testAuth.getUser(user.uid)).rejects.toMatchObject({ code: 'auth/user-not-found' });
    expect(await versionExists(provider.version)).toBe(false);
    // The record of the deletion keeps no address once the receipt went.
    const record = (await testDb.collection(COLLECTIONS.accountDeletions).doc(user.uid).get()).data();
    expect(record).toMatchObject({ state: 'deleted', email: null });
    expect(JSON.stringify(record)).not.toContain(user.email);
    const receipts = await waitFor(
      async () => {
        const found = (await outboxFor(user.email)).filter(
          (m) => m.subject === 'Your Likeness account was deleted',
        );
        return found.length > 0 ? found : undefined;
      },
      { what: 'the account receipt' },
    );
    expect(receipts).toHaveLength(1);
    expect(receipts[0]!.text).toContain('2 orders');
    expect(receipts[0]!.text).toContain('Payment records stay with Stripe');
  });
});

describe('the retention schedule', { timeout: PIPELINE_TEST_MS }, () => {
  it(`deletes selfies and the model ${RETENTION.trainingDataDays} days after delivery (through a provider outage), reminds, then deletes the headshots`, async () => {
    const seeded = await seedPaidOrder({ photos: 10 });
    await callTask('startTraining', { orderId: seeded.orderId });
    const delivered = await waitForStatus(seeded.orderId, ['delivered'], 150_000);
    const deliveredAt = delivered.statusAt.delivered.toMillis() as number;
    const provider = await providerModelOf(seeded.orderId);
    const prefix = storagePaths.order(seeded.uid, seeded.orderId);

    // A day early: nothing happens.
    await applyRetention(deliveredAt + (RETENTION.trainingDataDays - 1) * DAY_MS, { uid: seeded.uid });
    expect((await orderData(seeded.orderId)).erasure).toBeUndefined();

    await failNext('version-delete', 1, 'The GPU provider is down for maintenance');
    const report = await applyRetention(deliveredAt + RETENTION.trainingDataDays * DAY_MS + 60_000, {
      uid: seeded.uid,
    });
    expect(report.erasing).toBeGreaterThanOrEqual(1);
    // The first run stops at the provider and says why; Cloud Tasks retries it.
    const failed = await waitFor(
      async () => {
        const o = await orderData(seeded.orderId);
        return o.erasure?.attempts >= 1 ? o : undefined;
      },
      { timeoutMs: 90_000, what: 'the failed first run' },
    );
    expect(failed.erasure.lastError).toContain('down for maintenance');
    expect(failed.erasure.done).toContain('stop-work');
    const erased = await erasureDone(seeded.orderId, 120_000);
    expect(erased.status).toBe('delivered');
    expect(erased.erasure.scope).toBe('training-data');

    const blobs = await testBlob.list(prefix);
    expect(blobs.filter((p) => /\/(uploads|crops|training)\//.test(p))).toEqual([]);
    expect(blobs.filter((p) => p.includes('/images/'))).toHaveLength(40);
    for (const col of ['photos', 'qcSignals', 'uploadIntents', 'private'])
      expect((await orderDoc(seeded.orderId).collection(col).count().get()).data().count, col).toBe(0);
    expect((await orderDoc(seeded.orderId).collection('images').count().get()).data().count).toBe(40);
    expect(await versionExists(provider.version)).toBe(false);
    await waitFor(
      async () =>
        (await outboxFor(seeded.email)).find(
          (m) => m.subject === 'We deleted your selfies and personal model',
        ),
      { what: 'the notice of the purge' },
    );

    // Before the headshots go, one reminder with the date; then the whole order goes.
    const remindAt = deliveredAt + (RETENTION.headshotsDays - RETENTION.headshotsReminderDays) * DAY_MS;
    expect((await applyRetention(remindAt, { uid: seeded.uid })).reminded).toBeGreaterThanOrEqual(1);
    expect((await applyRetention(remindAt + DAY_MS, { uid: seeded.uid })).reminded).toBe(0);
    await waitFor(
      async () =>
        (await outboxFor(seeded.email)).find(
          (m) => m.subject === 'Download your headshots before they are deleted',
        ),
      { what: 'the reminder' },
    );
    await applyRetention(deliveredAt + RETENTION.headshotsDays * DAY_MS, { uid: seeded.uid });
    const gone = await waitFor(
      async () => {
        const o = await orderData(seeded.orderId);
        return o.erasure?.scope === 'everything' && o.erasure.state === 'deleted' ? o : undefined;
      },
      { timeoutMs: 90_000, what: 'the headshots deletion' },
    );
    expect(gone.status).toBe('deleted');
    expect(await testBlob.list(prefix)).toEqual([]);
    expect(await orderDoc(seeded.orderId).listCollections()).toEqual([]);
  });

  it(`deletes an unpaid order whole ${RETENTION.unpaidOrderDays} days after its last change`, async () => {
    const user = await signUp();
    const orderId = await createDraftOrder(user);
    await uploadPhotos(user, orderId, [await selfie(80)]);
    await waitFor(async () => ((await orderData(orderId)).photos?.pending === 0 ? true : undefined), {
      timeoutMs: 120_000,
      what: 'the verdict',
    });
    const updatedAt = (await orderData(orderId)).updatedAt.toMillis() as number;
    await applyRetention(updatedAt + (RETENTION.unpaidOrderDays - 1) * DAY_MS, { uid: user.uid });
    expect((await orderData(orderId)).status).toBe('uploading');
    await applyRetention(updatedAt + RETENTION.unpaidOrderDays * DAY_MS, { uid: user.uid });
    const erased = await erasureDone(orderId);
    expect(erased).toMatchObject({ status: 'deleted', erasure: { reason: 'unpaid', scope: 'everything' } });
    expect(await testBlob.list(storagePaths.order(user.uid, orderId))).toEqual([]);
    expect(await orderDoc(orderId).listCollections()).toEqual([]);
  });
});
