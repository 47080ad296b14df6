import type Stripe from 'stripe';
import { stripeClient } from '../shared/clients.js';
import { config } from '../shared/config.js';
import { header, type Request, type Response } from '../shared/http.js';
import { handleStripeEvent } from './stripe-events.js';
import { orderLogger } from '../shared/order-log.js';

/** The order a verified event names (checkout sessions carry it in metadata), for the logs. */
const orderOf = (event: Stripe.Event): string | null =>
  (event.data.object as { metadata?: Record<string, string> | null }).metadata?.orderId ?? null;

/**
 * Stripe's webhook. Nothing is read or written before the signature over the raw body checks out;
 * a processing failure answers 500 so that Stripe retries (handling is idempotent per event id).
 */
export async function handleStripeWebhook(req: Request, res: Response): Promise<void> {
  if (req.method !== 'POST') {
    res.set('Allow', 'POST').status(405).send('Method not allowed');
    return;
  }
  let event: Stripe.Event;
  try {
    const signature = header(req, 'stripe-signature') ?? '';
    event = stripeClient().webhooks.constructEvent(req.rawBody, signature, config().STRIPE_WEBHOOK_SECRET);
  } catch (err) {
    orderLogger(null, 'payment').warn('stripeWebhook: signature check failed', { err: String(err) });
    res.status(400).send('Webhook signature verification failed');
    return;
  }
  try {
    const outcome = await handleStripeEvent(event);
    orderLogger(orderOf(event), 'payment').info('stripeWebhook: handled', {
      eventId: event.id,
      type: event.type,
      outcome,
    });
    res.status(200).json({ received: true, outcome });
  } catch (err) {
    orderLogger(orderOf(event), 'payment').error('stripeWebhook: processing failed', {
      eventId: event.id,
      type: event.type,
      err: String(err),
    });
    res.status(500).send('Processing failed; Stripe will retry');
  }
}
