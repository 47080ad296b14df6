import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_MARKER, ensureWebBuild, localWebEnv, publicEnvOf, staleBuildReason } from './web-build.js';

describe('localWebEnv', () => {
  it('points the web app at the stack of a project and port offset', () => {
    expect(localWebEnv('demo-web', 40)).toEqual({
      NEXT_PUBLIC_LIKENESS_ENV: 'local',
      NEXT_PUBLIC_FIREBASE_PROJECT_ID: 'demo-web',
      NEXT_PUBLIC_LIKENESS_PORT_OFFSET: '40',
      NEXT_PUBLIC_OUTBOX_URL: 'http://127.0.0.1:4144',
      NEXT_PUBLIC_GA_MEASUREMENT_ID: 'G-LIKENESSLOCAL',
      NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: 'http://127.0.0.1:4145',
    });
  });
});

describe('publicEnvOf', () => {
  it('keeps the NEXT_PUBLIC_* variables that are set, by name', () => {
    const env = { PATH: '/bin', NEXT_PUBLIC_B: '2', NEXT_PUBLIC_A: '1', NEXT_PUBLIC_C: undefined };
    expect(JSON.stringify(publicEnvOf(env))).toBe('{"NEXT_PUBLIC_A":"1","NEXT_PUBLIC_B":"2"}');
  });
});

describe('staleBuildReason', () => {
  const wanted = localWebEnv('demo-likeness', 0);

  it('accepts a build made with the same variables, whatever their order', () => {
    const reversed = Object.fromEntries(Object.entries(wanted).reverse());
    expect(staleBuildReason(JSON.stringify(reversed), wanted)).toBeNull();
  });

  it('names the variables that differ, gained or lost', () => {
    const built = { ...localWebEnv('demo-likeness', 40), NEXT_PUBLIC_SITE_URL: 'http://x' };
    expect(staleBuildReason(JSON.stringify(built), wanted)).toBe(
      'it was built with other NEXT_PUBLIC_GA_SERVER_CONTAINER_URL, NEXT_PUBLIC_LIKENESS_PORT_OFFSET, NEXT_PUBLIC_OUTBOX_URL, NEXT_PUBLIC_SITE_URL',
    );
  });

  it('rebuilds without a marker or with an unreadable one', () => {
    expect(staleBuildReason(null, wanted)).toMatch(/no build/);
    expect(staleBuildReason('{', wanted)).toMatch(/unreadable/);
    expect(staleBuildReason('null', wanted)).toMatch(/unreadable/);
  });
});

describe('ensureWebBuild', () => {
  let webDir: string;
  const builds = () =>
    existsSync(join(webDir, 'builds')) ? readFileSync(join(webDir, 'builds'), 'utf8') : '';
  const env = (offset: number, extra: NodeJS.ProcessEnv = {}) => ({
    ...process.env,
    ...localWebEnv('demo-likeness', offset),
    ...extra,
  });

  beforeEach(() => {
    webDir = mkdtempSync(join(tmpdir(), 'web-build-'));
    mkdirSync(join(webDir, 'node_modules', '.bin'), { recursive: true });
    // Like `next build`: empties .next and writes a build, or fails leaving it as it was; logs each run's offset.
    const fakeNext = join(webDir, 'node_modules', '.bin', 'next');
    writeFileSync(
      fakeNext,
      [
        '#!/bin/sh',
        'echo "$NEXT_PUBLIC_LIKENESS_PORT_OFFSET" >> builds',
        'if [ -n "$FAIL_BUILD" ]; then exit 1; fi',
        'rm -rf .next && mkdir .next && echo id > .next/BUILD_ID',
      ].join('\n'),
    );
    chmodSync(fakeNext, 0o755);
  });
  afterEach(() => rmSync(webDir, { recursive: true, force: true }));

  it('builds once per configuration and reuses a build made for the same one', async () => {
    expect(await ensureWebBuild({ webDir, env: env(0) })).toBe(true);
    expect(JSON.parse(readFileSync(join(webDir, '.next', BUILD_MARKER), 'utf8'))).toEqual(
      publicEnvOf(env(0)),
    );
    expect(await ensureWebBuild({ webDir, env: env(0) })).toBe(false);
    expect(await ensureWebBuild({ webDir, env: env(40) })).toBe(true);
    expect(builds()).toBe('0\n40\n');
  });

  it('reuses a forced build (the tests build first, then start the stack)', async () => {
    await ensureWebBuild({ webDir, env: env(0), force: true });
    expect(await ensureWebBuild({ webDir, env: env(0) })).toBe(false);
    expect(await ensureWebBuild({ webDir, env: env(0), force: true })).toBe(true);
    expect(builds()).toBe('0\n0\n');
  });

  it('leaves no marker after a failed build, so the next start builds again', async () => {
    await ensureWebBuild({ webDir, env: env(0) });
    await expect(ensureWebBuild({ webDir, env: env(0, { FAIL_BUILD: '1' }), force: true })).rejects.toThrow(
      /next build failed/,
    );
    expect(existsSync(join(webDir, '.next', BUILD_MARKER))).toBe(false);
    expect(await ensureWebBuild({ webDir, env: env(0) })).toBe(true);
  });
});
