/**
 * Where a .cpuprofile's time goes: self time per package (node_modules/<name>, the repo's own
 * workspaces, node internals, GC, idle) and the heaviest functions, as percentages of the busy
 * (non-idle) samples. `npx tsx bench/profile-summary.ts <file.cpuprofile>… [--top N] [--last S]
 * [--skip-last S]`; `--last S` counts only the final S seconds of each profile (the load, not the
 * start-up before it: a profile ends when its process exits, a few seconds after the bench's
 * load), `--skip-last S` leaves out its final S seconds (sockets closing, the stack stopping).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function packageOf(url: string, functionName: string): string {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)' || functionName === '(program)') return functionName;
  if (!url) return '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith('node:')) return 'node internals';
  const repo = /\/(subgraphs\/[^/]+|apps\/[^/]+|packages\/[^/]+|compat-rest|bench|scripts)\//.exec(
    url,
  );
  return repo?.[1] ?? url;
}

function summarize(file: string, top: number, lastS: number, skipLastS: number): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfUs = new Map<number, number>();
  const totalUs = profile.timeDeltas.reduce((sum, us) => sum + us, 0);
  let atUs = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    atUs += delta;
    const beforeEndUs = totalUs - atUs;
    if (beforeEndUs <= lastS * 1e6 && beforeEndUs >= skipLastS * 1e6)
      selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const pkg = packageOf(url, functionName);
    if (pkg === '(idle)') {
      idle += us;
      continue;
    }
    busy += us;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${pkg}${url && !url.startsWith('node:') ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const share = (us: number) => `${((100 * us) / busy).toFixed(1)}%`.padStart(6);
  const ranked = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `  ${share(us)}  ${name}`);
  return [
    `${path.basename(file)}: busy ${(busy / 1e6).toFixed(1)} s, idle ${(idle / 1e6).toFixed(1)} s`,
    ' self time by package:',
    ...ranked(byPackage),
    ' heaviest functions (self):',
    ...ranked(byFunction),
  ].join('\n');
}

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args.splice(topIndex, 2)[1]) : 12;
const lastIndex = args.indexOf('--last');
const lastS = lastIndex >= 0 ? Number(args.splice(lastIndex, 2)[1]) : Infinity;
const skipIndex = args.indexOf('--skip-last');
const skipLastS = skipIndex >= 0 ? Number(args.splice(skipIndex, 2)[1]) : 0;
for (const file of args) console.log(`${summarize(file, top, lastS, skipLastS)}\n`);
