import { initializeApp, type FirebaseApp } from 'firebase/app';
import { initializeAppCheck, ReCaptchaEnterpriseProvider } from 'firebase/app-check';
import {
  browserLocalPersistence,
  connectAuthEmulator,
  indexedDBLocalPersistence,
  initializeAuth,
  type Auth,
} from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import { publicConfig } from '../config';

export interface FirebaseClients {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
}

// Kept on globalThis: a hot reload re-runs this module, but the app it made is still wired to the
// emulators (connecting a second time throws) and its Auth cannot be initialised twice.
const kept = globalThis as { likenessFirebase?: FirebaseClients };

/**
 * The browser's Firebase clients, created on first use: nothing here may run during server rendering,
 * so call it from effects and event handlers.
 */
export function firebase(): FirebaseClients {
  if (kept.likenessFirebase) return kept.likenessFirebase;
  if (typeof window === 'undefined') {
    throw new Error('firebase() is for the browser: call it from an effect or an event handler.');
  }
  const config = publicConfig;
  const app = initializeApp(config.firebase);
  // initializeAuth rather than getAuth: getAuth also bundles the popup/redirect machinery on every app
  // page, where only the sign-in page needs it (google-sign-in.ts passes it to signInWithPopup).
  const auth = initializeAuth(app, { persistence: [indexedDBLocalPersistence, browserLocalPersistence] });
  const db = getFirestore(app);
  // Production callables refuse requests without an App Check token (functions global options).
  if (config.appCheckSiteKey) {
    initializeAppCheck(app, {
      provider: new ReCaptchaEnterpriseProvider(config.appCheckSiteKey),
      isTokenAutoRefreshEnabled: true,
    });
  }
  if (config.emulators) {
    // The local stack bar already says this is not real; the SDK's own banner would cover the page.
    connectAuthEmulator(auth, config.emulators.auth, { disableWarnings: true });
    connectFirestoreEmulator(db, config.emulators.firestore.host, config.emulators.firestore.port);
  }
  kept.likenessFirebase = { app, auth, db };
  return kept.likenessFirebase;
}
