export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A readable one-line reason; Node's dual-stack connect errors are AggregateErrors with no message. */
export function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) {
    return [...new Set(error.errors.map(describeError))].join('; ');
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    if (error.message) return error.message;
    return typeof code === 'string' ? code : error.name;
  }
  return String(error);
}

export interface PollOptions {
  /** what we are waiting for, as the start of a sentence: "MySQL to answer" */
  what: string;
  deadlineMs: number;
  intervalMs: number;
  /** a reason to give up at once (the process we wait for has exited), or undefined */
  abandonWhen?: () => string | undefined;
}

/**
 * Retries `attempt` until it resolves or the deadline passes. Each attempt must bound itself
 * (every probe here carries its own timeout), so the overshoot is at most one attempt.
 */
export async function pollUntil<T>(attempt: () => Promise<T>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.deadlineMs;
  let lastFailure = 'no answer yet';
  for (;;) {
    const abandoned = options.abandonWhen?.();
    if (abandoned) throw new Error(`gave up waiting for ${options.what}: ${abandoned}`);
    try {
      return await attempt();
    } catch (error) {
      lastFailure = describeError(error);
    }
    if (Date.now() >= deadline) {
      const seconds = Math.round(options.deadlineMs / 1000);
      throw new Error(`waited ${seconds} s for ${options.what}; last answer: ${lastFailure}`);
    }
    await sleep(options.intervalMs);
  }
}
