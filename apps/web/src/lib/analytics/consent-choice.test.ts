import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import {
  CONSENT_STORAGE_KEY,
  consentBootstrapScript,
  consentStateOf,
  parseStoredChoice,
} from './consent-choice';

describe('consentStateOf', () => {
  it('denies all four Consent Mode v2 types until the visitor chooses', () => {
    expect(consentStateOf(null)).toEqual({
      ad_storage: 'denied',
      analytics_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
  });
  it('grants analytics and ads separately', () => {
    expect(consentStateOf({ v: 1, analytics: true, ads: false, at: 1 })).toEqual({
      analytics_storage: 'granted',
      ad_storage: 'denied',
      ad_user_data: 'denied',
      ad_personalization: 'denied',
    });
  });
});

describe('parseStoredChoice', () => {
  it('reads a choice of this banner and ignores anything else', () => {
    expect(parseStoredChoice('{"v":1,"analytics":true,"ads":true,"at":5}')).toEqual({
      v: 1,
      analytics: true,
      ads: true,
      at: 5,
    });
    for (const raw of [null, '', 'nope', '{"v":0,"analytics":true,"ads":true,"at":5}', '{"v":1}'])
      expect(parseStoredChoice(raw)).toBeNull();
  });
});

/** Runs the inline script against a fake page and returns the gtag commands it queued. */
function commandsOf(script: string, stored: string | null): unknown[][] {
  const window: { dataLayer?: IArguments[] } = {};
  const localStorage = { getItem: (k: string) => (k === CONSENT_STORAGE_KEY ? stored : null) };
  runInNewContext(script.replace(/\bdataLayer\.push/g, 'window.dataLayer.push'), {
    window,
    localStorage,
    Date,
    JSON,
  });
  return (window.dataLayer ?? []).map((args) => Array.from(args));
}

describe('consentBootstrapScript', () => {
  const opts = { measurementId: 'G-ABC', serverContainerUrl: 'http://127.0.0.1:4105', consentRegions: [] };

  it('sets denied defaults before the stream, with the first-party tagging server', () => {
    const cmds = commandsOf(consentBootstrapScript(opts), null);
    expect(cmds[0]).toEqual([
      'consent',
      'default',
      {
        ad_storage: 'denied',
        analytics_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
        wait_for_update: 500,
      },
    ]);
    expect(cmds.map((c) => c[0])).toEqual(['consent', 'js', 'config']);
    expect(cmds[2]).toEqual([
      'config',
      'G-ABC',
      { server_container_url: 'http://127.0.0.1:4105', transport_url: 'http://127.0.0.1:4105' },
    ]);
  });

  it('applies a remembered choice before the stream starts', () => {
    const cmds = commandsOf(consentBootstrapScript(opts), '{"v":1,"analytics":true,"ads":false,"at":1}');
    expect(cmds[1]).toEqual([
      'consent',
      'update',
      {
        analytics_storage: 'granted',
        ad_storage: 'denied',
        ad_user_data: 'denied',
        ad_personalization: 'denied',
      },
    ]);
  });

  it('denies by default only in the listed regions when the operator lists them', () => {
    const cmds = commandsOf(consentBootstrapScript({ ...opts, consentRegions: ['GB', 'FR'] }), null);
    expect(cmds[0]).toMatchObject([
      'consent',
      'default',
      { analytics_storage: 'denied', region: ['GB', 'FR'] },
    ]);
    expect(cmds[1]).toMatchObject(['consent', 'default', { analytics_storage: 'granted' }]);
  });
});
