/**
 * The alert policies and log-based metrics under ops/monitoring/: every policy sends the operator to a
 * runbook section that exists, every metric a policy uses is one deploy creates, and every log line a
 * metric counts is one the functions write, with the fields it reads.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GPU_BILLED_MESSAGE, orderLogger } from '../../../functions/src/shared/order-log.js';
import {
  GPU_USD_PER_SECOND,
  loadMonitoring,
  monitoringPlan,
  renderPolicy,
} from '../../../scripts/deploy/monitoring.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { metrics, policies } = loadMonitoring(root);

/** GitHub's heading anchors: lower-case, spaces to dashes, punctuation dropped. */
const anchors = readFileSync(join(root, 'docs/RUNBOOK.md'), 'utf8')
  .split('\n')
  .filter((l) => /^#{2,3} /.test(l))
  .map((l) =>
    l
      .replace(/^#+ /, '')
      .trim()
      .toLowerCase()
      .replace(/[^\w\s-]/g, '')
      .replace(/\s/g, '-'),
  );

function sourcesUnder(dir: string): string {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'))
    .join('\n');
}

describe('alert policies', () => {
  it('covers the alerts the issue asks for', () => {
    expect(policies.map((p) => p.body.userLabels.alert).sort()).toEqual([
      'function-error-rate',
      'gpu-spend-per-day',
      'order-failed',
      'order-past-deadline',
      'webhook-signature-failures',
    ]);
  });

  it.each(policies.map((p) => [p.body.displayName, p.body] as const))(
    '%s names an existing runbook section',
    (_n, policy) => {
      const links = [...policy.documentation.content.matchAll(/docs\/RUNBOOK\.md#([\w-]+)/g)].map(
        (m) => m[1],
      );
      expect(links).toHaveLength(1);
      expect(anchors).toContain(links[0]);
    },
  );

  it('uses only log-based metrics that deploy creates', () => {
    const names = new Set(metrics.map((m) => m.body.name));
    const used = policies
      .flatMap((p) => [
        ...JSON.stringify(p.body).matchAll(
          /logging\.googleapis\.com\/user\/(\w+)|logging_googleapis_com:user_(\w+?)(?:_sum|_count)?\{/g,
        ),
      ])
      .map((m) => m[1] ?? m[2]);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect(names).toContain(name);
  });

  it('fills in the GPU budget and the notification channels for a project', () => {
    const gpu = policies.find((p) => p.body.userLabels.alert === 'gpu-spend-per-day')!.body;
    const channels = ['projects/p/notificationChannels/123'];
    const rendered = renderPolicy(gpu, { gpuSpendPerDayUsd: 61, notificationChannels: channels });
    expect(JSON.stringify(rendered)).not.toContain('{{');
    expect(rendered.conditions[0].conditionPrometheusQueryLanguage.query).toMatch(
      new RegExp(`> ${Math.round(61 / GPU_USD_PER_SECOND)}$`),
    );
    expect(rendered.notificationChannels).toEqual(channels);
    expect(monitoringPlan(root, { gpuSpendPerDayUsd: 61, notificationChannels: [] })).toContainEqual(
      expect.stringContaining('$61/day'),
    );
  });
});

describe('log-based metrics', () => {
  it('count log lines the functions write', () => {
    const code = sourcesUnder(join(root, 'functions/src'));
    const messages = metrics.flatMap((m) =>
      [...m.body.filter.matchAll(/jsonPayload\.message="([^"]+)"/g)].map((x) => x[1]!),
    );
    expect(messages.length).toBeGreaterThan(0);
    const missing = messages.filter((msg) => !code.includes(`'${msg}'`));
    expect(missing).toEqual([]);
  });

  it("sum the GPU seconds the pipeline's logger writes, as a number, by kind of job", () => {
    const gpu = metrics.find((m) => m.body.name === 'gpu_seconds')!.body;
    const entries: Array<Record<string, unknown>> = [];
    orderLogger('o1', 'generation', (e) => void entries.push(e)).gpuBilled({
      kind: 'prediction',
      replicateId: 'p1',
      gpuSec: 7.5,
    });
    const [line] = entries;
    expect(gpu.filter).toContain(`jsonPayload.message="${GPU_BILLED_MESSAGE}"`);
    const field = /^EXTRACT\(jsonPayload\.(\w+)\)$/.exec(gpu.valueExtractor)![1]!;
    expect(line![field]).toBe(7.5);
    const label = /^EXTRACT\(jsonPayload\.(\w+)\)$/.exec(gpu.labelExtractors.kind)![1]!;
    expect(line![label]).toBe('prediction');
    expect(line).toMatchObject({ orderId: 'o1', stage: 'generation' });
  });
});
