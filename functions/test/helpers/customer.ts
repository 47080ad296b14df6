/**
 * Helpers for the customer-facing integration tests: draft orders as the browser creates them,
 * selfies generated from the public-domain fixtures, the upload → confirm flow through the real
 * callables and signed URLs, and paying on the Stripe stand-in's hosted page.
 */
import {
  COLLECTIONS,
  type ConfirmUploadsResponse,
  type CreateUploadUrlsResponse,
  MIN_ACCEPTED_PHOTOS,
  OrderDoc,
  PhotoDoc,
  PRIVACY_NOTICE_VERSION,
  type PlanId,
  type UploadContentType,
} from '@likeness/core';
import { FieldValue } from 'firebase-admin/firestore';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { selfieVariant } from '@likeness/devstack/selfie-variants';
import sharp from 'sharp';
import Stripe from 'stripe';
import { checkoutSessionParams } from '../../src/checkout/checkout-params.js';
import { planPriceId } from '../../src/checkout/plan-price.js';
import { callFunction, signUp, stack, testDb, waitFor, type TestUser } from './emulator.js';

const fixture = (name: string) =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/faces/${name}`, import.meta.url)));
const CUSTOMER_FACE = fixture('astronaut.jpg');
const SOMEONE_ELSE = fixture('grace_hopper.jpg');

export interface UploadFile {
  name: string;
  contentType: UploadContentType;
  bytes: Buffer;
}

/**
 * A phone-like selfie (1200×1600 JPEG) of the customer, distinct from every other index (see
 * selfieVariant: the stack under test runs with a raised near-copy threshold, scripts/test.mjs).
 */
export async function selfie(i: number, source: Buffer = CUSTOMER_FACE): Promise<UploadFile> {
  return { name: `IMG_${1000 + i}.jpg`, contentType: 'image/jpeg', bytes: await selfieVariant(source, i) };
}

/** A selfie of a different person (Grace Hopper's portrait). */
export async function someoneElse(): Promise<UploadFile> {
  return { ...(await selfie(1, SOMEONE_ELSE)), name: 'friend.jpg' };
}

export const textNamedJpeg = (): UploadFile => ({
  name: 'notes.jpg',
  contentType: 'image/jpeg',
  bytes: Buffer.from('Shopping list: milk, eggs, a new profile picture.\n'.repeat(40)),
});

export async function tinySelfie(): Promise<UploadFile> {
  const bytes = await sharp(CUSTOMER_FACE).resize(300, 300).png().toBuffer();
  return { name: 'avatar.png', contentType: 'image/png', bytes };
}

/** The consent the browser records before the first upload (the rules test proves its shape). */
export async function giveConsent(user: Pick<TestUser, 'uid'>, noticeVersion = PRIVACY_NOTICE_VERSION) {
  await testDb
    .collection(COLLECTIONS.users)
    .doc(user.uid)
    .set({
      consent: {
        adult: true,
        subjectOrPermitted: true,
        faceProcessing: true,
        noticeVersion,
        at: FieldValue.serverTimestamp(),
      },
    });
}

/** A draft order as the browser writes it (firestore.rules allow exactly these fields). */
export async function createDraftOrder(
  user: Pick<TestUser, 'uid'>,
  opts: { planId?: PlanId; styleIds?: string[]; consent?: boolean } = {},
): Promise<string> {
  if (opts.consent !== false) await giveConsent(user);
  const ref = testDb.collection(COLLECTIONS.orders).doc();
  await ref.create({
    uid: user.uid,
    status: 'draft',
    subjectClass: 'woman',
    styleIds: opts.styleIds ?? ['corporate-grey', 'modern-office'],
    planId: opts.planId ?? 'starter',
    createdAt: FieldValue.serverTimestamp(),
    updatedAt: FieldValue.serverTimestamp(),
  });
  return ref.id;
}

export async function readOrderDoc(orderId: string): Promise<OrderDoc & Record<string, unknown>> {
  const snap = await testDb.collection(COLLECTIONS.orders).doc(orderId).get();
  if (!snap.exists) throw new Error(`No order ${orderId}`);
  return { ...(snap.data() as Record<string, unknown>), ...OrderDoc.parse(snap.data()) };
}

export async function readPhotoDoc(
  orderId: string,
  photoId: string,
): Promise<(PhotoDoc & Record<string, unknown>) | null> {
  const snap = await testDb
    .collection(COLLECTIONS.orders)
    .doc(orderId)
    .collection(COLLECTIONS.photos)
    .doc(photoId)
    .get();
  return snap.exists ? { ...(snap.data() as Record<string, unknown>), ...PhotoDoc.parse(snap.data()) } : null;
}

/** PUTs bytes to a signed upload URL exactly as the browser does. */
export async function putToSignedUrl(
  upload: CreateUploadUrlsResponse['uploads'][number],
  bytes: Buffer,
): Promise<Response> {
  return fetch(upload.url, { method: upload.method, headers: upload.headers, body: bytes });
}

/** createUploadUrls → PUT each file → confirmUploads; returns the photo ids in file order. */
export async function uploadPhotos(
  user: TestUser,
  orderId: string,
  files: UploadFile[],
): Promise<{ photoIds: string[]; confirm: ConfirmUploadsResponse }> {
  const { uploads } = await callFunction<CreateUploadUrlsResponse>(
    'createUploadUrls',
    {
      orderId,
      files: files.map((f) => ({ name: f.name, contentType: f.contentType, size: f.bytes.length })),
    },
    user.idToken,
  );
  await Promise.all(
    uploads.map(async (u, i) => {
      const res = await putToSignedUrl(u, files[i]!.bytes);
      if (!res.ok) throw new Error(`PUT ${files[i]!.name} failed: ${res.status} ${await res.text()}`);
    }),
  );
  const photoIds = uploads.map((u) => u.photoId);
  const confirm = await callFunction<ConfirmUploadsResponse>(
    'confirmUploads',
    { orderId, photoIds },
    user.idToken,
  );
  return { photoIds, confirm };
}

/** Waits for QC to judge a photo (the trigger runs within seconds of the confirm). */
export async function waitForVerdict(orderId: string, photoId: string, timeoutMs = 30_000) {
  return waitFor(
    async () => {
      const p = await readPhotoDoc(orderId, photoId);
      return p && p.status !== 'pending' ? p : null;
    },
    { timeoutMs, what: `a verdict on photo ${photoId}` },
  );
}

/** A signed-up customer whose order passed the checkout gate with MIN_ACCEPTED_PHOTOS selfies. */
export async function readyOrder(opts: { planId?: PlanId; firstSelfie?: number } = {}) {
  const user = await signUp();
  const orderId = await createDraftOrder(user, opts);
  const files = await Promise.all(
    Array.from({ length: MIN_ACCEPTED_PHOTOS }, (_, i) => selfie((opts.firstSelfie ?? 0) + i)),
  );
  const { photoIds } = await uploadPhotos(user, orderId, files);
  // The first order of a test file also waits for cold QC workers (face models load per worker).
  await waitFor(async () => (await readOrderDoc(orderId)).status === 'ready', {
    timeoutMs: 150_000,
    what: `order ${orderId} to become ready`,
  });
  return { user, orderId, photoIds };
}

/**
 * Pays a Checkout Session on the Stripe stand-in's hosted page, with Stripe's success test card
 * unless told otherwise (4000000000000259 pays, then disputes).
 */
export async function payOnStandin(
  sessionId: string,
  email: string,
  card = '4242 4242 4242 4242',
): Promise<Response> {
  return fetch(`${stack.LIKENESS_STANDIN_URLS.stripe}/pay/${encodeURIComponent(sessionId)}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      email,
      name: 'Test Customer',
      card,
      expiry: '12/40',
      cvc: '123',
    }),
    redirect: 'manual',
  });
}

/** The official Stripe SDK pointed at the stand-in, as the functions use it. */
export function standinStripe(): Stripe {
  const base = new URL(stack.LIKENESS_STANDIN_URLS.stripe);
  return new Stripe(stack.STRIPE_SECRET_KEY, {
    host: base.hostname,
    port: Number(base.port),
    protocol: base.protocol.replace(':', '') as 'http' | 'https',
  });
}

/** POSTs a payload to the webhook, signed with the stack's secret unless a signature is given. */
export async function postStripeWebhook(payload: string, signature?: string | null): Promise<Response> {
  const header =
    signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({ payload, secret: stack.STRIPE_WEBHOOK_SECRET })
      : signature;
  return fetch(`${stack.LIKENESS_FUNCTIONS_URL}/stripeWebhook`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(header !== null ? { 'Stripe-Signature': header } : {}),
    },
    body: payload,
  });
}

/**
 * A second Checkout Session for an order, made the way createCheckout makes them but not recorded on
 * the order: another tab, an old session, or someone replaying our parameters.
 */
export async function strayCheckoutSession(orderId: string, uid: string): Promise<Stripe.Checkout.Session> {
  const stripe = standinStripe();
  return stripe.checkout.sessions.create(
    checkoutSessionParams({
      orderId,
      uid,
      planId: 'starter',
      priceId: await planPriceId(stripe, 'starter'),
      webUrl: 'http://localhost:3000',
    }),
  );
}
