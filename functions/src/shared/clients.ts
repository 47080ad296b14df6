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
  const base = c.STRIPE_API_BASE ? new URL(c.STRIPE_API_BASE) : undefined;
  stripe = new Stripe(c.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port),
          protocol: base.protocol.replace(':', '') as 'http' | 'https',
        }
      : {}),
  });
  return stripe;
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
