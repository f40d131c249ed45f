/**
 * What tiny hostile operations cost a running gateway: pages of pages nested under one author
 * (through `user` and through the feed), 1 000 and 10 000 aliases of one field, and 30 aliased
 * `register` fields in one mutation. Each is sent 3 times, each time as a fresh document (its own
 * operation name, so no plan cache applies), and the script prints the HTTP status, the first
 * error code, the wall ms and, for every `--pid`, the CPU ms that process spent meanwhile.
 *   npx tsx scripts/hostile-queries.ts <gatewayUrl> [--author <userId>] [--videos <n>]
 *     [--pid [name=]<pid>]...
 * The nested queries cost per video of one author: without --author the script registers a user
 * and publishes --videos (default 47) tiny clips through publishVideo, and prints the id to reuse.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { graphql, makeVideo, seeder, uniqueName, uploadGraphql } from '@reel/testkit';

const TRIES = 3;
const REQUEST_TIMEOUT_MS = 120_000;
const CLOCK_TICKS_PER_SECOND = 100; // USER_HZ of /proc/<pid>/stat on Linux

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    author: { type: 'string' },
    videos: { type: 'string', default: '47' },
    pid: { type: 'string', multiple: true, default: [] },
  },
});
const gatewayUrl = positionals[0]?.replace(/\/$/, '');
if (!gatewayUrl) {
  console.error(
    'usage: npx tsx scripts/hostile-queries.ts <gatewayUrl> [--author <userId>] [--videos <n>] [--pid [name=]<pid>]...',
  );
  process.exit(2);
}
const watched = values.pid.map((spec) => {
  const [name, pid] = spec.includes('=') ? spec.split('=', 2) : [`pid ${spec}`, spec];
  return { name: name!, pid: Number(pid) };
});

/** CPU ms (user + system) a process has used so far, from /proc/<pid>/stat. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // fields from the 3rd on
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

interface Outcome {
  status: number;
  code: string;
  wallMs: number;
  cpuMs: number[];
  bytes: number;
  message: string;
}

async function send(query: string): Promise<Outcome> {
  const cpuBefore = watched.map((w) => cpuMs(w.pid));
  const started = performance.now();
  let status = 0;
  let text = '';
  try {
    const response = await fetch(`${gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    status = response.status;
    text = await response.text();
  } catch (error) {
    text = JSON.stringify({ errors: [{ extensions: { code: (error as Error).name } }] });
  }
  const wallMs = Math.round(performance.now() - started);
  let code = 'not JSON';
  let message = text.slice(0, 60);
  try {
    const body = JSON.parse(text) as {
      errors?: { message?: string; extensions?: { code?: string } }[];
    };
    code = body.errors?.length
      ? `${body.errors[0]?.extensions?.code ?? 'error'} ×${body.errors.length}`
      : 'ok';
    message = body.errors?.[0]?.message?.slice(0, 60) ?? '';
  } catch {
    // a non-JSON answer (an HTML 413 page) keeps 'not JSON'
  }
  const cpu = watched.map((w, i) => Math.round(cpuMs(w.pid) - cpuBefore[i]!));
  return { status, code, wallMs, cpuMs: cpu, bytes: Buffer.byteLength(text), message };
}

/** A user with `count` videos, published through the public API as a client would. */
async function seedAuthor(count: number): Promise<string> {
  const { user, token } = await seeder(gatewayUrl!).user(uniqueName('hq'));
  const clip = await makeVideo({ seconds: 1, width: 160, height: 120, audio: false });
  try {
    for (let i = 0; i < count; i += 1) {
      const published = await uploadGraphql<{ publishVideo: { id: string } }>(
        gatewayUrl!,
        {
          query:
            'mutation ($title: String!, $file: Upload!) { publishVideo(title: $title, file: $file) { id } }',
          variables: { title: `hostile ${i + 1}` },
          file: clip,
        },
        { token },
      );
      if (!published.body.data?.publishVideo)
        throw new Error(`publish ${i + 1} failed: ${JSON.stringify(published.body.errors)}`);
    }
  } finally {
    rmSync(path.dirname(clip), { recursive: true, force: true });
  }
  return user.id;
}

const pageOfPages =
  'videos(first: 50) { edges { node { author { videos(first: 50) { edges { node { id } } } } } } }';

const attacks: { name: string; document: (op: string, author: string, feed: string) => string }[] =
  [
    {
      name: 'nested via user',
      document: (op, author) => `query ${op} { user(id: "${author}") { ${pageOfPages} } }`,
    },
    {
      name: 'nested via feed',
      document: (op, _author, feed) =>
        `query ${op} { ${feed.replace('$', `author { ${pageOfPages} }`)} }`,
    },
    ...[1_000, 10_000].map((count) => ({
      name: `${count} aliases of video`,
      document: (op: string) =>
        `query ${op} { ${Array.from({ length: count }, (_, i) => `a${i}: video(id: "1") { id }`).join(' ')} }`,
    })),
    {
      name: '30 aliased register',
      document: (op: string) =>
        `mutation ${op} { ${Array.from(
          { length: 30 },
          (_, i) => `r${i}: register(username: "${op}_${i}", password: "hostile-pass") { token }`,
        ).join(' ')} }`,
    },
  ];

(async () => {
  // the feed became a cursor connection: use the shape this gateway accepts ($ = the video)
  const connection = await graphql(gatewayUrl, '{ feed(first: 1) { edges { cursor } } }');
  const feed = connection.errors?.length
    ? 'feed(first: 30) { videos { $ } }'
    : 'feed(first: 30) { edges { node { $ } } }';
  let author = values.author;
  if (!author) {
    const count = Number(values.videos);
    console.log(`seeding a user with ${count} videos through publishVideo…`);
    author = await seedAuthor(count);
    console.log(`seeded: --author ${author}`);
  }
  await graphql(gatewayUrl, '{ __typename }'); // a connection and the gateway's first request

  const cpuHeads = watched.map((w) => `cpu ms ${w.name}`);
  const row = (cells: (string | number)[], message: string) =>
    cells
      .map((cell, i) => {
        const width = [28, 4, 8, 22, 9, ...cpuHeads.map((h) => h.length + 2), 10][i]!;
        return i === 0 || i === 3 ? `${cell}`.padEnd(width) : `${cell}`.padStart(width);
      })
      .join('') + `  ${message}`;
  console.log(`${gatewayUrl}, author ${author}, feed as ${feed}`);
  console.log(
    row(['attack', 'try', 'status', '  answer', 'wall ms', ...cpuHeads, 'bytes'], 'message'),
  );
  for (const attack of attacks) {
    for (let i = 1; i <= TRIES; i += 1) {
      const op = `H${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
      const { status, code, wallMs, cpuMs, bytes, message } = await send(
        attack.document(op, author, feed),
      );
      console.log(row([attack.name, i, status, `  ${code}`, wallMs, ...cpuMs, bytes], message));
    }
  }
})().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
