/** Checkout and payment: Stripe Checkout Sessions for ready orders, and Stripe's signed webhook. */
import { onRequest } from 'firebase-functions/v2/https';
import { callable } from '../shared/callable.js';
import { cancelCheckoutFor } from './cancel-checkout.js';
import { createCheckoutFor } from './create-checkout.js';
import { handleStripeWebhook } from './stripe-webhook.js';

export const createCheckout = callable('createCheckout', {}, createCheckoutFor);

export const cancelCheckout = callable('cancelCheckout', {}, cancelCheckoutFor);

export const stripeWebhook = onRequest({ timeoutSeconds: 30 }, handleStripeWebhook);
