import type { DestinationStream } from '@reel/common';

export interface LogLine {
  level: number;
  service: string;
  msg?: string;
  err?: { message?: string; stack?: string };
  [key: string]: unknown;
}

/** pino's numeric levels: 50 is error, 60 fatal. */
export const ERROR_LEVEL = 50;

/** A log destination for `startStack` that keeps every line, parsed, for assertions. */
export function captureLogs(): DestinationStream & {
  lines: LogLine[];
  errors(): LogLine[];
} {
  const lines: LogLine[] = [];
  return {
    lines,
    write(line: string) {
      lines.push(JSON.parse(line) as LogLine);
    },
    errors: () => lines.filter((line) => line.level >= ERROR_LEVEL),
  };
}
