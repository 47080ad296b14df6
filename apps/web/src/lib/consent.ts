'use client';

import { hasCurrentConsent, wantsMarketingEmail } from '@likeness/core';
import { useEffect, useState } from 'react';
import { describeError } from './errors';
import { userRef } from './firebase/consent';
import { listen } from './firebase/listen';
import { toUserView, type UserView } from './views';

export type ConsentRecord = NonNullable<UserView['consent']>;

export interface Consent {
  /** The consent on record (null when none); undefined while it loads. */
  record: ConsentRecord | null | undefined;
  /** Given for the privacy notice in force; undefined while loading. */
  current: boolean | undefined;
  /**
   * Whether offers and reminders (win-back, the rating request) go to them, from the same record
   * (`users/{uid}.email`, written by the functions); undefined while loading.
   */
  marketingEmail: boolean | undefined;
  error: string | null;
}

interface Stored {
  uid: string | null;
  record: ConsentRecord | null | undefined;
  marketingEmail: boolean | undefined;
  error: string | null;
}

/**
 * The signed-in customer's consent, live: one record for all their orders, so once it is given the
 * consent panel is gone everywhere; a newer privacy notice asks again. The same record carries their
 * marketing email choice, which the account page shows.
 */
export function useConsent(uid: string | null): Consent {
  // Kept per uid, so another account starts from "loading" without a reset inside the effect.
  const [stored, setStored] = useState<Stored>({
    uid,
    record: undefined,
    marketingEmail: undefined,
    error: null,
  });
  const state =
    stored.uid === uid ? stored : { uid, record: undefined, marketingEmail: undefined, error: null };

  useEffect(() => {
    if (!uid) return;
    return listen(
      userRef(uid),
      toUserView,
      (user) =>
        setStored({
          uid,
          record: user?.consent ?? null,
          marketingEmail: wantsMarketingEmail(user?.email),
          error: null,
        }),
      (err) =>
        setStored((s) => ({
          uid,
          record: s.uid === uid ? s.record : undefined,
          marketingEmail: s.uid === uid ? s.marketingEmail : undefined,
          error: describeError(err),
        })),
    );
  }, [uid]);

  return {
    record: state.record,
    current: state.record === undefined ? undefined : hasCurrentConsent(state.record),
    marketingEmail: state.marketingEmail,
    error: state.error,
  };
}
