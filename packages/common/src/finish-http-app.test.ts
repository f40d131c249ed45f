import { createLogger } from './logger';
import { createHttpApp, finishHttpApp, listen, type RunningServer } from './service';

const log = createLogger({ logLevel: 'silent' }, 'test');

describe('finishHttpApp answers errors raised by middleware', () => {
  let server: RunningServer;
  beforeAll(async () => {
    const app = createHttpApp('test', log, {});
    // what `send` (express.static) raises for a missing file: the fs error, status 404, unexposed
    app.get('/missing-file', (_req, _res, next) => {
      const enoent = Object.assign(new Error("ENOENT: no such file, stat '/srv/media/x.mp4'"), {
        code: 'ENOENT',
        status: 404,
        statusCode: 404,
        expose: false,
      });
      next(enoent);
    });
    // what `send` has done before it finds a range unsatisfiable: the file's headers are set
    app.get('/labelled-as-file', (_req, res, next) => {
      res.setHeader('content-type', 'video/mp4');
      res.setHeader('cache-control', 'public, max-age=31536000, immutable');
      res.setHeader('content-range', 'bytes */8');
      next(Object.assign(new Error('Range Not Satisfiable'), { status: 416, expose: true }));
    });
    finishHttpApp(app);
    server = await listen(app, { name: 'test', port: 0, host: '127.0.0.1', log });
  });
  afterAll(() => server.close());

  it("names an unexposed 4xx by its status, never 'Internal server error' nor the fs message", async () => {
    const response = await fetch(`${server.url}/missing-file`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errors: [{ message: 'Not Found', extensions: { code: 'NOT_FOUND' } }],
    });
  });

  it('labels its body as JSON and drops the caching headers of the file it was about to send', async () => {
    const response = await fetch(`${server.url}/labelled-as-file`);
    expect(response.status).toBe(416);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('cache-control')).toBeNull();
    expect(response.headers.get('content-range')).toBe('bytes */8');
  });
});
