import { connect, type NatsConnection } from 'nats';

export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  // waitOnFirstConnect + infinite reconnects: a service starts and keeps running through an outage.
  return connect({
    servers: url,
    name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
  });
}

/** Subjects and stream names carry the namespace so test runs never see each other's events. */
export function subject(namespace: string, name: string): string {
  return `${namespace}.${name}`;
}

export function streamName(namespace: string, name: string): string {
  return `${namespace}_${name}`.toUpperCase();
}
