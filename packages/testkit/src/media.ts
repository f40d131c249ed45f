import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpegPath from '@ffmpeg-installer/ffmpeg';
import { graphqlUploadForm, readJsonBody, sendForm } from '@reel/common';

const run = promisify(execFile);

/**
 * A real H.264 MP4 made at test time by ffmpeg from a lavfi source (`testsrc2`, `mandelbrot`,
 * `life=…`) and a tone. `fps` and `audio: false` make cheap edge cases: a 240 fps clip, an
 * hour of 16×16 at 1 fps.
 */
export async function makeVideo(
  options: {
    seconds?: number;
    width?: number;
    height?: number;
    pattern?: string;
    fps?: number;
    audio?: boolean;
  } = {},
): Promise<string> {
  const {
    seconds = 1,
    width = 320,
    height = 240,
    pattern = 'testsrc2',
    fps = 24,
    audio = true,
  } = options;
  const dir = await mkdtemp(path.join(tmpdir(), 'reel-clip-'));
  const file = path.join(dir, 'clip.mp4');
  const tone = ['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`];
  await run(ffmpegPath.path, [
    '-v',
    'error',
    '-f',
    'lavfi',
    '-i',
    `${pattern}${pattern.includes('=') ? ':' : '='}size=${width}x${height}:rate=${fps}`,
    ...(audio ? tone : []),
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    ...(audio ? ['-c:a', 'aac'] : ['-an']),
    '-t',
    String(seconds),
    '-movflags',
    '+faststart',
    '-y',
    file,
  ]);
  return file;
}

export interface UploadResponse<TData> {
  status: number;
  body: { data?: TData | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

/**
 * Sends a GraphQL multipart request the way web clients do, streaming the file (chunked, no
 * Content-Length) so the server's streaming limits are what gets tested.
 */
export async function uploadGraphql<TData = Record<string, unknown>>(
  gatewayUrl: string,
  request: {
    query: string;
    variables: Record<string, unknown>;
    file: string | Buffer;
    fileVariable?: string;
    filename?: string;
  },
  options: { token?: string; knownLength?: boolean } = {},
): Promise<UploadResponse<TData>> {
  const fileVariable = request.fileVariable ?? 'file';
  const form = graphqlUploadForm(
    { query: request.query, variables: { ...request.variables, [fileVariable]: null } },
    {
      variable: fileVariable,
      content: Buffer.isBuffer(request.file) ? request.file : createReadStream(request.file),
      filename: request.filename ?? 'clip.mp4',
      contentType: 'video/mp4',
    },
  );
  const headers: Record<string, string | number> = {
    ...form.getHeaders(),
    'apollo-require-preflight': 'true',
  };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.knownLength)
    headers['content-length'] = await new Promise<number>((resolve, reject) =>
      form.getLength((error, length) => (error ? reject(error) : resolve(length))),
    );
  const outgoing = httpRequest(`${gatewayUrl}/graphql`, { method: 'POST', headers });
  try {
    const response = await sendForm(form, outgoing);
    return {
      status: response.statusCode ?? 0,
      body: (await readJsonBody(response)) as UploadResponse<TData>['body'],
    };
  } finally {
    if (!outgoing.writableFinished) outgoing.destroy();
  }
}

export const publishMutation = `mutation Publish($title: String!, $file: Upload!) {
  publishVideo(title: $title, file: $file) { id title playUrl coverUrl thumbnailUrl createdAt createdAtMs duration width height author { id name } }
}`;
