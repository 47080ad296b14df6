/** `npm test` installs Chromium for the browser tests when it is missing and it may (scripts/steps.mjs). */
import { describe, expect, it } from 'vitest';
import { chromiumPlan } from '../../scripts/steps.mjs';

const facts = { path: '/usr/bin/chromium', customPath: false, isRoot: true, hasApt: true };

describe('chromiumPlan', () => {
  it('does nothing when Chromium is there', () => {
    expect(chromiumPlan({ ...facts, present: true })).toEqual({ action: 'none' });
  });

  it('installs it from Debian when missing and running as root with apt-get', () => {
    expect(chromiumPlan({ ...facts, present: false })).toEqual({ action: 'install' });
  });

  it('tells a non-root user the sudo command, and root without apt-get how to install it', () => {
    const user = chromiumPlan({ ...facts, present: false, isRoot: false });
    expect(user).toEqual({
      action: 'refuse',
      message: expect.stringContaining('run `sudo apt-get install -y chromium`'),
    });
    const noApt = chromiumPlan({ ...facts, present: false, hasApt: false });
    expect(noApt).toMatchObject({
      action: 'refuse',
      message: expect.stringContaining('or set CHROMIUM_PATH'),
    });
  });

  it('never installs over a CHROMIUM_PATH that names a missing browser', () => {
    const r = chromiumPlan({ ...facts, path: '/opt/chrome/chrome', customPath: true, present: false });
    expect(r).toMatchObject({ action: 'refuse', message: expect.stringContaining('/opt/chrome/chrome') });
  });
});
