/**
 * How long requests take while MariaDB or Redis is frozen: starts the test stack (in this
 * process, its own database) with the services reaching the dependency through a TcpProxy,
 * freezes the relay for 8 s, sends one request every 400 ms meanwhile (the feed for MariaDB,
 * login for Redis) and prints p50/p99/max and the codes answered.
 *   npx tsx scripts/outage-latency.ts <mysql|redis> <in-process|remote>
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { graphql, mysqlUrlFor, newRunNamespace, seeder, TcpProxy } from '@reel/testkit';
import dropRun from '@reel/testkit/global-teardown';
import { startStack } from '../test/harness';

const [, , frozen = 'mysql', topology = 'in-process'] = process.argv;
const FREEZE_MS = 8_000;
const namespace = newRunNamespace();
process.env.REEL_NAMESPACE = namespace;
process.env.MYSQL_URL = mysqlUrlFor(namespace);

(async () => {
  const relay = new TcpProxy('127.0.0.1', frozen === 'mysql' ? 3306 : 6379);
  await relay.start();
  const stack = await startStack(
    { GATEWAY_SUBGRAPHS: topology },
    frozen === 'mysql' ? { mysqlPort: relay.port } : { redisPort: relay.port },
  );
  const viewer = await seeder(stack.gatewayUrl).user();
  const send = () =>
    frozen === 'mysql'
      ? graphql(stack.gatewayUrl, '{ feed(first: 5) { edges { node { id } } } }')
      : graphql(
          stack.gatewayUrl,
          'mutation ($n: String!, $p: String!) { login(username: $n, password: $p) { token } }',
          { n: viewer.user.name, p: viewer.password },
        );
  for (let i = 0; i < 5; i += 1) await send();
  relay.freeze();
  const frozenAt = Date.now();
  const thawing = sleep(FREEZE_MS).then(() => relay.thaw());
  const timings: Promise<{ ms: number; code: string }>[] = [];
  // one request every 400 ms while frozen: 20 requests
  for (let i = 0; i < FREEZE_MS / 400; i += 1) {
    const started = Date.now();
    timings.push(
      send().then((r) => ({
        ms: Date.now() - started,
        code: String(r.errors?.[0]?.extensions?.code ?? 'ok'),
      })),
    );
    await sleep(400);
  }
  const results = await Promise.all(timings);
  await thawing;
  const sorted = results.map((r) => r.ms).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  const codes: Record<string, number> = {};
  for (const r of results) codes[r.code] = (codes[r.code] ?? 0) + 1;
  console.log(
    `${frozen} frozen ${FREEZE_MS} ms (${topology}): ${results.length} requests, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${sorted.at(-1)} ms, codes ${JSON.stringify(codes)}, all answered ${Date.now() - frozenAt} ms after the freeze began`,
  );
  await stack.close();
  await relay.stop();
  await dropRun(); // this run's databases and streams, as after a jest run
  process.exit(0);
})();
