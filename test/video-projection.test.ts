import { and, eq, like } from 'drizzle-orm';
import { connectNats, ensureStream, outboxEventId } from '@reel/common';
import { videoCreated } from '@reel/contracts';
import {
  favorites,
  processedEvents,
  userCounters,
  videoAuthors,
  videoCounters,
} from '@reel/interaction-subgraph/db/schema';
import { videoCreatedDurable } from '@reel/interaction-subgraph/events';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { videoOutbox, videos } from '@reel/video-subgraph/db/schema';
import { errorCodes, eventually, graphql, natsUrl, seeder } from '@reel/testkit';
import { type Stack, startStack } from './harness';

const LIKE = `
  mutation ($id: ID!) {
    likeVideo(videoId: $id) { id favoriteCount author { id totalFavorited } }
  }
`;
const COUNTS = `
  query ($id: ID!) {
    video(id: $id) { id favoriteCount commentCount author { id totalFavorited } }
  }
`;

/**
 * The interaction subgraph's video→author projection across the real stack: fed by the video
 * subgraph's outbox through JetStream, read through the gateway when a like comes first.
 */
describe.each(['remote', 'in-process'])('the video→author projection, subgraphs %s', (topology) => {
  let stack: Stack;
  let nc: Awaited<ReturnType<typeof connectNats>>;
  // videos written straight to the table, at instants of their own far in the past
  const base = Date.UTC(topology === 'remote' ? 2001 : 2002, 0, 1);
  let instant = 0;
  const nextInstant = () => new Date(base + 1000 + instant++);

  beforeAll(async () => {
    stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
    nc = await connectNats(natsUrl(), 'test-projection');
    await ensureStream(await nc.jetstreamManager(), stack.namespace, videoCreated.stream);
  });
  afterAll(async () => {
    await nc?.close();
    await stack?.close();
  });

  const interactionDb = () => stack.subgraphs.interaction.mysql.db;
  const projected = (videoId: string) =>
    interactionDb()
      .select()
      .from(videoAuthors)
      .where(eq(videoAuthors.videoId, Number(videoId)));
  const processed = async (eventId: string) =>
    (
      await interactionDb()
        .select({ eventId: processedEvents.eventId })
        .from(processedEvents)
        .where(
          and(
            eq(processedEvents.consumer, videoCreatedDurable),
            eq(processedEvents.eventId, eventId),
          ),
        )
    ).map((row) => row.eventId);
  /** Publishes a video.created straight to JetStream, under a Nats-Msg-Id of the test's own. */
  const publishEvent = (msgId: string, payload: unknown) =>
    nc
      .jetstream()
      .publish(videoCreated.subject(stack.namespace), JSON.stringify(payload), { msgID: msgId });
  const counts = async (videoId: string) =>
    (await graphql(stack.gatewayUrl, COUNTS, { id: videoId })).data;

  /** A video row with no outbox event: the projection hears of it from nobody. */
  const silentVideo = async (authorId: string, title: string) => {
    const row = fakeVideoRow(Number(authorId), title, nextInstant());
    const [result] = await stack.subgraphs.video.mysql.db.insert(videos).values(row);
    return { id: String(result.insertId), row };
  };

  it('projects a published video from its video.created event, with author and duration; likes credit the author, and a replay of the event changes nothing', async () => {
    const seed = seeder(stack.gatewayUrl);
    const author = await seed.user();
    const video = await seed.video(author.token, { title: 'projected' });
    const [outboxRow] = await stack.subgraphs.video.mysql.db
      .select()
      .from(videoOutbox)
      .where(like(videoOutbox.payload, `%"id":"${video.id}"%`));
    const eventId = outboxEventId(videoOutbox, outboxRow!.id);

    // the consumer recorded it (its processed mark), before anyone liked it
    await eventually(async () => expect(await processed(eventId)).toEqual([eventId]));
    expect(await projected(video.id)).toEqual([
      {
        videoId: Number(video.id),
        authorId: Number(author.user.id),
        durationMs: Math.round(video.duration * 1000),
      },
    ]);

    for (const [n, fan] of [await seed.user(), await seed.user()].entries()) {
      const liked = await graphql(stack.gatewayUrl, LIKE, { id: video.id }, { token: fan.token });
      expect(liked).toEqual({
        status: 200,
        data: {
          likeVideo: {
            id: video.id,
            favoriteCount: n + 1,
            author: { id: author.user.id, totalFavorited: n + 1 },
          },
        },
      });
    }

    // the same event twice more, as a reset durable or a re-sent outbox row would deliver it
    for (const replay of ['replay-1', 'replay-2'])
      await publishEvent(`${replay}-${video.id}`, JSON.parse(outboxRow!.payload));
    await eventually(async () => {
      expect(await processed(`replay-1-${video.id}`)).toHaveLength(1);
      expect(await processed(`replay-2-${video.id}`)).toHaveLength(1);
    });
    expect(await projected(video.id)).toHaveLength(1);
    expect(await counts(video.id)).toEqual({
      video: {
        id: video.id,
        favoriteCount: 2,
        commentCount: 0,
        author: { id: author.user.id, totalFavorited: 2 },
      },
    });
  });

  it('takes a like before the projection knows the video: reads it through the gateway, credits its author, and the late event changes nothing', async () => {
    const seed = seeder(stack.gatewayUrl);
    const author = await seed.user();
    const fan = await seed.user();
    const video = await silentVideo(author.user.id, 'liked early');
    expect(await projected(video.id)).toEqual([]);

    const liked = await graphql(stack.gatewayUrl, LIKE, { id: video.id }, { token: fan.token });
    expect(liked).toEqual({
      status: 200,
      data: {
        likeVideo: {
          id: video.id,
          favoriteCount: 1,
          author: { id: author.user.id, totalFavorited: 1 },
        },
      },
    });
    const expected = [
      {
        videoId: Number(video.id),
        authorId: Number(author.user.id),
        durationMs: video.row.durationMs,
      },
    ];
    expect(await projected(video.id)).toEqual(expected);

    // its event, late: consumed, and a no-op
    const late = `late-${video.id}`;
    await publishEvent(late, {
      id: video.id,
      authorId: author.user.id,
      createdAt: video.row.createdAt.toISOString(),
      createdAtMs: video.row.createdAt.getTime(),
      durationMs: video.row.durationMs,
    });
    await eventually(async () => expect(await processed(late)).toEqual([late]));
    expect(await projected(video.id)).toEqual(expected);
    expect(await counts(video.id)).toEqual({
      video: {
        id: video.id,
        favoriteCount: 1,
        commentCount: 0,
        author: { id: author.user.id, totalFavorited: 1 },
      },
    });
  });

  it('takes a comment before the projection knows the video, the same way', async () => {
    const seed = seeder(stack.gatewayUrl);
    const author = await seed.user();
    const video = await silentVideo(author.user.id, 'commented early');
    const commented = await graphql(
      stack.gatewayUrl,
      'mutation ($id: ID!) { addComment(videoId: $id, content: "early") { content video { id commentCount } } }',
      { id: video.id },
      { token: (await seed.user()).token },
    );
    expect(commented).toEqual({
      status: 200,
      data: { addComment: { content: 'early', video: { id: video.id, commentCount: 1 } } },
    });
    expect(await projected(video.id)).toHaveLength(1);
  });

  it('refuses a like of a video that exists nowhere as NOT_FOUND, writing nothing', async () => {
    const fan = await seeder(stack.gatewayUrl).user();
    const unknown = '900000001';
    const refused = await graphql(stack.gatewayUrl, LIKE, { id: unknown }, { token: fan.token });
    expect(errorCodes(refused)).toEqual(['NOT_FOUND']);
    const db = interactionDb();
    expect({
      projected: await projected(unknown),
      favorites: await db
        .select()
        .from(favorites)
        .where(eq(favorites.videoId, Number(unknown))),
      videoCounters: await db
        .select()
        .from(videoCounters)
        .where(eq(videoCounters.videoId, Number(unknown))),
      fanCounters: await db
        .select()
        .from(userCounters)
        .where(eq(userCounters.userId, Number(fan.user.id))),
    }).toEqual({ projected: [], favorites: [], videoCounters: [], fanCounters: [] });
  });
});
