import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { createLogger, type LocalRequest, type LocalRequestMeta, type Viewer } from '@reel/common';
import type { GatewayContext } from './context';
import { InProcessSubgraphSource } from './in-process-source';

describe('InProcessSubgraphSource', () => {
  it("hands the subgraph the client's viewer, request id and request logger", async () => {
    const seen: { viewer: Viewer | null; request: LocalRequest; meta?: LocalRequestMeta }[] = [];
    const source = new InProcessSubgraphSource('user', {
      checks: {},
      executeAs: async (viewer, request, meta) => {
        seen.push({ viewer, request, meta });
        return { data: { ok: true } };
      },
    });
    const log = createLogger({ logLevel: 'silent' }, 'gateway');
    const context: GatewayContext = {
      viewer: { id: 7 },
      authorization: 'Bearer x',
      requestId: 'req-abc',
      log,
      clientIp: '203.0.113.9',
    };
    const result = await source.process({
      kind: 'incoming operation',
      request: { query: '{ ok }', operationName: 'Ok', variables: { a: 1 } },
      context,
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);

    expect(result).toEqual({ data: { ok: true }, errors: undefined });
    expect(seen).toEqual([
      {
        viewer: { id: 7 },
        request: { query: '{ ok }', operationName: 'Ok', variables: { a: 1 } },
        meta: { requestId: 'req-abc', log, clientIp: '203.0.113.9' },
      },
    ]);
  });

  it('runs gateway-internal fetches (health checks, no client) anonymously', async () => {
    const seen: (Viewer | null)[] = [];
    const source = new InProcessSubgraphSource('user', {
      checks: {},
      executeAs: async (viewer) => {
        seen.push(viewer);
        return { data: {} };
      },
    });
    await source.process({
      kind: 'health check',
      request: { query: '{ __typename }' },
      context: {},
    } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>);
    expect(seen).toEqual([null]);
  });
});
