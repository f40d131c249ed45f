/**
 * The logged-in /douyin/feed/'s viewer flags, which the gateway answers without planning
 * (apps/gateway viewer-flags.ts): asked in-process by compat-rest in the one-process topology,
 * and over HTTP as the DouyinFeedFlags operation in the services topology. Either way: the same
 * flags as likedAmong + followedAmong executed through the supergraph, one statement in
 * interaction and one in social per request, a bad token refused as the gateway refuses it, and
 * the request counted under the operation's name.
 */
import { graphql, seeder } from '@reel/testkit';
import { douyin, seedVideo, type Stack, startStack } from './harness';

let stack: Stack;

interface FeedVideo {
  id: number;
  is_favorite: boolean;
  author: { id: number; is_follow: boolean };
}

async function feedAs(token: string | undefined) {
  const response = await douyin(stack.restUrl).get('/douyin/feed/', {
    query: token === undefined ? {} : { token },
  });
  return response.body as { status_code: number; status_msg?: string; video_list: FeedVideo[] };
}

async function scrapeGateway(): Promise<string> {
  return (await fetch(`${stack.gatewayUrl}/metrics`)).text();
}

function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe.each([
  ['one-process', 'in-process', 'single'],
  ['services', 'remote', 'services'],
] as const)('logged-in feed flags, %s topology', (_name, subgraphs, topology) => {
  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: subgraphs });
  });
  afterAll(() => stack.close());

  it('answers what likedAmong + followedAmong answer through the supergraph, with one statement per owning subgraph', async () => {
    expect(stack.topology).toBe(topology);
    const seed = seeder(stack.gatewayUrl);
    const [author, other, fan] = [await seed.user(), await seed.user(), await seed.user()];
    const now = Date.now();
    const liked = await seedVideo(stack, author.user.id, 'liked', new Date(now - 2_000));
    const notLiked = await seedVideo(stack, other.user.id, 'not liked', new Date(now - 1_000));
    for (const [path, params] of [
      ['/douyin/favorite/action/', { video_id: liked, action_type: '1' }],
      ['/douyin/relation/action/', { to_user_id: author.user.id, action_type: '1' }],
    ] as const) {
      const response = await douyin(stack.restUrl).post(path, {
        form: { token: fan.token, ...params },
      });
      expect(response.body.status_code).toBe(0);
    }
    // a cold page is loaded twice, the first load learning its keys (README "Caches and
    // consistency"); then it is cached, and what a logged-in request adds is the flags alone
    await feedAs(undefined);
    await feedAs(undefined);

    const sql = {
      interaction: stack.subgraphs.interaction.mysql.queries,
      social: stack.subgraphs.social.mysql.queries,
    };
    const before = { interaction: sql.interaction.count, social: sql.social.count };
    const metricsBefore = await scrapeGateway();
    const body = await feedAs(fan.token);
    expect({
      interaction: sql.interaction.count - before.interaction,
      social: sql.social.count - before.social,
    }).toEqual({ interaction: 1, social: 1 });
    const ok = 'reel_graphql_requests_total{operation="DouyinFeedFlags",outcome="ok"}';
    expect(sample(await scrapeGateway(), ok) - sample(metricsBefore, ok)).toBe(1);

    const onPage = (id: string) => body.video_list.find((video) => video.id === Number(id));
    expect(onPage(liked)).toMatchObject({ is_favorite: true, author: { is_follow: true } });
    expect(onPage(notLiked)).toMatchObject({ is_favorite: false, author: { is_follow: false } });

    const viaSupergraph = await graphql(
      stack.gatewayUrl,
      'query ($videoIds: [ID!]!, $userIds: [ID!]!) { likedAmong(videoIds: $videoIds) followedAmong(userIds: $userIds) }',
      {
        videoIds: body.video_list.map((video) => String(video.id)),
        userIds: [...new Set(body.video_list.map((video) => String(video.author.id)))],
      },
      { token: fan.token },
    );
    expect(viaSupergraph.data).toEqual({
      likedAmong: body.video_list.filter((v) => v.is_favorite).map((v) => String(v.id)),
      followedAmong: [
        ...new Set(
          body.video_list.filter((v) => v.author.is_follow).map((v) => String(v.author.id)),
        ),
      ],
    });
  });

  it('refuses a token the gateway would refuse, with every documented field', async () => {
    const body = await feedAs('not.a.token');
    expect(body).toEqual({
      status_code: expect.any(Number),
      status_msg: 'The token is invalid; log in again',
      video_list: [],
      next_time: 0,
    });
    expect(body.status_code).not.toBe(0);
  });
});
