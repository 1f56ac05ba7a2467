import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startTestServer, type TestServer } from '../../apps/server/test/harness';

const here = import.meta.dirname;
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'offset', 'and', 'or', 'unless', 'bool', 'inf', 'nan']);
/** Series Prometheus makes itself, not the application. */
const PROMETHEUS_SERIES = new Set(['up', 'scrape_duration_seconds', 'scrape_samples_scraped']);

/** The metric names a PromQL expression reads (functions, keywords, labels and variables dropped). */
export function metricNames(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""') // label values, strings
    .replace(/\{[^}]*\}/g, ' ') // label matchers
    .replace(/\[[^\]]*\]/g, ' ') // ranges
    .replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, ' ') // label lists
    .replace(/\$\w+/g, ' '); // Grafana variables
  const names = new Set<string>();
  for (const match of stripped.matchAll(/[A-Za-z_:][A-Za-z0-9_:]*/g)) {
    const after = stripped.slice(match.index! + match[0].length);
    if (/^\s*\(/.test(after)) continue; // a function
    if (PROMQL_WORDS.has(match[0].toLowerCase())) continue;
    if (/\d/.test(stripped[match.index! - 1] ?? '')) continue; // 5m, 1e3
    names.add(match[0]);
  }
  return [...names];
}

/** Every sample name /metrics can carry: histograms add _bucket, _sum and _count. */
function exportedNames(exposition: string): Set<string> {
  const names = new Set<string>(PROMETHEUS_SERIES);
  for (const [, name, type] of exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    names.add(name!);
    if (type === 'histogram') for (const suffix of ['_bucket', '_sum', '_count']) names.add(name! + suffix);
    if (type === 'summary') for (const suffix of ['_sum', '_count']) names.add(name! + suffix);
  }
  return names;
}

describe('monitoring queries name metrics the API exports', () => {
  let sut: TestServer;
  let exported: Set<string>;

  beforeAll(async () => {
    sut = await startTestServer();
    const response = await fetch(`${sut.url}/metrics`);
    expect(response.status).toBe(200);
    exported = exportedNames(await response.text());
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('reads metric names out of PromQL', () => {
    expect(metricNames('histogram_quantile(0.99, sum by (le, route) (rate(http_request_duration_seconds_bucket{job="x", route=~"/a|b"}[5m]))) > 0.5')).toEqual([
      'http_request_duration_seconds_bucket',
    ]);
    expect(metricNames('sum(a{x="1"}) < 0.5 * sum(b offset 10m) and sum(c) > 50')).toEqual(['a', 'b', 'c']);
  });

  it('exports the readiness, pool and delivery metrics the dashboard and alerts need', () => {
    for (const name of ['dependency_up', 'db_pool_connections', 'db_pool_max', 'chat_messages_delivered_total', 'socketio_connected_sockets', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(exported, name).toContain(name);
    }
  });

  it('reports the embedded database and store as up at scrape time', async () => {
    const text = await (await fetch(`${sut.url}/metrics`)).text();
    expect(text).toMatch(/^dependency_up\{dependency="database"[^}]*\} 1$/m);
    expect(text).toMatch(/^dependency_up\{dependency="memory"[^}]*\} 1$/m);
  });

  it('every Grafana panel query', () => {
    const dashboard = JSON.parse(readFileSync(path.join(here, 'grafana/dashboards/discordgym.json'), 'utf8')) as {
      panels: { title: string; type: string; datasource?: { type: string }; targets?: { expr: string }[] }[];
    };
    const prometheusPanels = dashboard.panels.filter((p) => p.type !== 'row' && p.datasource?.type === 'prometheus');
    expect(prometheusPanels.length).toBeGreaterThanOrEqual(12);
    for (const panel of prometheusPanels) {
      for (const target of panel.targets ?? []) {
        const names = metricNames(target.expr);
        expect(names.length, `${panel.title}: ${target.expr}`).toBeGreaterThan(0);
        for (const name of names) expect(exported.has(name), `${panel.title}: ${name} is not exported`).toBe(true);
      }
    }
    const titles = dashboard.panels.map((p) => p.title.toLowerCase()).join(' | ');
    for (const topic of ['request rate', 'latency', 'error', 'sockets', 'messages', 'event loop', 'pool']) expect(titles).toContain(topic);
  });

  it('every alert rule', () => {
    const rules = parse(readFileSync(path.join(here, 'prometheus/alerts.yml'), 'utf8')) as { groups: { rules: { alert: string; expr: string }[] }[] };
    for (const rule of rules.groups.flatMap((g) => g.rules)) {
      for (const name of metricNames(rule.expr)) expect(exported.has(name), `${rule.alert}: ${name} is not exported`).toBe(true);
    }
  });
});
