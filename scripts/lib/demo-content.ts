import { rm } from 'node:fs/promises';
import path from 'node:path';
import { graphql, makeVideo, uploadGraphql } from '@reel/testkit';

/**
 * The demo world a fresh `npm start` shows: a few users, each with short generated clips that go
 * through the real publishing pipeline (sniff, ffprobe, cover, thumbnail, outbox). Idempotent:
 * users log in when they exist, and a clip is published only when its author lacks its title.
 */
const demoUsers = [
  {
    name: 'reel_aurora',
    clips: [
      { title: 'Test pattern at dawn', pattern: 'testsrc2' },
      { title: 'Colour bars, live', pattern: 'smptehdbars' },
    ],
  },
  {
    name: 'reel_basil',
    clips: [
      { title: 'Into the Mandelbrot set', pattern: 'mandelbrot' },
      {
        title: 'Game of Life, 3 seconds',
        pattern: 'life=mold=10:ratio=0.5:death_color=#101020:life_color=#50e0a0',
      },
    ],
  },
  {
    name: 'reel_cyan',
    clips: [
      { title: 'Cellular automaton rule 110', pattern: 'cellauto=rule=110' },
      { title: 'RGB test card', pattern: 'rgbtestsrc' },
    ],
  },
] as const;

export const demoPassword = 'reel-demo-password';

interface Session {
  token: string;
  user: { id: string };
}

async function sessionFor(gatewayUrl: string, name: string): Promise<Session> {
  const variables = { u: name, p: demoPassword };
  const login = await graphql<{ login: Session }>(
    gatewayUrl,
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token user { id } } }',
    variables,
  );
  if (login.data?.login) return login.data.login;
  const register = await graphql<{ register: Session }>(
    gatewayUrl,
    'mutation ($u: String!, $p: String!) { register(username: $u, password: $p) { token user { id } } }',
    variables,
  );
  if (register.data?.register) return register.data.register;
  throw new Error(`demo user ${name}: ${JSON.stringify(register.errors ?? login.errors)}`);
}

async function publishedTitles(gatewayUrl: string, token: string): Promise<Set<string>> {
  const response = await graphql<{ viewer: { videos: { edges: { node: { title: string } }[] } } }>(
    gatewayUrl,
    '{ viewer { videos(first: 50) { edges { node { title } } } } }',
    {},
    { token },
  );
  return new Set(response.data?.viewer.videos.edges.map((edge) => edge.node.title) ?? []);
}

export async function seedDemo(
  gatewayUrl: string,
  say: (line: string) => void,
): Promise<{ users: number; published: number }> {
  const total = demoUsers.reduce((sum, user) => sum + user.clips.length, 0);
  let done = 0;
  let published = 0;
  for (const demo of demoUsers) {
    const session = await sessionFor(gatewayUrl, demo.name);
    const existing = await publishedTitles(gatewayUrl, session.token);
    for (const clip of demo.clips) {
      done += 1;
      if (existing.has(clip.title)) continue;
      say(`demo content: publishing ${done}/${total} "${clip.title}" by ${demo.name}`);
      const file = await makeVideo({ seconds: 3, width: 360, height: 640, pattern: clip.pattern });
      try {
        const response = await uploadGraphql(
          gatewayUrl,
          {
            query:
              'mutation ($title: String!, $file: Upload!) { publishVideo(title: $title, file: $file) { id } }',
            variables: { title: clip.title },
            file,
          },
          { token: session.token },
        );
        if (response.body.errors)
          throw new Error(
            `publishing "${clip.title}": ${response.body.errors.map((e) => e.message).join('; ')}`,
          );
        published += 1;
      } finally {
        await rm(path.dirname(file), { recursive: true, force: true });
      }
    }
  }
  return { users: demoUsers.length, published };
}
