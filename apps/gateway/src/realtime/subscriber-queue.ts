import type { ExecutionResult } from 'graphql';

/** An event on its way to a subscriber: still hydrating, or ready; null is skipped. */
export type QueuedEvent = Promise<ExecutionResult | null>;

/**
 * Writes one `next` message whose payload is `payloadJson` to the subscription's socket: nothing
 * when the kernel took it at once (the usual case), else a promise resolved once the socket took
 * it (as graphql-ws's own send is).
 */
export type SendNext = (payloadJson: string) => Promise<void> | undefined;

// One result object is shared by every subscriber of a shared lookup (edge.ts): its JSON is
// built once, not once per socket.
const serialized = new WeakMap<ExecutionResult, string>();

function serializedResult(result: ExecutionResult): string {
  let json = serialized.get(result);
  if (json === undefined) {
    json = JSON.stringify(result);
    serialized.set(result, json);
  }
  return json;
}

/**
 * One subscription's events in arrival order, at most `capacity` of them, hydrating or ready,
 * waiting for graphql-ws to take them. graphql-ws takes the next one only once the socket took
 * the last (it awaits each send), so a client that does not read lets this fill up: `offer`
 * then refuses, and the edge drops the subscriber instead of growing memory.
 *
 * With `sendNext`, results without errors are written to the socket here, serialized once per
 * result object, rather than handed to graphql-ws (which would build and serialize the message
 * again for each subscriber); the rest (errors, the last result of `finish`) still go through
 * graphql-ws, after what was written before them. Either way the next event waits for the socket
 * to take the last one.
 */
export class SubscriberQueue implements AsyncIterableIterator<ExecutionResult> {
  private readonly items: QueuedEvent[] = [];
  private wake: (() => void) | undefined;
  private ended = false;
  private finishing = false;

  constructor(
    private readonly capacity: number,
    /** Called once, when it ends (the client left, the socket closed, or it was dropped). */
    private readonly onEnd: () => void,
    private readonly sendNext?: SendNext,
  ) {}

  /** Events queued, the one being hydrated for the socket included. */
  get length(): number {
    return this.items.length;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Whether it takes events still: not ended, and not finishing what it holds. */
  get isAccepting(): boolean {
    return !this.ended && !this.finishing;
  }

  /**
   * Queues an event; false, with nothing queued, when `capacity` events are waiting already.
   * Once it ends or finishes, events are ignored (true).
   */
  offer(event: QueuedEvent): boolean {
    if (!this.isAccepting) return true;
    if (this.items.length >= this.capacity) return false;
    this.items.push(event);
    this.wake?.();
    return true;
  }

  async next(): Promise<IteratorResult<ExecutionResult, undefined>> {
    while (!this.ended) {
      const head = this.items[0];
      if (!head && this.finishing) {
        this.end();
        break;
      }
      if (!head) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      // in order: a later event that hydrated first waits for this one
      const result = await head;
      if (this.ended) break;
      this.items.shift();
      if (!result) continue;
      if (this.sendNext && result.errors === undefined) {
        const sending = this.sendNext(serializedResult(result));
        if (sending) await sending;
        continue;
      }
      return { done: false, value: result };
    }
    return { done: true, value: undefined };
  }

  /** Queues `last`, takes nothing more, and ends once the socket took what it holds. */
  finish(last: QueuedEvent): void {
    if (!this.isAccepting) return;
    this.items.push(last);
    this.finishing = true;
    this.wake?.();
  }

  /** Ends it now: what was queued is let go, and a waiting `next` answers done. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.items.length = 0;
    this.wake?.();
    this.onEnd();
  }

  /** graphql-ws calls it when the client completes the subscription or the socket closes. */
  async return(): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.end();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult, undefined>> {
    this.end();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
