import type { z } from 'zod';

/** What a callable takes and returns; the registries (CALLABLES, OPERATOR_CALLABLES) are maps of these. */
export type CallableSpec = { request: z.ZodType; response: z.ZodType };
