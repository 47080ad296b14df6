import { FUNCTIONS_REGION, MAX_PORT_OFFSET, PORT_OFFSET_STEP, portsWithOffset } from '@likeness/core';
import { z } from 'zod';

/**
 * The browser-visible configuration, from NEXT_PUBLIC_* variables as they were when the app was built
 * (Next.js inlines them into the bundle).
 *
 * Local mode (the launcher sets NEXT_PUBLIC_LIKENESS_ENV=local when it builds or runs the app) talks to
 * the Firebase emulators of a `demo-` project, with every port shifted by
 * NEXT_PUBLIC_LIKENESS_PORT_OFFSET. Production mode needs the real Firebase web config and the site
 * URL, and fails loudly, naming what is missing, rather than start half-configured.
 */

export type LikenessEnv = 'local' | 'production';

export interface EmulatorConfig {
  /** Auth emulator origin: what connectAuthEmulator takes, and where its oobCodes endpoint lives. */
  auth: string;
  firestore: { host: string; port: number };
  functions: { host: string; port: number };
}

export interface FirebaseWebConfig {
  apiKey: string;
  authDomain: string;
  projectId: string;
  appId?: string;
}

export interface PublicConfig {
  env: LikenessEnv;
  /** Canonical origin of the site, without a trailing slash. */
  siteUrl: string;
  /** The local mail outbox page; null in production, where mail really goes out. */
  outboxUrl: string | null;
  firebase: FirebaseWebConfig;
  /**
   * reCAPTCHA Enterprise site key for App Check: production functions refuse callables without an
   * App Check token. Null locally (the emulators cannot verify tokens of a demo- project).
   */
  appCheckSiteKey: string | null;
  emulators: EmulatorConfig | null;
  /**
   * Where customers write about their data and their orders, named on the privacy and terms pages.
   * Each operator of the site sets their own; the local stack uses a placeholder.
   */
  contactEmail: string;
  /** GA4 behind the consent banner; null when no measurement id is configured (nothing loads). */
  analytics: AnalyticsConfig | null;
}

export interface AnalyticsConfig {
  measurementId: string;
  /**
   * A first-party tagging server that serves gtag.js and receives its hits (the GA4 stand-in
   * locally); null for Google's own (www.googletagmanager.com, www.google-analytics.com).
   */
  serverContainerUrl: string | null;
  /**
   * ISO 3166 regions where consent is required before storage; empty means everywhere, which is the
   * default: an operator lists regions only if they know consent is not required elsewhere.
   */
  consentRegions: string[];
}

type PublicEnvName =
  | 'NEXT_PUBLIC_LIKENESS_ENV'
  | 'NEXT_PUBLIC_SITE_URL'
  | 'NEXT_PUBLIC_FIREBASE_API_KEY'
  | 'NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN'
  | 'NEXT_PUBLIC_FIREBASE_PROJECT_ID'
  | 'NEXT_PUBLIC_FIREBASE_APP_ID'
  | 'NEXT_PUBLIC_RECAPTCHA_SITE_KEY'
  | 'NEXT_PUBLIC_LIKENESS_PORT_OFFSET'
  | 'NEXT_PUBLIC_OUTBOX_URL'
  | 'NEXT_PUBLIC_CONTACT_EMAIL'
  | 'NEXT_PUBLIC_GA_MEASUREMENT_ID'
  | 'NEXT_PUBLIC_GA_SERVER_CONTAINER_URL'
  | 'NEXT_PUBLIC_CONSENT_REGIONS';
export type PublicEnv = Partial<Record<PublicEnvName, string | undefined>>;

const EMULATOR_HOST = '127.0.0.1';
/** The local stack's contact address: example.com is reserved, so no real inbox gets the mail. */
export const LOCAL_CONTACT_EMAIL = 'privacy@example.com';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

// An empty variable (`NAME=` in an env file) means "not set", not "set to nothing".
const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const textOr = (fallback: string) => z.preprocess((v) => blank(v) ?? fallback, z.string().trim());
const required = (hint: string) => z.preprocess(blank, z.string({ error: `is missing (${hint})` }).trim());
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));
const optionalUrl = z.preprocess(blank, httpUrl.optional());
const email = z.email({ error: 'must be an email address' });

const AnalyticsEnv = z.object({
  NEXT_PUBLIC_GA_MEASUREMENT_ID: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^G-[A-Z0-9]+$/, 'must be a GA4 measurement id (G-…)')
      .optional(),
  ),
  NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: optionalUrl,
  NEXT_PUBLIC_CONSENT_REGIONS: z.preprocess(
    (v) => blank(v) ?? '',
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((r) => r.trim().toUpperCase())
          .filter(Boolean),
      )
      .pipe(
        z.array(z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must list ISO 3166 regions (GB, US-CA)')),
      ),
  ),
});

function analyticsOf(env: PublicEnv, mode: LikenessEnv): AnalyticsConfig | null {
  const parsed = AnalyticsEnv.safeParse(env);
  if (!parsed.success) fail(parsed.error, mode);
  const a = parsed.data;
  if (!a.NEXT_PUBLIC_GA_MEASUREMENT_ID) return null;
  if (mode === 'production' && a.NEXT_PUBLIC_GA_SERVER_CONTAINER_URL?.startsWith('http:'))
    throw new ConfigError(
      'Web app configuration is invalid: NEXT_PUBLIC_GA_SERVER_CONTAINER_URL must be https.',
    );
  return {
    measurementId: a.NEXT_PUBLIC_GA_MEASUREMENT_ID,
    serverContainerUrl: a.NEXT_PUBLIC_GA_SERVER_CONTAINER_URL ?? null,
    consentRegions: a.NEXT_PUBLIC_CONSENT_REGIONS,
  };
}

const ModeEnv = z.object({
  NEXT_PUBLIC_LIKENESS_ENV: z.preprocess(
    (v) => blank(v) ?? 'production',
    z.enum(['local', 'production'], { error: 'must be "local" or "production"' }),
  ),
});

const LocalEnv = z.object({
  NEXT_PUBLIC_FIREBASE_PROJECT_ID: textOr('demo-likeness').pipe(
    z.string().startsWith('demo-', 'must be a demo- project in local mode (emulators only)'),
  ),
  NEXT_PUBLIC_FIREBASE_API_KEY: textOr('demo-api-key'),
  NEXT_PUBLIC_LIKENESS_PORT_OFFSET: textOr('0').pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .refine(
        (n) => n <= MAX_PORT_OFFSET && n % PORT_OFFSET_STEP === 0,
        `must be a multiple of ${PORT_OFFSET_STEP} from 0 to ${MAX_PORT_OFFSET}`,
      ),
  ),
  NEXT_PUBLIC_OUTBOX_URL: optionalUrl,
  NEXT_PUBLIC_SITE_URL: optionalUrl,
  NEXT_PUBLIC_CONTACT_EMAIL: textOr(LOCAL_CONTACT_EMAIL).pipe(email),
});

const ProductionEnv = z.object({
  NEXT_PUBLIC_SITE_URL: required('the public https URL of the site').pipe(httpUrl),
  NEXT_PUBLIC_FIREBASE_API_KEY: required('Firebase console → Project settings → Your apps → Web app'),
  NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN: required('e.g. <project>.firebaseapp.com'),
  NEXT_PUBLIC_FIREBASE_PROJECT_ID: required('your Firebase project id').refine(
    (id) => !id.startsWith('demo-'),
    'is a demo- project, which exists only locally',
  ),
  NEXT_PUBLIC_FIREBASE_APP_ID: required('Firebase console → Project settings → Your apps → Web app'),
  NEXT_PUBLIC_RECAPTCHA_SITE_KEY: required(
    'Firebase console → App Check → your web app → reCAPTCHA Enterprise site key',
  ),
  // A privacy notice must say whom to write to; the site does not go out without one.
  NEXT_PUBLIC_CONTACT_EMAIL: required('the address customers write to about their data and orders').pipe(
    email,
  ),
});

function fail(error: z.ZodError, mode: LikenessEnv | 'any'): never {
  const problems = error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  const where =
    mode === 'production'
      ? 'Set it at build time (e.g. apps/web/.env.production), or NEXT_PUBLIC_LIKENESS_ENV=local for the local stack.'
      : 'The local launcher (packages/devstack) sets these for you.';
  throw new ConfigError(`Web app configuration is invalid: ${problems.join('; ')}. ${where}`);
}

/** Builds the configuration from NEXT_PUBLIC_* values; throws a ConfigError naming each bad variable. */
export function parsePublicConfig(env: PublicEnv): PublicConfig {
  const mode = ModeEnv.safeParse(env);
  if (!mode.success) fail(mode.error, 'any');

  if (mode.data.NEXT_PUBLIC_LIKENESS_ENV === 'local') {
    const local = LocalEnv.safeParse(env);
    if (!local.success) fail(local.error, 'local');
    const e = local.data;
    const ports = portsWithOffset(e.NEXT_PUBLIC_LIKENESS_PORT_OFFSET);
    const projectId = e.NEXT_PUBLIC_FIREBASE_PROJECT_ID;
    return {
      env: 'local',
      siteUrl: e.NEXT_PUBLIC_SITE_URL ?? `http://localhost:${ports.web}`,
      outboxUrl: e.NEXT_PUBLIC_OUTBOX_URL ?? `http://${EMULATOR_HOST}:${ports.mail}`,
      // The emulators accept any API key; the auth domain only names the project.
      firebase: {
        apiKey: e.NEXT_PUBLIC_FIREBASE_API_KEY,
        authDomain: `${projectId}.firebaseapp.com`,
        projectId,
      },
      appCheckSiteKey: null,
      emulators: {
        auth: `http://${EMULATOR_HOST}:${ports.auth}`,
        firestore: { host: EMULATOR_HOST, port: ports.firestore },
        functions: { host: EMULATOR_HOST, port: ports.functions },
      },
      contactEmail: e.NEXT_PUBLIC_CONTACT_EMAIL,
      analytics: analyticsOf(env, 'local'),
    };
  }

  const prod = ProductionEnv.safeParse(env);
  if (!prod.success) fail(prod.error, 'production');
  const e = prod.data;
  return {
    env: 'production',
    siteUrl: e.NEXT_PUBLIC_SITE_URL,
    outboxUrl: null,
    firebase: {
      apiKey: e.NEXT_PUBLIC_FIREBASE_API_KEY,
      authDomain: e.NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN,
      projectId: e.NEXT_PUBLIC_FIREBASE_PROJECT_ID,
      appId: e.NEXT_PUBLIC_FIREBASE_APP_ID,
    },
    appCheckSiteKey: e.NEXT_PUBLIC_RECAPTCHA_SITE_KEY,
    emulators: null,
    contactEmail: e.NEXT_PUBLIC_CONTACT_EMAIL,
    analytics: analyticsOf(env, 'production'),
  };
}

/**
 * The URL of an HTTP function (not a callable, which the Functions SDK reaches itself): the Functions
 * emulator's locally, the function's cloudfunctions.net address in production.
 */
export function functionUrl(
  config: Pick<PublicConfig, 'emulators' | 'firebase'>,
  name: string,
  region: string = FUNCTIONS_REGION,
): string {
  const { emulators, firebase } = config;
  if (emulators)
    return `http://${emulators.functions.host}:${emulators.functions.port}/${firebase.projectId}/${region}/${name}`;
  return `https://${region}-${firebase.projectId}.cloudfunctions.net/${name}`;
}

/**
 * Each variable spelled out in full: Next.js inlines `process.env.NEXT_PUBLIC_X` only where it appears
 * literally, and only for variables set at build time.
 */
function processEnv(): PublicEnv {
  return {
    NEXT_PUBLIC_LIKENESS_ENV: process.env.NEXT_PUBLIC_LIKENESS_ENV,
    NEXT_PUBLIC_SITE_URL: process.env.NEXT_PUBLIC_SITE_URL,
    NEXT_PUBLIC_FIREBASE_API_KEY: process.env.NEXT_PUBLIC_FIREBASE_API_KEY,
    NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN: process.env.NEXT_PUBLIC_FIREBASE_AUTH_DOMAIN,
    NEXT_PUBLIC_FIREBASE_PROJECT_ID: process.env.NEXT_PUBLIC_FIREBASE_PROJECT_ID,
    NEXT_PUBLIC_FIREBASE_APP_ID: process.env.NEXT_PUBLIC_FIREBASE_APP_ID,
    NEXT_PUBLIC_RECAPTCHA_SITE_KEY: process.env.NEXT_PUBLIC_RECAPTCHA_SITE_KEY,
    NEXT_PUBLIC_LIKENESS_PORT_OFFSET: process.env.NEXT_PUBLIC_LIKENESS_PORT_OFFSET,
    NEXT_PUBLIC_OUTBOX_URL: process.env.NEXT_PUBLIC_OUTBOX_URL,
    NEXT_PUBLIC_CONTACT_EMAIL: process.env.NEXT_PUBLIC_CONTACT_EMAIL,
    NEXT_PUBLIC_GA_MEASUREMENT_ID: process.env.NEXT_PUBLIC_GA_MEASUREMENT_ID,
    NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: process.env.NEXT_PUBLIC_GA_SERVER_CONTAINER_URL,
    NEXT_PUBLIC_CONSENT_REGIONS: process.env.NEXT_PUBLIC_CONSENT_REGIONS,
  };
}

let resolved: PublicConfig | undefined;

/**
 * The configuration this app was built with. Read lazily, so that importing this module never throws
 * and a production build without its variables fails where the value is first needed, with the names.
 */
export const publicConfig: PublicConfig = {
  get env() {
    return current().env;
  },
  get siteUrl() {
    return current().siteUrl;
  },
  get outboxUrl() {
    return current().outboxUrl;
  },
  get firebase() {
    return current().firebase;
  },
  get appCheckSiteKey() {
    return current().appCheckSiteKey;
  },
  get emulators() {
    return current().emulators;
  },
  get contactEmail() {
    return current().contactEmail;
  },
  get analytics() {
    return current().analytics;
  },
};

function current(): PublicConfig {
  return (resolved ??= parsePublicConfig(processEnv()));
}
