/* global process */
/**
 * A CPU profile of every node process it is preloaded into, for the bench's "where does the time
 * go" (node refuses --cpu-prof in NODE_OPTIONS, but not --import):
 *   BENCH_CPU_PROFILE_DIR=/tmp/prof NODE_OPTIONS="--import ./bench/cpu-profile.mjs" npm run bench
 * writes <dir>/<entry>-<pid>.cpuprofile when the process exits (services exit on SIGTERM after
 * draining); open it in Chrome DevTools or summarize it with bench/profile-summary.ts.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  const entry = process.argv.slice(1).find((arg) => /\.(ts|js|mjs)$/.test(arg)) ?? 'node';
  const name = path.relative(process.cwd(), entry).replace(/[/\\.]+/g, '_');
  // an inspector session on the same thread answers synchronously, so this runs within 'exit'
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error)
        writeFileSync(
          path.join(dir, `${name}-${process.pid}.cpuprofile`),
          JSON.stringify(result.profile),
        );
    });
  });
}
