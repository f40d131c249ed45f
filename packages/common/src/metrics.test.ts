import DataLoader from 'dataloader';
import express from 'express';
import { listen } from './service';
import { createLogger } from './logger';
import {
  measureLoaderBatches,
  metricsRegistry,
  metricsRoute,
  operationLabel,
  protectMetrics,
} from './metrics';

/** One series of the batch-size histogram, read from the registry's text output. */
const batchSeries = async (series: 'count' | 'sum', loader: string) => {
  const text = await metricsRegistry.getSingleMetricAsString('reel_dataloader_batch_size');
  const line = text
    .split('\n')
    .find((l) =>
      l.startsWith(`reel_dataloader_batch_size_${series}{subgraph="kit",loader="${loader}"} `),
    );
  return line ? Number(line.split(' ').at(-1)) : 0;
};

describe('metrics', () => {
  it('observes the size of each DataLoader batch, by loader, and still answers every key', async () => {
    const loaders = {
      square: new DataLoader<number, number>(async (keys) => keys.map((k) => k * k)),
      notALoader: 'left alone',
    };
    measureLoaderBatches('kit', loaders);
    expect(await Promise.all([1, 2, 3].map((k) => loaders.square.load(k)))).toEqual([1, 4, 9]);
    expect(await loaders.square.load(4)).toBe(16);
    expect(await batchSeries('count', 'square')).toBe(2);
    expect(await batchSeries('sum', 'square')).toBe(4); // a batch of 3 keys, then one of 1
    expect(loaders.notALoader).toBe('left alone');
  });

  it('labels operations by name up to a cap, then as other; anonymous and malformed names apart', () => {
    expect(operationLabel(undefined)).toBe('anonymous');
    expect(operationLabel('Feed')).toBe('Feed');
    expect(operationLabel('has space')).toBe('other');
    const invented = Array.from({ length: 150 }, (_, i) => operationLabel(`Invented${i}`));
    expect(invented.filter((label) => label !== 'other').length).toBeLessThan(100);
    expect(invented.at(-1)).toBe('other');
    expect(operationLabel('Feed')).toBe('Feed'); // seen before the cap: still its own series
  });

  it('answers /metrics only with the bearer token once one is set', async () => {
    const app = express();
    app.get('/metrics', metricsRoute);
    const server = await listen(app, {
      name: 'kit',
      port: 0,
      host: '127.0.0.1',
      log: createLogger({ logLevel: 'silent' }, 'kit'),
    });
    try {
      protectMetrics('a-metrics-token-of-some-length');
      const refused = await fetch(`${server.url}/metrics`);
      expect(refused.status).toBe(401);
      expect(await refused.json()).toEqual({
        errors: [
          { message: 'Metrics need the metrics token', extensions: { code: 'UNAUTHENTICATED' } },
        ],
      });
      const wrong = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer a-metrics-token-of-some-lengtX' },
      });
      expect(wrong.status).toBe(401);
      const allowed = await fetch(`${server.url}/metrics`, {
        headers: { authorization: 'Bearer a-metrics-token-of-some-length' },
      });
      expect(allowed.status).toBe(200);
      expect(await allowed.text()).toMatch(/^# HELP reel_graphql_requests_total /m);
    } finally {
      protectMetrics(null);
      await server.close();
    }
  });
});
