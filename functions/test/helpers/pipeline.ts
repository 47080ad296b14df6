/**
 * Helpers for the pipeline's integration tests, which run under the dev launcher (emulators + stand-ins).
 * They seed orders the way the customer side would leave them (paid, accepted photos with crops in the
 * blob store), call task functions directly, sign Replicate webhooks and read the stand-ins.
 */
import { storagePaths, type PlanId, type SubjectClass } from '@likeness/core';
import { FieldValue, Timestamp } from 'firebase-admin/firestore';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { z } from 'zod';
import { sleep, stack, testAuth, testBlob, testDb, waitFor as waitForStack } from './emulator.js';

/** The pipeline tests also need the Replicate side of the launcher's environment. */
const PipelineEnv = z.object({
  REPLICATE_API_TOKEN: z.string(),
  REPLICATE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
  MAX_PREDICTION_ATTEMPTS: z.coerce.number().int().default(3),
});

export const env = { ...stack, ...PipelineEnv.parse(process.env) };
export { sleep, testAuth, testBlob, testDb };

/** Pipeline steps take longer than a verdict: a minute unless told otherwise. */
export function waitFor<T>(
  read: () => Promise<T | undefined | null | false>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  return waitForStack(read, { timeoutMs: 60_000, intervalMs: 250, ...options });
}

const face = (f: string) =>
  readFileSync(fileURLToPath(new URL(`../../../fixtures/faces/${f}`, import.meta.url)));
const FACES = ['astronaut.jpg', 'grace_hopper.jpg'].map(face);

/**
 * A 512 px training crop that differs per index (crop window, flip, exposure), like real selfies;
 * by default of two people in turn, `faces` of one.
 */
export async function cropVariant(i: number, faces: readonly Buffer[] = FACES): Promise<Buffer> {
  const base = sharp(faces[i % faces.length]!);
  const meta = await base.metadata();
  const side = Math.floor(Math.min(meta.width!, meta.height!) * (0.8 + (i % 3) * 0.05));
  const left = Math.floor(((meta.width! - side) * (i % 4)) / 6);
  let img = base.extract({ left, top: 0, width: side, height: side }).resize(512, 512);
  if (i % 2) img = img.flop();
  return img
    .modulate({ brightness: 0.9 + (i % 5) * 0.05 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

export interface SeededOrder {
  orderId: string;
  uid: string;
  email: string;
}

/** A signed-up customer with a paid order and `photos` accepted photos whose crops are in storage. */
export async function seedPaidOrder(
  opts: {
    planId?: PlanId;
    styleIds?: string[];
    subjectClass?: SubjectClass;
    photos?: number;
    rejected?: number;
    /** Another order of an existing customer. */
    customer?: { uid: string; email: string };
    /** Fixture files the crops are made from (fixtures/faces), in turn. */
    faces?: readonly string[];
  } = {},
): Promise<SeededOrder> {
  const email = opts.customer?.email ?? `pipeline-${randomUUID().slice(0, 8)}@example.test`;
  const uid = opts.customer?.uid ?? (await testAuth.createUser({ email, password: 'pipeline-test-pw' })).uid;
  const orderId = `pipe${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const photos = opts.photos ?? 12;
  const rejected = opts.rejected ?? 1;
  const faces = opts.faces?.map(face) ?? FACES;
  const now = Timestamp.now();
  const order = testDb.collection('orders').doc(orderId);
  await order.set({
    uid,
    status: 'paid',
    subjectClass: opts.subjectClass ?? 'woman',
    styleIds: opts.styleIds ?? ['corporate-grey', 'modern-office'],
    planId: opts.planId ?? 'starter',
    createdAt: now,
    updatedAt: now,
    statusAt: { draft: now, uploading: now, ready: now, paid: now },
    photos: { uploaded: photos + rejected, pending: 0, accepted: photos, rejected },
    payment: {
      sessionId: `cs_test_${orderId}`,
      amountTotal: 2900,
      currency: 'usd',
      discountCode: null,
      paidAt: now,
    },
  });
  const docs = await Promise.all(
    Array.from({ length: photos + rejected }, async (_, i) => {
      const photoId = `photo${String(i).padStart(2, '0')}`;
      const accepted = i < photos;
      const cropPath = storagePaths.crop(uid, orderId, photoId);
      if (accepted) await testBlob.write(cropPath, await cropVariant(i, faces), 'image/jpeg');
      return {
        photoId,
        doc: {
          uid,
          orderId,
          fileName: `selfie-${i}.jpg`,
          contentType: 'image/jpeg',
          size: 100_000,
          storagePath: storagePaths.upload(uid, orderId, photoId),
          status: accepted ? 'accepted' : 'rejected',
          reasons: accepted ? [] : [{ code: 'blurry', message: 'The photo is blurred.' }],
          width: 1024,
          height: 1024,
          ...(accepted ? { cropPath } : {}),
          createdAt: Timestamp.fromMillis(now.toMillis() - 60_000 + i),
          checkedAt: Timestamp.fromMillis(now.toMillis() - 30_000 + i),
        },
      };
    }),
  );
  // Each photo doc fires the customer side's QC trigger (a no-op for judged photos). The emulator
  // starts one Node process per concurrent event, so write them one by one after the first has
  // warmed a worker rather than start a dozen processes at once.
  for (const [i, { photoId, doc }] of docs.entries()) {
    await order.collection('photos').doc(photoId).set(doc);
    await sleep(i === 0 ? 3000 : 150);
  }
  return { orderId, uid, email };
}

/** Invokes a task function directly, as Cloud Tasks would (tests call tasks twice this way). */
export async function callTask(name: string, payload: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${env.LIKENESS_FUNCTIONS_URL}/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: payload }),
  });
  await res.text();
  return res.status;
}

/** A document as the admin SDK returns it; tests read fields they know by name. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary nested fields
export type DocData = Record<string, any>;

export async function orderData(orderId: string): Promise<DocData> {
  const snap = await testDb.collection('orders').doc(orderId).get();
  return snap.data() ?? {};
}

export async function jobsOf(orderId: string): Promise<Array<DocData & { id: string }>> {
  const snap = await testDb.collection('orders').doc(orderId).collection('jobs').get();
  return snap.docs.map((d) => ({ id: d.id, ...d.data() }));
}

export async function imagesOf(orderId: string): Promise<Array<DocData & { id: string }>> {
  const snap = await testDb.collection('orders').doc(orderId).collection('images').get();
  return snap.docs.map((d) => ({ id: d.id, ...d.data() }));
}

/** Waits for an order to reach one of `statuses`; fails early if it lands in another final one. */
export async function waitForStatus(
  orderId: string,
  statuses: string[],
  timeoutMs = 120_000,
): Promise<DocData> {
  return waitFor(
    async () => {
      const o = await orderData(orderId);
      return statuses.includes(o.status) ? o : undefined;
    },
    { timeoutMs, intervalMs: 200, what: `order ${orderId} to be ${statuses.join('|')}` },
  );
}

/** Standard Webhooks signature with the stack's Replicate secret, computed independently of our code. */
export function signWebhook(body: string, opts: { id?: string; timestamp?: number; secret?: string } = {}) {
  const id = opts.id ?? `msg_${randomUUID()}`;
  const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const secret = opts.secret ?? env.REPLICATE_WEBHOOK_SECRET;
  const key = Buffer.from(secret.split('_').pop()!, 'base64');
  const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  return { 'webhook-id': id, 'webhook-timestamp': String(timestamp), 'webhook-signature': signature };
}

export const randomWebhookSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export async function postWebhook(
  query: Record<string, string>,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${env.LIKENESS_FUNCTIONS_URL}/replicateWebhook`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
  const text = await res.text();
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: res.status, json };
}

export async function webhookEventExists(id: string): Promise<boolean> {
  return (await testDb.collection('webhookEvents').doc(id).get()).exists;
}

export { FieldValue, Timestamp };

/** Makes the Replicate stand-in fail the next `count` jobs (or version deletions) of a kind (its test hook). */
export async function failNext(
  kind: 'prediction' | 'training' | 'version-delete' | 'output-blocked',
  count: number,
  error?: string,
): Promise<void> {
  const res = await fetch(`${env.LIKENESS_STANDIN_URLS.replicate}/_standin/fail-next`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${env.REPLICATE_API_TOKEN}` },
    body: JSON.stringify({ kind, count, ...(error ? { error } : {}) }),
  });
  if (!res.ok) throw new Error(`fail-next refused: ${res.status} ${await res.text()}`);
}

export interface OutboxMessage {
  to: string[];
  subject: string;
  html: string;
  text: string;
}

const Recipient = z
  .union([z.string(), z.object({ email: z.string() })])
  .transform((r) => (typeof r === 'string' ? r : r.email));
const OutboxEntry = z
  .object({
    to: z.union([Recipient, z.array(Recipient)]).transform((t) => (Array.isArray(t) ? t : [t])),
    subject: z.string(),
    html: z
      .string()
      .nullish()
      .transform((v) => v ?? ''),
    text: z
      .string()
      .nullish()
      .transform((v) => v ?? ''),
  })
  .passthrough();

/** Messages in the SendGrid stand-in's outbox addressed to `email`. */
export async function outboxFor(email: string): Promise<OutboxMessage[]> {
  const res = await fetch(`${env.LIKENESS_STANDIN_URLS.mail}/api/messages`);
  if (!res.ok) throw new Error(`outbox: ${res.status}`);
  const body = (await res.json()) as unknown;
  const list = Array.isArray(body) ? body : ((body as { messages?: unknown[] }).messages ?? []);
  return list
    .map((m) => OutboxEntry.parse(m))
    .filter((m) => m.to.some((t) => t.toLowerCase() === email.toLowerCase()))
    .map(({ to, subject, html, text }) => ({ to, subject, html, text }));
}

/** Trainings the Replicate stand-in holds whose webhook names this order (how many were started). */
export async function trainingsFor(orderId: string): Promise<Array<{ id: string; status: string }>> {
  const res = await fetch(`${env.LIKENESS_STANDIN_URLS.replicate}/v1/trainings`, {
    headers: { Authorization: `Bearer ${env.REPLICATE_API_TOKEN}` },
  });
  if (!res.ok) throw new Error(`list trainings: ${res.status}`);
  const body = z
    .object({
      results: z.array(z.object({ id: z.string(), status: z.string(), webhook: z.string().optional() })),
    })
    .parse(await res.json());
  return body.results.filter((t) => t.webhook && new URL(t.webhook).searchParams.get('orderId') === orderId);
}
