/**
 * What the bench ran on, and how much memory each of its processes holds: the machine line at
 * the top of `npm run bench`, and resident set sizes read from /proc/<pid>/status (Linux; on
 * another system the RSS table says it has nothing to read).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';

/** CPU model, cores, memory, node, open-file limit and load average, on one line. */
export function describeMachine(): string {
  const cpu = cpus();
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return `${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}, ulimit -n ${openFileLimit()}, load average ${load}`;
}

function openFileLimit(): string {
  try {
    return execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

export interface ProcessMemory {
  pid: number;
  name: string;
  rssKiB: number;
}

function readStatus(pid: number): Map<string, string> | undefined {
  try {
    const fields = new Map<string, string>();
    for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) fields.set(line.slice(0, colon), line.slice(colon + 1).trim());
    }
    return fields;
  } catch {
    return undefined; // gone meanwhile, or no /proc
  }
}

/** VmRSS of one process in KiB, or undefined once it has exited. */
export function rssKiB(pid: number): number | undefined {
  const rss = readStatus(pid)?.get('VmRSS');
  return rss === undefined ? undefined : Number.parseInt(rss, 10);
}

/** A service's name from its command line: the entry point's workspace (`subgraphs/user/…`). */
function serviceName(pid: number): string | undefined {
  let argv: string[];
  try {
    argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
  if (!/node/.test(argv[0] ?? '')) return undefined; // servers the stack started, shells
  const entry = argv.find((arg) => /\.(ts|js|mjs|cjs)$/.test(arg) && !arg.includes('node_modules'));
  if (!entry) return undefined;
  const match = /(subgraphs\/[^/]+|apps\/[^/]+|compat-rest|bench\/[^/]+|scripts\/[^/]+)/.exec(
    entry,
  );
  if (match) return match[1];
  // the compiled build (scripts/lib/build.ts): dist/<entry>.js
  const built = /dist\/([^/]+)\.js$/.exec(entry)?.[1];
  if (built === 'one-machine' || built === 'gateway') return 'apps/gateway';
  if (built === 'compat-rest') return built;
  const subgraph = built && /^(.+)-subgraph$/.exec(built)?.[1];
  return subgraph ? `subgraphs/${subgraph}` : entry;
}

/**
 * Every node process below `rootPid` (itself included) with its RSS, named by its entry point:
 * the services `scripts/start.ts` spawned (and their workers, when a topology forks some).
 */
export function processTreeMemory(rootPid: number): ProcessMemory[] {
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number);
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  for (const pid of pids) {
    const ppid = Number(readStatus(pid)?.get('PPid'));
    if (!Number.isFinite(ppid)) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const found: ProcessMemory[] = [];
  const queue = [rootPid];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    queue.push(...(children.get(pid) ?? []));
    const name = serviceName(pid);
    const rss = rssKiB(pid);
    if (name && rss !== undefined) found.push({ pid, name, rssKiB: rss });
  }
  return found;
}

export interface RssRow {
  server: string;
  process: string;
  pid: number;
  beforeKiB: number;
  afterKiB?: number;
}

/** Pairs a snapshot taken before load with one taken after, by pid. */
export function rssRows(
  server: string,
  before: readonly ProcessMemory[],
  after: readonly ProcessMemory[],
): RssRow[] {
  return before.map((b) => ({
    server,
    process: b.name,
    pid: b.pid,
    beforeKiB: b.rssKiB,
    afterKiB: after.find((a) => a.pid === b.pid)?.rssKiB,
  }));
}

const mib = (kib: number | undefined) => (kib === undefined ? 'exited' : (kib / 1024).toFixed(0));

export function formatTable(header: string[], lines: string[][]): string {
  const widths = header.map((title, i) =>
    Math.max(title.length, ...lines.map((line) => (line[i] ?? '').length)),
  );
  return [header, ...lines]
    .map((line) =>
      line
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

export function formatRss(rows: readonly RssRow[]): string {
  if (rows.length === 0) return 'RSS: nothing to read (no /proc on this system)';
  return formatTable(
    ['server', 'process', 'pid', 'RSS before load MiB', 'RSS after load MiB'],
    rows.map((row) => [
      row.server,
      row.process,
      String(row.pid),
      mib(row.beforeKiB),
      mib(row.afterKiB),
    ]),
  );
}

const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ of /proc/<pid>/stat on Linux (getconf CLK_TCK)

/** CPU time a process has used so far (user + system), in ms, or undefined once it has exited. */
export function cpuMs(pid: number): number | undefined {
  const split = cpuSplitMs(pid);
  return split && split.userMs + split.systemMs;
}

/** CPU time a process has used so far in user space and in the kernel, in ms. */
export function cpuSplitMs(pid: number): { userMs: number; systemMs: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // fields after the command name, which may itself hold spaces and parentheses
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const toMs = (ticks: string | undefined) => (Number(ticks) * 1000) / CLOCK_TICKS_PER_SECOND;
    return { userMs: toMs(fields[11]), systemMs: toMs(fields[12]) }; // utime, stime (fields 14, 15)
  } catch {
    return undefined;
  }
}

/**
 * CPU each process of a tree spends on `work`, in ms: on a shared machine the wall-clock rate
 * depends on the neighbours, the CPU per operation does not.
 */
export async function cpuSpentBy<T>(
  rootPid: number,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: { name: string; ms: number }[] }> {
  const before = processTreeMemory(rootPid).map((p) => ({ ...p, cpu: cpuMs(p.pid) }));
  const result = await work();
  const cpu = before.flatMap((p) => {
    const after = cpuMs(p.pid);
    return after === undefined || p.cpu === undefined ? [] : [{ name: p.name, ms: after - p.cpu }];
  });
  return { result, cpu };
}

/** Inodes of the machine's established TCP sockets whose local port is `port` (/proc/net/tcp{,6}). */
function establishedInodes(port: number): Set<string> {
  const inodes = new Set<string>();
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      const fields = line.trim().split(/\s+/);
      if (fields[1]?.endsWith(`:${hexPort}`) && fields[3] === '01') inodes.add(fields[9]!);
    }
  }
  return inodes;
}

/**
 * How many established connections to local `port` each process holds, read from its file
 * descriptors: which node:cluster worker the kernel or the primary handed each socket to.
 */
export function establishedSocketsByPid(
  pids: readonly number[],
  port: number,
): Map<number, number> {
  const inodes = establishedInodes(port);
  const counts = new Map<number, number>();
  for (const pid of pids) {
    let held = 0;
    try {
      for (const fd of readdirSync(`/proc/${pid}/fd`)) {
        let target: string;
        try {
          target = readlinkSync(`/proc/${pid}/fd/${fd}`);
        } catch {
          continue; // closed meanwhile
        }
        const inode = /^socket:\[(\d+)\]$/.exec(target)?.[1];
        if (inode && inodes.has(inode)) held += 1;
      }
    } catch {
      // gone, or not ours to read
    }
    counts.set(pid, held);
  }
  return counts;
}
