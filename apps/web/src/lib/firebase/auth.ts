import {
  getAdditionalUserInfo,
  isSignInWithEmailLink,
  onIdTokenChanged,
  sendSignInLinkToEmail,
  signInWithEmailLink,
  signOut as firebaseSignOut,
  type User,
  type UserCredential,
} from 'firebase/auth';
import { firebase } from './client-app';

const auth = () => firebase().auth;

/** Calls back with the user (null when signed out) on sign-in, sign-out and token refresh. */
export const watchUser = (onUser: (user: User | null) => void) => onIdTokenChanged(auth(), onUser);

export const currentUser = (): User | null => auth().currentUser;

/** The `operator` custom claim (firestore.rules grant operators read access to everything). */
export async function isOperator(user: User, forceRefresh = false): Promise<boolean> {
  try {
    const { claims } = await user.getIdTokenResult(forceRefresh);
    return claims.operator === true;
  } catch {
    // Offline or a revoked session: no elevated view; the rules decide what can be read anyway.
    return false;
  }
}

export const signOut = () => firebaseSignOut(auth());

/** Emails a sign-in link that opens `continueUrl` on this site. */
export const sendSignInLink = (email: string, continueUrl: string) =>
  sendSignInLinkToEmail(auth(), email, { url: continueUrl, handleCodeInApp: true });

export const isSignInLink = (url: string) => isSignInWithEmailLink(auth(), url);

export const completeSignInLink = (email: string, url: string) => signInWithEmailLink(auth(), email, url);

/** The sign-in created the account (the funnel's sign_up). */
export const isNewUser = (credential: UserCredential) =>
  getAdditionalUserInfo(credential)?.isNewUser === true;
