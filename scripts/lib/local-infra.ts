import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { InfraName, InfraTarget } from './probe';
import { isRoot } from './system-infra';

/**
 * How `npm start` runs a server it could not reach: the installed binary as its child, with data
 * under `.data/`, listening exactly where the configured URL points. MySQL gets root without a
 * password, which is what the default MYSQL_URL expects.
 */
export interface LocalServerPlan {
  target: InfraTarget;
  binary: string;
  args: string[];
  /** where its data lives, for messages */
  dataDir: string;
  stopGraceMs: number;
  /** one-time set-up before the first start (MySQL's system tables); output goes to `logFd` */
  prepare(logFd: number): void;
}

const SEARCH_DIRS = [
  '/usr/sbin',
  '/usr/local/sbin',
  '/usr/local/bin',
  '/usr/libexec',
  '/opt/homebrew/bin',
  '/opt/homebrew/sbin',
];
const MAX_SOCKET_PATH = 100; // bytes; sun_path is 104-108 depending on the OS

const packages: Record<InfraName, { apt: string; brew: string }> = {
  mysql: { apt: 'mariadb-server', brew: 'mariadb' },
  redis: { apt: 'redis-server', brew: 'redis' },
  nats: { apt: 'nats-server', brew: 'nats-server' },
};

/** Undefined when no binary for this server is installed. */
export function planLocalServer(
  target: InfraTarget,
  dataRoot: string,
): LocalServerPlan | undefined {
  const bindHost =
    target.host === 'localhost' || target.host === '0.0.0.0' ? '127.0.0.1' : target.host;
  const dataDir = path.join(dataRoot, target.name);
  const createDataDir = () => mkdirSync(dataDir, { recursive: true });
  switch (target.name) {
    case 'mysql':
      return planMysql(target, dataRoot, dataDir, bindHost);
    case 'redis': {
      const binary = findBinary(['redis-server']);
      if (!binary) return undefined;
      const args = [
        '--port',
        String(target.port),
        '--bind',
        bindHost,
        '--dir',
        dataDir,
        '--daemonize',
        'no',
      ];
      return { target, binary, args, dataDir, stopGraceMs: 10_000, prepare: createDataDir };
    }
    case 'nats': {
      const binary = findBinary(['nats-server']);
      if (!binary) return undefined;
      const args = ['-a', bindHost, '-p', String(target.port), '-js', '-sd', dataDir];
      return { target, binary, args, dataDir, stopGraceMs: 10_000, prepare: createDataDir };
    }
  }
}

function planMysql(
  target: InfraTarget,
  dataRoot: string,
  dataDir: string,
  bindHost: string,
): LocalServerPlan | undefined {
  const binary = findBinary(['mariadbd', 'mysqld']);
  if (!binary) return undefined;
  const isMariaDb = path.basename(binary) === 'mariadbd' || versionOf(binary).includes('MariaDB');
  const installer = isMariaDb ? findBinary(['mariadb-install-db', 'mysql_install_db']) : binary;
  if (!installer) return undefined;
  // --no-defaults: the machine's my.cnf would point at the system server's socket, pid file and user
  const asRoot = isRoot() ? ['--user=root'] : [];
  const socket = path.join(dataRoot, 'mysql.sock');
  const args = [
    '--no-defaults',
    ...asRoot,
    `--datadir=${dataDir}`,
    `--socket=${socket.length <= MAX_SOCKET_PATH ? socket : path.join(tmpdir(), `reel-mysql-${target.port}.sock`)}`,
    `--pid-file=${path.join(dataRoot, 'mysql.pid')}`,
    `--port=${target.port}`,
    `--bind-address=${bindHost}`,
    '--character-set-server=utf8mb4',
    '--collation-server=utf8mb4_unicode_ci',
    ...(isMariaDb ? [] : ['--mysqlx=OFF']),
  ];
  const prepare = (logFd: number) => {
    if (existsSync(path.join(dataDir, 'mysql'))) return;
    // root@localhost and root@127.0.0.1 with no password ("normal" rather than unix_socket auth)
    const installArgs = isMariaDb
      ? [
          '--no-defaults',
          ...asRoot,
          `--datadir=${dataDir}`,
          '--auth-root-authentication-method=normal',
          '--skip-test-db',
        ]
      : ['--no-defaults', ...asRoot, `--datadir=${dataDir}`, '--initialize-insecure'];
    const result = spawnSync(installer, installArgs, { stdio: ['ignore', logFd, logFd] });
    if (result.error || result.status !== 0) {
      // a half-initialised directory would fail the next attempt too; it never held data
      rmSync(dataDir, { recursive: true, force: true });
      const why = result.error?.message ?? `exited with ${result.status ?? result.signal}`;
      throw new Error(`${path.basename(installer)} ${installArgs.join(' ')} ${why}`);
    }
  };
  return { target, binary, args, dataDir, stopGraceMs: 30_000, prepare };
}

/** Exact commands for the servers that are neither reachable nor installed. */
export function installAdvice(missing: InfraTarget[]): string[] {
  const names = missing.map((t) => t.name);
  const sudo = isRoot() ? '' : 'sudo ';
  const install =
    process.platform === 'darwin'
      ? `brew install ${names.map((n) => packages[n].brew).join(' ')}`
      : `${sudo}apt-get install -y ${names.map((n) => packages[n].apt).join(' ')}`;
  return [
    `install:              ${install}`,
    `or in Docker:         docker compose up -d ${names.join(' ')}`,
    `or point ${missing.map((t) => t.envVar).join(' / ')} at a server that runs`,
  ];
}

function findBinary(names: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean), ...SEARCH_DIRS];
  for (const name of names) {
    for (const dir of dirs) {
      const candidate = path.join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here; keep looking
      }
    }
  }
  return undefined;
}

function versionOf(binary: string): string {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8', timeout: 5_000 });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}
