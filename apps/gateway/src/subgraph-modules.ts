import { type AnySubgraphDefinition, type SubgraphName, subgraphPaths } from '@reel/common';

/**
 * A subgraph's definition, its package loaded only now: a gateway in front of remote subgraphs
 * never loads sharp, argon2 or ffmpeg. The compiled build replaces this body with one static
 * import per manifest entry, which the bundler can follow (scripts/lib/build.ts).
 */
export async function importSubgraph(name: SubgraphName): Promise<AnySubgraphDefinition> {
  const { subgraph } = (await import(subgraphPaths(name).packageName)) as {
    subgraph: AnySubgraphDefinition;
  };
  return subgraph;
}
