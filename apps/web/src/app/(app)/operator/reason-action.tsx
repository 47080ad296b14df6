'use client';

import { OperatorReason } from '@likeness/core';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button, Spinner } from '@/components/ui';
import { describeError } from '@/lib/errors';

/**
 * One operator action: a button that asks for the reason (it goes into the audit log), then runs
 * the action and shows what came back, or the error in words.
 */
export function ReasonAction({
  label,
  hint,
  run,
  testId,
  fields,
}: {
  label: string;
  /** More inputs the action takes (a refund's amount), shown above the reason. */
  fields?: ReactNode;
  /** Shown under the reason field: who else will read it, what the action does. */
  hint?: string;
  /** Calls the callable with the reason and returns the outcome in words. */
  run: (reason: string) => Promise<string>;
  testId: string;
}) {
  const inputId = useId();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setOutcome(null);
    try {
      const text = await run(OperatorReason.parse(reason));
      setOutcome({ tone: 'success', text });
      setAsking(false);
      setReason('');
    } catch (err) {
      setOutcome({ tone: 'error', text: describeError(err) });
    } finally {
      setPending(false);
    }
  }

  return (
    <div data-testid={testId} className="min-w-0">
      {!asking && (
        <Button
          variant="secondary"
          size="sm"
          onClick={() => {
            setAsking(true);
            setOutcome(null);
          }}
        >
          {label}
        </Button>
      )}
      {asking && (
        <form
          onSubmit={submit}
          className="flex flex-col gap-2 rounded-xl bg-slate-50 p-3 ring-1 ring-slate-200"
        >
          {fields}
          <label htmlFor={inputId} className="text-xs font-semibold text-slate-700">
            {label}: why?
          </label>
          <input
            id={inputId}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            required
            minLength={3}
            maxLength={500}
            autoFocus
            placeholder="Kept in the audit log"
            className="rounded-lg border border-slate-300 px-3 py-1.5 text-sm"
          />
          {hint && <p className="text-xs text-slate-500">{hint}</p>}
          <div className="flex gap-2">
            <Button type="submit" size="sm" disabled={pending}>
              {pending && <Spinner />}
              Confirm
            </Button>
            <Button variant="ghost" size="sm" disabled={pending} onClick={() => setAsking(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {outcome && (
        <Alert tone={outcome.tone} className="mt-2" data-testid={`${testId}-outcome`}>
          {outcome.text}
        </Alert>
      )}
    </div>
  );
}
