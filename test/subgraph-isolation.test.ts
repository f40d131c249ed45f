import { subgraphSecretHeader } from '@reel/common';
import { graphql, seeder } from '@reel/testkit';
import { type Stack, startStack } from './harness';

// RELIABILITY.md row 7: an _entities call straight to a subgraph, around the gateway
const ENTITIES = {
  query:
    'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name } } }',
};
const SERVICE = { query: '{ _service { sdl } }' };

describe('RELIABILITY row 7: subgraphs answer only the gateway', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  const straightToUserSubgraph = async (body: object, headers: Record<string, string> = {}) => {
    const response = await fetch(`${stack.subgraphs.user.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const refused = {
    status: 401,
    body: {
      errors: [
        { message: expect.stringMatching(/secret/), extensions: { code: 'UNAUTHENTICATED' } },
      ],
    },
  };

  it('refuses _entities and _service without the secret, or with a wrong one, and executes nothing', async () => {
    const { user } = await seeder(stack.gatewayUrl).user();
    const entities = {
      ...ENTITIES,
      variables: { representations: [{ __typename: 'User', id: user.id }] },
    };
    const secret = stack.config.internal.subgraphSecret;
    const queries = stack.subgraphs.user.mysql.queries;
    const before = queries.count;
    expect(await straightToUserSubgraph(entities)).toEqual(refused);
    expect(await straightToUserSubgraph(SERVICE)).toEqual(refused);
    expect(
      await straightToUserSubgraph(entities, { [subgraphSecretHeader]: `${secret}x` }),
    ).toEqual(refused);
    expect(
      await straightToUserSubgraph(entities, { [subgraphSecretHeader]: secret.slice(0, -1) }),
    ).toEqual(refused);
    // the same secret as a credential of another kind is not the header either
    expect(await straightToUserSubgraph(entities, { authorization: `Bearer ${secret}` })).toEqual(
      refused,
    );
    expect(queries.count).toBe(before);

    expect(await straightToUserSubgraph(entities, { [subgraphSecretHeader]: secret })).toEqual({
      status: 200,
      body: { data: { _entities: [{ id: user.id, name: user.name }] } },
    });
  });

  it('refuses an upload to the video subgraph without the secret before reading it', async () => {
    const form = new FormData();
    form.append('operations', JSON.stringify({ query: '{ __typename }', variables: {} }));
    form.append('map', '{}');
    const response = await fetch(`${stack.subgraphs.video.url}/graphql`, {
      method: 'POST',
      headers: { 'apollo-require-preflight': 'true' },
      body: form,
    });
    expect({ status: response.status, body: await response.json() }).toEqual(refused);
  });

  it('keeps /healthz and /readyz open', async () => {
    for (const name of ['user', 'video'] as const) {
      const health = await fetch(`${stack.subgraphs[name].url}/healthz`);
      const ready = await fetch(`${stack.subgraphs[name].url}/readyz`);
      expect([health.status, ready.status]).toEqual([200, 200]);
    }
  });

  it('still answers through the gateway, which sends the secret (queries and entity fetches)', async () => {
    const { user, token } = await seeder(stack.gatewayUrl).user();
    const response = await graphql(
      stack.gatewayUrl,
      'query ($id: ID!) { user(id: $id) { id name workCount } viewer { id } }',
      { id: user.id },
      { token },
    );
    expect(response).toEqual({
      status: 200,
      data: { user: { id: user.id, name: user.name, workCount: 0 }, viewer: { id: user.id } },
    });
  });
});
