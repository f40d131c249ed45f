import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Retries an assertion until it passes or the deadline comes, then fails with its last error:
 * for effects that settle asynchronously (an aborted upload's cleanup, an event relay).
 */
export async function eventually<T>(
  assertion: () => Promise<T> | T,
  { timeoutMs = 10_000, intervalMs = 50 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}

/** Fails with `what` if `work` has not settled by the deadline: a hang fails fast, and says what hung. */
export async function withDeadline<T>(
  work: Promise<T>,
  what: string,
  { timeoutMs = 10_000 } = {},
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what}: not done within ${timeoutMs} ms`)),
      timeoutMs,
    );
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
