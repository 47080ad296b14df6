import { CALLABLES, type CallableName, type CallableRequest, type CallableResponse } from '@likeness/core';
import {
  HttpsError,
  onCall,
  type CallableOptions,
  type CallableRequest as Request,
} from 'firebase-functions/v2/https';
import type { z } from 'zod';
import { takeCall } from './rate-limit.js';

/** The signed-in customer who called. */
export interface Caller {
  uid: string;
  email: string | undefined;
}

/** Every customer callable needs a signed-in caller. */
export function callerOf(request: Pick<Request, 'auth'>): Caller {
  const uid = request.auth?.uid;
  if (!uid) throw new HttpsError('unauthenticated', 'Sign in first.');
  const email = request.auth?.token.email;
  return { uid, email: typeof email === 'string' ? email : undefined };
}

/** Parses callable input; a bad request gets a specific, human message. */
export function parseRequest<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const first = result.error.issues[0];
    const where = first?.path.length ? `${first.path.join('.')}: ` : '';
    throw new HttpsError('invalid-argument', `${where}${first?.message ?? 'Invalid request'}`);
  }
  return result.data;
}

/**
 * Declares a callable of core's CALLABLES registry: the caller must be signed in and within the
 * per-minute call limit, the request is parsed with the registry's schema and the handler must return the registry's response type. Export
 * it under the same name (a unit test checks every registry entry is deployed).
 */
export function callable<N extends CallableName>(
  name: N,
  options: CallableOptions,
  handler: (request: CallableRequest<N>, caller: Caller) => Promise<CallableResponse<N>>,
) {
  return onCall(options, async (request) => {
    const caller = callerOf(request);
    await takeCall(caller.uid, name);
    return handler(parseRequest(CALLABLES[name].request, request.data) as CallableRequest<N>, caller);
  });
}
