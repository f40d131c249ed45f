import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ApolloGateway } from '@apollo/gateway';
import {
  type ConfigOf,
  dependencyLimits,
  isSubgraphName,
  type Logger,
  type ReadinessReport,
  runChecks,
  type SubgraphName,
  subgraphNames,
} from '@reel/common';
import { type InProcessSubgraph, InProcessSubgraphSource } from './in-process-source';
import { SubgraphSource } from './subgraph-source';
import type { SubgraphFetchPolicy } from './limits';

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
  log: Logger,
  fetchPolicy?: (name: SubgraphName) => SubgraphFetchPolicy,
) {
  // built here, not lazily by the gateway: viewer-flags.ts sends its fetches through them too
  const sources = Object.fromEntries(
    subgraphNames.map((name) => {
      const local = inProcess[name];
      const source = local
        ? new InProcessSubgraphSource(name, local)
        : new SubgraphSource(
            `${config.subgraphs[name].url}/graphql`,
            config.internal.subgraphSecret,
            {
              name,
              log,
              policy: fetchPolicy?.(name),
            },
          );
      return [name, source];
    }),
  ) as Record<SubgraphName, SubgraphDataSource>;
  const gateway = new ApolloGateway({
    supergraphSdl: readFileSync(supergraphPath, 'utf8'),
    buildService: ({ name }) => {
      if (!isSubgraphName(name)) throw new Error(`supergraph names unknown subgraph "${name}"`);
      return sources[name];
    },
  });

  return { gateway, sources, readiness: gatewayReadiness(config, gateway, inProcess) };
}

/** The data source of one subgraph, in this process or over HTTP. */
export type SubgraphDataSource = InProcessSubgraphSource | SubgraphSource;

type SubgraphHealth = { reachable: boolean; checks: Record<string, string> };

/**
 * Gateway readiness, which load balancers act on: ready while this gateway can serve, that is
 * its supergraph is loaded and it reaches at least one subgraph. A subgraph's own dependencies
 * (MySQL, Redis) are reported in `subgraphs` but never fail it: every gateway sees the same
 * subgraphs, so failing would pull every gateway out of the balancer and turn one stuck
 * dependency into a total outage, where the requests that need it answer UNAVAILABLE quickly
 * instead. Only a gateway that reaches no subgraph at all (its own network) is unready; an
 * in-process subgraph is always reached.
 */
function gatewayReadiness(
  config: ConfigOf<'subgraphs'>,
  gateway: ApolloGateway,
  inProcess: InProcessSubgraphs,
): () => Promise<ReadinessReport> {
  const healthOf = async (name: SubgraphName): Promise<SubgraphHealth> => {
    const local = inProcess[name];
    return local
      ? { reachable: true, checks: await runChecks(local.checks) }
      : remoteHealth(config.subgraphs[name].url);
  };
  return async () => {
    const health = await Promise.all(subgraphNames.map(healthOf));
    const reachable = health.some((h) => h.reachable);
    const loaded = gateway.schema !== undefined;
    return {
      ready: loaded && reachable,
      checks: {
        supergraph: loaded ? 'ok' : 'not loaded',
        subgraphs: reachable ? 'ok' : 'no subgraph answers',
      },
      subgraphs: Object.fromEntries(
        subgraphNames.flatMap((name, i) =>
          Object.entries(health[i]!.checks).map(([check, state]) => [`${name}.${check}`, state]),
        ),
      ),
    };
  };
}

/** A remote subgraph's own /readyz: any answer means reachable; its checks are passed on. */
async function remoteHealth(url: string): Promise<SubgraphHealth> {
  let response: Response;
  try {
    response = await fetch(`${url}/readyz`, {
      signal: AbortSignal.timeout(dependencyLimits.readiness.subgraphTimeoutMs),
    });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return { reachable: false, checks: { readyz: `unreachable: ${why}` } };
  }
  const body = (await response.json().catch(() => undefined)) as
    { checks?: Record<string, string> } | undefined;
  return {
    reachable: true,
    checks: body?.checks ?? { readyz: `answered HTTP ${response.status}` },
  };
}
