/**
 * Shown only in local mode: a reminder that nothing here is real, and where the "sent" emails and
 * analytics events are.
 */
export function LocalStackBar({
  outboxUrl,
  analyticsUrl,
}: {
  outboxUrl: string | null;
  analyticsUrl: string | null;
}) {
  return (
    <div className="bg-amber-100 text-xs text-amber-950">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-1 px-4 py-1.5 sm:px-6">
        <span className="font-semibold">Local stack</span>
        <span className="hidden text-amber-900 sm:inline">
          Firebase emulators and local stand-ins: no real payments or emails.
        </span>
        {outboxUrl && (
          <a
            className="ml-auto font-medium underline underline-offset-2 hover:no-underline"
            href={outboxUrl}
            target="_blank"
            rel="noreferrer"
          >
            Mail outbox
          </a>
        )}
        {analyticsUrl && (
          <a
            className={`${outboxUrl ? '' : 'ml-auto'}font-medium underline underline-offset-2 hover:no-underline`}
            href={analyticsUrl}
            target="_blank"
            rel="noreferrer"
            data-testid="analytics-events-link"
          >
            Analytics events
          </a>
        )}
      </div>
    </div>
  );
}
