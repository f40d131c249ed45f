import type { RequestRecord } from './chaos-load';
import { recoveryMs } from './chaos';

const UP_AT = 10_000;
const record = (startedAt: number, code = 'OK'): RequestRecord => ({
  operation: 'feed',
  startedAt,
  ms: 5,
  code,
});

describe('recoveryMs: from the server returning to lasting ≥ 99% success', () => {
  it('is the start of the first success from which 99% of the rest succeed', () => {
    const records = [
      record(UP_AT - 500, 'UNAVAILABLE'), // during the outage: not counted
      record(UP_AT + 100, 'UNAVAILABLE'),
      record(UP_AT + 200),
      record(UP_AT + 300, 'UNAVAILABLE'),
      record(UP_AT + 301, 'UNAVAILABLE'),
      record(UP_AT + 302, 'UNAVAILABLE'),
      ...Array.from({ length: 100 }, (_, i) => record(UP_AT + 400 + i)),
    ];
    // from +200 on, 3 of 104 failed: not yet 99%
    expect(recoveryMs(records, UP_AT)).toBe(400);
  });

  it('tolerates one failure in a hundred afterwards', () => {
    const records = [
      record(UP_AT + 50),
      ...Array.from({ length: 99 }, (_, i) => record(UP_AT + 100 + i)),
      record(UP_AT + 300, 'UNAVAILABLE'),
    ];
    expect(recoveryMs(records, UP_AT)).toBe(50);
  });

  it('is null when success never came back', () => {
    expect(
      recoveryMs([record(UP_AT + 1, 'UNAVAILABLE'), record(UP_AT + 2, 'TIMEOUT')], UP_AT),
    ).toBeNull();
    expect(recoveryMs([], UP_AT)).toBeNull();
  });
});
