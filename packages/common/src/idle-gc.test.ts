import { type HeapControl, type IdleGcOptions, startIdleGc } from './idle-gc';

// the threshold is lenient here: jest's workers share a loaded CI machine, and what is under test
// is the decision (when to collect), not where idle begins
const quick: IdleGcOptions = {
  idleMs: 200,
  checkEveryMs: 50,
  idleUtilization: 0.5,
  minGrowthBytes: 8 * 2 ** 20,
};
const MiB = 2 ** 20;

/** A heap the test sizes by hand; a collection brings it down to what is live. */
function fakeHeap(committed: number, live: number) {
  // reads: the watcher reads the size only in a quiet spell, so a new read is a check that ran
  const state = { committed, live, collections: 0, reads: 0 };
  const control: HeapControl = {
    gc: () => {
      state.collections++;
      state.committed = state.live;
    },
    heapSize: () => {
      state.reads++;
      return state.committed;
    },
  };
  return { state, control };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits while the event loop stays idle, until `done` or the deadline (no timing asserted). */
async function idleUntil(done: () => boolean, deadlineMs = 20_000): Promise<void> {
  for (let waited = 0; !done() && waited < deadlineMs; waited += 25) await sleep(25);
}

/** Until the watcher has run `n` more idle checks of `heap` (each reads its size). */
async function checksRun(heap: { state: { reads: number } }, n = 2): Promise<void> {
  const from = heap.state.reads;
  await idleUntil(() => heap.state.reads >= from + n);
  expect(heap.state.reads).toBeGreaterThanOrEqual(from + n);
}

describe('idle-gc', () => {
  it('collects once when the loop goes idle after the heap grew, then waits for new growth', async () => {
    const heap = fakeHeap(100 * MiB, 100 * MiB);
    const freed: number[] = [];
    const watcher = startIdleGc(quick, (bytes) => freed.push(bytes), heap.control);
    try {
      heap.state.committed = 160 * MiB; // the load grew the heap; 100 MiB of it still live
      await idleUntil(() => freed.length > 0);
      expect(freed).toEqual([60 * MiB]);
      // still idle and no growth: nothing more, however long it stays quiet
      await checksRun(heap);
      expect(heap.state.collections).toBe(1);
      // growth below the threshold is not worth a full collection
      heap.state.committed += quick.minGrowthBytes / 2;
      await checksRun(heap);
      expect(heap.state.collections).toBe(1);
      // past it, the next quiet spell collects again
      heap.state.committed += quick.minGrowthBytes;
      await idleUntil(() => heap.state.collections === 2);
      expect(heap.state.collections).toBe(2);
    } finally {
      watcher.stop();
    }
  });

  it('never collects while the loop is busy', async () => {
    const heap = fakeHeap(100 * MiB, 100 * MiB);
    const watcher = startIdleGc(quick, undefined, heap.control);
    try {
      heap.state.committed = 300 * MiB;
      // a loop busy about 90% of the time for well past idleMs, as it is serving requests
      const until = Date.now() + 6 * quick.idleMs;
      while (Date.now() < until) {
        const spin = Date.now() + 9;
        while (Date.now() < spin);
        await sleep(1);
      }
      expect(heap.state.collections).toBe(0);
      // the control: the same heap is collected once the loop goes quiet
      await idleUntil(() => heap.state.collections > 0);
      expect(heap.state.collections).toBe(1);
    } finally {
      watcher.stop();
    }
  });

  it('follows a heap that shrank on its own, so only growth from there counts', async () => {
    const heap = fakeHeap(200 * MiB, 50 * MiB);
    const watcher = startIdleGc(quick, undefined, heap.control);
    try {
      heap.state.committed = 120 * MiB; // V8's own reducer handed back 80 MiB
      await checksRun(heap);
      heap.state.committed += quick.minGrowthBytes / 2; // below the threshold from 120
      await checksRun(heap);
      expect(heap.state.collections).toBe(0);
      heap.state.committed += quick.minGrowthBytes;
      await idleUntil(() => heap.state.collections > 0);
      expect(heap.state.collections).toBe(1);
    } finally {
      watcher.stop();
    }
  });

  it('does nothing without a gc to call (node without --expose-gc, as under jest)', async () => {
    let reads = 0;
    const watcher = startIdleGc(quick, undefined, {
      gc: undefined,
      heapSize: () => ++reads * 100 * MiB, // grows at every read, were it read
    });
    await sleep(quick.idleMs + 6 * quick.checkEveryMs);
    watcher.stop();
    expect(reads).toBe(0);
  });
});
