import type { ExecutionResult } from 'graphql';
import { SubscriberQueue } from './subscriber-queue';

function deferred() {
  let resolve: (value: ExecutionResult | null) => void = () => undefined;
  const promise = new Promise<ExecutionResult | null>((r) => (resolve = r));
  return { promise, resolve };
}

const result = (n: number): ExecutionResult => ({ data: { n } });

describe('a subscriber queue', () => {
  it('yields events in arrival order, whichever hydrated first, and skips the null ones', async () => {
    const queue = new SubscriberQueue(10, () => undefined);
    const [first, second, third] = [deferred(), deferred(), deferred()];
    for (const event of [first, second, third]) expect(queue.offer(event.promise)).toBe(true);
    third.resolve(result(3));
    second.resolve(null); // a comment gone before its lookup
    const next = queue.next();
    first.resolve(result(1));
    expect(await next).toEqual({ done: false, value: result(1) });
    expect(await queue.next()).toEqual({ done: false, value: result(3) });
    expect(queue.length).toBe(0);
  });

  it('refuses an event past its capacity, counting the ones still hydrating', () => {
    const queue = new SubscriberQueue(2, () => undefined);
    const pending = deferred().promise;
    expect([queue.offer(pending), queue.offer(pending), queue.offer(pending)]).toEqual([
      true,
      true,
      false,
    ]);
    expect(queue.length).toBe(2);
  });

  it('ends once: lets go of what it held, answers a waiting next with done, and calls onEnd', async () => {
    let ends = 0;
    const queue = new SubscriberQueue(2, () => (ends += 1));
    const waiting = queue.next();
    queue.end();
    await queue.return();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(queue.offer(Promise.resolve(result(1)))).toBe(true); // a late event is let go
    expect({ length: queue.length, ends }).toEqual({ length: 0, ends: 1 });
  });

  it('finishes: yields what it holds, then the last result, then ends, taking nothing more', async () => {
    let ends = 0;
    const queue = new SubscriberQueue(2, () => (ends += 1));
    expect(queue.offer(Promise.resolve(result(1)))).toBe(true);
    queue.finish(Promise.resolve({ errors: [] }));
    expect(queue.isAccepting).toBe(false);
    expect(queue.offer(Promise.resolve(result(2)))).toBe(true); // let go
    expect(await queue.next()).toEqual({ done: false, value: result(1) });
    expect(await queue.next()).toEqual({ done: false, value: { errors: [] } });
    expect(ends).toBe(0);
    expect(await queue.next()).toEqual({ done: true, value: undefined });
    expect({ ended: queue.isEnded, ends }).toEqual({ ended: true, ends: 1 });
  });

  it('with sendNext, writes results itself, in order, one serialization per shared result, and hands errors to graphql-ws', async () => {
    const shared = result(1);
    const stringify = jest.spyOn(JSON, 'stringify');
    const sent: string[] = [];
    const taken: (() => void)[] = [];
    const send = (json: string) => {
      sent.push(json);
      return new Promise<void>((resolve) => taken.push(resolve));
    };
    const queues = [0, 1].map(() => new SubscriberQueue(10, () => undefined, send));
    for (const queue of queues) {
      queue.offer(Promise.resolve(shared));
      queue.finish(Promise.resolve({ errors: [] }));
    }
    let answered = 0;
    const answers = queues.map((queue) => queue.next().finally(() => (answered += 1)));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['{"data":{"n":1}}', '{"data":{"n":1}}']);
    expect(stringify.mock.calls.filter(([value]) => value === shared)).toHaveLength(1);
    stringify.mockRestore();
    // the error waits until the socket took the result before it
    expect(answered).toBe(0);
    for (const resolve of taken) resolve();
    expect(await Promise.all(answers)).toEqual([
      { done: false, value: { errors: [] } },
      { done: false, value: { errors: [] } },
    ]);
  });

  it('with sendNext, goes on to the next event at once when the socket took the last one at once', async () => {
    const sent: string[] = [];
    const queue = new SubscriberQueue(
      10,
      () => undefined,
      (json) => void sent.push(json),
    );
    for (const n of [1, 2, 3]) queue.offer(Promise.resolve(result(n)));
    queue.finish(Promise.resolve({ errors: [] }));
    expect(await queue.next()).toEqual({ done: false, value: { errors: [] } });
    expect(sent).toEqual(['{"data":{"n":1}}', '{"data":{"n":2}}', '{"data":{"n":3}}']);
  });
});
