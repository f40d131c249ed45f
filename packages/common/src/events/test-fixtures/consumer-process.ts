/*
 * A durable consumer as its own process, for the shutdown and crash tests
 * (exactly-once.test.ts), configured by its one argument, a JSON ConsumerProcessOptions; `mode`:
 *   slow               each handler takes `handlerMs` after writing its effect
 *   hang-after-commit  each transaction commits, then the process waits forever before the ack
 * It prints one JSON line per step ({"handling": id}, {"committed": id}, {"stopped": true}) and
 * on SIGTERM stops the consumer (the message in hand finishes and is acked), then exits 0.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { connectMysql } from '../../mysql';
import { connectNats, subject } from '../../nats';
import { consumeDurable } from '../consumer';
import { effects, kitPayload, kitSchema, kitStream } from './kit-schema';

export interface ConsumerProcessOptions {
  mysqlUrl: string;
  natsUrl: string;
  namespace: string;
  durable: string;
  ackWaitMs: number;
  mode: 'slow' | 'hang-after-commit';
  handlerMs: number;
}
const say = (line: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main() {
  const options = JSON.parse(process.argv[2] ?? '') as ConsumerProcessOptions;
  const { namespace, mode, handlerMs } = options;
  const mysql = connectMysql(options.mysqlUrl, kitSchema);
  const nats = await connectNats(options.natsUrl, 'kit-consumer-process');
  const db =
    mode === 'hang-after-commit'
      ? Object.assign(Object.create(mysql.db) as typeof mysql.db, {
          transaction: async (work: Parameters<typeof mysql.db.transaction>[0]) => {
            await mysql.db.transaction(work);
            say({ committed: true });
            return new Promise<never>(() => undefined); // the ack never comes
          },
        })
      : mysql.db;
  const consumer = consumeDurable({
    nats,
    namespace,
    stream: kitStream,
    durable: options.durable,
    filter: subject(namespace, 'kit.>'),
    schema: kitPayload,
    db,
    processed: kitSchema.processed,
    ackWaitMs: options.ackWaitMs,
    log: pino({ level: 'silent' }),
    async handle(event, tx) {
      say({ handling: event.id, delivery: event.deliveryCount });
      await tx.insert(effects).values({ eventId: event.id, note: event.payload.note });
      if (handlerMs > 0) await sleep(handlerMs);
    },
  });
  process.once('SIGTERM', () => {
    void (async () => {
      await consumer.stop();
      await nats.close();
      await mysql.close();
      say({ stopped: true });
      process.exit(0);
    })();
  });
  say({ started: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
