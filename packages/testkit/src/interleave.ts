/**
 * Seeded random interleavings for counter tests: each actor's steps run in order, all actors at
 * once, and what the rows must be afterwards follows from the plans alone.
 */

/** A small seeded PRNG (mulberry32), so an interleaving test plans the same steps every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs every plan at once, each plan's steps one after another; answers every error the steps
 * reported, in no particular order (a clean run answers []).
 */
export async function runPlansAtOnce<TStep>(
  plans: readonly (readonly TStep[])[],
  step: (step: TStep) => Promise<{ errors?: readonly unknown[] }>,
): Promise<unknown[]> {
  const errors = await Promise.all(
    plans.map(async (plan) => {
      const seen: unknown[] = [];
      for (const each of plan) seen.push(...((await step(each)).errors ?? []));
      return seen;
    }),
  );
  return errors.flat();
}

/** The pairs that exist after the steps: each key ends as its last step (on or off) left it. */
export function pairsLeftBy<TStep>(
  steps: readonly TStep[],
  keyOf: (step: TStep) => string,
  isOn: (step: TStep) => boolean,
): Set<string> {
  const pairs = new Set<string>();
  for (const step of steps) {
    if (isOn(step)) pairs.add(keyOf(step));
    else pairs.delete(keyOf(step));
  }
  return pairs;
}

/**
 * Counters beside COUNT(*) of the rows they count: `counter(key, n)` and `rows(key, n)` record
 * each side; `pairs` maps every key seen to `[counter, rows]` (a side never seen is 0).
 */
export function counterPairs() {
  const pairs = new Map<string, [number, number]>();
  const put = (key: string, at: 0 | 1, n: number) => {
    const pair = pairs.get(key) ?? [0, 0];
    pair[at] = n;
    pairs.set(key, pair);
  };
  return {
    pairs,
    counter: (key: string, n: number) => put(key, 0, n),
    rows: (key: string, n: number) => put(key, 1, n),
  };
}
