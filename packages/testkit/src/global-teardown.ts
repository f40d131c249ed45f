import mysql from 'mysql2/promise';
import { connect } from 'nats';
import { streamName } from '@reel/common';
import { runEnv } from './run-env';

export default async function globalTeardown(): Promise<void> {
  const { namespace, mysqlUrl } = runEnv();
  const url = new URL(mysqlUrl);
  const database = url.pathname.slice(1);
  url.pathname = '/';
  const connection = await mysql.createConnection({ uri: url.toString() });
  // the run's database and those its test stacks and isolated tests made (`<run>_<suffix>`)
  const [rows] = await connection.query<mysql.RowDataPacket[]>('SHOW DATABASES LIKE ?', [
    `${database}%`,
  ]);
  for (const row of rows) {
    const name = String(Object.values(row)[0]);
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
  }
  await connection.end();
  // JetStream streams this run created carry its namespace
  const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222' });
  const jsm = await nc.jetstreamManager();
  const prefix = streamName(namespace, '');
  for await (const stream of jsm.streams.list()) {
    if (stream.config.name.startsWith(prefix)) await jsm.streams.delete(stream.config.name);
  }
  await nc.close();
}
