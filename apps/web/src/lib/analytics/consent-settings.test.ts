import { describe, expect, it, vi } from 'vitest';
import { onOpenConsentSettings, openConsentSettings } from './consent-settings';

describe('opening the cookie settings', () => {
  it('reaches a banner that is already listening, every time', () => {
    const listener = vi.fn();
    const stop = onOpenConsentSettings(listener);
    openConsentSettings();
    openConsentSettings();
    expect(listener).toHaveBeenCalledTimes(2);
    stop();
    openConsentSettings();
    expect(listener).toHaveBeenCalledTimes(2);
    // The request made while nobody listened waits for the next banner; leave none behind.
    onOpenConsentSettings(() => {})();
  });

  it('keeps a click made before the banner loaded and answers it once, when the banner subscribes', () => {
    openConsentSettings();
    const late = vi.fn();
    const stop = onOpenConsentSettings(late);
    expect(late).toHaveBeenCalledTimes(1);
    stop();
    // Answered already: the banner re-subscribing (its effect reruns when the choice changes) does not reopen it.
    const again = vi.fn();
    onOpenConsentSettings(again)();
    expect(again).not.toHaveBeenCalled();
  });
});
