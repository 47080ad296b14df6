'use client';

import { useEffect, useState } from 'react';
import { Alert, Button, Spinner, formatDateTime } from '@/components/ui';
import { describeError } from '@/lib/errors';
import { callFunction } from '@/lib/firebase/callables';
import { latestAuditEntries } from '@/lib/firebase/firestore';
import { listen } from '@/lib/firebase/listen';
import { toAuditEntryView, type AuditEntryView } from '@/lib/views';
import { describeActor, describeChange, describeVerify } from './operator-actions';
import { HeaderRow } from './header-row';

const SHOWN = 20;

/** The newest audit entries, read-only, and a check of the whole chain on the server. */
export function AuditLogPanel() {
  const [entries, setEntries] = useState<AuditEntryView[] | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [verdict, setVerdict] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);

  useEffect(
    () =>
      listen(latestAuditEntries(SHOWN), toAuditEntryView, setEntries, (err) => setError(describeError(err))),
    [],
  );

  async function verify() {
    setVerifying(true);
    setVerdict(null);
    try {
      const result = await callFunction('operatorVerifyAudit', {});
      setVerdict({ tone: result.ok ? 'success' : 'error', text: describeVerify(result) });
    } catch (err) {
      setVerdict({ tone: 'error', text: describeError(err) });
    } finally {
      setVerifying(false);
    }
  }

  return (
    <section aria-labelledby="audit-heading" data-testid="audit-log" className="mt-10">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 id="audit-heading" className="text-xl font-semibold">
          Audit log <span className="text-sm font-normal text-slate-500">(latest {SHOWN}, newest first)</span>
        </h2>
        <Button
          variant="secondary"
          size="sm"
          onClick={verify}
          disabled={verifying}
          data-testid="verify-chain"
        >
          {verifying && <Spinner />}
          Verify chain
        </Button>
      </div>
      {verdict && (
        <Alert tone={verdict.tone} className="mt-3" data-testid="verify-outcome">
          {verdict.text}
        </Alert>
      )}
      {error && (
        <Alert tone="error" className="mt-3">
          {error}
        </Alert>
      )}
      {entries && entries.length === 0 && (
        <p className="mt-2 text-sm text-slate-600">No operator actions yet.</p>
      )}
      {entries && entries.length > 0 && (
        <div className="mt-3 overflow-x-auto rounded-2xl border border-slate-200 bg-white">
          <table className="min-w-full text-left text-xs">
            <thead className="bg-slate-50 text-slate-500 uppercase">
              <HeaderRow
                cellClassName="px-3 py-2"
                columns={['#', 'When', 'Who', 'Action', 'Order', 'Change', 'Reason', 'Hash']}
              />
            </thead>
            <tbody className="divide-y divide-slate-100">
              {entries.map((entry) => (
                <tr key={entry.seq} data-testid="audit-entry">
                  <td className="px-3 py-2 tabular-nums">{entry.seq}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{formatDateTime(entry.at)}</td>
                  <td className="px-3 py-2">{describeActor(entry.actor)}</td>
                  <td className="px-3 py-2 font-mono">{entry.action}</td>
                  <td className="px-3 py-2 font-mono">{entry.orderId ?? '—'}</td>
                  <td className="max-w-72 px-3 py-2 font-mono break-all">
                    {describeChange(entry.before, entry.after)}
                  </td>
                  <td className="max-w-64 px-3 py-2">{entry.reason ?? '—'}</td>
                  <td className="px-3 py-2 font-mono text-slate-400" title={entry.hash}>
                    {entry.hash.slice(0, 10)}…
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
