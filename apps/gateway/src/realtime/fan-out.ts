import type { Msg, NatsConnection, Subscription } from 'nats';
import type { Logger } from '@reel/common';

interface SubjectEntry<TMember> {
  members: Set<TMember>;
  subscription?: Subscription;
  /** The server has the subscription (flushed): events published from now on arrive. */
  live: boolean;
}

export interface FanOutOptions<TMember> {
  /** The gateway's connection; may still be connecting. */
  connection: Promise<NatsConnection>;
  log: Logger;
  /** Each event once, with the members the subject had when it arrived. */
  onEvent(subject: string, payload: unknown, members: readonly TMember[]): void;
  /** Nats-Msg-Ids remembered to drop an event published twice (see `recentIds`). */
  recentEventIds: number;
}

/**
 * One core NATS subscription per subject, while the subject has members (subscribers of this
 * gateway process): the first member subscribes it, the last to leave unsubscribes it. No queue
 * group: every gateway process subscribes for its own members, so each gets every event.
 */
export class SubjectFanOut<TMember> {
  private readonly subjects = new Map<string, SubjectEntry<TMember>>();
  // An outbox row may be published twice (a relay that died between publish and mark, relays of
  // several workers racing): JetStream's duplicate window keeps it out of the stream, but core
  // subscribers see every publish. Its Nats-Msg-Id (`<outbox>-<id>`) tells the second apart.
  private readonly recentIds = new Set<string>();
  private closed = false;

  constructor(private readonly options: FanOutOptions<TMember>) {}

  join(subject: string, member: TMember): void {
    if (this.closed) throw new Error('the fan-out is closed');
    const existing = this.subjects.get(subject);
    if (existing) {
      existing.members.add(member);
      return;
    }
    const entry: SubjectEntry<TMember> = { members: new Set([member]), live: false };
    this.subjects.set(subject, entry);
    void this.open(subject, entry);
  }

  leave(subject: string, member: TMember): void {
    const entry = this.subjects.get(subject);
    if (!entry?.members.delete(member) || entry.members.size > 0) return;
    this.subjects.delete(subject);
    entry.subscription?.unsubscribe();
  }

  /** How this process watches a subject: null when it has no member. */
  watching(subject: string): { live: boolean; members: number } | null {
    const entry = this.subjects.get(subject);
    return entry ? { live: entry.live, members: entry.members.size } : null;
  }

  /** Subjects this process has a live NATS subscription on. */
  get liveSubjects(): number {
    let live = 0;
    for (const entry of this.subjects.values()) if (entry.live) live += 1;
    return live;
  }

  /** Members of subjects whose NATS subscription is live: they receive what is published now. */
  get liveMembers(): number {
    let members = 0;
    for (const entry of this.subjects.values()) if (entry.live) members += entry.members.size;
    return members;
  }

  close(): void {
    this.closed = true;
    for (const entry of this.subjects.values()) entry.subscription?.unsubscribe();
    this.subjects.clear();
  }

  private async open(subject: string, entry: SubjectEntry<TMember>): Promise<void> {
    const { log } = this.options;
    try {
      const nc = await this.options.connection;
      if (this.subjects.get(subject) !== entry) return; // every member left meanwhile
      entry.subscription = nc.subscribe(subject, {
        callback: (error, msg) => {
          if (error) log.warn({ err: error, subject }, 'realtime: NATS subscription error');
          else this.dispatch(subject, entry, msg);
        },
      });
      await nc.flush();
      entry.live = true;
    } catch (error) {
      // the connection was closed (shutdown) or never came: members wait for nothing
      if (!this.closed) log.warn({ err: error, subject }, 'realtime: cannot subscribe');
    }
  }

  private dispatch(subject: string, entry: SubjectEntry<TMember>, msg: Msg): void {
    // per subject: one event matching two subscribed subjects (`chat.1.2` and the wildcard
    // `chat.1.*`) arrives once on each, for different members, and is no duplicate
    const msgId = msg.headers?.get('Nats-Msg-Id');
    const id = msgId && `${subject} ${msgId}`;
    if (id) {
      if (this.recentIds.has(id)) return;
      this.recentIds.add(id);
      if (this.recentIds.size > this.options.recentEventIds)
        this.recentIds.delete(this.recentIds.values().next().value!);
    }
    let payload: unknown;
    try {
      payload = msg.json();
    } catch (error) {
      this.options.log.warn({ err: error, subject }, 'realtime: an event that is not JSON');
      return;
    }
    if (entry.members.size > 0) this.options.onEvent(subject, payload, [...entry.members]);
  }
}
