'use client';

import {
  CreateCheckoutRequest,
  PLANS,
  formatPrice,
  getStyle,
  orderCurrency,
  orderGate,
  planPrice,
  toCurrencyUnits,
  winbackCodePercent,
} from '@likeness/core';
import { useSearchParams } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Card, Spinner } from '@/components/ui';
import { track } from '@/lib/analytics/gtag';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import type { OrderView } from '@/lib/views';

export function CheckoutSection({ order }: { order: OrderView }) {
  const plan = PLANS[order.planId];
  // The currency the order was made in (a city page's); createCheckout charges the same.
  const currency = orderCurrency(order);
  const price = planPrice(plan, currency);
  const gate = orderGate(order);
  // A win-back email's button opens the order with its code (`?promo=`): filled in, discount shown.
  const emailed = CreateCheckoutRequest.shape.discountCode.safeParse(
    useSearchParams().get('promo') ?? undefined,
  );
  const emailedCode = emailed.success ? emailed.data : undefined;
  const [code, setCode] = useState(emailedCode ?? '');
  const percentOff = code.trim() === emailedCode ? winbackCodePercent(emailedCode) : null;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // A ref, not state: a double click delivers both clicks before React re-renders the disabled button.
  const inFlight = useRef(false);

  async function cancelCheckout() {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await callFunction('cancelCheckout', { orderId: order.id });
    } catch (err) {
      setError(describeError(err));
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  }

  async function pay(e: FormEvent) {
    e.preventDefault();
    if (inFlight.current || !gate.open) return;
    const discount = code.trim();
    const checked = CreateCheckoutRequest.safeParse({
      orderId: order.id,
      ...(discount ? { discountCode: discount } : {}),
    });
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'Check the discount code.');
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    track('begin_checkout', {
      value: toCurrencyUnits(price, currency),
      currency,
      plan_id: plan.id,
      // GA4's own parameter: the report then tells discounted checkouts (win-back codes) apart.
      ...(discount ? { coupon: discount } : {}),
    });
    try {
      const { url } = await callFunction('createCheckout', checked.data);
      // Stay busy: the page is about to be replaced by the checkout page.
      window.location.assign(url);
    } catch (err) {
      inFlight.current = false;
      setBusy(false);
      setError(describeError(err));
    }
  }

  return (
    <Card aria-labelledby="checkout-heading">
      <h2 id="checkout-heading" className="text-xl font-semibold">
        Checkout
      </h2>
      <form onSubmit={pay} className="mt-4 grid gap-6 md:grid-cols-[1fr_auto] md:items-end">
        <div>
          <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-1 text-sm">
            <dt className="text-slate-500">Plan</dt>
            <dd className="font-medium">
              {plan.name} · {plan.headshots} headshots
            </dd>
            <dt className="text-slate-500">Styles</dt>
            <dd>{order.styleIds.map((id) => getStyle(id).name).join(', ')}</dd>
            <dt className="text-slate-500">Price</dt>
            <dd className="text-lg font-semibold" data-testid="checkout-price">
              {formatPrice(price, currency)}{' '}
              <span className="text-sm font-normal text-slate-500">{currency.toUpperCase()}</span>
            </dd>
            {percentOff !== null && (
              <>
                <dt className="text-slate-500">Your code</dt>
                <dd data-testid="emailed-discount" className="font-medium text-emerald-700">
                  {percentOff}% off: {formatPrice(price - Math.round((price * percentOff) / 100), currency)}
                </dd>
              </>
            )}
          </dl>
          <div className="mt-4 max-w-xs">
            <label htmlFor="discount-code" className="block text-sm font-medium">
              Discount code <span className="font-normal text-slate-500">(optional)</span>
            </label>
            <input
              id="discount-code"
              data-testid="discount-code"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              maxLength={40}
              className="mt-1.5 block w-full rounded-lg border-0 px-3 py-2 ring-1 ring-slate-300 ring-inset placeholder:text-slate-400 focus:ring-2 focus:ring-brand-600"
              placeholder="e.g. WELCOME10"
            />
          </div>
        </div>
        <div className="flex flex-col items-stretch gap-2 md:items-end">
          <Button type="submit" size="lg" data-testid="pay-button" disabled={!gate.open || busy}>
            {busy && <Spinner />}
            {order.checkout ? 'Continue to payment' : `Pay ${formatPrice(price, currency)} and start`}
          </Button>
          {order.checkout && (
            <Button
              type="button"
              variant="secondary"
              data-testid="cancel-open-checkout"
              disabled={busy}
              onClick={() => void cancelCheckout()}
            >
              Cancel checkout to change photos
            </Button>
          )}
          {!gate.open && <p className="text-sm text-slate-500">{gate.message}</p>}
          <p className="text-xs text-slate-500">
            Secure payment with Stripe. Discounts are applied on the payment page.
          </p>
        </div>
      </form>
      {error && (
        <Alert tone="error" className="mt-4">
          {error}
        </Alert>
      )}
    </Card>
  );
}
