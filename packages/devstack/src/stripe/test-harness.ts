import Stripe from 'stripe';
import { WebhookReceiver } from '../http/webhook-receiver.js';
import { startStripeStandin, type StripeStandin, type StripeStandinOptions } from './server.js';

/** What the stand-in's tests share: a stand-in on a free port, its webhook receiver, the SDK on it. */
export interface StandinUnderTest {
  standin: StripeStandin;
  receiver: WebhookReceiver;
  stripe: Stripe;
  stop(): Promise<void>;
}

export const TEST_KEY = 'sk_test_local_abcdefghijklmnop';
export const TEST_WEBHOOK_SECRET = 'whsec_testsecretvalue1234567890';

export const stripeOn = (key: string, port: number) =>
  new Stripe(key, { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });

export async function startStandinUnderTest(
  options: Partial<StripeStandinOptions> = {},
): Promise<StandinUnderTest> {
  const receiver = new WebhookReceiver();
  const hookBase = await receiver.start();
  const standin = await startStripeStandin({
    port: 0,
    host: '127.0.0.1',
    publicHost: '127.0.0.1',
    secretKey: TEST_KEY,
    webhookSecret: TEST_WEBHOOK_SECRET,
    webhookUrl: `${hookBase}/stripeWebhook`,
    log: () => undefined,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100, timeoutMs: 2000 },
    ...options,
  });
  return {
    standin,
    receiver,
    stripe: stripeOn(TEST_KEY, standin.port),
    stop: async () => {
      await standin.stop();
      await receiver.stop();
    },
  };
}

/** A Checkout Session of one $29 line, as the product makes them, with any field replaced. */
export const sessionParams = (
  over: Partial<Stripe.Checkout.SessionCreateParams> = {},
): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  line_items: [
    {
      price_data: { currency: 'usd', unit_amount: 2900, product_data: { name: 'Pro plan: 120 headshots' } },
      quantity: 1,
    },
  ],
  success_url: 'http://localhost:3000/orders/o1/paid?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://localhost:3000/orders/o1',
  client_reference_id: 'o1',
  metadata: { orderId: 'o1', uid: 'u1' },
  ...over,
});

/** Submits the hosted page's form as a browser would, without following the redirect. */
export function submitPayForm(
  standin: StripeStandin,
  sessionId: string,
  card = '4242 4242 4242 4242',
  extra: Record<string, string> = {},
) {
  const body = new URLSearchParams({
    action: 'pay',
    email: 'ana@example.com',
    card,
    expiry: '12 / 34',
    cvc: '123',
    name: 'Ana',
    ...extra,
  });
  return fetch(`${standin.url}/pay/${sessionId}`, { method: 'POST', body, redirect: 'manual' });
}
