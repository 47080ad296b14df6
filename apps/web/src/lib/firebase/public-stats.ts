import { COLLECTIONS, TURNAROUND_DOC, TurnaroundStats } from '@likeness/core';
import { getApp, getApps, initializeApp } from 'firebase/app';
import { connectFirestoreEmulator, doc, getDoc, getFirestore } from 'firebase/firestore/lite';
import { publicConfig } from '../config';

/**
 * Reads the figures the functions publish under publicStats/ (public by the rules) on the server,
 * with Firestore Lite: one REST read, no listener, and nothing added to the marketing pages' bundle.
 * Its own named app, so the browser's app (client-app.ts) is never created half-wired by this one.
 */
const APP_NAME = 'public-stats';
const READ_TIMEOUT_MS = 2_500;

function statsDb() {
  const existing = getApps().some((a) => a.name === APP_NAME);
  const app = existing ? getApp(APP_NAME) : initializeApp(publicConfig.firebase, APP_NAME);
  const db = getFirestore(app);
  if (!existing && publicConfig.emulators) {
    connectFirestoreEmulator(
      db,
      publicConfig.emulators.firestore.host,
      publicConfig.emulators.firestore.port,
    );
  }
  return db;
}

/**
 * The published turnaround, or null when there is none yet or it cannot be read in time: a page
 * then quotes no time, which is true, instead of failing or waiting.
 */
export async function readTurnaround(): Promise<TurnaroundStats | null> {
  const read = getDoc(doc(statsDb(), COLLECTIONS.publicStats, TURNAROUND_DOC)).then((snap) => {
    const parsed = TurnaroundStats.safeParse(snap.data());
    return parsed.success ? parsed.data : null;
  });
  const late = new Promise<null>((resolve) => setTimeout(() => resolve(null), READ_TIMEOUT_MS).unref?.());
  return Promise.race([read, late]).catch(() => null);
}
