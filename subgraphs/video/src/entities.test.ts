import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getTableName } from 'drizzle-orm';
import { createLogger, parseConfig } from '@reel/common';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { subgraph } from './app';
import { fakeVideoRow } from './db/fake-rows';
import { videoOutbox, videos } from './db/schema';

interface VideoPage {
  edges: { node: { id: string; title: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('Video and User entities of the video subgraph', () => {
  let app: Awaited<ReturnType<typeof subgraph.create>>;
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mediaDir: string;
  // author a (1..30) has a % 5 videos, newest first; a database of its own holds only these
  const titlesOf = (author: number) =>
    Array.from({ length: author % 5 }, (_, n) => `${author}.${n}`).reverse();

  beforeAll(async () => {
    database = await isolatedDatabase('video_ent');
    mediaDir = await mkdtemp(path.join(tmpdir(), 'reel-video-entities-'));
    const config = parseConfig({
      MYSQL_URL: database.url,
      REEL_NAMESPACE: `${runEnv().namespace}_ve`,
      MEDIA_DIR: mediaDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    });
    app = await subgraph.create(config, createLogger(config, 'video'));
    // the outbox relay polls through the same pool every second; its statements are no request's
    app.mysql.queries.ignore = new RegExp(`\\b${getTableName(videoOutbox)}\\b`);
    const base = Date.UTC(2010, 0, 1);
    const rows = [];
    for (let author = 1; author <= 30; author += 1)
      for (const [n, title] of [...titlesOf(author)].reverse().entries())
        rows.push(fakeVideoRow(author, title, new Date(base + author * 1000 + n)));
    await app.mysql.db.insert(videos).values(rows);
  });
  afterAll(async () => {
    await app.close();
    await database.drop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const run = async <TData>(query: string, variables: Record<string, unknown>) => {
    const response = await app.apollo.executeOperation(
      { query, variables },
      { contextValue: app.contextFor(null) },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    return response.body.singleResult as { data?: TData; errors?: readonly unknown[] };
  };

  const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Video { id title createdAtMs author { id } }
    ... on User { id videos(first: 3) { edges { node { id title } } pageInfo { hasNextPage endCursor } } }
  } }`;

  it('resolves 50 representations of 3 distinct videos with exactly one SQL query', async () => {
    const ids = (await app.mysql.db.select({ id: videos.id }).from(videos).limit(3)).map(
      (row) => row.id,
    );
    const representations = Array.from({ length: 50 }, (_, i) => ({
      __typename: 'Video',
      id: String(ids[i % 3]),
    }));

    app.mysql.queries.count = 0;
    const result = await run<{ _entities: { id: string; title: string; createdAtMs: number }[] }>(
      ENTITIES,
      { representations },
    );

    expect(app.mysql.queries.count).toBe(1);
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities;
    expect(entities.map((entity) => entity.id)).toEqual(representations.map((rep) => rep.id));
    expect(entities.every((entity) => /^\d+\.\d$/.test(entity.title))).toBe(true);
  });

  it("pages the videos of 30 users with one SQL query, each user's first 3 newest first", async () => {
    const representations = Array.from({ length: 30 }, (_, i) => ({
      __typename: 'User',
      id: String(i + 1),
    }));

    app.mysql.queries.count = 0;
    const result = await run<{ _entities: { id: string; videos: VideoPage }[] }>(ENTITIES, {
      representations,
    });

    expect(app.mysql.queries.count).toBe(1);
    expect(result.errors).toBeUndefined();
    expect(
      result.data!._entities.map(({ id, videos: page }) => ({
        id,
        titles: page.edges.map((edge) => edge.node.title),
        hasNextPage: page.pageInfo.hasNextPage,
        endCursor: page.pageInfo.endCursor === null ? null : 'cursor',
      })),
    ).toEqual(
      representations.map(({ id }) => ({
        id,
        titles: titlesOf(Number(id)).slice(0, 3),
        hasNextPage: titlesOf(Number(id)).length > 3,
        endCursor: titlesOf(Number(id)).length > 0 ? 'cursor' : null,
      })),
    );
  });

  it("continues a user's videos after an end cursor", async () => {
    const PAGE = `query ($id: _Any!, $after: String) { _entities(representations: [$id]) {
      ... on User { videos(first: 2, after: $after) { edges { node { title } } pageInfo { hasNextPage endCursor } } }
    } }`;
    const user = { __typename: 'User', id: '4' }; // 4 videos
    const titles: string[] = [];
    let after: string | null = null;
    do {
      const result: { data?: { _entities: { videos: VideoPage }[] } } = await run(PAGE, {
        id: user,
        after,
      });
      const page = result.data!._entities[0]!.videos;
      titles.push(...page.edges.map((edge) => edge.node.title));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(titles).toEqual(titlesOf(4));
  });

  it.each([
    ['a representation id that is not an id', { __typename: 'Video', id: '1e+06' }, '', /Video id/],
    ['a page over 50', { __typename: 'User', id: '1' }, '(first: 51)', /between 1 and 50/],
    ['a cursor this API never gave', { __typename: 'User', id: '1' }, '(after: "x")', /cursor/],
  ])('refuses %s as BAD_USER_INPUT', async (_case, representation, args, message) => {
    const result = await run<unknown>(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on Video { id } ... on User { videos${args} { edges { cursor } } } } }`,
      { representations: [representation] },
    );
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });
});
