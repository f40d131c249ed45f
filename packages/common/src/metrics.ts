/**
 * Prometheus metrics (prom-client), one registry per process, served as GET /metrics on the
 * process' own port (createHttpApp). Every label has a bounded set of values: subgraph, loader,
 * outbox table and durable names come from code; operation names are capped (operationLabel).
 * Nothing here runs per resolver field: each metric is touched once per request, fetch, batch
 * or event. docs/grafana/reel.json charts them; test/metrics.test.ts keeps the two in step.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import client from 'prom-client';

export const metricsRegistry = new client.Registry();
client.collectDefaultMetrics({ register: metricsRegistry });

const registers = [metricsRegistry];
// seconds; requests and fetches from a few ms (cached feed) to the 10 s subgraph timeout
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const metrics = {
  graphqlRequests: new client.Counter({
    name: 'reel_graphql_requests_total',
    help: 'GraphQL operations the gateway answered, by operation name and outcome (ok or the first error code)',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  }),
  graphqlDuration: new client.Histogram({
    name: 'reel_graphql_request_duration_seconds',
    help: 'Time from a GraphQL operation reaching the gateway to its response, in seconds',
    labelNames: ['operation', 'outcome'] as const,
    buckets: latencyBuckets,
    registers,
  }),
  restRequests: new client.Counter({
    name: 'reel_rest_requests_total',
    help: 'Douyin REST requests compat-rest answered, by route and outcome (ok or the error code)',
    labelNames: ['route', 'outcome'] as const,
    registers,
  }),
  restDuration: new client.Histogram({
    name: 'reel_rest_request_duration_seconds',
    help: 'Time compat-rest took to answer a Douyin REST request, in seconds',
    labelNames: ['route', 'outcome'] as const,
    buckets: latencyBuckets,
    registers,
  }),
  subgraphFetchDuration: new client.Histogram({
    name: 'reel_subgraph_fetch_duration_seconds',
    help: 'One fetch of the query plan, gateway to subgraph (HTTP or in-process), in seconds',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: latencyBuckets,
    registers,
  }),
  sqlPerOperation: new client.Histogram({
    name: 'reel_sql_statements_per_operation',
    help: 'SQL statements one subgraph operation sent (the N+1 budget, in production)',
    labelNames: ['subgraph'] as const,
    buckets: [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64],
    registers,
  }),
  dataLoaderBatchSize: new client.Histogram({
    name: 'reel_dataloader_batch_size',
    help: 'Keys in one DataLoader batch, by subgraph and loader',
    labelNames: ['subgraph', 'loader'] as const,
    buckets: [1, 2, 5, 10, 20, 30, 50, 100, 200, 500],
    registers,
  }),
  outboxLag: new client.Histogram({
    name: 'reel_outbox_lag_seconds',
    help: 'From an event written to its outbox table to its publication on JetStream, in seconds',
    labelNames: ['table'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers,
  }),
  eventsConsumed: new client.Counter({
    name: 'reel_events_consumed_total',
    help: 'Events a durable consumer finished with: processed, repeat (processed before), retry or dead_letter',
    labelNames: ['durable', 'outcome'] as const,
    registers,
  }),
  liveSubscriptions: new client.Gauge({
    name: 'reel_realtime_subscriptions',
    help: 'Live GraphQL subscriptions on this gateway',
    registers,
  }),
  droppedSlowConsumers: new client.Counter({
    name: 'reel_realtime_dropped_sockets_total',
    help: 'Subscription sockets closed because they did not keep up with their events',
    registers,
  }),
  idleCollections: new client.Counter({
    name: 'reel_idle_gc_total',
    help: 'Full garbage collections run because the process went idle after load (idle-gc.ts)',
    registers,
  }),
  idleCollectedBytes: new client.Counter({
    name: 'reel_idle_gc_freed_bytes_total',
    help: 'V8 heap those idle collections handed back, in bytes',
    registers,
  }),
};

const MAX_OPERATION_NAMES = 100; // distinct operation labels a process keeps; then "other"
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const seenOperations = new Set<string>();

/**
 * The operation label: the name the client gave, while this process has seen fewer than
 * MAX_OPERATION_NAMES (the web client's and compat-rest's documents are ~50), else "other";
 * "anonymous" without one. A client inventing names cannot grow the series past the cap.
 */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (seenOperations.has(name)) return name;
  if (!OPERATION_NAME.test(name) || seenOperations.size >= MAX_OPERATION_NAMES) return 'other';
  seenOperations.add(name);
  return name;
}

/** The SQL statements of the operation running now (set up by the subgraph, counted in mysql.ts). */
export const operationStatements = new AsyncLocalStorage<{ count: number }>();

/** Counts a statement toward the operation in whose async context it was sent, if any. */
export function countOperationStatement(): void {
  const scope = operationStatements.getStore();
  if (scope) scope.count += 1;
}

// dataloader 2.x keeps the batch function in this field; metrics.test.ts fails first
// if a release moves it
type WithBatchFn = { _batchLoadFn: (keys: readonly unknown[]) => PromiseLike<ArrayLike<unknown>> };

const batchSizeHistograms = new Map<
  string,
  ReturnType<typeof metrics.dataLoaderBatchSize.labels>
>();

// loaders are measured per request: prom-client's labels() hashes its values on every call
function batchSizeOf(subgraph: string, loader: string) {
  const key = `${subgraph}/${loader}`;
  let histogram = batchSizeHistograms.get(key);
  if (!histogram) {
    histogram = metrics.dataLoaderBatchSize.labels(subgraph, loader);
    batchSizeHistograms.set(key, histogram);
  }
  return histogram;
}

/**
 * Observes the batch sizes of every DataLoader in a request's loaders object. Per request, one
 * closure per loader; per batch, one histogram observation.
 */
export function measureLoaderBatches(subgraph: string, loaders: unknown): void {
  if (typeof loaders !== 'object' || loaders === null) return;
  for (const [name, loader] of Object.entries(loaders)) {
    const measured = loader as Partial<WithBatchFn> | null;
    const batch = measured?._batchLoadFn;
    if (typeof batch !== 'function') continue;
    const histogram = batchSizeOf(subgraph, name);
    (measured as WithBatchFn)._batchLoadFn = (keys) => {
      histogram.observe(keys.length);
      return batch.call(loader, keys);
    };
  }
}

let metricsToken: string | null = null;

/** Set once per process from the telemetry env slice (runService). */
export function protectMetrics(token: string | null): void {
  metricsToken = token;
}

/** GET /metrics: the registry in Prometheus' text format, behind METRICS_TOKEN when it is set. */
export const metricsRoute: RequestHandler = async (req, res) => {
  if (metricsToken && !bearerMatches(req.headers.authorization, metricsToken)) {
    res.status(401).json({
      errors: [
        { message: 'Metrics need the metrics token', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
    return;
  }
  res.setHeader('content-type', metricsRegistry.contentType);
  res.send(await metricsRegistry.metrics());
};

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header ?? '');
  const expected = Buffer.from(`Bearer ${token}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
