import { HttpsError } from 'firebase-functions/v2/https';
import type { z } from 'zod';

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
