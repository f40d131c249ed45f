import type { Config } from '@reel/common/env';
import { subgraphManifest, subgraphPaths, type SubgraphName } from '@reel/common/manifest';

/** One process of the stack, as `npm start` runs it (`node --import tsx <main>`). */
export interface ServiceSpec {
  name: string;
  /** entry point, relative to the repository root */
  main: string;
  port: number;
  /** the variable that moves the port, for messages */
  portVar: string;
  /** subgraphs: the committed migrations, applied before any service starts */
  migrationsFolder?: string;
}

function subgraph(config: Config, name: SubgraphName): ServiceSpec {
  const paths = subgraphPaths(name);
  return {
    name,
    main: `subgraphs/${name}/src/main.ts`,
    port: config.subgraphs[name].port,
    portVar: `${name.toUpperCase()}_PORT`,
    migrationsFolder: paths.migrationsFolder,
  };
}

/** Every subgraph of the manifest (packages/common/src/manifest.ts), in start order. */
export function stackSubgraphs(config: Config): ServiceSpec[] {
  return subgraphManifest.map(({ name }) => subgraph(config, name));
}

/**
 * The processes to run, in start order: each waits for the previous one's /readyz (the
 * gateway's readiness asks every remote subgraph, compat-rest's asks the gateway). With
 * GATEWAY_SUBGRAPHS=in-process the gateway runs the subgraphs itself.
 */
export function stackServices(config: Config): ServiceSpec[] {
  const subgraphs = config.gateway.subgraphs === 'in-process' ? [] : stackSubgraphs(config);
  return [
    ...subgraphs,
    {
      name: 'gateway',
      main: 'apps/gateway/src/main.ts',
      port: config.gateway.port,
      portVar: 'GATEWAY_PORT',
    },
    {
      name: 'compat-rest',
      main: 'compat-rest/src/main.ts',
      port: config.rest.port,
      portVar: 'REST_PORT',
    },
  ];
}
