import { FUNCTIONS_REGION } from '@likeness/core';
import { getApp, getApps, initializeApp, type FirebaseApp } from 'firebase/app';
import { initializeAppCheck, ReCaptchaEnterpriseProvider } from 'firebase/app-check';
import { connectAuthEmulator, getAuth, type Auth } from 'firebase/auth';
import { connectFirestoreEmulator, getFirestore, type Firestore } from 'firebase/firestore';
import { connectFunctionsEmulator, getFunctions, type Functions } from 'firebase/functions';
import { publicConfig } from '../config';

export interface FirebaseClients {
  app: FirebaseApp;
  auth: Auth;
  db: Firestore;
  functions: Functions;
}

let clients: FirebaseClients | undefined;

/**
 * The browser's Firebase clients, created on first use: nothing here may run during server rendering,
 * so call it from effects and event handlers.
 */
export function firebase(): FirebaseClients {
  if (clients) return clients;
  if (typeof window === 'undefined') {
    throw new Error('firebase() is for the browser: call it from an effect or an event handler.');
  }
  const config = publicConfig;
  // A hot reload re-runs this module but keeps the app, which is then already wired to the emulators
  // (connecting a second time throws).
  const fresh = getApps().length === 0;
  const app = fresh ? initializeApp(config.firebase) : getApp();
  const auth = getAuth(app);
  const db = getFirestore(app);
  const functions = getFunctions(app, FUNCTIONS_REGION);
  // Production callables refuse requests without an App Check token (functions global options).
  if (fresh && config.appCheckSiteKey) {
    initializeAppCheck(app, {
      provider: new ReCaptchaEnterpriseProvider(config.appCheckSiteKey),
      isTokenAutoRefreshEnabled: true,
    });
  }
  if (fresh && config.emulators) {
    // The local stack bar already says this is not real; the SDK's own banner would cover the page.
    connectAuthEmulator(auth, config.emulators.auth, { disableWarnings: true });
    connectFirestoreEmulator(db, config.emulators.firestore.host, config.emulators.firestore.port);
    connectFunctionsEmulator(functions, config.emulators.functions.host, config.emulators.functions.port);
  }
  clients = { app, auth, db, functions };
  return clients;
}
