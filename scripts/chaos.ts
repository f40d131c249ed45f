/**
 * Faults under load (issue 10): private MariaDB, Redis and NATS servers and the stack as
 * processes on them; a mixed load with a live subscriber while each server and one subgraph
 * process is SIGKILLed and started again; then the audit. Prints a line per phase as it ends and
 * the report as Markdown (README's "Reliability" table); exits 1 when the audit fails.
 *   npm run chaos                  every phase, about 4 minutes
 *   npm run chaos -- --short       the CI test's shorter phases
 */
import { fullRun, formatReport, runChaos } from '../test/harness/chaos';
import { shortRun } from '../test/harness/chaos-short';

const short = process.argv.includes('--short');

(async () => {
  const started = Date.now();
  const report = await runChaos({
    ...(short ? shortRun : fullRun),
    log: (line) => console.log(`[chaos ${((Date.now() - started) / 1000).toFixed(0)} s] ${line}`),
  });
  console.log(`\n${formatReport(report)}`);
  process.exit(report.passed ? 0 : 1);
})().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
