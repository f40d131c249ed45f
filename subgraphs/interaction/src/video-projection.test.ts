import { and, eq, inArray } from 'drizzle-orm';
import { connectNats, ensureStream } from '@reel/common';
import { videoCreated } from '@reel/contracts';
import { eventually, withDeadline } from '@reel/testkit/eventually';
import { natsUrl } from '@reel/testkit/run-env';
import { favorites, processedEvents, videoAuthors } from './db/schema';
import { recordVideoAuthor } from './domain/video-authors';
import { videoCreatedDurable } from './events';
import { counterMismatches, type InteractionUnderTest, startInteraction } from './test-app';

const LIKE = `mutation ($id: ID!) { likeVideo(videoId: $id) { id favoriteCount isFavorite } }`;
const COMMENT = `mutation ($id: ID!) { addComment(videoId: $id, content: "first!") { content } }`;
const COUNTS = `query ($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Video { id favoriteCount commentCount }
  ... on User { id favoriteCount totalFavorited } } }`;

// The consumer's plumbing (acks, redelivery, dead letters, outages) is proven in packages/common;
// this proves what the interaction subgraph does with video.created, and its read-through.
describe('the video→author projection: fed by video.created, read through when a like is first', () => {
  let subject: InteractionUnderTest;
  let nc: Awaited<ReturnType<typeof connectNats>>;
  beforeAll(async () => {
    subject = await startInteraction('ia_projection');
    nc = await connectNats(natsUrl(), 'test-projection');
    // as the video subgraph's relay does before publishing (the consumer may not have yet)
    await ensureStream(await nc.jetstreamManager(), subject.namespace, videoCreated.stream);
  });
  afterAll(async () => {
    await nc.close();
    await subject.close();
  });

  /** Publishes a video.created as the video subgraph's relay would, under Nats-Msg-Id `msgId`. */
  const publishEvent = (
    msgId: string,
    video: { videoId: number; authorId: number; durationMs: number },
  ) => {
    const createdAt = new Date(Date.UTC(2020, 0, 1) + video.videoId);
    const payload = videoCreated.schema.parse({
      id: String(video.videoId),
      authorId: String(video.authorId),
      createdAt: createdAt.toISOString(),
      createdAtMs: createdAt.getTime(),
      durationMs: video.durationMs,
    });
    return nc
      .jetstream()
      .publish(videoCreated.subject(subject.namespace), JSON.stringify(payload), { msgID: msgId });
  };
  const projected = (videoId: number) =>
    subject.db.select().from(videoAuthors).where(eq(videoAuthors.videoId, videoId));
  const processed = async (eventIds: string[]) =>
    (
      await subject.db
        .select({ eventId: processedEvents.eventId })
        .from(processedEvents)
        .where(
          and(
            eq(processedEvents.consumer, videoCreatedDurable),
            inArray(processedEvents.eventId, eventIds),
          ),
        )
        .orderBy(processedEvents.eventId)
    ).map((row) => row.eventId);
  const counts = async (video: number, author: number) =>
    (
      await subject.run<{ _entities: unknown[] }>(null, COUNTS, {
        reps: [
          { __typename: 'Video', id: String(video) },
          { __typename: 'User', id: String(author) },
        ],
      })
    ).data?._entities;

  it('records a video.created event as its video, author and duration, and marks it processed', async () => {
    const video = { videoId: subject.id(), authorId: subject.id(), durationMs: 3_500 };
    await publishEvent('created-1', video);
    await eventually(async () => expect(await projected(video.videoId)).toEqual([video]));
    expect(await processed(['created-1'])).toEqual(['created-1']);
  });

  it('projects an event from before video.created carried the duration, with none', async () => {
    const video = { videoId: subject.id(), authorId: subject.id() };
    const createdAt = new Date(Date.UTC(2020, 0, 1));
    await nc.jetstream().publish(
      videoCreated.subject(subject.namespace),
      JSON.stringify({
        id: String(video.videoId),
        authorId: String(video.authorId),
        createdAt: createdAt.toISOString(),
        createdAtMs: createdAt.getTime(),
      }),
      { msgID: 'old-shape-1' },
    );
    await eventually(async () =>
      expect(await projected(video.videoId)).toEqual([{ ...video, durationMs: null }]),
    );
    expect(await processed(['old-shape-1'])).toEqual(['old-shape-1']);
  });

  it('changes nothing on duplicated events, and fills only a duration the row lacked', async () => {
    const author = subject.id();
    const videoId = subject.id();
    // a row projected before events carried the duration
    await recordVideoAuthor(subject.db, { videoId, authorId: author, durationMs: null });
    await publishEvent('filled-1', { videoId, authorId: author, durationMs: 2_000 });
    await eventually(async () =>
      expect(await projected(videoId)).toEqual([{ videoId, authorId: author, durationMs: 2_000 }]),
    );
    expect((await subject.run(subject.id(), LIKE, { id: String(videoId) })).errors).toBeUndefined();
    const before = await counts(videoId, author);
    expect(before).toEqual([
      { id: String(videoId), favoriteCount: 1, commentCount: 0 },
      { id: String(author), favoriteCount: 0, totalFavorited: 1 },
    ]);

    // the same event again under other ids (a re-published outbox row, a reset durable), one of
    // them claiming another duration: each is consumed and changes nothing
    await publishEvent('filled-2', { videoId, authorId: author, durationMs: 2_000 });
    await publishEvent('filled-3', { videoId, authorId: author, durationMs: 9_000 });
    await eventually(async () =>
      expect(await processed(['filled-1', 'filled-2', 'filled-3'])).toEqual([
        'filled-1',
        'filled-2',
        'filled-3',
      ]),
    );
    expect(await projected(videoId)).toEqual([{ videoId, authorId: author, durationMs: 2_000 }]);
    expect(await counts(videoId, author)).toEqual(before);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('reads through a like of a video the projection has not seen, credits its author, and the late event changes nothing', async () => {
    const video = { videoId: subject.id(), authorId: subject.id(), durationMs: 4_200 };
    subject.gateway.videos.set(video.videoId, video);
    const asked = subject.gateway.state.asked;

    const first = await subject.run(subject.id(), LIKE, { id: String(video.videoId) });
    expect(first).toEqual({
      data: { likeVideo: { id: String(video.videoId), favoriteCount: 1, isFavorite: true } },
    });
    expect(await projected(video.videoId)).toEqual([video]);
    // known from now on: the next like asks nobody
    const second = await subject.run(subject.id(), LIKE, { id: String(video.videoId) });
    expect(second.data).toEqual({
      likeVideo: { id: String(video.videoId), favoriteCount: 2, isFavorite: true },
    });
    expect(subject.gateway.state.asked).toBe(asked + 1);
    const before = await counts(video.videoId, video.authorId);
    expect(before).toEqual([
      { id: String(video.videoId), favoriteCount: 2, commentCount: 0 },
      { id: String(video.authorId), favoriteCount: 0, totalFavorited: 2 },
    ]);

    await publishEvent('late-1', video);
    await eventually(async () => expect(await processed(['late-1'])).toEqual(['late-1']));
    expect(await projected(video.videoId)).toEqual([video]);
    expect(await counts(video.videoId, video.authorId)).toEqual(before);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('reads through a comment on a video the projection has not seen', async () => {
    const video = { videoId: subject.id(), authorId: subject.id(), durationMs: 1_000 };
    subject.gateway.videos.set(video.videoId, video);
    const comment = await subject.run(subject.id(), COMMENT, { id: String(video.videoId) });
    expect(comment).toEqual({ data: { addComment: { content: 'first!' } } });
    expect(await projected(video.videoId)).toEqual([video]);
    expect((await counts(video.videoId, video.authorId))?.[0]).toEqual({
      id: String(video.videoId),
      favoriteCount: 0,
      commentCount: 1,
    });
  });

  it.each(['silent', 'hanging-up'] as const)(
    'answers UNAVAILABLE and writes nothing when the gateway is %s, and the retry succeeds',
    async (mode) => {
      const video = { videoId: subject.id(), authorId: subject.id(), durationMs: 1_000 };
      subject.gateway.videos.set(video.videoId, video);
      const liker = subject.id();
      subject.gateway.state.mode = mode;
      try {
        const refused = await subject.run(liker, LIKE, { id: String(video.videoId) });
        expect(refused.errors).toEqual([
          expect.objectContaining({
            message: 'The video service did not answer in time; try again shortly',
            extensions: { code: 'UNAVAILABLE' },
          }),
        ]);
      } finally {
        subject.gateway.state.mode = 'answering';
      }
      expect(await projected(video.videoId)).toEqual([]);
      expect(
        await subject.db.select().from(favorites).where(eq(favorites.videoId, video.videoId)),
      ).toEqual([]);
      const retried = await subject.run(liker, LIKE, { id: String(video.videoId) });
      expect(retried.data).toEqual({
        likeVideo: { id: String(video.videoId), favoriteCount: 1, isFavorite: true },
      });
    },
  );

  it('answers NOT_FOUND for a video the gateway does not know either, writing nothing', async () => {
    const videoId = subject.id();
    const refused = await subject.run(subject.id(), LIKE, { id: String(videoId) });
    expect(refused.errors).toEqual([
      expect.objectContaining({ extensions: { code: 'NOT_FOUND', field: 'videoId' } }),
    ]);
    expect(await projected(videoId)).toEqual([]);
    expect(await subject.db.select().from(favorites).where(eq(favorites.videoId, videoId))).toEqual(
      [],
    );
  });

  it('reads a final projection row once per process; a row without its duration on every write', async () => {
    const LIKE_ONLY = `mutation ($id: ID!) { likeVideo(videoId: $id) { id } }`;
    /** Statements of one like by a new user: the second like of a video reads no projection. */
    const statementsOfLikes = async (videoId: number) => {
      const counts: number[] = [];
      for (let i = 0; i < 2; i += 1) {
        subject.app.mysql.queries.count = 0;
        const liked = await subject.run(subject.id(), LIKE_ONLY, { id: String(videoId) });
        expect(liked.errors).toBeUndefined();
        counts.push(subject.app.mysql.queries.count);
      }
      return counts;
    };
    const [first, second] = await statementsOfLikes(await subject.video(subject.id()));
    expect(second).toBe(first! - 1);
    const unfinished = await subject.video(subject.id(), null);
    expect(await statementsOfLikes(unfinished)).toEqual([first, first]);
    // once its duration is filled (a late video.created), the row is final and kept
    await recordVideoAuthor(subject.db, {
      videoId: unfinished,
      authorId: (await projected(unfinished))[0]!.authorId,
      durationMs: 3_000,
    });
    expect(await statementsOfLikes(unfinished)).toEqual([first, second]);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('starts, is ready and takes likes (read through) while NATS is unreachable, and closes promptly', async () => {
    // port 1: nothing listens there, so every connection attempt is refused
    const offline = await withDeadline(
      startInteraction('ia_no_nats', { NATS_URL: 'nats://127.0.0.1:1' }),
      'starting without NATS',
    );
    try {
      const checks = await Promise.all(
        Object.entries(offline.app.checks).map(async ([name, check]) => {
          await check();
          return name;
        }),
      );
      expect(checks).toEqual(['mysql']);
      const video = { videoId: offline.id(), authorId: offline.id(), durationMs: 1_000 };
      offline.gateway.videos.set(video.videoId, video);
      const liked = await offline.run(offline.id(), LIKE, { id: String(video.videoId) });
      expect(liked.data).toEqual({
        likeVideo: { id: String(video.videoId), favoriteCount: 1, isFavorite: true },
      });
    } finally {
      await withDeadline(offline.close(), 'closing without NATS');
    }
  });
});
