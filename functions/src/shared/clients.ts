import sgClient from '@sendgrid/client';
import sgMail from '@sendgrid/mail';
import Replicate from 'replicate';
import Stripe from 'stripe';
import { config } from './config.js';

/**
 * Official SDK clients. In local mode their base URL points at the devstack stand-ins, which
 * implement the same API; nothing else differs.
 */
let stripe: Stripe | undefined;
let replicate: Replicate | undefined;
let mail: typeof sgMail | undefined;

export function stripeClient(): Stripe {
  if (stripe) return stripe;
  const c = config();
  stripe = stripeWith(c.STRIPE_SECRET_KEY, c.STRIPE_API_BASE);
  return stripe;
}

/** A Stripe client for a key, at `apiBase` (the stand-in) when given; also used by the price sync. */
export function stripeWith(secretKey: string, apiBase?: string): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
}

export function replicateClient(): Replicate {
  if (replicate) return replicate;
  const c = config();
  replicate = new Replicate({
    auth: c.REPLICATE_API_TOKEN,
    ...(c.REPLICATE_API_BASE ? { baseUrl: c.REPLICATE_API_BASE } : {}),
  });
  return replicate;
}

export function mailClient(): typeof sgMail {
  if (mail) return mail;
  const c = config();
  sgClient.setApiKey(c.SENDGRID_API_KEY);
  if (c.SENDGRID_API_BASE) sgClient.setDefaultRequest('baseUrl', c.SENDGRID_API_BASE);
  sgMail.setClient(sgClient);
  mail = sgMail;
  return mail;
}
