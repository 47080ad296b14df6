import { expect } from 'vitest';
import { env, type DocData } from './pipeline.js';

/** The predictor deployment the launcher creates on the Replicate stand-in (`npm test` names it). */
export const DEPLOYMENT = process.env.REPLICATE_PREDICTOR_DEPLOYMENT ?? '';
/** The warm pool's size while orders generate (functions config default). */
export const WARM = Number(process.env.PREDICTOR_WARM_INSTANCES ?? 1);

export function requireDeployment(): void {
  if (!DEPLOYMENT) {
    throw new Error(
      'Start the stack with --fn-env REPLICATE_PREDICTOR_DEPLOYMENT=likeness/flux-headshots-local (npm test does).',
    );
  }
}

export async function replicateApi(method: string, path: string, body?: unknown): Promise<DocData> {
  const res = await fetch(`${env.LIKENESS_STANDIN_URLS.replicate}/v1${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${process.env.REPLICATE_API_TOKEN}`,
      'Content-Type': 'application/json',
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return (await res.json()) as DocData;
}

export const deployment = () => replicateApi('GET', `/deployments/${DEPLOYMENT}`);
export const poolSize = async () =>
  (await deployment()).current_release.configuration.min_instances as number;
export const setPoolSize = (minInstances: number) =>
  replicateApi('PATCH', `/deployments/${DEPLOYMENT}`, { min_instances: minInstances });
