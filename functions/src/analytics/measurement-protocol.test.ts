import { describe, expect, it } from 'vitest';
import { parseConfig } from '../shared/config.js';
import { measurementProtocolBody } from './measurement-protocol.js';

const base = {
  LIKENESS_ENV: 'local',
  PUBLIC_WEB_URL: 'http://localhost:3000',
  FUNCTIONS_BASE_URL: 'http://127.0.0.1:5001/demo-x/us-central1',
  BLOB_DRIVER: 'local',
  BLOB_LOCAL_URL: 'http://127.0.0.1:4101',
  BLOB_SIGNING_KEY: 'k'.repeat(32),
  STRIPE_SECRET_KEY: 'sk_test_x',
  STRIPE_WEBHOOK_SECRET: 'whsec_x',
  REPLICATE_API_TOKEN: 'r8_abcdefgh',
  REPLICATE_WEBHOOK_SECRET: 'whsec_y',
  REPLICATE_TRAINER: 'a/b:v1',
  REPLICATE_PREDICTOR_VERSION: 'v2',
  REPLICATE_DESTINATION: 'a/c',
  SENDGRID_API_KEY: 'SG.abcdefgh',
  MAIL_FROM: 'studio@likeness.local',
  EMAIL_LINK_SECRET: 'e'.repeat(32),
};

describe('GA4 configuration', () => {
  it('is optional: without an id and secret the functions start and send nothing', () => {
    const c = parseConfig(base);
    expect(c.GA_MEASUREMENT_ID).toBeUndefined();
    expect(c.GA_API_SECRET).toBeUndefined();
  });
  it('takes both or neither, and a G- id', () => {
    expect(() => parseConfig({ ...base, GA_MEASUREMENT_ID: 'G-ABC123' })).toThrow(/go together/);
    expect(() => parseConfig({ ...base, GA_MEASUREMENT_ID: 'UA-1', GA_API_SECRET: 'secret123' })).toThrow(
      /G-/,
    );
    expect(parseConfig({ ...base, GA_MEASUREMENT_ID: 'G-ABC123', GA_API_SECRET: 'secret123' })).toMatchObject(
      {
        GA_MEASUREMENT_ID: 'G-ABC123',
      },
    );
  });
  it('refuses a stand-in base in production', () => {
    expect(() =>
      parseConfig({ ...base, LIKENESS_ENV: 'production', GA_API_BASE: 'http://127.0.0.1:4105' }),
    ).toThrow(/Stand-in API bases/);
  });
});

describe('measurementProtocolBody', () => {
  const event = {
    orderId: 'o1',
    name: 'purchase' as const,
    params: { transaction_id: 'o1', value: 29, currency: 'usd', plan_id: 'starter' },
    clientId: 'order.o1',
    sentAt: null,
  };
  it('sends the event with the order’s ad consent', () => {
    expect(measurementProtocolBody(event, false)).toEqual({
      client_id: 'order.o1',
      consent: { ad_user_data: 'DENIED', ad_personalization: 'DENIED' },
      events: [
        {
          name: 'purchase',
          params: { transaction_id: 'o1', value: 29, currency: 'USD', plan_id: 'starter' },
        },
      ],
    });
    expect(measurementProtocolBody(event, true).consent).toEqual({
      ad_user_data: 'GRANTED',
      ad_personalization: 'GRANTED',
    });
  });
  it('refuses parameters outside the funnel schema', () => {
    expect(() =>
      measurementProtocolBody({ ...event, params: { ...event.params, email: 'a@b.c' } }, false),
    ).toThrow();
  });
});
