import { and, eq, sql } from 'drizzle-orm';
import { favorites } from '@reel/interaction-subgraph/db/schema';
import { type SeededUser, type SeededVideo, seeder } from '@reel/testkit';
import { type Stack, startStack } from './harness';

const likeVideo = 'mutation Like($id: ID!) { likeVideo(videoId: $id) { id isFavorite } }';
const csrfMessage = expect.stringMatching(
  /^This operation has been blocked as a potential Cross-Site Request Forgery \(CSRF\)/,
);

describe('RELIABILITY row 6: no batched operations, no mutation over a CSRF-able request', () => {
  let stack: Stack;
  let viewer: SeededUser;
  let video: SeededVideo;
  beforeAll(async () => {
    stack = await startStack();
    const seed = seeder(stack.gatewayUrl);
    viewer = await seed.user();
    video = await seed.video((await seed.user()).token);
  });
  afterAll(() => stack.close());

  const likeRows = async () => {
    const [row] = await stack.subgraphs.interaction.mysql.db
      .select({ n: sql<number>`count(*)` })
      .from(favorites)
      .where(
        and(eq(favorites.userId, Number(viewer.user.id)), eq(favorites.videoId, Number(video.id))),
      );
    return Number(row?.n);
  };

  const post = async (init: { headers?: Record<string, string>; body: BodyInit }) => {
    const response = await fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      ...init,
      headers: { authorization: `Bearer ${viewer.token}`, ...init.headers },
    });
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const likeBody = () => JSON.stringify({ query: likeVideo, variables: { id: video.id } });

  it('a JSON array of 2 operations: 400 with a coded message, neither runs', async () => {
    const operation = { query: likeVideo, variables: { id: video.id } };
    expect(
      await post({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify([operation, { ...operation, operationName: 'Like' }]),
      }),
    ).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: expect.stringMatching(/batching/i),
            extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
          },
        ],
      },
    });
    expect(await likeRows()).toBe(0);
  });

  it('likeVideo as text/plain: blocked with the CSRF message, the likes table unchanged', async () => {
    expect(await post({ headers: { 'content-type': 'text/plain' }, body: likeBody() })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: csrfMessage,
            extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
          },
        ],
      },
    });
    expect(await likeRows()).toBe(0);
  });

  it('likeVideo as multipart/form-data without apollo-require-preflight: blocked, the likes table unchanged', async () => {
    const form = new FormData();
    form.append('operations', likeBody());
    form.append('map', '{}');
    expect(await post({ body: form })).toEqual({
      status: 400,
      body: {
        errors: [
          {
            message: csrfMessage,
            extensions: { code: 'BAD_USER_INPUT', reason: 'BAD_REQUEST' },
          },
        ],
      },
    });
    expect(await likeRows()).toBe(0);
  });

  // the control: the refusals above are the transport's, not the mutation failing anyway
  it('the same likeVideo as multipart with apollo-require-preflight, then as JSON: liked once', async () => {
    const form = new FormData();
    form.append('operations', likeBody());
    form.append('map', '{}');
    expect(await post({ headers: { 'apollo-require-preflight': 'true' }, body: form })).toEqual({
      status: 200,
      body: { data: { likeVideo: { id: video.id, isFavorite: true } } },
    });
    expect(
      await post({ headers: { 'content-type': 'application/json' }, body: likeBody() }),
    ).toEqual({ status: 200, body: { data: { likeVideo: { id: video.id, isFavorite: true } } } });
    expect(await likeRows()).toBe(1);
  });
});
