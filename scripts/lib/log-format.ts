/**
 * Compact, prefixed lines for `npm start`: every service logs pino JSON (packages/common/src/logger.ts);
 * here each entry becomes `[user] 12:00:01.234 INFO  user listening port=4001`.
 */

const ESC = '\x1b[';
const codes = {
  reset: `${ESC}0m`,
  bold: `${ESC}1m`,
  dim: `${ESC}2m`,
  red: `${ESC}31m`,
  green: `${ESC}32m`,
  yellow: `${ESC}33m`,
  blue: `${ESC}34m`,
  magenta: `${ESC}35m`,
  cyan: `${ESC}36m`,
  gray: `${ESC}90m`,
} as const;
export type Style = keyof typeof codes;

/** NO_COLOR (https://no-color.org) wins; FORCE_COLOR forces; otherwise colour only a terminal. */
export function colorWanted(
  env: Record<string, string | undefined>,
  stream: { isTTY?: boolean },
): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return stream.isTTY === true;
}

export type Paint = (style: Style, text: string) => string;

export function createPaint(enabled: boolean): Paint {
  return enabled ? (style, text) => `${codes[style]}${text}${codes.reset}` : (_style, text) => text;
}

const PREFIX_STYLES: Style[] = ['cyan', 'magenta', 'yellow', 'blue', 'green'];

/** `[name]` padded to the longest name, in a colour of its own. */
export function createPrefixer(names: string[], paint: Paint): (name: string) => string {
  const width = Math.max(...names.map((n) => n.length)) + 2;
  return (name) => {
    const index = names.indexOf(name);
    const style = index < 0 ? 'bold' : (PREFIX_STYLES[index % PREFIX_STYLES.length] ?? 'bold');
    return paint(style, `[${name}]`.padEnd(width));
  };
}

const LEVELS: Record<number, { label: string; style: Style }> = {
  10: { label: 'TRACE', style: 'gray' },
  20: { label: 'DEBUG', style: 'gray' },
  30: { label: 'INFO ', style: 'green' },
  40: { label: 'WARN ', style: 'yellow' },
  50: { label: 'ERROR', style: 'red' },
  60: { label: 'FATAL', style: 'red' },
};

// already shown, or the same on every line of one process
const OMITTED = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'v']);
const MAX_VALUE_CHARS = 400;

/**
 * One pino JSON line as display lines (an error's stack adds lines); anything else — a crash
 * printed by console.error, a warning from Node — is passed through as is.
 */
export function formatLogLine(line: string, paint: Paint): string[] {
  const entry = parseEntry(line);
  if (!entry) return [line];
  const level = LEVELS[Number(entry.level)] ?? {
    label: String(entry.level).padEnd(5),
    style: 'bold' as Style,
  };
  const time = typeof entry.time === 'number' ? clockTime(new Date(entry.time)) : '';
  const stacks: string[] = [];
  const fields: string[] = [];
  for (const [key, value] of Object.entries(entry)) {
    if (OMITTED.has(key)) continue;
    const stack = stackOf(value);
    if (stack) {
      stacks.push(...stack.split('\n').map((l) => paint('dim', `    ${l.trim()}`)));
      continue;
    }
    fields.push(paint('gray', `${key}=${shortValue(value)}`));
  }
  const head = [
    paint('gray', time),
    paint(level.style, level.label),
    String(entry.msg ?? ''),
    ...fields,
  ]
    .filter((part) => part !== '')
    .join(' ');
  return [head, ...stacks];
}

/** Local wall-clock time with milliseconds: what a developer compares with their own clock. */
function clockTime(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const ms = String(date.getMilliseconds()).padStart(3, '0');
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${ms}`;
}

function parseEntry(line: string): Record<string, unknown> | undefined {
  if (!line.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && 'level' in value
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function stackOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const stack = (value as { stack?: unknown }).stack;
  return typeof stack === 'string' ? stack : undefined;
}

function shortValue(value: unknown): string {
  const text = typeof value === 'string' && !/[\s"=]/.test(value) ? value : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}
