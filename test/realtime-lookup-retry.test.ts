import { connect, headers, type NatsConnection } from 'nats';
import { videoComment } from '@reel/contracts';
import { eventually, graphql, runEnv, seeder, TcpProxy } from '@reel/testkit';
import { openSocket, type Stack, startStack, untilWatching } from './harness';

// Found by `npm run chaos`: a comment committed and published while MariaDB went down reached
// the live subscriber as UNAVAILABLE in its place, because its one lookup failed. The edge now
// retries such a lookup (limits.realtimeLookupRetry) until the database is back.
const ADDED = 'subscription ($v: ID!) { commentAdded(videoId: $v) { id content } }';
const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

describe.each(['remote', 'in-process'])(
  'a live event whose lookup fails while MariaDB is down, subgraphs %s',
  (topology) => {
    const { hostname, port } = new URL(runEnv().mysqlUrl);
    const mysqlRelay = new TcpProxy(hostname, Number(port || 3306));
    let stack: Stack;
    let nc: NatsConnection;

    beforeAll(async () => {
      await mysqlRelay.start();
      stack = await startStack({ GATEWAY_SUBGRAPHS: topology }, { mysqlPort: mysqlRelay.port });
      nc = await connect({ servers: natsUrl });
    });
    afterAll(async () => {
      mysqlRelay.thaw();
      await nc?.close();
      await stack?.close();
      await mysqlRelay.stop();
    });

    it('is delivered once the database is back, not replaced by an error', async () => {
      const seed = seeder(stack.gatewayUrl);
      const author = await seed.user();
      const video = await seed.video(author.token);
      const subject = videoComment.subject(stack.namespace, video.id);
      const socket = await openSocket(stack.gatewayUrl);
      const live = socket.subscribe(ADDED, { v: video.id });
      await untilWatching(stack.realtime, subject, 1);
      const added = await graphql<{ addComment: { id: string } }>(
        stack.gatewayUrl,
        'mutation ($v: ID!) { addComment(videoId: $v, content: "written before the outage") { id } }',
        { v: video.id },
        { token: author.token },
      );
      const comment = { id: added.data!.addComment.id, content: 'written before the outage' };
      // its own event came and went: nothing else is on the way
      expect(await live.until(1)).toEqual([{ data: { commentAdded: comment } }]);

      // the event again, as a relay that re-sends it, while every query of the lookup times out
      mysqlRelay.freeze();
      const before = stack.realtime.stats().hydrations;
      const msgHeaders = headers();
      msgHeaders.set('Nats-Msg-Id', `lookup-retry-${comment.id}`);
      const payload = videoComment.schema.parse({
        kind: 'added',
        id: comment.id,
        videoId: video.id,
      });
      nc.publish(subject, JSON.stringify(payload), { headers: msgHeaders });
      // the lookup failed UNAVAILABLE (the statement timeout), and was tried again
      await eventually(
        () => expect(stack.realtime.stats().hydrations).toBeGreaterThanOrEqual(before + 2),
        { timeoutMs: 20_000 },
      );
      expect(live.received).toHaveLength(1);
      mysqlRelay.thaw();

      expect(await live.until(2)).toEqual([
        { data: { commentAdded: comment } },
        { data: { commentAdded: comment } },
      ]);
      socket.dispose();
    });
  },
);
