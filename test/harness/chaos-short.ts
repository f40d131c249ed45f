import { type ChaosOptions, fullRun } from './chaos';
import { mixedLoad } from './chaos-load';

/**
 * The chaos run of CI (test/chaos.test.ts, `npm run chaos -- --short`): every fault, a few
 * seconds each, and RELIABILITY row 24's writes fewer.
 */
export const shortRun: Omit<ChaosOptions, 'log'> = {
  ...fullRun,
  phases: [
    { name: 'baseline', mix: mixedLoad },
    { name: 'MariaDB SIGKILL', fault: 'mariadb', mix: { feed: 7, like: 3 } },
    { name: 'Redis SIGKILL', fault: 'redis', mix: mixedLoad },
    { name: 'NATS SIGKILL', fault: 'nats', mix: { comment: 1, message: 1 }, requests: 150 },
    { name: 'interaction SIGKILL', fault: 'subgraph', mix: mixedLoad },
  ],
  leadMs: 1_500,
  downMs: 2_000,
  afterMs: 5_000,
  concurrency: 4,
  users: 12,
  videos: 2,
};
