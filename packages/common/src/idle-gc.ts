/**
 * Hands memory back when a process goes quiet after load (RELIABILITY row 26: RSS after a 10 s
 * calm-down within 10% of before the load).
 *
 * Under load V8 grows its old generation to keep up with the garbage and keeps those pages after
 * the load stops; its own memory reducer shrinks them only some time later (in
 * `npm run load-baseline`, sometimes within 10 s, sometimes not within 40 s). That is not a leak:
 * heap snapshots of the gateway across three 30 s loads held 67.3 and then 66.8 MiB of live
 * objects while its RSS swung between 319 and 381 MiB. The heap's committed size is what varied.
 * So once the event loop has been idle for `idleMs`, and the heap has grown by more than
 * `minGrowthBytes` since the last collection here, this runs one full collection. It runs once
 * per quiet spell, never under load, and only while the loop is idle, so it takes no time a
 * request would have had.
 *
 * It needs `--expose-gc` (scripts/start.ts and the Dockerfile pass it). Without the flag, as
 * under jest, it does nothing.
 */
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';

export interface IdleGcOptions {
  idleMs: number; // the loop this long below `idleUtilization` before collecting
  checkEveryMs: number;
  idleUtilization: number; // event-loop utilization below this is idle
  minGrowthBytes: number; // heap growth since the last collection worth a full collection
}

export const idleGcDefaults: IdleGcOptions = {
  idleMs: 2_000,
  checkEveryMs: 500,
  idleUtilization: 0.05,
  minGrowthBytes: 16 * 2 ** 20,
};

type FullGc = () => void;

export interface IdleGc {
  stop(): void;
}

/** What the watcher reads and runs: V8's, unless a test stands in. */
export interface HeapControl {
  gc: FullGc | undefined;
  heapSize(): number; // V8's committed heap, bytes
}

const v8Heap = (): HeapControl => ({
  gc: (globalThis as { gc?: FullGc }).gc,
  heapSize: () => v8.getHeapStatistics().total_heap_size,
});

/** Starts watching; `onCollect` hears each collection (a metric, a log line). */
export function startIdleGc(
  options: IdleGcOptions = idleGcDefaults,
  onCollect?: (freedBytes: number) => void,
  heap: HeapControl = v8Heap(),
): IdleGc {
  const { gc, heapSize } = heap;
  if (typeof gc !== 'function') return { stop() {} };
  let collectedAt = heapSize();
  let idleSince: number | undefined;
  let last = performance.eventLoopUtilization();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization;
    last = now;
    if (busy >= options.idleUtilization) {
      idleSince = undefined;
      return;
    }
    idleSince ??= Date.now();
    if (Date.now() - idleSince < options.idleMs) return;
    const before = heapSize();
    // a quiet heap may also have shrunk on its own: follow it down, so the next growth counts
    if (before - collectedAt <= options.minGrowthBytes) {
      collectedAt = Math.min(collectedAt, before);
      return;
    }
    gc(); // no options: on node 20's V8 an options object asks for a scavenge, not a full collection
    collectedAt = heapSize();
    last = performance.eventLoopUtilization(); // the collection itself is not load
    onCollect?.(before - collectedAt);
  }, options.checkEveryMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
