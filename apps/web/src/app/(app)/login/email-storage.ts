/** The address a sign-in link was sent to, kept so the link can be completed without asking again. */
const KEY = 'likeness.emailForSignIn';

export const rememberEmail = (email: string) => window.localStorage.setItem(KEY, email);
export const recallEmail = () => window.localStorage.getItem(KEY);
export const forgetEmail = () => window.localStorage.removeItem(KEY);
