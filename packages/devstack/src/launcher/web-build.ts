import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { portsWithOffset } from '@likeness/core';
import { LOCAL_GA_MEASUREMENT_ID } from './functions-env.js';

/**
 * `next build` inlines the NEXT_PUBLIC_* variables, so one production build of the web app serves one
 * local stack: its port offset, project and outbox. The launcher records what it built with in a
 * marker inside the build, and `--web start` builds again when the marker is missing or differs.
 * `next dev` needs none of this: it reads the variables when it starts.
 */
export const BUILD_MARKER = 'likeness-public-env.json';

export type PublicEnv = Record<string, string>;

/** The web app's public configuration for the local stack of `projectId` at `offset`. */
export function localWebEnv(projectId: string, offset: number): PublicEnv {
  return {
    NEXT_PUBLIC_LIKENESS_ENV: 'local',
    NEXT_PUBLIC_FIREBASE_PROJECT_ID: projectId,
    NEXT_PUBLIC_LIKENESS_PORT_OFFSET: String(offset),
    // Where the mail stand-in listens (standins.ts binds it on 127.0.0.1).
    NEXT_PUBLIC_OUTBOX_URL: `http://127.0.0.1:${portsWithOffset(offset).mail}`,
    // The GA4 stand-in serves gtag.js and collects its hits, as a first-party tagging server would.
    NEXT_PUBLIC_GA_MEASUREMENT_ID: LOCAL_GA_MEASUREMENT_ID,
    NEXT_PUBLIC_GA_SERVER_CONTAINER_URL: `http://127.0.0.1:${portsWithOffset(offset).analytics}`,
  };
}

/** What a build of the web app takes from an environment: its NEXT_PUBLIC_* variables, by name. */
export function publicEnvOf(env: NodeJS.ProcessEnv): PublicEnv {
  return Object.fromEntries(
    Object.entries(env)
      .filter(
        (entry): entry is [string, string] => entry[0].startsWith('NEXT_PUBLIC_') && entry[1] !== undefined,
      )
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

/** Why a build with this marker (the file's text, or null) cannot serve `wanted`; null when it can. */
export function staleBuildReason(marker: string | null, wanted: PublicEnv): string | null {
  if (marker === null) return 'no build made by the launcher';
  let built: unknown;
  try {
    built = JSON.parse(marker);
  } catch {
    return 'its marker is unreadable';
  }
  if (typeof built !== 'object' || built === null) return 'its marker is unreadable';
  const had = built as Record<string, unknown>;
  const names = [...new Set([...Object.keys(had), ...Object.keys(wanted)])].sort();
  const changed = names.filter((name) => had[name] !== wanted[name]);
  return changed.length > 0 ? `it was built with other ${changed.join(', ')}` : null;
}

export interface WebBuildOptions {
  /** apps/web */
  webDir: string;
  /** The environment `next build` runs in; its NEXT_PUBLIC_* variables go into the build. */
  env: NodeJS.ProcessEnv;
  /** Build even when the marker matches (the sources may have changed). */
  force?: boolean;
  /** Stops a build under way. */
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** Makes sure apps/web/.next was built for `env`, building it when not. Resolves true if it built. */
export async function ensureWebBuild(opts: WebBuildOptions): Promise<boolean> {
  const distDir = join(opts.webDir, '.next');
  const markerPath = join(distDir, BUILD_MARKER);
  const wanted = publicEnvOf(opts.env);
  const marker =
    existsSync(join(distDir, 'BUILD_ID')) && existsSync(markerPath) ? readFileSync(markerPath, 'utf8') : null;
  const reason = opts.force ? null : staleBuildReason(marker, wanted);
  if (!opts.force && reason === null) return false;

  opts.log?.(`Building the web app for this stack${reason ? ` (${reason})` : ''}…`);
  // A build that fails or is stopped halfway must not pass for a good one next time.
  rmSync(markerPath, { force: true });
  const next = join(opts.webDir, 'node_modules', '.bin', 'next');
  await run(next, ['build'], opts);
  writeFileSync(markerPath, `${JSON.stringify(wanted, null, 2)}\n`);
  return true;
}

function run(cmd: string, args: string[], opts: WebBuildOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const proc = spawn(cmd, args, {
      cwd: opts.webDir,
      env: opts.env,
      stdio: 'inherit',
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit ${code}`})`)),
    );
  });
}
