import { createServer } from 'node:net';
import { createLogger, listen, parseConfig, type RunningServer } from '@reel/common';
import { createRestApp } from './app';

/** A port nothing listens on: bound, read, released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describe('compat-rest without a gateway', () => {
  let rest: RunningServer;

  beforeAll(async () => {
    const config = parseConfig({
      GATEWAY_URL: `http://127.0.0.1:${await closedPort()}`,
      LOG_LEVEL: 'silent',
    });
    const log = createLogger(config, 'compat-rest');
    rest = await listen(createRestApp(config, log).app, {
      name: 'compat-rest',
      port: 0,
      host: '127.0.0.1',
      log,
    });
  });
  afterAll(() => rest.close());

  it('answers UNAVAILABLE as HTTP 200 JSON with every documented field', async () => {
    const response = await fetch(
      `${rest.url}/douyin/user/register/?username=a&password=secret-pass`,
      { method: 'POST' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      status_code: 503,
      status_msg: 'Service temporarily unavailable',
      user_id: 0,
      token: '',
    });
  });

  it('is alive but not ready', async () => {
    const [health, ready] = await Promise.all([
      fetch(`${rest.url}/healthz`),
      fetch(`${rest.url}/readyz`),
    ]);
    expect([health.status, ready.status]).toEqual([200, 503]);
    expect(await ready.json()).toMatchObject({
      status: 'unavailable',
      checks: { gateway: expect.any(String) },
    });
  });
});
