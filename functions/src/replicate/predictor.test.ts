import { describe, expect, it } from 'vitest';
import { parseConfig } from '../shared/config.js';
import { predictorRoute } from './predictor.js';

const base = {
  LIKENESS_ENV: 'production',
  PUBLIC_WEB_URL: 'https://studio.example.org',
  FUNCTIONS_BASE_URL: 'https://us-central1-p.cloudfunctions.net',
  BLOB_DRIVER: 'gcs',
  STRIPE_SECRET_KEY: 'sk_live_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  REPLICATE_API_TOKEN: 'r8_abcdefgh',
  REPLICATE_WEBHOOK_SECRET: 'whsec_y',
  REPLICATE_TRAINER: 'likeness/trainer:v1',
  REPLICATE_PREDICTOR_VERSION: 'v2',
  REPLICATE_DESTINATION: 'likeness/loras',
  SENDGRID_API_KEY: 'SG.abc.def',
  MAIL_FROM: 'studio@example.org',
  EMAIL_LINK_SECRET: 'x'.repeat(32),
};

describe('predictor route', () => {
  it('goes through the deployment when one is configured, else names the version', () => {
    expect(
      predictorRoute(parseConfig({ ...base, REPLICATE_PREDICTOR_DEPLOYMENT: 'likeness/flux-warm' })),
    ).toEqual({ kind: 'deployment', owner: 'likeness', name: 'flux-warm' });
    // An empty value (a dotenv line left blank) means none.
    expect(predictorRoute(parseConfig({ ...base, REPLICATE_PREDICTOR_DEPLOYMENT: '' }))).toEqual({
      kind: 'version',
      version: 'v2',
    });
  });

  it('validates the deployment name and the warm-pool sizes', () => {
    expect(() => parseConfig({ ...base, REPLICATE_PREDICTOR_DEPLOYMENT: 'flux-warm' })).toThrow(
      /REPLICATE_PREDICTOR_DEPLOYMENT is owner\/name/,
    );
    expect(() =>
      parseConfig({ ...base, PREDICTOR_WARM_INSTANCES: '1', PREDICTOR_IDLE_INSTANCES: '2' }),
    ).toThrow(/must not be more than PREDICTOR_WARM_INSTANCES/);
    expect(parseConfig(base)).toMatchObject({
      PREDICTOR_WARM_INSTANCES: 1,
      PREDICTOR_IDLE_INSTANCES: 0,
      PREDICTOR_IDLE_AFTER_MINUTES: 20,
    });
  });
});
