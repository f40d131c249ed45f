import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { graphql } from './graphql';
import { makeVideo, publishMutation, uploadGraphql } from './media';

/** Short unique usernames (≤ 20 chars) so every test builds its own world. */
export function uniqueName(prefix = 'u'): string {
  return `${prefix.slice(0, 6)}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface SeededUser {
  user: { id: string; name: string };
  token: string;
  password: string;
}

/** A published video, as publishVideo answers it (the selection of `publishMutation`). */
export interface SeededVideo {
  id: string;
  title: string;
  playUrl: string;
  coverUrl: string;
  thumbnailUrl: string;
  createdAt: string;
  createdAtMs: number;
  duration: number;
  width: number;
  height: number;
  author: { id: string; name: string };
}

// one small real clip per test process, made on first use: ffmpeg is the slow part of a publish
let seedClip: Promise<string> | undefined;
function clipForSeeding(): Promise<string> {
  seedClip ??= makeVideo({ seconds: 1, width: 160, height: 120 }).then((file) => {
    process.once('exit', () => rmSync(path.dirname(file), { recursive: true, force: true }));
    return file;
  });
  return seedClip;
}

/** Seeds through the public API, so seeded users are exactly what a client would create. */
export function seeder(gatewayUrl: string) {
  return {
    async user(name = uniqueName(), password = 'secret-pass'): Promise<SeededUser> {
      const response = await graphql<{
        register: { token: string; user: { id: string; name: string } };
      }>(
        gatewayUrl,
        'mutation Seed($name: String!, $password: String!) { register(username: $name, password: $password) { token user { id name } } }',
        { name, password },
      );
      if (!response.data?.register)
        throw new Error(`seeding user ${name} failed: ${JSON.stringify(response.errors)}`);
      return { ...response.data.register, password };
    },

    /**
     * Publishes a real clip as the token's user through the gateway's GraphQL multipart
     * publishVideo (upload, probe, cover, thumbnail, outbox), as the web client does.
     */
    async video(
      token: string,
      { title = 'a seeded clip' }: { title?: string } = {},
    ): Promise<SeededVideo> {
      const response = await uploadGraphql<{ publishVideo: SeededVideo }>(
        gatewayUrl,
        { query: publishMutation, variables: { title }, file: await clipForSeeding() },
        { token },
      );
      if (!response.body.data?.publishVideo)
        throw new Error(
          `seeding video "${title}" failed (HTTP ${response.status}): ${JSON.stringify(response.body.errors)}`,
        );
      return response.body.data.publishVideo;
    },
  };
}
