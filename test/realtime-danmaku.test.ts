import { videoDanmaku } from '@reel/contracts';
import { eventually, graphql, seeder } from '@reel/testkit';
import { openSocket, seedVideo, type Stack, startStack, untilWatching } from './harness';

const LIVE = `subscription ($video: ID!) {
  danmakuAdded(videoId: $video) { id content atMs video { id } author { name } }
}`;
const SEND = `mutation ($video: ID!, $content: String!, $atMs: Int!) {
  sendDanmaku(videoId: $video, content: $content, atMs: $atMs) { id } }`;

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

// this file's videos at instants of their own, far in the past
let instant = 0;
const nextInstant = () => new Date(Date.UTC(2007, 0, 1) + instant++);

async function sendDanmaku(token: string, video: string, content: string, atMs: number) {
  const sent = await graphql<{ sendDanmaku: { id: string } }>(
    stack.gatewayUrl,
    SEND,
    { video, content, atMs },
    { token },
  );
  expect(sent.errors).toBeUndefined();
  return sent.data!.sendDanmaku.id;
}

describe('live danmaku', () => {
  it('delivers each danmaku sent through GraphQL, hydrated with its author, to anonymous and signed-in sockets alike', async () => {
    const seed = seeder(stack.gatewayUrl);
    const [author, sender, watcher] = [await seed.user(), await seed.user(), await seed.user()];
    const video = await seedVideo(stack, author.user.id, 'live danmaku', nextInstant(), {
      durationMs: 60_000,
    });
    const other = await seedVideo(stack, author.user.id, 'elsewhere', nextInstant(), {
      durationMs: 60_000,
    });
    const subject = videoDanmaku.subject(stack.namespace, video);
    const sockets = [
      await openSocket(stack.gatewayUrl),
      await openSocket(stack.gatewayUrl, watcher.token),
    ];
    const watches = sockets.map((socket) => socket.subscribe(LIVE, { video }));
    await untilWatching(stack.realtime, subject, 2);

    // a danmaku over another video is another subject: it never reaches these sockets
    await sendDanmaku(sender.token, other, 'not here', 1_000);
    const ids = [
      await sendDanmaku(sender.token, video, '前方高能', 12_000),
      await sendDanmaku(sender.token, video, 'second', 3_000),
    ];
    const expected = ids.map((id, i) => ({
      data: {
        danmakuAdded: {
          id,
          content: ['前方高能', 'second'][i],
          atMs: [12_000, 3_000][i],
          video: { id: video },
          author: { name: sender.user.name },
        },
      },
    }));
    for (const watch of watches) expect(await watch.until(2)).toEqual(expected);

    await Promise.all(sockets.map((socket) => socket.dispose()));
    // the last subscriber gone, the gateway leaves the subject
    await eventually(() => expect(stack.realtime.watching(subject)).toBeNull());
  });
});
