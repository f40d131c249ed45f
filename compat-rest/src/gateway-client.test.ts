import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import busboy from 'busboy';
import { createGatewayClient } from './gateway-client';

interface FakeAnswer {
  status: number;
  body: string;
}

/** A stand-in gateway that records what it was sent and answers as told. */
async function fakeGateway(answer: FakeAnswer) {
  const received: { headers: IncomingHttpHeaders; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({
        headers: req.headers,
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
      });
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const call = { document: 'query Q { viewer { id } }', variables: { a: 1 }, requestId: 'req-1' };

describe('gateway client', () => {
  it('posts the operation with the CSRF header, the request id and the token as a bearer', async () => {
    const gateway = await fakeGateway({ status: 200, body: '{"data":{"viewer":{"id":"7"}}}' });
    try {
      const data = await createGatewayClient(gateway.url).execute({
        ...call,
        operationName: 'Q',
        token: 'jwt.x.y',
      });
      expect(data).toEqual({ viewer: { id: '7' } });
      expect(gateway.received[0]?.body).toEqual({
        query: call.document,
        operationName: 'Q',
        variables: { a: 1 },
      });
      expect(gateway.received[0]?.headers).toMatchObject({
        'content-type': 'application/json',
        'apollo-require-preflight': 'true',
        'x-request-id': 'req-1',
        authorization: 'Bearer jwt.x.y',
      });
    } finally {
      await gateway.close();
    }
  });

  it('sends no authorization header without a token', async () => {
    const gateway = await fakeGateway({ status: 200, body: '{"data":{"viewer":null}}' });
    try {
      await createGatewayClient(gateway.url).execute(call);
      expect(gateway.received[0]?.headers.authorization).toBeUndefined();
    } finally {
      await gateway.close();
    }
  });

  it.each([
    [
      'a coded error keeps its code and message, whatever the HTTP status',
      {
        status: 401,
        body: '{"errors":[{"message":"The token has expired","extensions":{"code":"UNAUTHENTICATED"}}]}',
      },
      { code: 'UNAUTHENTICATED', statusCode: 401, message: 'The token has expired' },
    ],
    [
      'a coded error without a message gets the table message',
      {
        status: 200,
        body: '{"data":null,"errors":[{"message":"","extensions":{"code":"CONFLICT"}}]}',
      },
      { code: 'CONFLICT', statusCode: 409, message: 'Already exists' },
    ],
    [
      'an uncoded error is INTERNAL and its text stays hidden',
      { status: 200, body: '{"errors":[{"message":"ER_NO_SUCH_TABLE users"}]}' },
      { code: 'INTERNAL', statusCode: 500, message: 'Internal error' },
    ],
    [
      'a body that is not GraphQL is UNAVAILABLE',
      { status: 502, body: '<html>Bad Gateway</html>' },
      { code: 'UNAVAILABLE', statusCode: 503 },
    ],
    [
      'a response with neither data nor errors is UNAVAILABLE',
      { status: 200, body: '{}' },
      { code: 'UNAVAILABLE' },
    ],
  ])('%s', async (_name, answer, expected) => {
    const gateway = await fakeGateway(answer);
    try {
      await expect(createGatewayClient(gateway.url).execute(call)).rejects.toMatchObject(expected);
    } finally {
      await gateway.close();
    }
  });

  it('reports an unreachable gateway as UNAVAILABLE', async () => {
    const gateway = await fakeGateway({ status: 200, body: '{}' });
    await gateway.close();
    await expect(createGatewayClient(gateway.url).execute(call)).rejects.toMatchObject({
      code: 'UNAVAILABLE',
      message: 'Service temporarily unavailable',
    });
  });

  it('refuses a token that cannot travel in a header as UNAUTHENTICATED, without calling out', async () => {
    const gateway = await fakeGateway({ status: 200, body: '{}' });
    try {
      await expect(
        createGatewayClient(gateway.url).execute({ ...call, token: 'tök\nen' }),
      ).rejects.toMatchObject({
        code: 'UNAUTHENTICATED',
      });
      expect(gateway.received).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });
});

describe('gateway client uploads', () => {
  /** A stand-in gateway that reads a GraphQL multipart request and answers as told. */
  async function fakeUploadGateway(answer: FakeAnswer) {
    const received: {
      headers: IncomingHttpHeaders;
      fields: Record<string, unknown>;
      files: { name: string; filename: string; mimeType: string; bytes: Buffer }[];
    }[] = [];
    const server: Server = createServer((req, res) => {
      const request = { headers: req.headers, fields: {}, files: [] } as (typeof received)[number];
      const parser = busboy({ headers: req.headers });
      parser.on('field', (name, value) => (request.fields[name] = JSON.parse(value)));
      parser.on('file', (name, file, info) => {
        const chunks: Buffer[] = [];
        file.on('data', (chunk: Buffer) => chunks.push(chunk));
        file.on('end', () =>
          request.files.push({
            name,
            filename: info.filename ?? '',
            mimeType: info.mimeType,
            bytes: Buffer.concat(chunks),
          }),
        );
      });
      parser.on('close', () => {
        received.push(request);
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      });
      req.pipe(parser);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      received,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    };
  }

  let dir: string;
  let file: string;
  const bytes = Buffer.from('pretend this is an mp4');
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'reel-upload-test-'));
    file = path.join(dir, 'spooled.upload');
    await writeFile(file, bytes);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const uploadCall = () => ({
    ...call,
    document:
      'mutation P($title: String!, $file: Upload!) { publishVideo(title: $title, file: $file) { id } }',
    variables: { title: 'Bear' },
    token: 'jwt.x.y',
    file: { variable: 'file', path: file, filename: 'bear.mp4' },
  });

  it('sends a GraphQL multipart request, chunked, the file as an opaque octet stream', async () => {
    const gateway = await fakeUploadGateway({
      status: 200,
      body: '{"data":{"publishVideo":{"id":"9"}}}',
    });
    try {
      const data = await createGatewayClient(gateway.url).upload(uploadCall());
      expect(data).toEqual({ publishVideo: { id: '9' } });
      const [request] = gateway.received;
      expect(request?.fields).toEqual({
        operations: {
          query: uploadCall().document,
          variables: { title: 'Bear', file: null },
        },
        map: { 0: ['variables.file'] },
      });
      expect(request?.files).toEqual([
        { name: '0', filename: 'bear.mp4', mimeType: 'application/octet-stream', bytes },
      ]);
      expect(request?.headers).toMatchObject({
        'content-type': expect.stringMatching(/^multipart\/form-data; boundary=/),
        'transfer-encoding': 'chunked',
        'apollo-require-preflight': 'true',
        'x-request-id': 'req-1',
        authorization: 'Bearer jwt.x.y',
      });
    } finally {
      await gateway.close();
    }
  });

  it('reports a coded error like any other call', async () => {
    const gateway = await fakeUploadGateway({
      status: 415,
      body: '{"errors":[{"message":"The file is not a supported video","extensions":{"code":"UNSUPPORTED_MEDIA_TYPE"}}]}',
    });
    try {
      await expect(createGatewayClient(gateway.url).upload(uploadCall())).rejects.toMatchObject({
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: 'The file is not a supported video',
      });
    } finally {
      await gateway.close();
    }
  });

  it('reports an unreachable gateway as UNAVAILABLE', async () => {
    const gateway = await fakeUploadGateway({ status: 200, body: '{}' });
    await gateway.close();
    await expect(createGatewayClient(gateway.url).upload(uploadCall())).rejects.toMatchObject({
      code: 'UNAVAILABLE',
    });
  });
});
