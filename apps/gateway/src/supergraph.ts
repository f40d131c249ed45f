import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import {
  type ConfigOf,
  isSubgraphName,
  type ReadinessChecks,
  type SubgraphName,
  subgraphNames,
} from '@reel/common';
import { type InProcessSubgraph, InProcessSubgraphSource } from './in-process-source';
import { SubgraphSource } from './subgraph-source';

export const supergraphPath = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'schema',
  'supergraph.graphql',
);

export type InProcessSubgraphs = Partial<Record<SubgraphName, InProcessSubgraph>>;

/**
 * The committed supergraph with one data source per subgraph: over HTTP to the URL in config
 * (not the one in the supergraph file), or, for subgraphs in `inProcess`, inside this process.
 */
export function createSupergraph(
  config: ConfigOf<'subgraphs' | 'internal'>,
  inProcess: InProcessSubgraphs,
) {
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    buildService: ({ name }) => {
      if (!isSubgraphName(name)) throw new Error(`supergraph names unknown subgraph "${name}"`);
      const local = inProcess[name];
      return local
        ? new InProcessSubgraphSource(local)
        : new SubgraphSource(
            `${config.subgraphs[name].url}/graphql`,
            config.internal.subgraphSecret,
          );
    },
  });

  // ready when every subgraph is: a remote one's /readyz, an in-process one's own checks
  const checks: ReadinessChecks = {};
  for (const name of subgraphNames) {
    const local = inProcess[name];
    if (local) {
      for (const [check, run] of Object.entries(local.checks)) checks[`${name}.${check}`] = run;
      continue;
    }
    checks[name] = async () => {
      const response = await fetch(`${config.subgraphs[name].url}/readyz`);
      if (!response.ok) throw new Error(`${name} answered ${response.status}`);
    };
  }
  return { gateway, checks };
}
