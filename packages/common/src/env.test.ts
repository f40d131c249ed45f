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
    expect(problems).toEqual([
      expect.stringMatching(/^USER_PORT:/),
      expect.stringMatching(/^JWT_SECRET: production needs/),
      expect.stringMatching(/^PUBLIC_BASE_URL:/),
      expect.stringMatching(/^SUBGRAPH_SECRET:/),
    ]);
    try {
      parseConfig({ NODE_ENV: 'production' });
    } catch (error) {
      problems = (error as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^JWT_SECRET:/),
      expect.stringMatching(/^PUBLIC_BASE_URL:/),
      expect.stringMatching(/^SUBGRAPH_SECRET:/),
    ]);
    // compat-rest reads neither secrets nor public URLs
    expect(() =>
      parseConfig({ NODE_ENV: 'production' }, ['gateway', 'media', 'rest']),
    ).not.toThrow();
  });
});

const production = {
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(32),
  PUBLIC_BASE_URL: 'https://reel.example',
  SUBGRAPH_SECRET: 's'.repeat(32),
};

const problemsOf = (raw: Record<string, string>): string[] => {
  try {
    parseConfig(raw);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
};

describe('JWT_SECRET', () => {
  it('is refused when set but short, in every environment, with the other problems', () => {
    for (const NODE_ENV of ['development', 'test', 'production']) {
      expect(
        problemsOf({ ...production, NODE_ENV, JWT_SECRET: 'k'.repeat(16), GATEWAY_PORT: 'x' }),
      ).toEqual([
        expect.stringMatching(/^JWT_SECRET: a random secret of at least 32 characters/),
        expect.stringMatching(/^GATEWAY_PORT:/),
      ]);
    }
  });

  it('unset means the public development secret, which only production refuses', () => {
    const { JWT_SECRET: _secret, ...withoutSecret } = production;
    expect(parseConfig({}).auth.secret.length).toBeGreaterThanOrEqual(32);
    expect(problemsOf(withoutSecret)).toEqual([
      expect.stringMatching(/^JWT_SECRET: production needs a random secret/),
    ]);
  });
});

describe('the subgraph secret and listening interface', () => {
  it('work out of the box in development: a default secret, subgraphs on loopback only', () => {
    const config = parseConfig({});
    expect(config.internal.subgraphSecret.length).toBeGreaterThanOrEqual(32);
    expect(config.internal.subgraphHost).toBe('127.0.0.1');
    // the gateway and compat-rest still listen on every interface
    expect(config.host).toBe('0.0.0.0');
  });

  it('production refuses the default secret and a short one, naming the variable', () => {
    const { SUBGRAPH_SECRET: _secret, ...withoutSecret } = production;
    expect(problemsOf(withoutSecret)).toEqual([
      expect.stringMatching(/^SUBGRAPH_SECRET: production needs a random secret of at least 32/),
    ]);
    expect(problemsOf({ ...production, SUBGRAPH_SECRET: 's'.repeat(31) })).toEqual([
      expect.stringMatching(/^SUBGRAPH_SECRET: /),
    ]);
    expect(problemsOf(production)).toEqual([]);
  });
});

describe('TRUSTED_PROXY', () => {
  it.each([
    [undefined, ['loopback']],
    ['none', []],
    [
      'loopback, 10.0.0.0/8,172.28.0.80 , fd00::/8',
      ['loopback', '10.0.0.0/8', '172.28.0.80', 'fd00::/8'],
    ],
  ])('%j → %j', (value, trusted) => {
    const raw: Record<string, string> = value === undefined ? {} : { TRUSTED_PROXY: value };
    expect(parseConfig(raw).gateway.trustedProxies).toEqual(trusted);
  });

  it.each([['everyone'], ['10.0.0.0/33'], ['300.1.1.1'], ['10.0.0.0/8/1']])(
    'refuses %j at start-up rather than when the first request arrives',
    (value) => {
      expect(problemsOf({ TRUSTED_PROXY: value })).toEqual([
        expect.stringMatching(/^TRUSTED_PROXY: none, or a comma-separated list/),
      ]);
    },
  );
});

describe('telemetry', () => {
  it('traces nothing by default; an empty endpoint counts as unset; a trailing slash is dropped', () => {
    expect(parseConfig({}, ['telemetry']).telemetry).toEqual({
      otlpEndpoint: null,
      sampleRatio: 1,
      metricsToken: null,
    });
    expect(
      parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' }, ['telemetry']).telemetry.otlpEndpoint,
    ).toBeNull();
    expect(
      parseConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' }, ['telemetry']).telemetry
        .otlpEndpoint,
    ).toBe('http://jaeger:4318');
  });

  it('names each bad value: endpoint, sample ratio, a short metrics token', () => {
    expect(() =>
      parseConfig(
        {
          OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger',
          OTEL_TRACES_SAMPLER_ARG: '2',
          METRICS_TOKEN: 'short',
        },
        ['telemetry'],
      ),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringMatching(/^OTEL_EXPORTER_OTLP_ENDPOINT: /),
          expect.stringMatching(/^OTEL_TRACES_SAMPLER_ARG: /),
          'METRICS_TOKEN: at least 16 characters',
        ],
      }),
    );
  });
});
