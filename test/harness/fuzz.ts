import fc from 'fast-check';

/**
 * A fuzz run's switches: a fixed seed by default, so CI replays the same cases; FUZZ_SEED and
 * FUZZ_RUNS to explore or replay; FUZZ_SHRINK=1 to let fast-check shrink a failure (off by
 * default: each shrink step resends a whole batch, and a real bug would spend minutes there).
 */
export interface FuzzSettings {
  seed: number;
  /** Cases (requests) per run, at least. */
  runs: number;
  /** Cases sent at once: one property run is one batch. */
  concurrency: number;
  shrink: boolean;
}

export const DEFAULT_FUZZ_SEED = 20_261_127;
export const DEFAULT_FUZZ_RUNS = 2_000;

/** `runs`: this fuzz's own default, when FUZZ_RUNS does not say. */
export function fuzzSettings({ runs = DEFAULT_FUZZ_RUNS } = {}): FuzzSettings {
  return {
    seed: integerEnv('FUZZ_SEED', DEFAULT_FUZZ_SEED),
    runs: integerEnv('FUZZ_RUNS', runs),
    concurrency: integerEnv('FUZZ_CONCURRENCY', 12),
    shrink: process.env.FUZZ_SHRINK === '1',
  };
}

function integerEnv(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`${name}=${text} is not an integer`);
  return value;
}

/**
 * Runs `check` on at least `settings.runs` values made by `generate`, `concurrency` at a time. A
 * check answers what is wrong with the server's answer, or undefined. A failing run throws with
 * the seed and path to replay and each failing case with the server's answer. Resolves to the
 * number of cases checked.
 */
export async function fuzz<T>(
  name: string,
  generate: (g: fc.GeneratorValue) => T,
  check: (value: T) => Promise<string | undefined>,
  settings: FuzzSettings = fuzzSettings(),
): Promise<number> {
  let cases = 0;
  // one generator draws the whole batch: fc.array(fc.gen()) repeats one value in every slot
  const batch = fc
    .gen()
    .map((g) => Array.from({ length: settings.concurrency }, () => generate(g)));
  const property = fc.asyncProperty(batch, async (values) => {
    const problems = await Promise.all(
      values.map(async (value) => {
        cases += 1;
        const problem = await check(value).catch((error: unknown) => `the check threw: ${error}`);
        return problem && `${problem}\n  sent: ${fc.stringify(value)}`;
      }),
    );
    const failed = problems.filter((problem) => problem !== undefined);
    if (failed.length > 0) throw new Error(failed.join('\n'));
  });
  const details = await fc.check(property, {
    seed: settings.seed,
    numRuns: Math.ceil(settings.runs / settings.concurrency),
    endOnFailure: !settings.shrink,
  });
  if (details.failed) {
    const error =
      details.errorInstance instanceof Error
        ? details.errorInstance.message
        : String(details.errorInstance);
    throw new Error(
      `${name} fuzz failed at run ${details.numRuns} (FUZZ_SEED=${settings.seed}` +
        ` FUZZ_RUNS=${settings.runs} FUZZ_CONCURRENCY=${settings.concurrency}, path ${details.counterexamplePath})\n${error}`,
    );
  }
  return cases;
}

/** Draws one of `items`. */
export function pick<T>(g: fc.GeneratorValue, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick from nothing');
  return items[g(fc.nat, { max: items.length - 1 })]!;
}

/** True `percent` times in a hundred. */
export function chance(g: fc.GeneratorValue, percent: number): boolean {
  return g(fc.nat, { max: 99 }) < percent;
}

/** Draws one of `choices` by weight: `[[weight, value], …]`. */
export function weighted<const C extends readonly (readonly [number, unknown])[]>(
  g: fc.GeneratorValue,
  choices: C,
): C[number][1] {
  const total = choices.reduce((sum, [weight]) => sum + weight, 0);
  let roll = g(fc.nat, { max: total - 1 });
  for (const [weight, value] of choices) {
    if (roll < weight) return value;
    roll -= weight;
  }
  throw new Error('unreachable: weights add up');
}

/**
 * Text a client might send: ASCII, any Unicode (astral, combining, RTL, NUL), lone surrogates,
 * and now and then something long.
 */
export function fuzzText(g: fc.GeneratorValue, maxLength = 24): string {
  return weighted(g, [
    [4, () => g(fc.string, { maxLength })],
    [3, () => g(fc.string, { unit: 'grapheme', maxLength })],
    [1, () => g(fc.string, { unit: 'binary', maxLength })],
    [1, () => pick(g, specialTexts)],
    [1, () => pick(g, specialTexts).repeat(g(fc.integer, { min: 100, max: 3000 }))],
  ] as const)();
}

const specialTexts = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff',
  '😀',
  '👩‍👩‍👧',
  'e\u0301',
  '\u202e',
  'null',
  'undefined',
  '0',
  '-1',
  '1e309',
  'NaN',
  '%',
  '%zz',
  '%ff%fe',
  '../../etc/passwd',
  "'; DROP TABLE users; --",
  '<script>alert(1)</script>',
  '{"a":1}',
  '\\',
  '"',
  '中文字幕',
];
