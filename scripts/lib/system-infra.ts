import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync } from 'node:fs';
import type { InfraName } from './probe';

/**
 * The machine's own MariaDB, Redis and NATS (the Debian packages), started the way CI starts them
 * (.ci/run uses the same commands). They bind the standard ports on 127.0.0.1 and detach.
 */
export interface SystemServer {
  binary: string;
  argv: string[];
  /** the same command for a human to paste */
  command: string;
  aptPackage: string;
  prepare?: () => void;
}

export const systemServers: Record<InfraName, SystemServer> = {
  mysql: {
    binary: '/usr/sbin/mariadbd',
    argv: [
      'start-stop-daemon',
      '--start',
      '--oknodo',
      '--background',
      '--exec',
      '/usr/sbin/mariadbd',
    ],
    command: 'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd',
    aptPackage: 'mariadb-server',
    // the packaged config puts the socket and pid file in /run/mysqld, which a reboot empties
    prepare: () => ensureRunDir('/run/mysqld', 'mysql'),
  },
  redis: {
    binary: '/usr/bin/redis-server',
    argv: [
      'redis-server',
      '--daemonize',
      'yes',
      '--bind',
      '127.0.0.1',
      '--port',
      '6379',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    command: 'redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no',
    aptPackage: 'redis-server',
  },
  nats: {
    binary: '/usr/sbin/nats-server',
    argv: [
      'start-stop-daemon',
      '--start',
      '--oknodo',
      '--background',
      '--exec',
      '/usr/sbin/nats-server',
      '--',
      '-a',
      '127.0.0.1',
      '-p',
      '4222',
      '-js',
      '-sd',
      '/var/lib/nats-server',
    ],
    command:
      'start-stop-daemon --start --oknodo --background --exec /usr/sbin/nats-server -- -a 127.0.0.1 -p 4222 -js -sd /var/lib/nats-server',
    aptPackage: 'nats-server',
  },
};

export const isRoot = () => process.getuid?.() === 0;

export function canStartSystemServer(name: InfraName): boolean {
  return isRoot() && existsSync(systemServers[name].binary);
}

/** Runs the start command; the caller then waits until the server answers. */
export function startSystemServer(name: InfraName): void {
  const server = systemServers[name];
  server.prepare?.();
  const [command, ...args] = server.argv;
  const result = spawnSync(command ?? '', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  if (result.error) throw new Error(`could not run ${server.command}: ${result.error.message}`);
  if (result.status !== 0) {
    const output = `${result.stdout}${result.stderr}`.trim();
    throw new Error(`${server.command} exited with ${result.status}${output ? `: ${output}` : ''}`);
  }
}

function ensureRunDir(dir: string, owner: string): void {
  if (existsSync(dir)) return;
  mkdirSync(dir, { recursive: true });
  const uid = spawnSync('id', ['-u', owner], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', owner], { encoding: 'utf8' });
  if (uid.status === 0 && gid.status === 0) chownSync(dir, Number(uid.stdout), Number(gid.stdout));
}
