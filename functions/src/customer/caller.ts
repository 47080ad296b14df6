import { HttpsError, type CallableRequest } from 'firebase-functions/v2/https';

/** The signed-in caller's uid; every customer callable needs one. */
export function callerUid(request: Pick<CallableRequest, 'auth'>): string {
  const uid = request.auth?.uid;
  if (!uid) throw new HttpsError('unauthenticated', 'Sign in first.');
  return uid;
}
