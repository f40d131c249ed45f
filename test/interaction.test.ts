import { getTableName } from 'drizzle-orm';
import { cacheKeys, cursorBefore } from '@reel/common';
import { users } from '@reel/user-subgraph/db/schema';
import { videoOutbox } from '@reel/video-subgraph/db/schema';
import { comments, interactionOutbox } from '@reel/interaction-subgraph/db/schema';
import { errorCodes, graphql, seeder, uniqueName } from '@reel/testkit';
import { seedVideo, type Stack, startStack } from './harness';

describe.each(['remote', 'in-process'])('likes and comments, subgraphs %s', (topology) => {
  let stack: Stack;
  // each topology's videos at instants of their own, far in the past
  const base = Date.UTC(topology === 'remote' ? 2003 : 2004, 0, 1);
  let instant = 0;
  const nextInstant = () => new Date(base + 1000 + instant++);
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
  });
  afterAll(() => stack.close());

  it('likes a video and answers it with fields of every subgraph, then lists it as liked', async () => {
    const seed = seeder(stack.gatewayUrl);
    const author = await seed.user();
    const fan = await seed.user();
    const video = await seedVideo(stack, author.user.id, 'liked', nextInstant());

    const liked = await graphql(
      stack.gatewayUrl,
      `
        mutation ($id: ID!) {
          likeVideo(videoId: $id) {
            id
            title
            favoriteCount
            isFavorite
            author {
              name
              totalFavorited
            }
          }
        }
      `,
      { id: video },
      { token: fan.token },
    );
    expect(liked).toEqual({
      status: 200,
      data: {
        likeVideo: {
          id: video,
          title: 'liked',
          favoriteCount: 1,
          isFavorite: true,
          author: { name: author.user.name, totalFavorited: 1 },
        },
      },
    });

    const mine = await graphql(
      stack.gatewayUrl,
      `
        {
          viewer {
            favoriteCount
            likedVideos {
              edges {
                node {
                  id
                  title
                  author {
                    id
                  }
                }
              }
            }
          }
        }
      `,
      {},
      { token: fan.token },
    );
    expect(mine.data).toEqual({
      viewer: {
        favoriteCount: 1,
        likedVideos: {
          edges: [{ node: { id: video, title: 'liked', author: { id: author.user.id } } }],
        },
      },
    });
  });

  it('refuses an anonymous like and a like of an unknown video', async () => {
    const fan = await seeder(stack.gatewayUrl).user();
    const like = `mutation ($id: ID!) { likeVideo(videoId: $id) { id } }`;
    const video = await seedVideo(stack, fan.user.id, 'anon', nextInstant());
    expect(errorCodes(await graphql(stack.gatewayUrl, like, { id: video }))).toEqual([
      'UNAUTHENTICATED',
    ]);
    expect(
      errorCodes(await graphql(stack.gatewayUrl, like, { id: '999999' }, { token: fan.token })),
    ).toEqual(['NOT_FOUND']);
  });

  it("refuses to delete another's comment, which stays, and lets the video's author delete it", async () => {
    const seed = seeder(stack.gatewayUrl);
    const [author, writer, stranger] = [await seed.user(), await seed.user(), await seed.user()];
    const video = await seedVideo(stack, author.user.id, 'discussed', nextInstant());
    const added = await graphql<{ addComment: { id: string } }>(
      stack.gatewayUrl,
      `
        mutation ($id: ID!) {
          addComment(videoId: $id, content: " nice ") {
            id
            content
            author {
              name
            }
            video {
              title
              commentCount
            }
          }
        }
      `,
      { id: video },
      { token: writer.token },
    );
    expect(added.data).toEqual({
      addComment: {
        id: expect.any(String),
        content: 'nice',
        author: { name: writer.user.name },
        video: { title: 'discussed', commentCount: 1 },
      },
    });
    const commentId = added.data!.addComment.id;
    const remove = `mutation ($id: ID!) { deleteComment(id: $id) { id commentCount } }`;

    const refused = await graphql(
      stack.gatewayUrl,
      remove,
      { id: commentId },
      { token: stranger.token },
    );
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const listed = await graphql(
      stack.gatewayUrl,
      `
        query ($id: ID!) {
          video(id: $id) {
            commentCount
            comments {
              edges {
                node {
                  id
                }
              }
            }
          }
        }
      `,
      { id: video },
    );
    expect(listed.data).toEqual({
      video: { commentCount: 1, comments: { edges: [{ node: { id: commentId } }] } },
    });

    expect(
      (await graphql(stack.gatewayUrl, remove, { id: commentId }, { token: author.token })).data,
    ).toEqual({
      deleteComment: { id: video, commentCount: 0 },
    });
    const rows = await stack.subgraphs.interaction.mysql.db.select().from(comments);
    expect(rows.filter((row) => String(row.id) === commentId)).toEqual([]);
  });

  it('costs a constant number of SQL queries per subgraph for a feed page with counts and flags', async () => {
    const { db: userDb } = stack.subgraphs.user.mysql;
    const viewer = await seeder(stack.gatewayUrl).user();
    const budgetBase = base + 1_000_000;
    const ids: string[] = [];
    const pageKeys: string[] = [];
    for (let i = 0; i < 30; i += 1) {
      const [author] = await userDb
        .insert(users)
        .values({ username: uniqueName('sql'), passwordHash: 'x', createdAt: new Date() });
      ids.push(await seedVideo(stack, author.insertId, `budget ${i}`, new Date(budgetBase + i)));
      pageKeys.push(cacheKeys.video(ids.at(-1)!), cacheKeys.user(author.insertId));
    }
    const like = `mutation ($id: ID!) { likeVideo(videoId: $id) { id } }`;
    for (const id of ids.filter((_, i) => i % 2 === 0))
      await graphql(stack.gatewayUrl, like, { id }, { token: viewer.token });

    const query = `query ($first: Int, $after: String) { feed(first: $first, after: $after) {
      edges { node { id title favoriteCount commentCount isFavorite
        author { id name workCount favoriteCount totalFavorited } } } } }`;
    interface BudgetPage {
      feed: {
        edges: {
          node: { id: string; favoriteCount: number; isFavorite: boolean; author: unknown };
        }[];
      };
    }
    // the outbox relay polls through the same pool every second; its statements are no request's
    stack.subgraphs.video.mysql.queries.ignore = new RegExp(`\\b${getTableName(videoOutbox)}\\b`);
    stack.subgraphs.interaction.mysql.queries.ignore = new RegExp(
      `\\b${getTableName(interactionOutbox)}\\b`,
    );
    // cold: bumped, so no row or counter comes from the subgraphs' per-process caches; warm: as left
    const sqlFor = async (first: number, counters: 'cold' | 'warm' = 'cold') => {
      if (counters === 'cold') await stack.bumpCacheVersions(pageKeys);
      for (const name of ['user', 'video', 'interaction'] as const)
        stack.subgraphs[name].mysql.queries.count = 0;
      const response = await graphql<BudgetPage>(
        stack.gatewayUrl,
        query,
        { first, after: cursorBefore(budgetBase + 30) },
        { token: viewer.token },
      );
      expect(response.errors).toBeUndefined();
      const nodes = response.data!.feed.edges.map((edge) => edge.node);
      expect(nodes).toHaveLength(first);
      for (const node of nodes) {
        const liked = ids.indexOf(node.id) % 2 === 0;
        expect(node).toMatchObject({
          favoriteCount: liked ? 1 : 0,
          isFavorite: liked,
          author: { favoriteCount: 0, totalFavorited: liked ? 1 : 0 },
        });
      }
      return {
        user: stack.subgraphs.user.mysql.queries.count,
        video: stack.subgraphs.video.mysql.queries.count,
        interaction: stack.subgraphs.interaction.mysql.queries.count,
      };
    };
    const thirty = await sqlFor(30);
    // interaction: video_counters IN (…), the viewer's favorites IN (…), user_counters IN (…)
    expect(thirty).toEqual({ user: 1, video: 2, interaction: 3 });
    expect(await sqlFor(5)).toEqual(thirty);
    // the same page again: authors' rows, video and user counters from the caches, the viewer's
    // favorites read
    expect(await sqlFor(5, 'warm')).toEqual({ ...thirty, user: 0, interaction: 1 });
  });
});
