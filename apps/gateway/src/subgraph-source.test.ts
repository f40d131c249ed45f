import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import pino from 'pino';
import { subgraphBreaker } from './limits';
import { SubgraphSource } from './subgraph-source';

type Step = 'hang' | 503 | 'answer';

// short enough to wait out in a test; retries and fetch counts are as in production
const policy = { ...subgraphBreaker, fetchTimeoutMs: 300, retryDelayMs: 10, volumeThreshold: 1000 };
const QUERY = 'query Ping { ping }';
const MUTATION = 'mutation Poke { poke }';

/** A subgraph fixture that answers its requests as `steps` say, in turn; the last one repeats. */
async function fixture(steps: Step[]) {
  const bodies: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      const step = steps[Math.min(bodies.length, steps.length) - 1]!;
      if (step === 'hang') return; // no answer: the gateway's timeout ends it
      res.writeHead(step === 503 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(
        step === 503
          ? JSON.stringify({ errors: [{ message: 'busy' }] })
          : JSON.stringify({ data: { ping: 'pong', poke: 'poked' } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const source = new SubgraphSource(`http://127.0.0.1:${port}/graphql`, 'secret', {
    name: 'fixture',
    log: pino({ level: 'silent' }),
    policy,
  });
  const send = (query: string) =>
    source.process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      request: { query },
      context: {},
    });
  return {
    send,
    source,
    requests: () => bodies.length,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('RELIABILITY row 19: upstream timeout and retry', () => {
  it(`sends a query again after a timeout and a 503, and answers: ${policy.queryAttempts} fetches in all`, async () => {
    const subgraph = await fixture(['hang', 503, 'answer']);
    try {
      expect((await subgraph.send(QUERY)).data).toEqual({ ping: 'pong', poke: 'poked' });
      expect(subgraph.requests()).toBe(3);
      expect(subgraph.source.fetchStats).toEqual({ fetches: 3, retries: 2 });
    } finally {
      await subgraph.close();
    }
  });

  it(`gives a query up after ${policy.queryAttempts} fetches with UNAVAILABLE`, async () => {
    const subgraph = await fixture(['hang']);
    try {
      await expect(subgraph.send(QUERY)).rejects.toMatchObject({
        extensions: { code: 'UNAVAILABLE' },
      });
      expect(subgraph.requests()).toBe(policy.queryAttempts);
    } finally {
      await subgraph.close();
    }
  });

  it('sends a mutation once, whether it timed out or got a 503: it may have run', async () => {
    for (const first of ['hang', 503] as const) {
      const subgraph = await fixture([first, 'answer']);
      try {
        await expect(subgraph.send(MUTATION)).rejects.toBeDefined();
        expect({ first, requests: subgraph.requests() }).toEqual({ first, requests: 1 });
        expect(subgraph.source.fetchStats).toEqual({ fetches: 1, retries: 0 });
      } finally {
        await subgraph.close();
      }
    }
  });
});
