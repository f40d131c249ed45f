import { ConfigError, parseConfig } from './env';
import { subgraphManifest } from './manifest';

describe('env slices', () => {
  it('parses only the slices a process asks for: a bad upload limit does not stop the user subgraph', () => {
    const raw = { MAX_UPLOAD_MIB: 'lots', NODE_ENV: 'test' };
    const config = parseConfig(raw, ['mysql', 'redis', 'auth', 'public']);
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect('media' in config).toBe(false);
    expect(() => parseConfig(raw, ['media'])).toThrow(ConfigError);
  });

  it('gives every subgraph of the manifest a <NAME>_PORT and <NAME>_URL', () => {
    const config = parseConfig({ VIDEO_URL: 'http://video.internal:9000' }, ['subgraphs']);
    for (const { name, port } of subgraphManifest) {
      expect(config.subgraphs[name].port).toBe(port);
    }
    expect(config.subgraphs.video.url).toBe('http://video.internal:9000');
    expect(config.subgraphs.user.url).toBe('http://127.0.0.1:4001');
  });

  it('lists every problem at once, production rules only for the slices parsed', () => {
    const production = { NODE_ENV: 'production', USER_PORT: 'x' };
    let problems: string[] = [];
    try {
      parseConfig(production);
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^USER_PORT:/)]);
    try {
      parseConfig({ NODE_ENV: 'production' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^JWT_SECRET:/),
      expect.stringMatching(/^PUBLIC_BASE_URL:/),
    ]);
    // compat-rest reads neither secrets nor public URLs
    expect(() =>
      parseConfig({ NODE_ENV: 'production' }, ['gateway', 'media', 'rest']),
    ).not.toThrow();
  });
});
