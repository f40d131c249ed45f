/**
 * The writes part of `npm run bench` (issue 11: ≥ 1000 like, comment and follow writes a second,
 * counters exact afterwards). Writes go through the public GraphQL API of the gateway
 * (`likeVideo`, `addComment`, `follow`, each a real write: a fresh writer likes a video, follows
 * a user and comments), one kind after another, from `connections` requests in flight, as fast as
 * the stack answers, for `durationS` seconds after a warm-up. The per-user action limits of
 * apps/gateway/src/limits.ts stay as they are: the load is spread over `writers` fresh accounts
 * (seeded in SQL per run, tokens signed with the bench secret) so that no account comes near its
 * limit, and a RATE_LIMITED among the errors says it did. Afterwards every counter row of the
 * database is compared with COUNT(*) of the rows it counts.
 */
import mysql from 'mysql2/promise';
import { cpus } from 'node:os';
import { sleep } from '../scripts/lib/deadline';
import { cpuSpentBy, formatTable } from './machine';
import { BENCH_ID_BASE, benchUserId, benchVolumes } from './seed';

export interface WritesOptions {
  gatewayUrl: string;
  mysqlUrl: string;
  durationS: number;
  warmupS: number;
  connections: number;
  writers: number;
  tokenFor(userId: number): Promise<string>;
  /** the stack's root process (scripts/start.ts): CPU per write of each process below it */
  stackPid: number;
}

type Kind = 'like' | 'comment' | 'follow';
const KINDS: readonly Kind[] = ['like', 'comment', 'follow'];

const documents: Record<Kind, string> = {
  like: 'mutation BenchLike($videoId: ID!) { likeVideo(videoId: $videoId) { id } }',
  comment:
    'mutation BenchComment($videoId: ID!, $content: String!) { addComment(videoId: $videoId, content: $content) { id } }',
  follow: 'mutation BenchFollow($userId: ID!) { follow(userId: $userId) { id } }',
};

// writers of every run get ids from here up, above the big accounts' fans (bench/seed.ts)
const WRITER_ID_FLOOR = 3_000_000;
const WRITER_ID_CEILING = 4_000_000_000;
const REQUEST_TIMEOUT_MS = 30_000;
// the stack's CPU with no writes in flight (outbox polls, metrics, timers) is sampled this long
// and taken off the measured CPU: at a few writes a second on a busy machine it is most of it
const IDLE_SAMPLE_S = 5;

interface Writer {
  id: number;
  token: string;
  done: Record<Kind, number>;
}

/** `count` accounts no earlier run used: users and social's known_users rows, like registration. */
export async function seedWriters(db: mysql.Connection, count: number): Promise<number[]> {
  const [rows] = await db.query<mysql.RowDataPacket[]>(
    'SELECT COALESCE(MAX(id), ?) AS last FROM users WHERE id > ? AND id < ?',
    [WRITER_ID_FLOOR, WRITER_ID_FLOOR, WRITER_ID_CEILING],
  );
  const first = Number(rows[0]!.last) + 1;
  const ids = Array.from({ length: count }, (_, i) => first + i);
  const now = new Date();
  await db.query(
    'INSERT INTO users (id, username, password_hash, signature, created_at) VALUES ?',
    [ids.map((id) => [id, `bench_writer_${id}`, '!bench-seed-no-password', '', now])],
  );
  await db.query('INSERT INTO known_users (user_id, confirmed_at) VALUES ?', [
    ids.map((id) => [id, now]),
  ]);
  return ids;
}

/**
 * The k-th write of its kind by writer w: never one an earlier write (seeded or benched) made, so
 * each is a real insert. Likes and comments walk the seeded videos, follows the seeded users.
 */
function variablesOf(kind: Kind, w: number, k: number): Record<string, string> {
  const { videos } = benchVolumes;
  switch (kind) {
    case 'like':
      return { videoId: String(BENCH_ID_BASE + 1 + ((w * 37 + k) % videos)) };
    case 'comment':
      return {
        videoId: String(BENCH_ID_BASE + 1 + ((w * 53 + k * 101) % videos)),
        content: `bench comment ${w}.${k}`,
      };
    case 'follow':
      return { userId: String(benchUserId(w * 13 + k)) };
  }
}

interface Outcome {
  kind: Kind;
  ms: number;
  /** undefined: written */
  error?: string;
}

async function write(gatewayUrl: string, writer: Writer, kind: Kind, w: number): Promise<Outcome> {
  const k = writer.done[kind]++;
  const started = performance.now();
  let error: string | undefined;
  try {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${writer.token}` },
      body: JSON.stringify({ query: documents[kind], variables: variablesOf(kind, w, k) }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: unknown;
      errors?: { extensions?: { code?: string } }[];
    };
    if (body.errors?.length) error = body.errors[0]?.extensions?.code ?? 'NO_CODE';
    else if (!response.ok || !body.data) error = `HTTP ${response.status}`;
  } catch (caught) {
    const { name, code } = caught as { name?: string; code?: string; cause?: { code?: string } };
    error = (caught as { cause?: { code?: string } }).cause?.code ?? code ?? name ?? 'fetch failed';
  }
  return { kind, ms: performance.now() - started, error };
}

/** Runs writes from `connections` loops until `untilMs` (performance.now()). */
async function load(
  gatewayUrl: string,
  writers: Writer[],
  connections: number,
  untilMs: number,
  next: { op: number },
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < untilMs) {
        // op n: kind n mod 3, by writer (n div 3) mod writers: each writer's writes spread out
        const op = next.op++;
        const w = Math.floor(op / KINDS.length) % writers.length;
        outcomes.push(await write(gatewayUrl, writers[w]!, KINDS[op % KINDS.length]!, w));
      }
    }),
  );
  return outcomes;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface CounterCheck {
  counter: string;
  rows: number;
  differ: number;
}

/**
 * Every counter row against COUNT(*) of the rows it counts, plus rows counted by no counter row.
 * `source` selects (k, n): the counted key and its count.
 */
async function checkCounter(
  db: mysql.Connection,
  table: string,
  key: string,
  column: string,
  source: string,
): Promise<CounterCheck> {
  const [rows] = await db.query<mysql.RowDataPacket[]>(
    `SELECT
       (SELECT COUNT(*) FROM ${table}) AS counter_rows,
       (SELECT COUNT(*) FROM ${table} c LEFT JOIN (${source}) s ON s.k = c.${key}
         WHERE c.${column} <> COALESCE(s.n, 0))
       + (SELECT COUNT(*) FROM (${source}) s LEFT JOIN ${table} c ON c.${key} = s.k
         WHERE c.${key} IS NULL) AS differ`,
  );
  return {
    counter: `${table}.${column}`,
    rows: Number(rows[0]!.counter_rows),
    differ: Number(rows[0]!.differ),
  };
}

export async function checkCounters(db: mysql.Connection): Promise<CounterCheck[]> {
  return [
    await checkCounter(
      db,
      'video_counters',
      'video_id',
      'favorite_count',
      'SELECT video_id AS k, COUNT(*) AS n FROM favorites GROUP BY video_id',
    ),
    await checkCounter(
      db,
      'video_counters',
      'video_id',
      'comment_count',
      'SELECT video_id AS k, COUNT(*) AS n FROM comments GROUP BY video_id',
    ),
    await checkCounter(
      db,
      'user_counters',
      'user_id',
      'favorite_count',
      'SELECT user_id AS k, COUNT(*) AS n FROM favorites GROUP BY user_id',
    ),
    await checkCounter(
      db,
      'user_counters',
      'user_id',
      'total_favorited',
      `SELECT va.author_id AS k, COUNT(*) AS n FROM favorites f
       JOIN video_authors va ON va.video_id = f.video_id GROUP BY va.author_id`,
    ),
    await checkCounter(
      db,
      'follow_counters',
      'user_id',
      'follow_count',
      'SELECT follower_id AS k, COUNT(*) AS n FROM follows GROUP BY follower_id',
    ),
    await checkCounter(
      db,
      'follow_counters',
      'user_id',
      'follower_count',
      'SELECT followee_id AS k, COUNT(*) AS n FROM follows GROUP BY followee_id',
    ),
  ];
}

export interface WritesResult {
  report: string;
  writesPerSecond: number;
  countersExact: boolean;
}

export async function benchWrites(options: WritesOptions): Promise<WritesResult> {
  const db = await mysql.createConnection(options.mysqlUrl);
  try {
    const ids = await seedWriters(db, options.writers);
    const writers: Writer[] = [];
    for (const id of ids)
      writers.push({
        id,
        token: await options.tokenFor(id),
        done: { like: 0, comment: 0, follow: 0 },
      });
    const next = { op: 0 };
    const { gatewayUrl, connections } = options;
    const { cpu: idleCpu } = await cpuSpentBy(options.stackPid, () => sleep(IDLE_SAMPLE_S * 1000));
    await load(gatewayUrl, writers, connections, performance.now() + options.warmupS * 1000, next);
    const started = performance.now();
    const { result: outcomes, cpu } = await cpuSpentBy(options.stackPid, () =>
      load(gatewayUrl, writers, connections, started + options.durationS * 1000, next),
    );
    const elapsedS = (performance.now() - started) / 1000;

    const lines = [...KINDS, 'all' as const].map((kind) => {
      const mine = outcomes.filter((o) => kind === 'all' || o.kind === kind);
      const written = mine.filter((o) => !o.error);
      const ms = mine.map((o) => o.ms).sort((a, b) => a - b);
      const errors = new Map<string, number>();
      for (const o of mine) if (o.error) errors.set(o.error, (errors.get(o.error) ?? 0) + 1);
      return [
        kind,
        String(written.length),
        (written.length / elapsedS).toFixed(0),
        percentile(ms, 50).toFixed(1),
        percentile(ms, 99).toFixed(1),
        [...errors].map(([code, n]) => `${code} ${n}`).join(', ') || '0',
      ];
    });
    const writesPerSecond = Number(lines.at(-1)![2]);
    const written = Number(lines.at(-1)![1]);
    const perWrite = cpu
      .filter((p) => p.ms > 0)
      .map((p) => {
        const idleMs =
          ((idleCpu.find((q) => q.name === p.name)?.ms ?? 0) * elapsedS) / IDLE_SAMPLE_S;
        return {
          ...p,
          perWrite: written ? p.ms / written : 0,
          netPerWrite: written ? Math.max(0, p.ms - idleMs) / written : 0,
        };
      });
    const stackMsPerWrite = perWrite.reduce((sum, p) => sum + p.perWrite, 0);
    const netMsPerWrite = perWrite.reduce((sum, p) => sum + p.netPerWrite, 0);
    const cores = cpus().length;
    const checks = await checkCounters(db);
    const countersExact = checks.every((c) => c.differ === 0);
    const report = [
      `Writes through POST /graphql (likeVideo, addComment, follow in turn), ${connections} in flight, ${options.writers} fresh writers, ${elapsedS.toFixed(1)} s after ${options.warmupS} s warm-up; target ≥ 1000 writes/s`,
      formatTable(['kind', 'written', 'writes/s', 'p50 ms', 'p99 ms', 'errors by code'], lines),
      `CPU per write (ms, user + system, /proc/<pid>/stat over the measured run): ${perWrite.map((p) => `${p.name} ${p.perWrite.toFixed(1)}`).join(', ')}; the stack's node processes ${stackMsPerWrite.toFixed(1)} ms a write, so ${cores} cores of their own would write at most ${stackMsPerWrite ? Math.round((cores * 1000) / stackMsPerWrite) : '?'}/s (MariaDB and the load generator not counted)`,
      `The same, net of the stack's idle CPU (sampled ${IDLE_SAMPLE_S} s before the warm-up, scaled to the run): ${perWrite.map((p) => `${p.name} ${p.netPerWrite.toFixed(2)}`).join(', ')}; ${netMsPerWrite.toFixed(2)} ms a write, at most ${netMsPerWrite ? Math.round((cores * 1000) / netMsPerWrite) : '?'}/s on ${cores} cores`,
      '',
      `Counters afterwards, every row of the database (counter = COUNT(*) of its rows): ${countersExact ? 'exact' : 'NOT EXACT'}`,
      formatTable(
        ['counter', 'counter rows', 'differ', 'check'],
        checks.map((c) => [
          c.counter,
          String(c.rows),
          String(c.differ),
          c.differ === 0 ? 'ok' : 'FAIL',
        ]),
      ),
    ].join('\n');
    return { report, writesPerSecond, countersExact };
  } finally {
    await db.end();
  }
}
