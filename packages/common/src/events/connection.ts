import type { NatsConnection } from 'nats';
import type { Logger } from '../logger';
import { connectNats } from '../nats';
import { eventLimits } from './limits';
import type { StopSignal } from './stop-signal';

/**
 * A NATS connection that a background loop can give up on: attempts are retried here rather than
 * by a client that waits on its first connect (which could never be cancelled), so after stop()
 * no dialer is left running against an unreachable server.
 */
export function connectUntilStopped(signal: StopSignal, url: string, name: string, log: Logger) {
  let attempt: Promise<NatsConnection> | undefined;
  const connection = (async () => {
    for (let failures = 0; ; failures += 1) {
      attempt = connectNats(url, name, { waitOnFirstConnect: false });
      try {
        return await signal.race(attempt);
      } catch (error) {
        if (signal.stopped) throw error;
        if (failures === 0) log.warn({ err: error, name }, 'NATS unreachable; retrying');
        await signal.sleep(eventLimits.setupRetryMs);
      }
    }
  })();
  connection.catch(() => undefined);
  return {
    connection,
    /** Closes the connection, or the attempt in flight whenever it settles; does not wait. */
    close(): void {
      void attempt?.then((nc) => nc.close()).catch(() => undefined);
    },
  };
}
