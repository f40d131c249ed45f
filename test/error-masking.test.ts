import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { graphql, runEnv, seeder, TcpProxy } from '@reel/testkit';
import { videos } from '@reel/video-subgraph/db/schema';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { captureLogs, type LogLine, type Stack, startStack } from './harness';

// comments come from the interaction subgraph's `comments` table, which no cache fronts
const COMMENTS =
  'query ($id: ID!) { video(id: $id) { id comments(first: 5) { edges { node { id } } } } }';

/** Whatever of a driver or SQL error a client must never see. */
const LEAKS =
  /select|from `|comments_gone|ER_[A-Z_]+|ECONNREFUSED|127\.0\.0\.1|\bat .+:\d+:\d+|stack/i;

describe.each(['remote', 'in-process'])(
  'RELIABILITY row 8: error masking with MySQL failing, subgraphs %s',
  (topology) => {
    const { hostname, port } = new URL(runEnv().mysqlUrl);
    const mysqlRelay = new TcpProxy(hostname, Number(port || 3306));
    const logs = captureLogs();
    let stack: Stack;
    let videoId: string;

    beforeAll(async () => {
      await mysqlRelay.start();
      stack = await startStack(
        { GATEWAY_SUBGRAPHS: topology, LOG_LEVEL: 'warn' },
        { mysqlPort: mysqlRelay.port, logDestination: logs },
      );
      const { user } = await seeder(stack.gatewayUrl).user();
      const [inserted] = await stack.subgraphs.video.mysql.db
        .insert(videos)
        .values(fakeVideoRow(Number(user.id), 'masking', new Date(Date.now() - 60_000)))
        .$returningId();
      videoId = String(inserted!.id);
    });
    afterAll(async () => {
      await stack?.close();
      await mysqlRelay.stop();
    });

    const ask = async (requestId: string) => {
      const response = await graphql(
        stack.gatewayUrl,
        COMMENTS,
        { id: videoId },
        { headers: { 'x-request-id': requestId } },
      );
      return { response, raw: JSON.stringify(response) };
    };
    const linesOf = (requestId: string) =>
      logs.lines.filter((line: LogLine) => line.requestId === requestId);

    it('MySQL unreachable (its relay closed): UNAVAILABLE, generic; the log has the driver error under the request id', async () => {
      await mysqlRelay.stop(); // cuts every pooled connection and refuses new ones
      const requestId = `mask-down-${randomUUID()}`;
      let answer;
      try {
        answer = await ask(requestId);
      } finally {
        await mysqlRelay.start(); // the same port again
      }
      expect(answer.response).toEqual({
        status: 200,
        data: { video: null },
        errors: [
          {
            message: expect.stringMatching(
              /^A backing service is unreachable|did not answer in time|^The database/,
            ),
            path: ['video'],
            extensions: { code: 'UNAVAILABLE', serviceName: expect.any(String) },
          },
        ],
      });
      expect(answer.raw).not.toMatch(LEAKS);
      const logged = linesOf(requestId);
      expect(logged).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            requestId,
            err: expect.objectContaining({
              stack: expect.stringMatching(/ECONNREFUSED|ECONNRESET|connect|closed/i),
            }),
          }),
        ]),
      );
    });

    it('a failing statement (its table renamed away): INTERNAL, no SQL and no stack; the log has the SQL error under the request id', async () => {
      const { db } = stack.subgraphs.interaction.mysql;
      await db.execute(sql`RENAME TABLE comments TO comments_gone`);
      const requestId = `mask-sql-${randomUUID()}`;
      let answer;
      try {
        answer = await ask(requestId);
      } finally {
        await db.execute(sql`RENAME TABLE comments_gone TO comments`);
      }
      expect(answer.response).toEqual({
        status: 200,
        data: { video: null },
        errors: [
          {
            message: 'Internal server error',
            path: expect.arrayContaining(['video']),
            extensions: { code: 'INTERNAL' },
          },
        ],
      });
      expect(answer.raw).not.toMatch(LEAKS);
      expect(linesOf(requestId)).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            level: 50,
            requestId,
            err: expect.objectContaining({
              stack: expect.stringMatching(/comments/),
            }),
          }),
        ]),
      );
      // and it answers again once the table is back
      const after = await ask(`mask-after-${randomUUID()}`);
      expect(after.response).toEqual({
        status: 200,
        data: { video: { id: videoId, comments: { edges: [] } } },
      });
    });
  },
);
