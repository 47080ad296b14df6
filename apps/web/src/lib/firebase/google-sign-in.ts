import { browserPopupRedirectResolver, GoogleAuthProvider, signInWithPopup } from 'firebase/auth';
import { firebase } from './client-app';

/**
 * Google sign-in in a popup. The popup machinery is passed here rather than given to Auth at start
 * (client-app.ts), so it loads with the sign-in page only.
 */
export const signInWithGoogle = () =>
  signInWithPopup(firebase().auth, new GoogleAuthProvider(), browserPopupRedirectResolver);
