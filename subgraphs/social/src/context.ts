import type { SubgraphContext } from '@reel/common';
import type { SocialLoaders } from './loaders';

export type Context = SubgraphContext<SocialLoaders>;

/** A User as this subgraph knows one: only the key; the user subgraph owns the rest. */
export interface UserRef {
  id: number;
}
