import type { SubgraphContext, SubgraphName } from '@reel/common';
import { graphql, seeder } from '@reel/testkit';
import { type Stack, startStack } from './harness';

describe('request ids, subgraphs in-process', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: 'in-process' });
  });
  afterAll(() => stack.close());
  afterEach(() => jest.restoreAllMocks());

  /** The contexts a subgraph's resolvers are given, from now on (the in-process entry point). */
  const contextsOf = (name: SubgraphName) => {
    const execute = jest.spyOn(stack.subgraphs[name].apollo, 'executeOperation');
    return () =>
      execute.mock.calls.map(([, options]) => options?.contextValue as SubgraphContext<unknown>);
  };

  it("runs every subgraph's part of a request under the client's x-request-id, logging with it", async () => {
    const { user, token } = await seeder(stack.gatewayUrl).user();
    const userContexts = contextsOf('user');
    const videoContexts = contextsOf('video'); // User.workCount is the video subgraph's
    const response = await graphql(
      stack.gatewayUrl,
      'query ($id: ID!) { user(id: $id) { name workCount } }',
      { id: user.id },
      { token, headers: { 'x-request-id': 'test-abc' } },
    );
    expect(response).toEqual({ status: 200, data: { user: { name: user.name, workCount: 0 } } });

    for (const [name, contexts] of [
      ['user', userContexts()],
      ['video', videoContexts()],
    ] as const) {
      expect(contexts).toHaveLength(1);
      const [context] = contexts;
      expect({ subgraph: name, requestId: context?.requestId, viewer: context?.viewer }).toEqual({
        subgraph: name,
        requestId: 'test-abc',
        viewer: expect.objectContaining({ id: Number(user.id) }),
      });
      expect(context?.log.bindings()).toMatchObject({ requestId: 'test-abc', subgraph: name });
    }
  });
});
