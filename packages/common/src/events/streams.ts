import { type JetStreamManager, nanos } from 'nats';
import { streamName, subject } from '../nats';
import { eventLimits } from './limits';

/**
 * A JetStream stream as contracts declare it, inside no namespace (`{ name: 'VIDEO', subjects:
 * ['video.>'] }`); the kit places it in one: stream `<NS>_VIDEO` on `<ns>.video.>`.
 */
export interface StreamSpec {
  name: string;
  subjects: readonly string[];
}

/** Where consumers put messages that keep failing, one subject per durable consumer. */
export const deadLetterStream: StreamSpec = { name: 'DEADLETTER', subjects: ['deadletter.>'] };

export function deadLetterSubject(namespace: string, durable: string): string {
  return subject(namespace, `deadletter.${durable}`);
}

/** JetStream's "stream not found" (10059) and "consumer not found" (10014) API errors. */
export function isJetStreamNotFound(error: unknown): boolean {
  const code = (error as { api_error?: { err_code?: number } } | null)?.api_error?.err_code;
  return code === 10059 || code === 10014;
}

/**
 * Creates the namespaced stream when missing, or widens its subjects to the spec's; returns its
 * name. Safe to race: JetStream accepts an identical create twice.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  namespace: string,
  spec: StreamSpec,
): Promise<string> {
  const name = streamName(namespace, spec.name);
  const subjects = spec.subjects.map((pattern) => subject(namespace, pattern));
  const existing = await jsm.streams.info(name).catch((error: unknown) => {
    if (isJetStreamNotFound(error)) return null;
    throw error;
  });
  if (!existing) {
    await jsm.streams.add({
      name,
      subjects,
      duplicate_window: nanos(eventLimits.duplicateWindowMs),
    });
  } else {
    const missing = subjects.filter((pattern) => !existing.config.subjects.includes(pattern));
    if (missing.length > 0)
      await jsm.streams.update(name, { subjects: [...existing.config.subjects, ...missing] });
  }
  return name;
}
