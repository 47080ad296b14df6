/**
 * Talking to the local stack from integration tests: the launcher
 * (`node packages/devstack/dist/launcher.js --exec "npx vitest run functions/test/<file>"`) starts the
 * emulators and stand-ins and exports where they listen. Shared by the customer and pipeline tests.
 */
import { LocalBlobStore } from '@likeness/blob';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getAuth } from 'firebase-admin/auth';
import { getFirestore } from 'firebase-admin/firestore';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

const StackEnv = z.object({
  GCLOUD_PROJECT: z.string().startsWith('demo-'),
  FIRESTORE_EMULATOR_HOST: z.string().min(1),
  FIREBASE_AUTH_EMULATOR_HOST: z.string().min(1),
  CLOUD_TASKS_EMULATOR_HOST: z.string().min(1),
  LIKENESS_FUNCTIONS_URL: z.string().url(),
  LIKENESS_STANDIN_URLS: z
    .string()
    .transform((s) => JSON.parse(s) as unknown)
    .pipe(
      z.object({
        blob: z.string().url(),
        stripe: z.string().url(),
        replicate: z.string().url(),
        mail: z.string().url(),
      }),
    ),
  BLOB_LOCAL_URL: z.string().url(),
  BLOB_SIGNING_KEY: z.string().min(32),
  STRIPE_SECRET_KEY: z.string().min(1),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_'),
});
export type StackEnv = z.infer<typeof StackEnv>;

function readEnv(): StackEnv {
  const parsed = StackEnv.safeParse(process.env);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new Error(`Run integration tests under the dev launcher (missing or invalid: ${missing}).`);
  }
  return parsed.data;
}

export const stack = readEnv();

const app = getApps()[0] ?? initializeApp({ projectId: stack.GCLOUD_PROJECT });
export const testDb = getFirestore(app);
export const testAuth = getAuth(app);
/** The same blob store the functions use, signed with the launcher's key. */
export const testBlob = new LocalBlobStore(stack.BLOB_LOCAL_URL, stack.BLOB_SIGNING_KEY);

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Polls until `read` returns a truthy value; throws with the last value seen when time runs out. */
export async function waitFor<T>(
  read: () => Promise<T | undefined | null | false>,
  { timeoutMs = 10_000, intervalMs = 200, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const value = await read();
    if (value) return value;
    last = value;
    if (Date.now() > deadline)
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)})`);
    await sleep(intervalMs);
  }
}

export interface TestUser {
  uid: string;
  email: string;
  idToken: string;
}

/** A fresh email/password account on the auth emulator, signed in (its ID token works with callables). */
export async function signUp(email = `customer-${randomUUID().slice(0, 8)}@example.test`): Promise<TestUser> {
  const res = await fetch(
    `http://${stack.FIREBASE_AUTH_EMULATOR_HOST}/identitytoolkit.googleapis.com/v1/accounts:signUp?key=demo-key`,
    {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: 'test-password-1', returnSecureToken: true }),
    },
  );
  const body = (await res.json()) as { localId?: string; idToken?: string; error?: unknown };
  if (!res.ok || !body.localId || !body.idToken)
    throw new Error(`signUp failed: ${res.status} ${JSON.stringify(body)}`);
  return { uid: body.localId, email, idToken: body.idToken };
}

/** An error answered by a callable, in the protocol's terms (status like 'PERMISSION_DENIED'). */
export class CallableError extends Error {
  constructor(
    readonly status: string,
    message: string,
    readonly httpStatus: number,
  ) {
    super(`${status}: ${message}`);
    this.name = 'CallableError';
  }
}

/** Calls a callable function over its HTTP protocol, as the web SDK does. */
export async function callFunction<T = unknown>(name: string, data: unknown, idToken?: string): Promise<T> {
  const res = await fetch(`${stack.LIKENESS_FUNCTIONS_URL}/${name}`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(idToken ? { Authorization: `Bearer ${idToken}` } : {}),
    },
    body: JSON.stringify({ data }),
  });
  const text = await res.text();
  let body: { result?: T; error?: { status?: string; message?: string } };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    throw new Error(`${name}: non-JSON answer ${res.status}: ${text.slice(0, 300)}`);
  }
  if (body.error)
    throw new CallableError(body.error.status ?? 'UNKNOWN', body.error.message ?? '', res.status);
  if (!res.ok) throw new Error(`${name}: HTTP ${res.status}: ${text.slice(0, 300)}`);
  return body.result as T;
}

/** The error a callable answered, or a failure if it succeeded. */
export async function callError(name: string, data: unknown, idToken?: string): Promise<CallableError> {
  try {
    await callFunction(name, data, idToken);
  } catch (err) {
    if (err instanceof CallableError) return err;
    throw err;
  }
  throw new Error(`${name} succeeded but an error was expected`);
}

/** Runs a task function directly, as Cloud Tasks would (tests may call it twice to check idempotency). */
export async function runTask(name: string, payload: unknown): Promise<Response> {
  return fetch(`${stack.LIKENESS_FUNCTIONS_URL}/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ data: payload }),
  });
}
