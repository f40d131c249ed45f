/**
 * Run before jest (`npm run test:jest`): MySQL, Redis and NATS must answer at the configured
 * URLs. A local one that is down is started from the system packages when we may (root, binary
 * installed, standard port); otherwise this exits 1 naming what failed and the command to run.
 */
import { existsSync } from 'node:fs';
import { loadConfig } from '@reel/common/env';
import { mysqlUrlFor } from '@reel/testkit/run-env';
import { describeError, pollUntil } from './lib/deadline';
import { answers, type InfraTarget, infraTargets, isLocalHost, probe, redact } from './lib/probe';
import { canStartSystemServer, isRoot, startSystemServer, systemServers } from './lib/system-infra';

const PROBE_TIMEOUT_MS = 2_000; // per attempt; a healthy local server answers in a few ms
const START_DEADLINE_MS = 30_000; // MariaDB's first start (InnoDB recovery) is the slow one
const POLL_INTERVAL_MS = 250;

async function main(): Promise<void> {
  const config = loadConfig();
  // jest's per-run databases go to the server the testkit picks (TEST_MYSQL_URL), not MYSQL_URL's
  const testServer = new URL(mysqlUrlFor('probe'));
  testServer.pathname = '/';
  const targets = infraTargets({
    mysql: testServer.toString(),
    redis: config.redis.url,
    nats: config.nats.url,
  }).map((t) => (t.name === 'mysql' ? { ...t, envVar: 'TEST_MYSQL_URL' } : t));
  const failures = (await Promise.all(targets.map(ensure))).filter(
    (f): f is string => f !== undefined,
  );
  if (failures.length > 0) {
    process.stderr.write(
      `\nensure-services: the tests need MySQL, Redis and NATS.\n\n${failures.join('\n\n')}\n\n`,
    );
    process.exit(1);
  }
}

/** Undefined when the target answers (possibly after starting it), else a readable failure. */
async function ensure(target: InfraTarget): Promise<string | undefined> {
  const where = `${target.label} at ${redact(target.url)}`;
  const first = await probe(target, PROBE_TIMEOUT_MS);
  if (first.ok) {
    say(`${target.label} answers (${redact(target.url)})`);
    return undefined;
  }
  const startable =
    first.stage === 'tcp' && isStandardLocal(target) && canStartSystemServer(target.name);
  if (first.stage === 'tcp' && !startable) return notReachable(target, first.reason);
  try {
    if (startable) {
      say(`${where} is down (${first.reason}); starting it: ${systemServers[target.name].command}`);
      startSystemServer(target.name);
    } else {
      say(`${where} accepts connections but does not answer yet (${first.reason}); waiting`);
    }
    await pollUntil(() => answers(target, PROBE_TIMEOUT_MS), {
      what: `${where} to answer`,
      deadlineMs: START_DEADLINE_MS,
      intervalMs: POLL_INTERVAL_MS,
    });
    say(`${target.label} answers (${redact(target.url)})`);
    return undefined;
  } catch (error) {
    return notReachable(target, describeError(error));
  }
}

function isStandardLocal(target: InfraTarget): boolean {
  return isLocalHost(target.host) && target.port === target.standardPort;
}

function notReachable(target: InfraTarget, reason: string): string {
  const server = systemServers[target.name];
  const sudo = isRoot() ? '' : 'sudo ';
  const lines = [`✗ ${target.label} is not reachable at ${redact(target.url)}: ${reason}`];
  if (isStandardLocal(target)) {
    if (!existsSync(server.binary))
      lines.push(`  install it:  ${sudo}apt-get install -y ${server.aptPackage}`);
    lines.push(`  start it:    ${sudo}${server.command}`);
    lines.push(`  or in Docker: docker compose up -d ${target.name}`);
  } else {
    lines.push(
      `  start the server ${target.envVar} names, or point ${target.envVar} at one that runs`,
    );
  }
  return lines.join('\n');
}

function say(line: string): void {
  process.stdout.write(`ensure-services: ${line}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`ensure-services: ${describeError(error)}\n`);
  process.exit(1);
});
