import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Config, createLogger, listen, parseConfig, type RunningServer } from '@reel/common';
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
  try {
    // media URLs are built from the gateway's address, so reserve its port first
    const gatewayPort = await freePort();
    const subgraphConfig = parseConfig({
      ...baseEnv,
      GATEWAY_PORT: String(gatewayPort),
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    });
    const user = await createUserApp(subgraphConfig, createLogger(subgraphConfig, 'user'));
    const userServer = await listen(user.app, {
      name: 'user',
      port: 0,
      host: '127.0.0.1',
      log: createLogger(subgraphConfig, 'user'),
    });
    started.push({ server: userServer, close: user.close });
    const video = await createVideoApp(subgraphConfig, createLogger(subgraphConfig, 'video'));
    const videoServer = await listen(video.app, {
      name: 'video',
      port: 0,
      host: '127.0.0.1',
      log: createLogger(subgraphConfig, 'video'),
    });
    started.push({ server: videoServer, close: video.close });

    const config = parseConfig({
      ...baseEnv,
      USER_URL: userServer.url,
      VIDEO_URL: videoServer.url,
      GATEWAY_PORT: String(gatewayPort),
      PUBLIC_BASE_URL: `http://127.0.0.1:${gatewayPort}`,
    });
    const inProcess = config.gateway.subgraphs === 'in-process' ? { user, video } : {};
    const gateway = await createGatewayApp(config, createLogger(config, 'gateway'), inProcess);
    const gatewayServer = await listen(gateway.app, {
      name: 'gateway',
      port: gatewayPort,
      host: '127.0.0.1',
      log: createLogger(config, 'gateway'),
    });
    started.push({ server: gatewayServer, close: gateway.close });

    const rest = await createRestApp(config, createLogger(config, 'compat-rest'));
    const restServer = await listen(rest.app, {
      name: 'compat-rest',
      port: 0,
      host: '127.0.0.1',
      log: createLogger(config, 'compat-rest'),
    });
    started.push({ server: restServer, close: rest.close });

    return {
      config,
      gatewayUrl: gatewayServer.url,
      restUrl: restServer.url,
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
