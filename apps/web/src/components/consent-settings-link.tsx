'use client';

import { openConsentSettings } from '@/lib/analytics/consent-settings';

/** The footer's way back to the choice. */
export function ConsentSettingsLink() {
  return (
    <button
      type="button"
      data-testid="consent-settings"
      className="font-medium text-slate-600 hover:text-slate-900 hover:underline"
      onClick={openConsentSettings}
    >
      Cookie settings
    </button>
  );
}
