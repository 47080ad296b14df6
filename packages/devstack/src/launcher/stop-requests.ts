const EXIT_CODES = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;

/** A repeat of the same signal within this window is the same request, delivered twice. */
const REPEAT_WINDOW_MS = 1000;

export interface StopHandlers {
  /** Stop the stack cleanly, then exit with `code`. Called once. */
  stop(code: number, why: string): void;
  /** Someone asked again while it stops: end everything now. */
  force(why: string): void;
}

/**
 * Routes every way of asking the launcher to stop into `stop`: Ctrl-C, a CI timeout's SIGTERM, a
 * closed terminal's SIGHUP, and a crash of the launcher itself (an uncaught exception would otherwise
 * exit at once and leave every detached child running). One Ctrl-C often arrives twice, from the
 * terminal and forwarded by npm or scripts/dev.mjs, so a repeat within a second is ignored; a later
 * one calls `force`. Returns how the launcher itself asks to stop (its `--exec` finished, or it failed).
 */
export function onStopRequests(handlers: StopHandlers): (code: number, why: string) => void {
  let stopping = false;
  let lastSignalAt = 0;
  const request = (code: number, why: string, isSignal: boolean) => {
    const now = Date.now();
    if (isSignal && now - lastSignalAt < REPEAT_WINDOW_MS) return;
    if (isSignal) lastSignalAt = now;
    if (!stopping) {
      stopping = true;
      handlers.stop(code, why);
    } else if (isSignal) {
      handlers.force(why);
    }
  };
  for (const [signal, code] of Object.entries(EXIT_CODES)) {
    process.on(signal, () => request(code, signal, true));
  }
  const crashed = (err: unknown) => {
    console.error('The launcher crashed:', err instanceof Error ? (err.stack ?? err.message) : err);
    request(1, 'crash', false);
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
  return (code, why) => request(code, why, false);
}
