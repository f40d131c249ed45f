import { request as httpRequest } from 'node:http';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import FormData from 'form-data';
import { cacheKeys, errorTable } from '@reel/common';
import { users } from '@reel/user-subgraph/db/schema';
import { videos } from '@reel/video-subgraph/db/schema';
import {
  errorCodes,
  graphql,
  makeVideo,
  publishMutation,
  seeder,
  uniqueName,
  uploadGraphql,
} from '@reel/testkit';
import { fakeVideoRow } from '@reel/video-subgraph/db/fake-rows';
import { seedVideo, type Stack, startStack } from './harness';

const MISSING_USER_ID = 987_654_321; // no account has it: this file's database is its own

interface DouyinFeed {
  status_code: number;
  video_list: { id: number; author: { id: number; name: string; avatar: string } }[];
}

describe.each(['remote', 'in-process'])(
  'accounts that no longer exist, subgraphs %s',
  (topology) => {
    let stack: Stack;
    let clip: string;
    beforeAll(async () => {
      stack = await startStack({ GATEWAY_SUBGRAPHS: topology });
      clip = await makeVideo({ seconds: 1, width: 160, height: 120 });
    });
    afterAll(async () => {
      await stack.close();
      await rm(path.dirname(clip), { recursive: true, force: true });
    });

    /** A seeded account whose row is then deleted: its token stays well-signed and unexpired. */
    async function deletedAccount() {
      const seeded = await seeder(stack.gatewayUrl).user();
      await stack.subgraphs.user.mysql.db.delete(users).where(eq(users.id, Number(seeded.user.id)));
      // as README "Caches and consistency" asks of a deletion: the row, then its version keys
      await stack.bumpCacheVersions([cacheKeys.user(seeded.user.id)]);
      return seeded;
    }

    it('a video whose author row is missing shows a placeholder author and keeps the feed up', async () => {
      const author = await seeder(stack.gatewayUrl).user();
      const { db } = stack.subgraphs.video.mysql;
      const now = Date.now();
      const [kept] = await db
        .insert(videos)
        .values(fakeVideoRow(Number(author.user.id), 'kept', new Date(now - 2_000)));
      const [orphan] = await db
        .insert(videos)
        .values(fakeVideoRow(MISSING_USER_ID, 'orphan', new Date(now - 1_000)));

      const byId = await graphql(
        stack.gatewayUrl,
        'query ($id: ID!) { video(id: $id) { id author { id name avatar } } }',
        { id: String(orphan.insertId) },
      );
      expect(byId).toEqual({
        status: 200,
        data: {
          video: {
            id: String(orphan.insertId),
            author: {
              id: String(MISSING_USER_ID),
              name: '[deleted]',
              avatar: `${stack.config.public.baseUrl}/static/default-avatar.png`,
            },
          },
        },
      });

      const response = await fetch(`${stack.restUrl}/douyin/feed/`);
      const feed = (await response.json()) as DouyinFeed;
      expect(feed.status_code).toBe(0);
      expect(
        feed.video_list
          .filter((video) => [orphan.insertId, kept.insertId].includes(video.id))
          .map((video) => [video.id, video.author.id, video.author.name]),
      ).toEqual([
        [orphan.insertId, MISSING_USER_ID, '[deleted]'],
        [kept.insertId, Number(author.user.id), author.user.name],
      ]);
    });

    it('refuses publishVideo with the token of a deleted account, and stores nothing', async () => {
      const gone = await deletedAccount();
      const response = await uploadGraphql(
        stack.gatewayUrl,
        { query: publishMutation, variables: { title: 'ghost' }, file: clip },
        { token: gone.token },
      );
      expect(response).toEqual({
        status: 401,
        body: {
          errors: [
            {
              message: 'The account of this token no longer exists',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        },
      });
      const rows = await stack.subgraphs.video.mysql.db
        .select()
        .from(videos)
        .where(eq(videos.authorId, Number(gone.user.id)));
      expect(rows).toEqual([]);
    });

    it('refuses the next like on every gateway once the account that wrote is deleted (live-account cache)', async () => {
      const author = await seeder(stack.gatewayUrl).user();
      const fan = await seeder(stack.gatewayUrl).user();
      const now = Date.now();
      // created_at is unique: one instant each
      const videoIds = await Promise.all(
        ['first', 'second', 'third'].map((title, i) =>
          seedVideo(stack, author.user.id, `${title} ${uniqueName('v')}`, new Date(now - i)),
        ),
      );
      // a second gateway process: its own live-account cache, the same Redis and database
      const other = await stack.startGateway();
      const like = (url: string, videoId: string) =>
        graphql(
          url,
          'mutation ($v: ID!) { likeVideo(videoId: $v) { id } }',
          { v: videoId },
          {
            token: fan.token,
          },
        );
      // both gateways have confirmed the account (and keep the answer)
      expect(errorCodes(await like(stack.gatewayUrl, videoIds[0]!))).toEqual([]);
      expect(errorCodes(await like(other.url, videoIds[1]!))).toEqual([]);

      // the deletion, as README "Caches and consistency" asks: the row, then account:<id> (the
      // gateway's live-account marks) and user:<id> (the user subgraph's cached row)
      await stack.subgraphs.user.mysql.db.delete(users).where(eq(users.id, Number(fan.user.id)));
      await stack.bumpCacheVersions([cacheKeys.account(fan.user.id), cacheKeys.user(fan.user.id)]);
      for (const url of [stack.gatewayUrl, other.url])
        expect(await like(url, videoIds[2]!)).toEqual({
          status: 401,
          errors: [
            {
              message: 'The account of this token no longer exists',
              extensions: { code: 'UNAUTHENTICATED' },
            },
          ],
        });
    });

    it('refuses /douyin/publish/action/ with that token too', async () => {
      const gone = await deletedAccount();
      const form = new FormData();
      form.append('data', Buffer.from('not even a video'), { filename: 'clip.mp4' });
      form.append('token', gone.token);
      form.append('title', 'ghost');
      const body = await new Promise<unknown>((resolve, reject) => {
        const outgoing = httpRequest(`${stack.restUrl}/douyin/publish/action/`, {
          method: 'POST',
          headers: form.getHeaders(),
        });
        outgoing.on('error', reject);
        outgoing.once('response', async (res) => {
          const chunks: Buffer[] = [];
          for await (const chunk of res) chunks.push(chunk as Buffer);
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
        form.pipe(outgoing);
      });
      expect(body).toEqual({
        status_code: errorTable.UNAUTHENTICATED.httpStatus,
        status_msg: 'The account of this token no longer exists',
      });
    });

    it('lets register and login through even when a stale token comes along', async () => {
      const gone = await deletedAccount();
      const name = uniqueName('again');
      const registered = await graphql(
        stack.gatewayUrl,
        'mutation ($u: String!) { register(username: $u, password: "secret-pass") { user { name } } }',
        { u: name },
        { token: gone.token },
      );
      const loggedIn = await graphql(
        stack.gatewayUrl,
        'mutation ($u: String!) { login(username: $u, password: "secret-pass") { user { name } } }',
        { u: name },
        { token: gone.token },
      );
      expect([errorCodes(registered), errorCodes(loggedIn)]).toEqual([[], []]);
      expect(registered.data).toEqual({ register: { user: { name } } });
    });

    it('still lets a live account publish', async () => {
      const author = await seeder(stack.gatewayUrl).user();
      const response = await uploadGraphql<{ publishVideo: { author: { id: string } } }>(
        stack.gatewayUrl,
        { query: publishMutation, variables: { title: 'alive' }, file: clip },
        { token: author.token },
      );
      expect(response.body.errors).toBeUndefined();
      expect(response.body.data?.publishVideo.author.id).toBe(author.user.id);
    });
  },
);
