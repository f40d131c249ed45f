import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { eq } from 'drizzle-orm';
import { connect, type NatsConnection } from 'nats';
import pino from 'pino';
import { createTables } from '@reel/testkit/tables';
import { eventually, withDeadline } from '@reel/testkit/eventually';
import { isolatedDatabase } from '@reel/testkit/database';
import { runEnv } from '@reel/testkit/run-env';
import { connectMysql } from '../mysql';
import { subject } from '../nats';
import { type ConsumedEvent, consumeDurable } from './consumer';
import { ensureStream } from './streams';
import type { ConsumerProcessOptions } from './test-fixtures/consumer-process';
import {
  effects,
  type KitPayload,
  kitPayload,
  kitSchema,
  kitStream,
  processed,
} from './test-fixtures/kit-schema';

const silent = pino({ level: 'silent' });
const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');
const consumerProcess = path.join(__dirname, 'test-fixtures', 'consumer-process.ts');
// a redelivery comes this long after a delivery nobody acked; short, so the tests wait little
const ACK_WAIT_MS = 1_500;
const PROCESS_DEADLINE_MS = 60_000; // tsx compiles the consumer process as it starts, on a shared machine
// a test that starts a consumer process: its start, its deadlines, a redelivery after ackWait
const PROCESS_TEST_TIMEOUT_MS = 3 * PROCESS_DEADLINE_MS;

describe('the events kit, exactly once across processes', () => {
  const natsUrl = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
  let database: Awaited<ReturnType<typeof isolatedDatabase>>;
  let mysql: ReturnType<typeof connectMysql<typeof kitSchema>>;
  let nc: NatsConnection;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    database = await isolatedDatabase('kit_exactly_once');
    await createTables(database.url, kitSchema);
    mysql = connectMysql(database.url, kitSchema);
    nc = await connect({ servers: natsUrl });
  });
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await nc.close();
    await mysql.close();
    await database.drop();
  });

  /** A namespace and durable of the test's own. */
  const world = async (name: string) => {
    const namespace = `${runEnv().namespace}_${name}`;
    const durable = `kit-${name}`;
    const jsm = await nc.jetstreamManager();
    const stream = await ensureStream(jsm, namespace, kitStream);
    const publish = (id: string, payload: KitPayload) =>
      nc.jetstream().publish(subject(namespace, 'kit.happened'), JSON.stringify(payload), {
        msgID: `${name}-${id}`,
      });
    const consumerState = async () => {
      const info = await jsm.consumers.info(stream, durable);
      return {
        pending: info.num_pending,
        unacked: info.num_ack_pending,
        ackedThrough: info.ack_floor.stream_seq,
      };
    };
    const processedIds = async () =>
      (
        await mysql.db
          .select({ eventId: processed.eventId })
          .from(processed)
          .where(eq(processed.consumer, durable))
          .orderBy(processed.eventId)
      ).map((row) => row.eventId);
    const effectIds = async () =>
      (await mysql.db.select().from(effects).orderBy(effects.eventId))
        .map((row) => row.eventId)
        .filter((id) => id.startsWith(`${name}-`));
    /** A consumer in this process, recording what its handler ran. */
    const consume = (handled: string[], stopGraceMs?: number) =>
      consumeDurable({
        nats: nc,
        namespace,
        stream: kitStream,
        durable,
        filter: subject(namespace, 'kit.>'),
        schema: kitPayload,
        db: mysql.db,
        processed,
        ackWaitMs: ACK_WAIT_MS,
        stopGraceMs,
        log: silent,
        async handle(event: ConsumedEvent<KitPayload>, tx) {
          handled.push(event.id);
          await tx.insert(effects).values({ eventId: event.id, note: event.payload.note });
        },
      });
    /** The consumer as a process of its own (test-fixtures/consumer-process.ts). */
    const start = (mode: 'slow' | 'hang-after-commit', handlerMs = 0) => {
      const options: ConsumerProcessOptions = {
        mysqlUrl: database.url,
        natsUrl,
        namespace,
        durable,
        ackWaitMs: ACK_WAIT_MS,
        mode,
        handlerMs,
      };
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', consumerProcess, JSON.stringify(options)],
        { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      children.push(child);
      const lines: Record<string, unknown>[] = [];
      const waiters: (() => void)[] = [];
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(JSON.parse(line) as Record<string, unknown>);
        for (const wake of waiters.splice(0)) wake();
      });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
        (resolve) => child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      return {
        child,
        lines,
        /** Its exit, within a deadline counted from now (a signal was just sent). */
        exit: () =>
          withDeadline(exited, `the consumer process did not exit (stderr: ${stderr})`, {
            timeoutMs: PROCESS_DEADLINE_MS,
          }),
        /** Resolves once it printed a line with this key. */
        said: (key: string) =>
          withDeadline(
            (async () => {
              while (!lines.some((line) => key in line))
                await new Promise<void>((resolve) => waiters.push(resolve));
            })(),
            `the consumer process never said "${key}" (stderr: ${stderr})`,
            { timeoutMs: PROCESS_DEADLINE_MS },
          ),
      };
    };
    return {
      namespace,
      durable,
      stream,
      publish,
      consumerState,
      processedIds,
      effectIds,
      consume,
      start,
    };
  };

  describe('RELIABILITY row 23: JetStream exactly-once effect', () => {
    it('answers the second publish of one Nats-Msg-Id with duplicate: true, and stores it once', async () => {
      const w = await world('dedupe');
      const first = await w.publish('1', { note: 'once' });
      const second = await w.publish('1', { note: 'once' });
      expect({ duplicate: first.duplicate, seq: first.seq }).toEqual({ duplicate: false, seq: 1 });
      expect({ duplicate: second.duplicate, seq: second.seq }).toEqual({ duplicate: true, seq: 1 });
      const info = await (await nc.jetstreamManager()).streams.info(w.stream);
      expect(info.state.messages).toBe(1);
    });

    it(
      'applies the effect of an event once when its consumer was SIGKILLed after the commit, before the ack',
      async () => {
        const w = await world('sigkill');
        const crashing = w.start('hang-after-commit');
        await crashing.said('started');
        await w.publish('1', { note: 'committed, never acked' });
        await crashing.said('committed');
        crashing.child.kill('SIGKILL');
        expect(await crashing.exit()).toEqual({ code: null, signal: 'SIGKILL' });
        expect(await w.effectIds()).toEqual(['sigkill-1']);
        expect(await w.consumerState()).toMatchObject({ ackedThrough: 0 });

        // the next consumer gets the redelivery (after ackWait) and acks it without running it
        const handled: string[] = [];
        const next = w.consume(handled);
        try {
          await eventually(
            async () =>
              expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 1 }),
            { timeoutMs: 20_000 },
          );
          expect(handled).toEqual([]);
          expect(await w.processedIds()).toEqual(['sigkill-1']);
          expect(await w.effectIds()).toEqual(['sigkill-1']);
        } finally {
          await next.stop();
        }
      },
      PROCESS_TEST_TIMEOUT_MS,
    );
  });

  describe('RELIABILITY row 20: a consumer mid-message at SIGTERM', () => {
    it(
      'finishes and acks the message in hand, then exits 0; the ones pulled ahead go to the next consumer, each applied once',
      async () => {
        const w = await world('sigterm');
        // each handler holds its transaction 1.5 s, so SIGTERM comes with the first one in hand
        const stopping = w.start('slow', 1_500);
        await stopping.said('started');
        for (const id of ['1', '2', '3']) await w.publish(id, { note: `event ${id}` });
        await stopping.said('handling');
        stopping.child.kill('SIGTERM');
        expect(await stopping.exit()).toEqual({ code: 0, signal: null });
        expect(stopping.lines.at(-1)).toEqual({ stopped: true });
        const handledThere = stopping.lines.flatMap((line) =>
          'handling' in line ? [line.handling as string] : [],
        );
        expect(handledThere).toEqual(['sigterm-1']);
        // acked before it exited: not left for ackWait
        expect(await w.consumerState()).toMatchObject({ ackedThrough: 1 });
        expect(await w.effectIds()).toEqual(['sigterm-1']);

        const handledHere: string[] = [];
        const next = w.consume(handledHere);
        try {
          await eventually(
            async () =>
              expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 3 }),
            { timeoutMs: 20_000 },
          );
          expect(handledHere.sort()).toEqual(['sigterm-2', 'sigterm-3']);
          expect(await w.effectIds()).toEqual(['sigterm-1', 'sigterm-2', 'sigterm-3']);
          expect(await w.processedIds()).toEqual(['sigterm-1', 'sigterm-2', 'sigterm-3']);
        } finally {
          await next.stop();
        }
      },
      PROCESS_TEST_TIMEOUT_MS,
    );

    it('past the stop grace, stop() returns with the message in hand unacked; the next consumer applies it once', async () => {
      const w = await world('grace');
      let inHand: () => void = () => undefined;
      const started = new Promise<void>((resolve) => (inHand = resolve));
      let fail: (error: Error) => void = () => undefined;
      const failed = new Promise<never>((_, reject) => (fail = reject));
      const stuck = consumeDurable({
        nats: nc,
        namespace: w.namespace,
        stream: kitStream,
        durable: w.durable,
        filter: subject(w.namespace, 'kit.>'),
        schema: kitPayload,
        db: mysql.db,
        processed,
        ackWaitMs: ACK_WAIT_MS,
        stopGraceMs: 200,
        log: silent,
        async handle(event, tx) {
          await tx.insert(effects).values({ eventId: event.id, note: event.payload.note });
          inHand();
          await failed; // as a process cut off mid-transaction: its writes roll back
        },
      });
      await w.publish('1', { note: 'outlives the grace' });
      await withDeadline(started, 'the handler never started');
      await withDeadline(stuck.stop(), 'stop() waited past its grace');
      expect(await w.consumerState()).toMatchObject({ ackedThrough: 0 });
      fail(new Error('the process died'));

      const handled: string[] = [];
      const next = w.consume(handled);
      try {
        await eventually(
          async () =>
            expect(await w.consumerState()).toEqual({ pending: 0, unacked: 0, ackedThrough: 1 }),
          { timeoutMs: 20_000 },
        );
        expect(handled).toEqual(['grace-1']);
        expect(await w.effectIds()).toEqual(['grace-1']);
        expect(await w.processedIds()).toEqual(['grace-1']);
      } finally {
        await next.stop();
      }
    });
  });
});
