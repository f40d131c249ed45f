import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type Config,
  createLogger,
  listen,
  type Logger,
  parseConfig,
  type RunningServer,
  type ServiceApp,
} from '@reel/common';
import { createRestApp } from '@reel/compat-rest';
import { createGatewayApp } from '@reel/gateway';
import { createUserApp } from '@reel/user-subgraph';
import { createVideoApp } from '@reel/video-subgraph';
import { runEnv } from './run-env';

export interface Stack {
  config: Config;
  gatewayUrl: string;
  restUrl: string;
  subgraphs: {
    user: Awaited<ReturnType<typeof createUserApp>>;
    video: Awaited<ReturnType<typeof createVideoApp>>;
  };
  mediaDir: string;
  close(): Promise<void>;
}

/**
 * The whole stack in this process, every service on its own free port and speaking HTTP to the
 * next, against this run's database and namespace. `env` overrides configuration
 * (GATEWAY_SUBGRAPHS=in-process: the gateway calls the subgraph apps without HTTP).
 */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const { namespace, mysqlUrl } = runEnv();
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'reel-media-'));
  const baseEnv: Record<string, string | undefined> = {
    NODE_ENV: 'test',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    HOST: '127.0.0.1',
    MYSQL_URL: mysqlUrl,
    REEL_NAMESPACE: namespace,
    REDIS_URL: process.env.REDIS_URL,
    NATS_URL: process.env.NATS_URL,
    MEDIA_DIR: mediaDir,
    ...env,
  };
  const started: { server: RunningServer; close: () => Promise<void> }[] = [];
  const closeAll = async () => {
    for (const { server, close } of started.reverse()) {
      await server.close();
      await close();
    }
    rmSync(mediaDir, { recursive: true, force: true });
  };
  // builds one service with its own logger, listens, and registers it for closeAll
  const serve = async <T extends ServiceApp>(
    name: string,
    config: Config,
    build: (log: Logger) => Promise<T>,
    port = 0,
  ) => {
    const log = createLogger(config, name);
    const service = await build(log);
    const server = await listen(service.app, { name, port, host: '127.0.0.1', log });
    started.push({ server, close: service.close });
    return { ...service, url: server.url };
  };
  try {
    // media URLs are built from the gateway's address, so reserve its port first
    const gatewayPort = await freePort();
    const subgraphConfig = parseConfig({
      ...baseEnv,
      GATEWAY_PORT: String(gatewayPort),
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    });
    const user = await serve('user', subgraphConfig, (log) => createUserApp(subgraphConfig, log));
    const video = await serve('video', subgraphConfig, (log) =>
      createVideoApp(subgraphConfig, log),
    );

    const config = parseConfig({
      ...baseEnv,
      USER_URL: user.url,
      VIDEO_URL: video.url,
      GATEWAY_PORT: String(gatewayPort),
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    });
    const inProcess = config.gateway.subgraphs === 'in-process' ? { user, video } : {};
    const gateway = await serve(
      'gateway',
      config,
      (log) => createGatewayApp(config, log, inProcess),
      gatewayPort,
    );
    const rest = await serve('compat-rest', config, async (log) => createRestApp(config, log));

    return {
      config,
      gatewayUrl: gateway.url,
      restUrl: rest.url,
      subgraphs: { user, video },
      mediaDir,
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        address && typeof address === 'object'
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
