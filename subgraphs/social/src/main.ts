import { runSubgraph } from '@reel/common';
import { subgraph } from './app';

runSubgraph(subgraph);
