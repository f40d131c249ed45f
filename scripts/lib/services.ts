import type { Config } from '@reel/common/env';
import { subgraphManifest, subgraphPaths, type SubgraphName } from '@reel/common/manifest';

/** One process of the stack, as `npm start` runs it (`node dist/<build>.js`). */
export interface ServiceSpec {
  name: string;
  /** entry point, relative to the repository root (what tsx runs) */
  main: string;
  /** its compiled bundle (scripts/lib/build.ts): `dist/<build>.js` */
  build: string;
  port: number;
  /** the variable that moves the port, for messages */
  portVar: string;
  /** other ports it listens on (the single topology's REST door) */
  alsoListensOn?: { port: number; portVar: string }[];
  /** subgraphs: the committed migrations, applied before any service starts */
  migrationsFolder?: string;
}

function subgraph(config: Config, name: SubgraphName): ServiceSpec {
  const paths = subgraphPaths(name);
  return {
    name,
    main: `subgraphs/${name}/src/main.ts`,
    build: `${name}-subgraph`,
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
 * gateway's readiness asks every remote subgraph, compat-rest's asks the gateway).
 * REEL_TOPOLOGY=single (the default): one process, whose workers each run every subgraph, the
 * gateway and compat-rest. services: a process per service; with GATEWAY_SUBGRAPHS=in-process
 * the gateway runs the subgraphs itself.
 */
export function stackServices(config: Config): ServiceSpec[] {
  if (config.topology.kind === 'single') {
    return [
      {
        name: 'reel',
        main: 'apps/gateway/src/one-machine.ts',
        build: 'one-machine',
        port: config.gateway.port,
        portVar: 'GATEWAY_PORT',
        alsoListensOn: [{ port: config.rest.port, portVar: 'REST_PORT' }],
      },
    ];
  }
  const subgraphs = config.gateway.subgraphs === 'in-process' ? [] : stackSubgraphs(config);
  return [
    ...subgraphs,
    {
      name: 'gateway',
      main: 'apps/gateway/src/main.ts',
      build: 'gateway',
      port: config.gateway.port,
      portVar: 'GATEWAY_PORT',
    },
    {
      name: 'compat-rest',
      main: 'compat-rest/src/main.ts',
      build: 'compat-rest',
      port: config.rest.port,
      portVar: 'REST_PORT',
    },
  ];
}
