import type { SubgraphContext } from '@reel/common';
import type { UserLoaders } from './loaders';

export type Context = SubgraphContext<UserLoaders>;
