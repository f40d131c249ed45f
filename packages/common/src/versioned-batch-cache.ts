import type { Logger } from './logger';
import type { VersionStore } from './versioned-cache';

export interface VersionedBatchCacheOptions {
  /** Entries kept in this process; the least recently stored goes first. */
  maxEntries: number;
  /** An entry is reloaded at this age even when its version still matches (a lost bump's bound). */
  maxAgeMs: number;
  /** The version key of an id (`cacheKeys.video`, `cacheKeys.user`): what the writes bump. */
  versionKey: (id: number) => string;
  log: Logger;
  name: string;
}

/** A row (null: none) and the version of its key read before it was loaded. */
interface Entry<V> {
  value: V | null;
  version: string;
  loadedAtMs: number;
}

/**
 * Rows by id, kept per process, each valid only while its one version key is current in the
 * VersionStore: the cache under a DataLoader's batch load. A batch costs one MGET of its ids'
 * versions; the ids whose entry recorded the current version are answered from memory, the rest
 * in one load. An entry records the version read BEFORE its row was loaded, so a write landing
 * during the load (commit, then bump) makes it fail the next check instead of hiding (the
 * stale-set race, as VersionedCache). When the store fails, the whole batch loads and nothing is
 * stored. Holds no viewer-dependent data: the rows are what every viewer reads.
 */
export class VersionedBatchCache<V> {
  private readonly entries = new Map<number, Entry<V>>();
  /** Ids answered from memory and ids loaded, for tests and the bench. */
  hits = 0;
  loads = 0;

  constructor(
    private readonly store: VersionStore,
    private readonly options: VersionedBatchCacheOptions,
  ) {}

  /**
   * The row of each id, in order. `loadMisses` is given the ids not answered from memory (never
   * empty) and answers in their order, null where there is no row.
   */
  async getMany(
    ids: readonly number[],
    loadMisses: (ids: readonly number[]) => Promise<(V | null)[]>,
  ): Promise<(V | null)[]> {
    if (ids.length === 0) return [];
    let versions: string[];
    try {
      versions = await this.store.current(ids.map(this.options.versionKey));
    } catch (error) {
      this.options.log.warn({ err: error, cache: this.options.name }, 'cache bypassed');
      this.loads += ids.length;
      return loadMisses(ids);
    }
    const now = Date.now();
    const answers: (V | null)[] = new Array<V | null>(ids.length).fill(null);
    const missIndexes: number[] = [];
    ids.forEach((id, i) => {
      const entry = this.entries.get(id);
      if (entry && entry.version === versions[i] && now - entry.loadedAtMs <= this.options.maxAgeMs)
        answers[i] = entry.value;
      else missIndexes.push(i);
    });
    this.hits += ids.length - missIndexes.length;
    if (missIndexes.length === 0) return answers;
    this.loads += missIndexes.length;
    const loaded = await loadMisses(missIndexes.map((i) => ids[i]!));
    missIndexes.forEach((i, j) => {
      const value = loaded[j] ?? null;
      answers[i] = value;
      this.remember(ids[i]!, { value, version: versions[i]!, loadedAtMs: now });
    });
    return answers;
  }

  /** Forgets every entry of this process (tests; a Redis outage needs nothing: reads bypass). */
  clear(): void {
    this.entries.clear();
  }

  private remember(id: number, entry: Entry<V>): void {
    this.entries.delete(id);
    this.entries.set(id, entry);
    if (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
