import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, functionUrl, parsePublicConfig } from './config';

const production = {
  NEXT_PUBLIC_LIKENESS_ENV: 'production',
  NEXT_PUBLIC_SITE_URL: 'https://headshots.example.com/',
  NEXT_PUBLIC_FIREBASE_API_KEY: 'AIza-key',
  NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN: 'likeness-prod.firebaseapp.com',
  NEXT_PUBLIC_FIREBASE_PROJECT_ID: 'likeness-prod',
  NEXT_PUBLIC_FIREBASE_APP_ID: '1:123:web:abc',
  NEXT_PUBLIC_RECAPTCHA_SITE_KEY: '6Lc-site-key',
  NEXT_PUBLIC_CONTACT_EMAIL: 'privacy@headshots.example.com',
};

describe('parsePublicConfig, App Check', () => {
  it('needs a reCAPTCHA Enterprise site key in production, since production callables enforce App Check', () => {
    const { NEXT_PUBLIC_RECAPTCHA_SITE_KEY: _key, ...withoutKey } = production;
    expect(() => parsePublicConfig(withoutKey)).toThrow(/NEXT_PUBLIC_RECAPTCHA_SITE_KEY is missing/);
  });
});

describe('parsePublicConfig, contact address', () => {
  it('needs one in production, since the privacy notice must say whom to write to', () => {
    const { NEXT_PUBLIC_CONTACT_EMAIL: _contact, ...withoutContact } = production;
    expect(() => parsePublicConfig(withoutContact)).toThrow(/NEXT_PUBLIC_CONTACT_EMAIL is missing/);
    expect(() => parsePublicConfig({ ...production, NEXT_PUBLIC_CONTACT_EMAIL: 'privacy' })).toThrow(
      /NEXT_PUBLIC_CONTACT_EMAIL must be an email address/,
    );
  });

  it('takes an operator-set address locally too', () => {
    const config = parsePublicConfig({
      NEXT_PUBLIC_LIKENESS_ENV: 'local',
      NEXT_PUBLIC_CONTACT_EMAIL: 'help@studio.test',
    });
    expect(config.contactEmail).toBe('help@studio.test');
  });
});

describe('parsePublicConfig, local', () => {
  it('defaults to the demo project on the base ports', () => {
    const config = parsePublicConfig({ NEXT_PUBLIC_LIKENESS_ENV: 'local' });
    expect(config).toEqual({
      env: 'local',
      siteUrl: 'http://localhost:3000',
      outboxUrl: 'http://127.0.0.1:4104',
      firebase: {
        apiKey: 'demo-api-key',
        authDomain: 'demo-likeness.firebaseapp.com',
        projectId: 'demo-likeness',
      },
      appCheckSiteKey: null,
      emulators: {
        auth: 'http://127.0.0.1:9099',
        firestore: { host: '127.0.0.1', port: 8080 },
        functions: { host: '127.0.0.1', port: 5001 },
      },
      contactEmail: 'privacy@example.com',
      analytics: null,
    });
  });

  it('shifts every port by the offset and takes the launcher project and outbox', () => {
    const config = parsePublicConfig({
      NEXT_PUBLIC_LIKENESS_ENV: 'local',
      NEXT_PUBLIC_LIKENESS_PORT_OFFSET: '20',
      NEXT_PUBLIC_FIREBASE_PROJECT_ID: 'demo-web',
      NEXT_PUBLIC_OUTBOX_URL: 'http://127.0.0.1:4124/',
    });
    expect(config.siteUrl).toBe('http://localhost:3020');
    expect(config.outboxUrl).toBe('http://127.0.0.1:4124');
    expect(config.firebase.projectId).toBe('demo-web');
    expect(config.emulators).toEqual({
      auth: 'http://127.0.0.1:9119',
      firestore: { host: '127.0.0.1', port: 8100 },
      functions: { host: '127.0.0.1', port: 5021 },
    });
  });

  it('treats empty variables as unset', () => {
    const config = parsePublicConfig({
      NEXT_PUBLIC_LIKENESS_ENV: 'local',
      NEXT_PUBLIC_LIKENESS_PORT_OFFSET: '',
      NEXT_PUBLIC_FIREBASE_PROJECT_ID: '',
    });
    expect(config.firebase.projectId).toBe('demo-likeness');
    expect(config.emulators?.firestore.port).toBe(8080);
  });

  it('refuses a real project or a bad offset, naming the variable', () => {
    expect(() =>
      parsePublicConfig({
        NEXT_PUBLIC_LIKENESS_ENV: 'local',
        NEXT_PUBLIC_FIREBASE_PROJECT_ID: 'likeness-prod',
      }),
    ).toThrow(/NEXT_PUBLIC_FIREBASE_PROJECT_ID must be a demo- project/);
    expect(() =>
      parsePublicConfig({ NEXT_PUBLIC_LIKENESS_ENV: 'local', NEXT_PUBLIC_LIKENESS_PORT_OFFSET: '15' }),
    ).toThrow(/NEXT_PUBLIC_LIKENESS_PORT_OFFSET must be a multiple of 10/);
    expect(() =>
      parsePublicConfig({ NEXT_PUBLIC_LIKENESS_ENV: 'local', NEXT_PUBLIC_LIKENESS_PORT_OFFSET: '-10' }),
    ).toThrow(/NEXT_PUBLIC_LIKENESS_PORT_OFFSET must be a whole number/);
  });
});

describe('parsePublicConfig, production', () => {
  it('builds the Firebase web config and no emulators', () => {
    expect(parsePublicConfig(production)).toEqual({
      env: 'production',
      siteUrl: 'https://headshots.example.com',
      outboxUrl: null,
      firebase: {
        apiKey: 'AIza-key',
        authDomain: 'likeness-prod.firebaseapp.com',
        projectId: 'likeness-prod',
        appId: '1:123:web:abc',
      },
      appCheckSiteKey: '6Lc-site-key',
      emulators: null,
      contactEmail: 'privacy@headshots.example.com',
      analytics: null,
    });
  });

  it('is the default mode', () => {
    const { NEXT_PUBLIC_LIKENESS_ENV, ...rest } = production;
    void NEXT_PUBLIC_LIKENESS_ENV;
    expect(parsePublicConfig(rest).env).toBe('production');
  });

  it('names each missing or empty variable', () => {
    const error = (() => {
      try {
        parsePublicConfig({
          ...production,
          NEXT_PUBLIC_FIREBASE_API_KEY: undefined,
          NEXT_PUBLIC_FIREBASE_APP_ID: '  ',
        });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/NEXT_PUBLIC_FIREBASE_API_KEY is missing/);
    expect((error as Error).message).toMatch(/NEXT_PUBLIC_FIREBASE_APP_ID is missing/);
    expect((error as Error).message).not.toMatch(/NEXT_PUBLIC_SITE_URL/);
  });

  it('refuses a bad site URL, a demo project and an unknown mode', () => {
    expect(() => parsePublicConfig({ ...production, NEXT_PUBLIC_SITE_URL: 'headshots.example.com' })).toThrow(
      /NEXT_PUBLIC_SITE_URL must be an http\(s\) URL/,
    );
    expect(() =>
      parsePublicConfig({ ...production, NEXT_PUBLIC_FIREBASE_PROJECT_ID: 'demo-likeness' }),
    ).toThrow(/NEXT_PUBLIC_FIREBASE_PROJECT_ID is a demo- project/);
    expect(() => parsePublicConfig({ ...production, NEXT_PUBLIC_LIKENESS_ENV: 'staging' })).toThrow(
      /NEXT_PUBLIC_LIKENESS_ENV must be "local" or "production"/,
    );
  });
});

describe('publicConfig', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('reads the NEXT_PUBLIC_* variables once, when first used', async () => {
    vi.stubEnv('NEXT_PUBLIC_LIKENESS_ENV', 'local');
    vi.stubEnv('NEXT_PUBLIC_LIKENESS_PORT_OFFSET', '30');
    const { publicConfig } = await import('./config');
    expect(publicConfig.env).toBe('local');
    expect(publicConfig.emulators?.auth).toBe('http://127.0.0.1:9129');
    vi.stubEnv('NEXT_PUBLIC_LIKENESS_PORT_OFFSET', '40');
    expect(publicConfig.emulators?.auth).toBe('http://127.0.0.1:9129');
  });

  it('does not throw on import when production variables are missing, only when read', async () => {
    vi.stubEnv('NEXT_PUBLIC_LIKENESS_ENV', 'production');
    vi.stubEnv('NEXT_PUBLIC_SITE_URL', '');
    const { publicConfig } = await import('./config');
    expect(() => publicConfig.siteUrl).toThrow(/NEXT_PUBLIC_SITE_URL is missing/);
  });
});

describe('parsePublicConfig, analytics', () => {
  const local = { NEXT_PUBLIC_LIKENESS_ENV: 'local' } as const;
  it('loads nothing without a measurement id', () => {
    expect(
      parsePublicConfig({ ...local, NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: 'http://127.0.0.1:4105' }).analytics,
    ).toBeNull();
  });
  it('requires consent everywhere unless the operator lists regions', () => {
    expect(parsePublicConfig({ ...local, NEXT_PUBLIC_GA_MEASUREMENT_ID: 'G-ABC123' }).analytics).toEqual({
      measurementId: 'G-ABC123',
      serverContainerUrl: null,
      consentRegions: [],
    });
    expect(
      parsePublicConfig({
        ...local,
        NEXT_PUBLIC_GA_MEASUREMENT_ID: 'G-ABC123',
        NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: 'http://127.0.0.1:4105/',
        NEXT_PUBLIC_CONSENT_REGIONS: 'gb, FR,US-CA',
      }).analytics,
    ).toEqual({
      measurementId: 'G-ABC123',
      serverContainerUrl: 'http://127.0.0.1:4105',
      consentRegions: ['GB', 'FR', 'US-CA'],
    });
  });
  it('refuses a malformed id or region, and a plain-http tagging server in production', () => {
    expect(() => parsePublicConfig({ ...local, NEXT_PUBLIC_GA_MEASUREMENT_ID: 'UA-1-1' })).toThrow(
      /NEXT_PUBLIC_GA_MEASUREMENT_ID must be a GA4 measurement id/,
    );
    expect(() =>
      parsePublicConfig({
        ...local,
        NEXT_PUBLIC_GA_MEASUREMENT_ID: 'G-A',
        NEXT_PUBLIC_CONSENT_REGIONS: 'Europe',
      }),
    ).toThrow(/ISO 3166/);
    expect(() =>
      parsePublicConfig({
        ...production,
        NEXT_PUBLIC_GA_MEASUREMENT_ID: 'G-A',
        NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: 'http://sgtm.example.com',
      }),
    ).toThrow(/must be https/);
  });
});

describe('functionUrl', () => {
  it('is the Functions emulator URL locally, with the port offset and the project', () => {
    const config = parsePublicConfig({
      NEXT_PUBLIC_LIKENESS_ENV: 'local',
      NEXT_PUBLIC_FIREBASE_PROJECT_ID: 'demo-x',
      NEXT_PUBLIC_LIKENESS_PORT_OFFSET: '40',
    });
    expect(functionUrl(config, 'recordLanding')).toBe(
      'http://127.0.0.1:5041/demo-x/us-central1/recordLanding',
    );
  });

  it('is the cloudfunctions.net URL in production', () => {
    expect(functionUrl(parsePublicConfig(production), 'recordLanding')).toBe(
      'https://us-central1-likeness-prod.cloudfunctions.net/recordLanding',
    );
  });
});
