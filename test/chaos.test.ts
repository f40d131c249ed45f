import { errorTable } from '@reel/common';
import { type ChaosReport, type PhaseReport, runChaos } from './harness/chaos';
import { shortRun } from './harness/chaos-short';

// Private MariaDB, Redis and NATS (the shared ones are never killed), the stack as processes,
// a few seconds of mixed load per phase: see test/harness/chaos.ts and README "Reliability".
const RUN_DEADLINE_MS = 8 * 60_000; // starting six tsx processes dominates on a loaded machine

let report: ChaosReport;
const phase = (fault: PhaseReport['fault']) => report.phases.find((p) => p.fault === fault)!;
const failed = () =>
  report.audit.filter((f) => f.failed > 0).map((f) => `${f.check}: ${f.examples.join('; ')}`);
const finding = (check: RegExp) => {
  const found = report.audit.find((f) => check.test(f.check));
  if (!found) throw new Error(`no audit check matches ${check}`);
  return found;
};
// every error a client saw is a code of the error table (compat-rest: its envelope's status)
const coded = (p: PhaseReport) =>
  Object.keys(p.errors).filter((code) => !(code in errorTable) && !/^REST [1-9]\d*$/.test(code));

beforeAll(async () => {
  report = await runChaos({ ...shortRun, log: () => undefined });
}, RUN_DEADLINE_MS);

describe('faults under load: MariaDB, Redis, NATS and a subgraph SIGKILLed and restarted', () => {
  it('passes the whole audit: nothing lost, nothing twice, no crash, every fault recovered', () => {
    expect(failed()).toEqual([]);
    expect(report.unexpectedExits).toEqual([]);
    for (const p of report.phases) expect(coded(p)).toEqual([]);
  });

  it('killed the subgraph: its requests failed coded while it was down, and came back', () => {
    const killed = phase('subgraph');
    expect(killed.duringOutage.requests).toBeGreaterThan(killed.duringOutage.ok);
    expect(killed.recoveryMs).not.toBeNull();
  });
});

describe('RELIABILITY row 24: outbox, no event lost while NATS is SIGKILLed at 30% and back at 60%', () => {
  it('every acknowledged comment and message has one outbox row, one stream event, one live delivery', () => {
    const nats = phase('nats');
    expect(nats.requests).toBe(shortRun.phases.find((p) => p.fault === 'nats')!.requests);
    expect(nats.duringOutage.requests).toBeGreaterThan(0);
    expect(report.acknowledged.comments).toBeGreaterThan(0);
    expect(report.acknowledged.messages).toBeGreaterThan(0);
    for (const check of [
      /one interaction_outbox row/,
      /one social_outbox row/,
      /COMMENT stream exactly once/,
      /CHAT stream exactly once/,
      /subscriber received each acknowledged comment exactly once/,
      /outbox drained/,
    ])
      expect(finding(check)).toMatchObject({ failed: 0 });
    expect(finding(/one interaction_outbox row/).checked).toBe(report.acknowledged.comments);
    // drained once NATS answered again, within the audit's wait
    expect(nats.drainedMs).not.toBeNull();
  });
});

describe('RELIABILITY row 25: MySQL and Redis SIGKILLed mid-load', () => {
  it('MariaDB down: coded errors, no request past its timeout, success back above 99%, every acknowledged like in MySQL', () => {
    const mariadb = phase('mariadb');
    expect(mariadb.duringOutage.requests).toBeGreaterThan(0);
    expect(mariadb.errors).toHaveProperty('UNAVAILABLE');
    expect(mariadb.errors).not.toHaveProperty('TIMEOUT');
    expect(coded(mariadb)).toEqual([]);
    expect(mariadb.recoveryMs).not.toBeNull();
    expect(report.acknowledged.likes).toBeGreaterThan(0);
    expect(finding(/acknowledged like is in favorites/)).toMatchObject({
      checked: report.acknowledged.likes,
      failed: 0,
    });
    expect(finding(/counter equals COUNT/)).toMatchObject({ failed: 0 });
  });

  it('Redis down: every read kept being answered', () => {
    const redis = phase('redis');
    expect(redis.duringOutage.requests).toBeGreaterThan(0);
    expect(redis.duringOutage.readsFailed).toBe(0);
  });
});
