import { connect, type NatsConnection } from 'nats';

/**
 * Infinite reconnects: a service keeps running through an outage. With `waitOnFirstConnect` (the
 * default) it also starts during one; without, a first attempt fails fast, for callers that retry
 * themselves and must be able to give up (the events kit's stop()).
 */
export async function connectNats(
  url: string,
  name: string,
  { waitOnFirstConnect = true } = {},
): Promise<NatsConnection> {
  return connect({
    servers: url,
    name,
    waitOnFirstConnect,
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
