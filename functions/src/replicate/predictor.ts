import type { Prediction, WebhookEventType } from 'replicate';
import { replicateClient } from '../shared/clients.js';
import { config, type Config } from '../shared/config.js';

/** Where predictions go: the predictor's deployment (its warm pool) or, without one, its version. */
export type PredictorRoute =
  { kind: 'deployment'; owner: string; name: string } | { kind: 'version'; version: string };

export function predictorRoute(
  c: Pick<Config, 'REPLICATE_PREDICTOR_DEPLOYMENT' | 'REPLICATE_PREDICTOR_VERSION'>,
): PredictorRoute {
  if (c.REPLICATE_PREDICTOR_DEPLOYMENT) {
    const [owner, name] = c.REPLICATE_PREDICTOR_DEPLOYMENT.split('/') as [string, string];
    return { kind: 'deployment', owner, name };
  }
  return { kind: 'version', version: c.REPLICATE_PREDICTOR_VERSION };
}

export interface PredictionRequest {
  input: Record<string, unknown>;
  webhook: string;
  webhook_events_filter: WebhookEventType[];
}

/** Creates one prediction of the predictor by the configured route; errors are the SDK's. */
export function createPredictorPrediction(request: PredictionRequest): Promise<Prediction> {
  const route = predictorRoute(config());
  const client = replicateClient();
  return route.kind === 'deployment'
    ? client.deployments.predictions.create(route.owner, route.name, request)
    : client.predictions.create({ version: route.version, ...request });
}
