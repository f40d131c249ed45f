import { randomBytes } from 'node:crypto';

/**
 * One jest run = one database, one Redis key prefix, one NATS namespace, so runs never collide.
 * globalSetup picks them and exports them through process.env, which workers inherit.
 */
export function newRunNamespace(): string {
  return `t${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export function mysqlUrlFor(
  namespace: string,
  base = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test',
): string {
  const url = new URL(base);
  url.pathname = `/reel_${namespace}`;
  return url.toString();
}

export function runEnv(): { namespace: string; mysqlUrl: string } {
  const namespace = process.env.REEL_NAMESPACE;
  const mysqlUrl = process.env.MYSQL_URL;
  if (!namespace || !mysqlUrl)
    throw new Error(
      'testkit: no run namespace; is jest globalSetup (packages/testkit/src/global-setup.ts) configured?',
    );
  return { namespace, mysqlUrl };
}

/** The NATS server of the run; runs share it, each inside its own namespace. */
export function natsUrl(): string {
  return process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
}
