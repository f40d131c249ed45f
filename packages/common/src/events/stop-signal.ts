/**
 * The background loops' way out: `race` abandons a wait on NATS (which may be unreachable for
 * hours) as soon as stop() is called, and `sleep` ends early on stop() or wake().
 */
export class StopSignal {
  private isStopped = false;
  private rejectStopped: () => void = () => undefined;
  private readonly stoppedPromise: Promise<never>;
  private readonly sleepers = new Set<() => void>();

  constructor(what: string) {
    this.stoppedPromise = new Promise<never>((_, reject) => {
      this.rejectStopped = () => reject(new Error(`${what} stopped`));
    });
    this.stoppedPromise.catch(() => undefined);
  }

  get stopped(): boolean {
    return this.isStopped;
  }

  stop(): void {
    this.isStopped = true;
    this.rejectStopped();
    this.wake();
  }

  /** Ends every sleep now. */
  wake(): void {
    for (const sleeper of this.sleepers) sleeper();
    this.sleepers.clear();
  }

  race<T>(work: Promise<T>): Promise<T> {
    return Promise.race([work, this.stoppedPromise]);
  }

  sleep(ms: number): Promise<void> {
    if (this.isStopped) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleepers.add(done);
    });
  }
}
