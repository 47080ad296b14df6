import {
  BASE_CURRENCY,
  PLANS,
  STYLES,
  describeRefundGuarantee,
  formatPrice,
  getStyle,
  planPrice,
  type Currency,
  type Plan,
  type PlanId,
} from '@likeness/core';
import clsx from 'clsx';
import Link from 'next/link';
import { LINK_LIFETIME, SELFIE_DELETION_PROMISE } from '@/lib/privacy-copy';
import { HEADSHOT_RANGE, LOWEST_PRICE, SELFIE_RANGE } from '@/lib/product-numbers';

const PLAN_LIST: Plan[] = Object.values(PLANS);

export function PrimaryCta({
  children = 'Get your headshots',
  href = '/orders/new',
}: {
  children?: string;
  /** A city page's carries its currency (`cityOrderPath`). */
  href?: string;
}) {
  return (
    <Link
      href={href}
      // Prefetching an app route would load the Firebase client on every marketing page view.
      prefetch={false}
      className="inline-flex items-center justify-center rounded-full bg-brand-600 px-6 py-3 text-base font-semibold text-white shadow-sm hover:bg-brand-700"
    >
      {children}
    </Link>
  );
}

export function HeroCollage({ styleIds }: { styleIds: readonly string[] }) {
  const tilts = ['-rotate-3 translate-y-6', 'rotate-2', '-rotate-1 -translate-y-4', 'rotate-3 translate-y-3'];
  return (
    <div className="grid grid-cols-2 gap-3 sm:gap-4" aria-hidden="true">
      {styleIds.slice(0, 4).map((id, i) => {
        const style = getStyle(id);
        return (
          <img
            key={id}
            src={style.previewImage}
            alt=""
            width={480}
            height={600}
            fetchPriority={i < 2 ? 'high' : 'auto'}
            className={clsx(
              'aspect-[4/5] w-full rounded-2xl object-cover shadow-xl ring-1 ring-black/5',
              tilts[i],
            )}
          />
        );
      })}
    </div>
  );
}

const STEPS = [
  {
    title: `Upload ${SELFIE_RANGE} selfies`,
    text: 'Phone photos are fine: different days, light and angles help most.',
  },
  {
    title: 'We check every photo',
    text: 'Each selfie is checked as it arrives, usually in seconds: one face, sharp, well lit, the same person. You see why one is turned down.',
  },
  { title: 'Pay once', text: `Plans from ${LOWEST_PRICE}. No subscription; pick the styles you want.` },
  {
    title: `Get ${HEADSHOT_RANGE} studio headshots`,
    text: 'A private model learns your face and shoots you in every style. Rate, favourite and download them all.',
  },
];

export function HowItWorks() {
  return (
    <section aria-labelledby="how" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
      <h2 id="how" className="text-3xl font-semibold tracking-tight">
        How it works
      </h2>
      <ol className="mt-10 grid gap-6 sm:grid-cols-2 lg:grid-cols-4">
        {STEPS.map((step, i) => (
          <li key={step.title} className="rounded-2xl border border-slate-200 p-6">
            <span className="flex size-8 items-center justify-center rounded-full bg-brand-50 text-sm font-semibold text-brand-700">
              {i + 1}
            </span>
            <h3 className="mt-4 font-semibold">{step.title}</h3>
            <p className="mt-2 text-sm leading-6 text-slate-600">{step.text}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function StyleCatalog({ heading = 'Pick your styles' }: { heading?: string }) {
  return (
    <section id="styles" aria-labelledby="styles-heading" className="bg-slate-50">
      <div className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
        <h2 id="styles-heading" className="text-3xl font-semibold tracking-tight">
          {heading}
        </h2>
        <p className="mt-3 max-w-2xl text-slate-600">
          {STYLES.length} studio looks, from a classic LinkedIn portrait to golden-hour street light. Your
          plan decides how many you can combine.
        </p>
        <ul className="mt-10 grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">
          {STYLES.map((style) => (
            <li
              key={style.id}
              className="overflow-hidden rounded-2xl bg-white shadow-sm ring-1 ring-slate-200"
            >
              <img
                src={style.previewImage}
                alt={`${style.name} style preview`}
                width={480}
                height={600}
                loading="lazy"
                decoding="async"
                className="aspect-[4/5] w-full object-cover"
              />
              <div className="p-3">
                <h3 className="text-sm font-semibold">{style.name}</h3>
                <p className="mt-1 text-xs leading-5 text-slate-600">{style.description}</p>
              </div>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}

/**
 * The plans at their price in `currency`; with `orderPath` (a city page's), the buttons carry the
 * currency to the new-order form so the order is charged in it.
 */
export function PlanCards({
  currency = BASE_CURRENCY,
  orderPath = (planId: PlanId) => `/orders/new?plan=${planId}`,
}: {
  currency?: Currency;
  orderPath?: (planId: PlanId) => string;
} = {}) {
  return (
    <section id="pricing" aria-labelledby="pricing-heading" className="mx-auto max-w-6xl px-4 py-20 sm:px-6">
      <h2 id="pricing-heading" className="text-3xl font-semibold tracking-tight">
        Simple pricing
      </h2>
      <p className="mt-3 text-slate-600">
        One payment per order. Every plan includes the photo check and a private gallery.
      </p>
      {/* Worded from the constant requestRefund enforces, so the promise is what the code does. */}
      <p data-testid="refund-guarantee" className="mt-2 text-slate-600">
        {describeRefundGuarantee()}
      </p>
      <ul className="mt-10 grid gap-6 lg:grid-cols-3">
        {PLAN_LIST.map((plan) => {
          const featured = plan.id === 'professional';
          return (
            <li
              key={plan.id}
              className={clsx(
                'relative flex flex-col rounded-2xl p-8',
                featured ? 'bg-slate-900 text-white shadow-xl' : 'border border-slate-200',
              )}
            >
              {featured && (
                <span className="absolute -top-3 left-8 rounded-full bg-brand-600 px-3 py-1 text-xs font-semibold text-white">
                  Most popular
                </span>
              )}
              <h3 className="text-lg font-semibold">{plan.name}</h3>
              <p className="mt-4 flex items-baseline gap-1">
                <span className="text-4xl font-semibold tracking-tight">
                  {formatPrice(planPrice(plan, currency), currency)}
                </span>
                <span className={featured ? 'text-slate-300' : 'text-slate-500'}>once</span>
              </p>
              <ul className={clsx('mt-6 space-y-2 text-sm', featured ? 'text-slate-200' : 'text-slate-600')}>
                <li>{plan.headshots} headshots</li>
                <li>Up to {plan.maxStyles === 1 ? '1 style' : `${plan.maxStyles} styles`}</li>
                <li>Full-resolution downloads</li>
              </ul>
              <Link
                href={orderPath(plan.id)}
                prefetch={false}
                className={clsx(
                  'mt-8 inline-flex justify-center rounded-full px-5 py-2.5 text-sm font-semibold',
                  featured
                    ? 'bg-white text-slate-900 hover:bg-slate-100'
                    : 'bg-slate-900 text-white hover:bg-slate-700',
                )}
              >
                Choose {plan.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function PrivacyPromise() {
  return (
    <section aria-labelledby="privacy" className="bg-brand-900 text-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-16 sm:px-6 md:grid-cols-[1fr_2fr] md:items-center">
        <h2 id="privacy" className="text-3xl font-semibold tracking-tight">
          Your face stays yours
        </h2>
        <div>
          <ul className="space-y-3 text-brand-100">
            <li>{SELFIE_DELETION_PROMISE}</li>
            <li>
              You can delete any photo before you pay, and your order or your whole account at any time,
              yourself, from the site.
            </li>
            <li>
              Your model is used only for your order; it is never shared or used to train anything else.
            </li>
            <li>
              Photos are stored privately and shown to you through links that expire after {LINK_LIFETIME}.
            </li>
          </ul>
          <Link
            href="/privacy"
            prefetch={false}
            className="mt-6 inline-block text-sm font-semibold text-white underline underline-offset-4 hover:no-underline"
          >
            Read the privacy notice →
          </Link>
        </div>
      </div>
    </section>
  );
}
