import type { onRequest, Request } from 'firebase-functions/v2/https';

export type { Request };
/** Express's response, as firebase-functions types it (express itself is not our dependency). */
export type Response = Parameters<Parameters<typeof onRequest>[0]>[1];

/** A request header as one string (Node gives repeated headers as arrays). */
export function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
