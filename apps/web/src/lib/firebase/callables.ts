import {
  CALLABLES,
  FUNCTIONS_REGION,
  type CallableInput,
  type CallableName,
  type CallableResponse,
  type CallableSpec,
} from '@likeness/core';
import type { Functions, httpsCallable } from 'firebase/functions';
import { publicConfig } from '../config';
import { firebase } from './client-app';

/** The zip is built while the browser waits (the function allows 300 s); the SDK's default is 70 s. */
const TIMEOUT_MS: Partial<Record<CallableName, number>> = { createZipDownload: 300_000 };

interface FunctionsClient {
  functions: Functions;
  httpsCallable: typeof httpsCallable;
}
// On globalThis for the reason client-app.ts gives: a hot reload must not connect the emulator twice.
const kept = globalThis as { likenessFunctions?: Promise<FunctionsClient> };

/**
 * The Functions SDK, loaded on the first call rather than with every page: no page needs it to render,
 * and its parsing was part of the longest task on the order page's first load.
 */
function functionsClient(): Promise<FunctionsClient> {
  kept.likenessFunctions ??= import('firebase/functions').then((sdk) => {
    const functions = sdk.getFunctions(firebase().app, FUNCTIONS_REGION);
    const emulator = publicConfig.emulators?.functions;
    if (emulator) sdk.connectFunctionsEmulator(functions, emulator.host, emulator.port);
    return { functions, httpsCallable: sdk.httpsCallable };
  });
  return kept.likenessFunctions;
}

export class CallableResponseError extends Error {
  constructor(
    readonly callable: CallableName,
    detail: string,
  ) {
    super(`The server's answer to ${callable} was not understood (${detail}). Please try again.`);
    this.name = 'CallableResponseError';
  }
}

/**
 * Calls a function by the name it is deployed under. The request is checked against its schema before
 * it leaves (a ZodError names the bad field) and the response after it arrives, so callers get exactly
 * the typed shape.
 */
export async function callFunction<N extends CallableName>(
  name: N,
  data: CallableInput<N>,
): Promise<CallableResponse<N>> {
  const schemas: CallableSpec = CALLABLES[name];
  const payload: unknown = schemas.request.parse(data);
  const timeout = TIMEOUT_MS[name];
  const client = await functionsClient();
  const call = client.httpsCallable<unknown, unknown>(
    client.functions,
    name,
    timeout ? { timeout } : undefined,
  );
  const result = await call(payload);
  const parsed = schemas.response.safeParse(result.data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CallableResponseError(name, issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid');
  }
  // CALLABLES[name] is the entry for N, but TypeScript cannot carry N through the indexed lookup.
  return parsed.data as CallableResponse<N>;
}
