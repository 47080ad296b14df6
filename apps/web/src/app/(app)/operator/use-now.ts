'use client';

import { useEffect, useState } from 'react';

/** The current time, advanced every `intervalMs`, so "stuck for N min" stays true without new data. */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
