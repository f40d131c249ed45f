import {
  createLocalGatewayClient,
  type LocalFlagsRequest,
  type LocalGateway,
  type LocalOperation,
} from './local-gateway-client';

/** A stand-in for apps/gateway's localGateway: records each operation and answers as told. */
function fakeGateway(answer: () => Promise<unknown>) {
  const received: LocalOperation[] = [];
  const flagsAsked: LocalFlagsRequest[] = [];
  const gateway: LocalGateway = {
    async execute(operation) {
      received.push(operation);
      return answer();
    },
    async viewerFlags(request) {
      flagsAsked.push(request);
      return answer();
    },
    checkReady: async () => undefined,
  };
  return { client: createLocalGatewayClient(gateway), received, flagsAsked };
}

const call = {
  document: 'query Q { viewer { id } }',
  operationName: 'Q',
  variables: { a: 1 },
  requestId: 'req-1',
  clientIp: '203.0.113.7',
};

describe('local gateway client', () => {
  it('hands the gateway the operation, the token as a bearer, the request id and the client address', async () => {
    const { client, received } = fakeGateway(async () => ({ data: { viewer: { id: '7' } } }));
    expect(await client.execute({ ...call, token: 'jwt.x.y' })).toEqual({ viewer: { id: '7' } });
    expect(received).toEqual([
      {
        query: call.document,
        operationName: 'Q',
        variables: { a: 1 },
        authorization: 'Bearer jwt.x.y',
        requestId: 'req-1',
        log: undefined,
        clientIp: '203.0.113.7',
        file: undefined,
      },
    ]);
  });

  it("asks the viewer's flags of the gateway with the token as a bearer, and answers its data", async () => {
    const flags = { likedAmong: ['3'], followedAmong: [] };
    const { client, flagsAsked } = fakeGateway(async () => ({ data: flags }));
    const { requestId, clientIp } = call;
    const ids = { videoIds: ['3', '4'], userIds: ['9'] };
    expect(await client.viewerFlags({ ...ids, token: 'jwt.x.y', requestId, clientIp })).toEqual(
      flags,
    );
    expect(flagsAsked).toEqual([
      { ...ids, authorization: 'Bearer jwt.x.y', requestId, log: undefined, clientIp },
    ]);
  });

  it("maps a coded error of the flags as any operation's", async () => {
    const { client } = fakeGateway(async () => ({
      errors: [{ message: 'The token has expired', extensions: { code: 'UNAUTHENTICATED' } }],
    }));
    await expect(
      client.viewerFlags({ videoIds: [], userIds: [], token: 'jwt.x.y', requestId: 'req-2' }),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: 'The token has expired' });
  });

  it('passes an upload on as the file on disk and the variable it fills', async () => {
    const { client, received } = fakeGateway(async () => ({ data: { publishVideo: { id: '1' } } }));
    const file = { variable: 'file', path: '/tmp/spool/abc', filename: 'clip.mp4' };
    await client.upload({ ...call, file });
    expect(received[0]).toMatchObject({ file, authorization: undefined });
  });

  it.each([
    [
      'a coded error keeps its code and message',
      { errors: [{ message: 'The token has expired', extensions: { code: 'UNAUTHENTICATED' } }] },
      { code: 'UNAUTHENTICATED', statusCode: 401, message: 'The token has expired' },
    ],
    [
      'RATE_LIMITED says how long to wait',
      {
        errors: [
          { message: 'Too many', extensions: { code: 'RATE_LIMITED', retryAfterSeconds: 12 } },
        ],
      },
      { code: 'RATE_LIMITED', message: 'Too many requests, try again in 12 s' },
    ],
    [
      'an uncoded error is INTERNAL and its text stays hidden',
      { errors: [{ message: 'ER_NO_SUCH_TABLE users' }] },
      { code: 'INTERNAL', statusCode: 500, message: 'Internal error' },
    ],
    ['a result with neither data nor errors is UNAVAILABLE', {}, { code: 'UNAVAILABLE' }],
  ])('%s', async (_name, answer, expected) => {
    const { client } = fakeGateway(async () => answer);
    await expect(client.execute(call)).rejects.toMatchObject(expected);
  });

  it('reports a gateway that throws as UNAVAILABLE', async () => {
    const { client } = fakeGateway(async () => {
      throw new Error('the supergraph is not loaded');
    });
    await expect(client.execute(call)).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('refuses a token that could never be one of ours as UNAUTHENTICATED, without calling the gateway', async () => {
    const { client, received } = fakeGateway(async () => ({ data: {} }));
    await expect(client.execute({ ...call, token: 'tök\nen' })).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(received).toHaveLength(0);
  });
});
