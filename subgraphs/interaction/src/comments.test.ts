import { eq } from 'drizzle-orm';
import { BLOCKED_MESSAGE } from '@reel/moderation';
import { comments } from './db/schema';
import { limits } from './limits';
import { counterMismatches, type InteractionUnderTest, startInteraction } from './test-app';

const ADD = `mutation ($video: ID!, $content: String!) {
  addComment(videoId: $video, content: $content) { id content author { id } video { id } createdAt createdAtMs } }`;
const DELETE = `mutation ($id: ID!) { deleteComment(id: $id) { id commentCount } }`;
const PAGE = `query ($reps: [_Any!]!, $first: Int, $after: String) { _entities(representations: $reps) {
  ... on Video { commentCount comments(first: $first, after: $after) {
    edges { cursor node { id content } } pageInfo { hasNextPage endCursor } } } } }`;

interface AddedComment {
  id: string;
  content: string;
  author: { id: string };
  video: { id: string };
  createdAt: string;
  createdAtMs: number;
}
interface CommentPage {
  commentCount: number;
  comments: {
    edges: { cursor: string; node: { id: string; content: string } }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

describe('comments: who may write and delete them, and the count that follows them', () => {
  let subject: InteractionUnderTest;
  beforeAll(async () => {
    subject = await startInteraction('ia_comments');
  });
  afterAll(() => subject.close());

  const add = async (viewer: number | null, video: number, content: string) =>
    subject.run<{ addComment: AddedComment }>(viewer, ADD, { video: String(video), content });
  const page = async (video: number, first?: number, after?: string | null) =>
    (
      await subject.run<{ _entities: CommentPage[] }>(null, PAGE, {
        reps: [{ __typename: 'Video', id: String(video) }],
        first,
        after,
      })
    ).data!._entities[0]!;
  const rowExists = async (id: string) =>
    (
      await subject.db
        .select()
        .from(comments)
        .where(eq(comments.id, Number(id)))
    ).length === 1;

  it('adds a trimmed comment and answers it whole', async () => {
    const writer = subject.id();
    const video = await subject.video(subject.id());
    const result = await add(writer, video, '  first!  ');
    const comment = result.data!.addComment;
    expect(comment).toEqual({
      id: expect.stringMatching(/^\d+$/),
      content: 'first!',
      author: { id: String(writer) },
      video: { id: String(video) },
      createdAt: new Date(comment.createdAtMs).toISOString(),
      createdAtMs: expect.any(Number),
    });
    const lookup = await subject.run(null, `query ($id: ID!) { comment(id: $id) { id content } }`, {
      id: comment.id,
    });
    expect(lookup.data).toEqual({ comment: { id: comment.id, content: 'first!' } });
  });

  it.each([
    ['empty after trimming', ' \n\t ', 'A comment must not be empty'],
    [
      `over ${limits.commentMaxChars} characters`,
      '字'.repeat(limits.commentMaxChars + 1),
      `A comment must be at most ${limits.commentMaxChars} characters`,
    ],
  ])('refuses a comment %s as BAD_USER_INPUT, writing nothing', async (_case, content, message) => {
    const video = await subject.video(subject.id());
    const result = await add(subject.id(), video, content);
    expect(result.errors).toEqual([
      expect.objectContaining({
        message,
        extensions: { code: 'BAD_USER_INPUT', field: 'content' },
      }),
    ]);
    expect(await page(video)).toMatchObject({ commentCount: 0, comments: { edges: [] } });
  });

  it(`takes exactly ${limits.commentMaxChars} characters, counted as characters, not bytes`, async () => {
    const video = await subject.video(subject.id());
    const content = '😀'.repeat(limits.commentMaxChars);
    const result = await add(subject.id(), video, content);
    expect(result.data?.addComment.content).toBe(content);
  });

  it('stores masked words as one * per character, ignoring case and width', async () => {
    const video = await subject.video(subject.id());
    const { id, content } = (await add(subject.id(), video, ' 你这个笨蛋，ＩＤＩＯＴ 😀 ')).data!
      .addComment;
    expect(content).toBe('你这个**，***** 😀');
    const [row] = await subject.db
      .select({ content: comments.content })
      .from(comments)
      .where(eq(comments.id, Number(id)));
    expect(row).toEqual({ content: '你这个**，***** 😀' });
  });

  it('refuses a comment holding a blocked word as BAD_USER_INPUT naming no word, writing nothing', async () => {
    const video = await subject.video(subject.id());
    const result = await add(subject.id(), video, '想要资源加我微信');
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: BLOCKED_MESSAGE,
        extensions: { code: 'BAD_USER_INPUT', field: 'content' },
      }),
    ]);
    expect(await page(video)).toMatchObject({ commentCount: 0, comments: { edges: [] } });
    expect(await subject.db.select().from(comments).where(eq(comments.videoId, video))).toEqual([]);
  });

  it('refuses anonymous comments and comments on unknown videos', async () => {
    const video = await subject.video(subject.id());
    expect((await add(null, video, 'hi')).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
    expect((await add(subject.id(), subject.id(), 'hi')).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'NOT_FOUND', field: 'videoId' } }),
    ]);
    expect((await page(video)).commentCount).toBe(0);
  });

  it("refuses to delete someone else's comment on someone else's video: FORBIDDEN, and it stays", async () => {
    const writer = subject.id();
    const stranger = subject.id();
    const video = await subject.video(subject.id());
    const { id } = (await add(writer, video, 'mine')).data!.addComment;

    const refused = await subject.run(stranger, DELETE, { id });
    expect(refused.errors).toEqual([
      expect.objectContaining({
        message: "Only a comment's author or the video's author may delete it",
        extensions: { code: 'FORBIDDEN' },
      }),
    ]);
    expect(await rowExists(id)).toBe(true);
    expect(await page(video)).toMatchObject({
      commentCount: 1,
      comments: { edges: [{ node: { id, content: 'mine' } }] },
    });
    expect((await subject.run(null, DELETE, { id })).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED' } }),
    ]);
    expect(await rowExists(id)).toBe(true);
  });

  it("lets a comment's author and the video's author delete it; the count follows, once", async () => {
    const videoAuthor = subject.id();
    const writer = subject.id();
    const video = await subject.video(videoAuthor);
    const first = (await add(writer, video, 'one')).data!.addComment;
    const second = (await add(writer, video, 'two')).data!.addComment;
    expect((await page(video)).commentCount).toBe(2);

    expect((await subject.run(writer, DELETE, { id: first.id })).data).toEqual({
      deleteComment: { id: String(video), commentCount: 1 },
    });
    expect((await subject.run(videoAuthor, DELETE, { id: second.id })).data).toEqual({
      deleteComment: { id: String(video), commentCount: 0 },
    });
    // already gone: nothing moves again
    expect((await subject.run(writer, DELETE, { id: first.id })).errors).toEqual([
      expect.objectContaining({ extensions: { code: 'NOT_FOUND', field: 'id' } }),
    ]);
    expect(
      (await subject.run(null, `query ($id: ID!) { comment(id: $id) { id } }`, { id: first.id }))
        .data,
    ).toEqual({ comment: null });
    expect(await page(video)).toMatchObject({ commentCount: 0, comments: { edges: [] } });
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('keeps comment_count equal to COUNT(*) through simultaneous adds and deletes', async () => {
    const video = await subject.video(subject.id());
    const writers = Array.from({ length: 20 }, () => subject.id());
    await Promise.all(
      writers.map(async (writer, n) => {
        const { id } = (await add(writer, video, `comment ${n}`)).data!.addComment;
        if (n % 2 === 0) await subject.run(writer, DELETE, { id });
      }),
    );
    expect((await page(video)).commentCount).toBe(10);
    expect(await counterMismatches(subject)).toEqual([]);
  });

  it('pages a video’s comments newest first without repeating or skipping one', async () => {
    const video = await subject.video(subject.id());
    const writer = subject.id();
    const added: string[] = [];
    for (let n = 0; n < 7; n += 1)
      added.push((await add(writer, video, `c${n}`)).data!.addComment.id);

    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { comments: connection }: CommentPage = await page(video, 3, after);
      seen.push(...connection.edges.map((edge) => edge.node.id));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([...added].reverse());
  });

  it.each([
    ['a page over 50', 51, null, /between 1 and 50/],
    ['a cursor this API never gave', 3, 'x', /cursor/],
  ])('refuses %s as BAD_USER_INPUT', async (_case, first, after, message) => {
    const result = await subject.run(null, PAGE, {
      reps: [{ __typename: 'Video', id: '1' }],
      first,
      after,
    });
    expect(result.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(message),
        extensions: { code: 'BAD_USER_INPUT' },
      }),
    ]);
  });
});
