import { createLogger, parseConfig } from '@reel/common';
import { runEnv } from '@reel/testkit/run-env';
import { uniqueName } from '@reel/testkit/seed';
import { subgraph } from './app';
import { users } from './db/schema';

describe('User entities', () => {
  let app: Awaited<ReturnType<typeof subgraph.create>>;

  beforeAll(async () => {
    const { mysqlUrl, namespace } = runEnv();
    const config = parseConfig({
      MYSQL_URL: mysqlUrl,
      REEL_NAMESPACE: namespace,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });
    app = await subgraph.create(config, createLogger(config, 'user'));
  });
  afterAll(() => app.close());

  it('resolves 50 representations of 3 distinct users with exactly one SQL query', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const [result] = await app.mysql.db.insert(users).values({
        username: uniqueName('ent'),
        passwordHash: 'not-a-login',
        createdAt: new Date(),
      });
      ids.push(result.insertId);
    }
    const representations = Array.from({ length: 50 }, (_, i) => ({
      __typename: 'User',
      id: String(ids[i % 3]),
    }));

    app.mysql.queries.count = 0;
    const resolve = () =>
      app.apollo.executeOperation(
        {
          query:
            'query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on User { id name avatar } } }',
          variables: { representations },
        },
        { contextValue: app.contextFor(null) },
      );
    const response = await resolve();

    expect(app.mysql.queries.count).toBe(1);
    // the same users again: from the per-process cache (their user:<id> unchanged), no SQL
    app.mysql.queries.count = 0;
    expect((await resolve()).body).toEqual(response.body);
    expect(app.mysql.queries.count).toBe(0);
    expect(response.body.kind).toBe('single');
    if (response.body.kind !== 'single') return;
    expect(response.body.singleResult.errors).toBeUndefined();
    const entities = response.body.singleResult.data?._entities as {
      id: string;
      name: string;
      avatar: string;
    }[];
    expect(entities).toHaveLength(50);
    expect(entities.map((entity) => entity.id)).toEqual(representations.map((rep) => rep.id));
    expect(
      entities.every(
        (entity) => entity.name.startsWith('ent_') && entity.avatar.startsWith('http'),
      ),
    ).toBe(true);
  });

  it('answers null for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    const run = (id: string) =>
      app.apollo.executeOperation(
        { query: 'query ($id: ID!) { user(id: $id) { id } }', variables: { id } },
        { contextValue: app.contextFor(null) },
      );
    const unknown = await run('999999');
    const malformed = await run('1e+06');
    expect(unknown.body.kind === 'single' && unknown.body.singleResult).toMatchObject({
      data: { user: null },
    });
    expect(
      malformed.body.kind === 'single' && malformed.body.singleResult.errors?.[0]?.extensions?.code,
    ).toBe('BAD_USER_INPUT');
  });
});
