/**
 * One process of graphql-ws subscribers for bench/fanout.ts, driven over IPC: opens `sockets`
 * anonymous sockets on the gateway, each subscribed to commentAdded(videoId), and notes when each
 * comment reaches each socket on the machine's monotonic clock (process.hrtime, CLOCK_MONOTONIC:
 * the same clock in every process of the machine, so the parent's send time compares).
 */
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';

export type WorkerCommand =
  | { type: 'open'; gatewayUrl: string; sockets: number; videoId: string; concurrency: number }
  /** with `times`, the arrival times; otherwise how many arrived (cheap to ask while they come) */
  | { type: 'received'; content: string; times: boolean }
  | { type: 'close' };

export type WorkerReply =
  | { type: 'opened'; subscribed: number; failures: Record<string, number> }
  | { type: 'received'; content: string; count: number; atMs?: number[]; errors: number }
  | { type: 'closed' };

const subscription = `subscription BenchCommentAdded($videoId: ID!) {
  commentAdded(videoId: $videoId) { id content createdAtMs author { id name } }
}`;
const HANDSHAKE_DEADLINE_MS = 30_000;

const clients: Client[] = [];
// content → monotonic ms at which each socket received it
const arrivals = new Map<string, number[]>();
let errors = 0;

const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

function reply(message: WorkerReply): void {
  process.send!(message);
}

/** One socket, acked and subscribed, or the reason it is not. */
function openOne(gatewayUrl: string, videoId: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('no ack within 30 s'), HANDSHAKE_DEADLINE_MS);
    const client = createClient({
      url: `${gatewayUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: false,
      onNonLazyError: () => undefined,
      on: {
        connected: () => {
          clearTimeout(timer);
          client.subscribe<{ commentAdded: { content: string } }>(
            { query: subscription, variables: { videoId } },
            {
              next: (result) => {
                const content = result.data?.commentAdded.content;
                if (!content) {
                  errors += 1;
                  return;
                }
                const at = arrivals.get(content) ?? [];
                at.push(nowMs());
                arrivals.set(content, at);
              },
              error: () => (errors += 1),
              complete: () => undefined,
            },
          );
          resolve(undefined);
        },
        closed: (event) => {
          clearTimeout(timer);
          resolve(`closed ${(event as { code?: number }).code ?? ''}`.trim());
        },
      },
    });
    clients.push(client);
  });
}

async function open(command: Extract<WorkerCommand, { type: 'open' }>): Promise<void> {
  const failures: Record<string, number> = {};
  let subscribed = 0;
  let next = 0;
  // a few handshakes at a time, as many clients arriving, not one burst of thousands
  await Promise.all(
    Array.from({ length: command.concurrency }, async () => {
      while (next < command.sockets) {
        next += 1;
        const failure = await openOne(command.gatewayUrl, command.videoId);
        if (failure) failures[failure] = (failures[failure] ?? 0) + 1;
        else subscribed += 1;
      }
    }),
  );
  reply({ type: 'opened', subscribed, failures });
}

process.on('message', (command: WorkerCommand) => {
  switch (command.type) {
    case 'open':
      void open(command);
      break;
    case 'received':
      reply({
        type: 'received',
        content: command.content,
        count: arrivals.get(command.content)?.length ?? 0,
        atMs: command.times ? (arrivals.get(command.content) ?? []) : undefined,
        errors,
      });
      break;
    case 'close':
      void Promise.all(clients.map((client) => client.dispose())).then(() => {
        reply({ type: 'closed' });
        process.disconnect();
      });
      break;
  }
});
