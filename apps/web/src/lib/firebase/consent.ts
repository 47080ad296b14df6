import { COLLECTIONS, PRIVACY_NOTICE_VERSION } from '@likeness/core';
import { doc, serverTimestamp, setDoc } from 'firebase/firestore';
import { firebase } from './client-app';

/** The customer's own record, `users/{uid}`: the one place their consent lives. */
export const userRef = (uid: string) => doc(firebase().db, COLLECTIONS.users, uid);

/**
 * Records that the customer ticked every consent statement for the current privacy notice. The
 * rules accept exactly this shape, timed by the server's clock, so nothing else may ride along.
 */
export const giveConsent = (uid: string) =>
  setDoc(
    userRef(uid),
    {
      consent: {
        adult: true,
        subjectOrPermitted: true,
        faceProcessing: true,
        noticeVersion: PRIVACY_NOTICE_VERSION,
        at: serverTimestamp(),
      },
    },
    // Merged: the record also holds what only the functions write (marketing choice, billing).
    { merge: true },
  );
