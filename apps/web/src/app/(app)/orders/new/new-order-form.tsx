'use client';

import {
  chooseCurrency,
  DraftOrderFields,
  PLANS,
  PlanId,
  STYLES,
  type SubjectClass,
  formatPrice,
  planPrice,
  type Plan,
} from '@likeness/core';
import clsx from 'clsx';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { Alert, Button, PageLoading, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { useRequireUser } from '@/lib/firebase/auth-provider';
import { attributionForOrder } from '@/lib/analytics/first-touch';
import { track, trackOnce } from '@/lib/analytics/gtag';
import { useStyleViews } from '@/lib/analytics/use-style-views';
import { createDraftOrder } from '@/lib/firebase/firestore';
import { selectionProblem, toggleStyle } from '@/lib/style-selection';

const SUBJECTS: { id: SubjectClass; label: string; hint: string }[] = [
  { id: 'man', label: 'A man', hint: 'Prompts say “man”' },
  { id: 'woman', label: 'A woman', hint: 'Prompts say “woman”' },
  { id: 'person', label: 'A person', hint: 'Neutral wording' },
];
const PLAN_LIST: Plan[] = Object.values(PLANS);

const choiceCard =
  'relative flex cursor-pointer rounded-xl border bg-white p-4 transition-colors has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600';
const chosen = 'border-brand-600 ring-1 ring-brand-600 bg-brand-50/40';
const notChosen = 'border-slate-200 hover:border-slate-300';

/** One choice of a radio group, drawn as a card; `data-testid` is `<name>-<value>`. */
function RadioCard({
  name,
  value,
  checked,
  onChoose,
  children,
}: {
  name: string;
  value: string;
  checked: boolean;
  onChoose: () => void;
  children: ReactNode;
}) {
  return (
    <label data-testid={`${name}-${value}`} className={clsx(choiceCard, checked ? chosen : notChosen)}>
      <input
        type="radio"
        name={name}
        value={value}
        checked={checked}
        onChange={onChoose}
        className="sr-only"
      />
      {children}
    </label>
  );
}

export function NewOrderForm() {
  const user = useRequireUser();
  const router = useRouter();
  const params = useSearchParams();
  const initialPlan = PlanId.safeParse(params.get('plan'));
  // A city page's buttons say which currency its prices were in (`?currency=gbp`); anything else is USD.
  const currency = chooseCurrency(params.get('currency'));
  const [subject, setSubject] = useState<SubjectClass | null>(null);
  const [planId, setPlanId] = useState<PlanId>(initialPlan.success ? initialPlan.data : 'professional');
  const [styleIds, setStyleIds] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stylesSeen = useStyleViews();

  if (!user) return <PageLoading />;
  const plan = PLANS[planId];
  const problem = selectionProblem({ subject, styleIds, plan });
  const atLimit = styleIds.length >= plan.maxStyles;

  async function create() {
    if (!user || saving || problem) return;
    setSaving(true);
    setError(null);
    try {
      const fields = DraftOrderFields.parse({ subjectClass: subject, styleIds, planId, currency });
      const orderId = await createDraftOrder(user.uid, fields, attributionForOrder());
      router.push(`/orders/${orderId}`);
    } catch (err) {
      setError(describeError(err));
      setSaving(false);
    }
  }

  return (
    <div className="pb-28">
      <h1 className="text-3xl font-semibold tracking-tight">New order</h1>
      <p className="mt-2 text-slate-600">Three choices, then you upload your selfies.</p>

      <fieldset className="mt-10">
        <legend className="text-lg font-semibold">1. Who is in the photos?</legend>
        <p className="mt-1 text-sm text-slate-600">
          This word goes into every prompt, so the model draws the right person.
        </p>
        <div className="mt-4 grid gap-3 sm:grid-cols-3">
          {SUBJECTS.map((s) => (
            <RadioCard
              key={s.id}
              name="subject"
              value={s.id}
              checked={subject === s.id}
              onChoose={() => setSubject(s.id)}
            >
              <span>
                <span className="block font-medium">{s.label}</span>
                <span className="mt-0.5 block text-sm text-slate-500">{s.hint}</span>
              </span>
            </RadioCard>
          ))}
        </div>
      </fieldset>

      <fieldset className="mt-10">
        <legend className="text-lg font-semibold">2. Choose a plan</legend>
        <p className="mt-1 text-sm text-slate-600" data-testid="order-currency">
          Prices in {currency.toUpperCase()}: checkout charges this amount in this currency.
        </p>
        <div className="mt-4 grid gap-3 sm:grid-cols-3">
          {PLAN_LIST.map((p) => (
            <RadioCard
              key={p.id}
              name="plan"
              value={p.id}
              checked={planId === p.id}
              onChoose={() => setPlanId(p.id)}
            >
              <span className="flex w-full flex-col">
                <span className="flex items-baseline justify-between gap-2">
                  <span className="font-medium">{p.name}</span>
                  <span className="font-semibold">{formatPrice(planPrice(p, currency), currency)}</span>
                </span>
                <span className="mt-1 text-sm text-slate-500">
                  {p.headshots} headshots · up to {p.maxStyles} styles
                </span>
              </span>
            </RadioCard>
          ))}
        </div>
      </fieldset>

      <fieldset className="mt-10">
        <legend className="text-lg font-semibold">3. Pick your styles</legend>
        <p className="mt-1 text-sm text-slate-600" aria-live="polite">
          <span className="font-medium text-slate-900">
            {styleIds.length} of {plan.maxStyles} selected.
          </span>{' '}
          The {plan.name} plan includes up to {plan.maxStyles} styles; its {plan.headshots} headshots are
          shared evenly between them.
        </p>
        <div ref={stylesSeen} className="mt-4 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
          {STYLES.map((style) => {
            const selected = styleIds.includes(style.id);
            const disabled = !selected && atLimit;
            return (
              <label
                key={style.id}
                data-testid={`style-${style.id}`}
                data-style-id={style.id}
                className={clsx(
                  'group relative flex flex-col overflow-hidden rounded-xl border bg-white transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-600',
                  selected ? chosen : notChosen,
                  disabled ? 'cursor-not-allowed opacity-50' : 'cursor-pointer',
                )}
              >
                <input
                  type="checkbox"
                  checked={selected}
                  disabled={disabled}
                  onChange={() => {
                    if (!selected) {
                      // Choosing a style is seeing it, even before its card was half on screen.
                      trackOnce(style.id, 'style_view', { style_id: style.id });
                      track('style_select', { style_id: style.id });
                    }
                    setStyleIds((prev) =>
                      toggleStyle(
                        prev,
                        style.id,
                        STYLES.map((s) => s.id),
                      ),
                    );
                  }}
                  className="absolute top-2.5 right-2.5 z-10 size-5 rounded accent-brand-600"
                  aria-describedby={`style-desc-${style.id}`}
                />
                <img
                  src={style.previewImage}
                  alt=""
                  width={480}
                  height={600}
                  loading="lazy"
                  className="aspect-[4/5] w-full object-cover"
                />
                <span className="p-3">
                  <span className="block text-sm font-medium">{style.name}</span>
                  <span
                    id={`style-desc-${style.id}`}
                    className="mt-0.5 block text-xs leading-5 text-slate-500"
                  >
                    {style.description}
                  </span>
                </span>
              </label>
            );
          })}
        </div>
        {atLimit && !problem && (
          <p className="mt-3 text-sm text-slate-600">
            You have picked all {plan.maxStyles} styles of the {plan.name} plan. Unselect one to swap it, or
            choose a bigger plan for more.
          </p>
        )}
      </fieldset>

      {error && (
        <Alert tone="error" className="mt-8">
          {error}
        </Alert>
      )}

      <div className="fixed inset-x-0 bottom-0 z-20 border-t border-slate-200 bg-white/95 backdrop-blur">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-3 px-4 py-3 sm:px-6">
          <p className="text-sm">
            <span className="font-semibold">{plan.name}</span> · {plan.headshots} headshots ·{' '}
            {formatPrice(planPrice(plan, currency), currency)}
            {problem && <span className="block text-slate-600 sm:ml-3 sm:inline">{problem}</span>}
          </p>
          <Button
            data-testid="create-order"
            size="lg"
            className="ml-auto"
            onClick={create}
            disabled={Boolean(problem) || saving}
          >
            {saving && <Spinner />}
            Continue to photos
          </Button>
        </div>
      </div>
    </div>
  );
}
