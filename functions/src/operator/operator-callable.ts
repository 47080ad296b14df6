import {
  CALLABLES,
  type AuditActor,
  type CallableRequest,
  type CallableResponse,
  type OperatorCallableName,
} from '@likeness/core';
import {
  HttpsError,
  onCall,
  type CallableOptions,
  type CallableRequest as Request,
} from 'firebase-functions/v2/https';
import { callerOf, parseRequest } from '../shared/callable.js';

/** The signed-in operator who called, as the audit log names them. */
export interface Operator {
  uid: string;
  email: string | null;
}

/**
 * Signed in (else 'unauthenticated') and holding the `operator` custom claim (else
 * 'permission-denied'). Checked before the request is parsed, so a non-operator learns nothing
 * about what the action takes.
 */
export function operatorOf(request: Pick<Request, 'auth'>): Operator {
  const { uid, email } = callerOf(request);
  if (request.auth?.token.operator !== true) {
    throw new HttpsError('permission-denied', 'Only operators may do this.');
  }
  return { uid, email: email ?? null };
}

export const actorOf = (operator: Operator): AuditActor => ({ uid: operator.uid, email: operator.email });

/**
 * Declares a callable of core's OPERATOR_CALLABLES: like `callable` (shared/callable.ts), plus the
 * operator claim. Export it under the same name (a unit test checks every registry entry is
 * deployed).
 */
export function operatorCallable<N extends OperatorCallableName>(
  name: N,
  options: CallableOptions,
  handler: (request: CallableRequest<N>, operator: Operator) => Promise<CallableResponse<N>>,
) {
  return onCall(options, async (request) => {
    const operator = operatorOf(request);
    return handler(parseRequest(CALLABLES[name].request, request.data) as CallableRequest<N>, operator);
  });
}
