import { randomUUID } from 'node:crypto';
import pino, { type DestinationStream, type Logger } from 'pino';
import type { Config } from './env';
import { activeTraceFields } from './tracing';

export type { DestinationStream, Logger };

/** JSON lines to stdout, or to `destination` (tests read what a service logged). */
export function createLogger(
  config: Pick<Config, 'logLevel'>,
  service: string,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service },
    redact: ['req.headers.authorization'],
    // trace_id and span_id of the span a line is written in (none while tracing is off)
    mixin: activeTraceFields,
  };
  return destination ? pino(options, destination) : pino(options);
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** Honours a well-formed incoming x-request-id so one id follows a request across services. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && REQUEST_ID.test(value) ? value : randomUUID();
}
