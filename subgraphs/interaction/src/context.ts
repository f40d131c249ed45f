import type { SubgraphContext } from '@reel/common';
import type { InteractionLoaders } from './loaders';

export type Context = SubgraphContext<InteractionLoaders>;

/** A User as this subgraph knows one: only the key; the user subgraph owns the rest. */
export interface UserRef {
  id: number;
}

/** A Video as this subgraph knows one: only the key; the video subgraph owns the rest. */
export interface VideoRef {
  id: number;
}
