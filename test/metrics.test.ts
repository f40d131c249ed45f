import { readFileSync } from 'node:fs';
import path from 'node:path';
import { seeder } from '@reel/testkit';
import { douyin, type Stack, startStack } from './harness';

const dashboardFile = path.resolve(__dirname, '..', 'docs', 'grafana', 'reel.json');

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** The value of one series in Prometheus' text format; 0 when it has no sample yet. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

/** Metric families a scrape declares (# TYPE lines). */
const familiesOf = (text: string) =>
  new Set([...text.matchAll(/^# TYPE (\S+) /gm)].map((match) => match[1]!));

/** The metric families a PromQL expression reads (histogram series back to their family). */
const familiesIn = (expr: string) =>
  [...expr.matchAll(/\b((?:reel|process|nodejs)_[a-z0-9_]+)/g)].map((match) =>
    match[1]!.replace(/_(bucket|count|sum)$/, ''),
  );

describe('Prometheus /metrics', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it('is served by every process, with the request counters moving after a request', async () => {
    const processes = {
      gateway: stack.gatewayUrl,
      'compat-rest': stack.restUrl,
      ...Object.fromEntries(Object.entries(stack.subgraphs).map(([name, s]) => [name, s.url])),
    };
    const before = await scrape(stack.restUrl);
    const { user, token } = await seeder(stack.gatewayUrl).user();
    const response = await douyin(stack.restUrl).get('/douyin/user/', {
      query: { user_id: user.id, token },
    });
    expect(response.body.status_code).toBe(0);

    const scrapes = Object.fromEntries(
      await Promise.all(
        Object.entries(processes).map(async ([name, url]) => [name, await scrape(url)] as const),
      ),
    );
    const restOk = 'reel_rest_requests_total{route="/douyin/user/",outcome="ok"}';
    expect(sample(scrapes['compat-rest']!, restOk) - sample(before, restOk)).toBe(1);
    const gatewayOps = 'reel_graphql_requests_total{operation="DouyinUserById",outcome="ok"}';
    expect(sample(scrapes.gateway!, gatewayOps)).toBeGreaterThanOrEqual(1);
    for (const subgraph of ['user', 'video', 'interaction', 'social'])
      expect(
        sample(
          scrapes.gateway!,
          `reel_subgraph_fetch_duration_seconds_count{subgraph="${subgraph}",outcome="ok"}`,
        ),
      ).toBeGreaterThanOrEqual(1);
    expect(
      sample(scrapes.user!, 'reel_sql_statements_per_operation_count{subgraph="user"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(scrapes.user!).toMatch(
      /^reel_dataloader_batch_size_count\{subgraph="user",loader="userById"\} [1-9]/m,
    );
    for (const text of Object.values(scrapes)) {
      const families = familiesOf(text);
      for (const family of ['process_cpu_seconds_total', 'nodejs_eventloop_lag_p99_seconds'])
        expect(families).toContain(family);
    }
  });

  it('exports every metric the Grafana dashboard queries', async () => {
    const dashboard = JSON.parse(readFileSync(dashboardFile, 'utf8')) as {
      panels: { title: string; targets?: { expr: string }[] }[];
    };
    const queried = new Set(
      dashboard.panels.flatMap((panel) =>
        (panel.targets ?? []).flatMap((target) => familiesIn(target.expr)),
      ),
    );
    expect(queried.size).toBeGreaterThanOrEqual(8);
    const exported = new Set(
      (
        await Promise.all(
          [
            stack.gatewayUrl,
            stack.restUrl,
            ...Object.values(stack.subgraphs).map((s) => s.url),
          ].map(scrape),
        )
      ).flatMap((text) => [...familiesOf(text)]),
    );
    expect([...queried].filter((family) => !exported.has(family))).toEqual([]);
  });
});
