import type { SubgraphContext } from '@reel/common';
import type { VideoLoaders } from './loaders';

export type Context = SubgraphContext<VideoLoaders>;

/** A User as this subgraph knows one: only the key; the user subgraph owns the rest. */
export interface UserRef {
  id: number;
}
