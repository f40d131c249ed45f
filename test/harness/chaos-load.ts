import { actionRateLimits } from '@reel/gateway/limits';

/** What the load does; weights are relative. */
export type OperationName = 'feed' | 'restFeed' | 'like' | 'comment' | 'follow' | 'message';

export type Mix = Partial<Record<OperationName, number>>;

/** The default mix: mostly reads, every kind of write, comments on the watched video. */
export const mixedLoad: Mix = {
  feed: 30,
  restFeed: 15,
  like: 20,
  comment: 15,
  follow: 10,
  message: 10,
};

export interface LoadUser {
  id: string;
  token: string;
}

export interface LoadWorld {
  gatewayUrl: string;
  restUrl: string;
  users: LoadUser[];
  videoIds: string[];
  /** Where comments go: the video the live subscriber watches. */
  watchedVideoId: string;
}

/** One request: when it was sent, how long it took, and its code ('OK' when it succeeded). */
export interface RequestRecord {
  operation: OperationName;
  startedAt: number;
  ms: number;
  code: string;
}

/** Writes a client was told succeeded: what must be in MySQL afterwards. */
export interface Acknowledged {
  likes: { userId: string; videoId: string }[];
  comments: { id: string; content: string }[];
  follows: { followerId: string; followeeId: string }[];
  messages: { id: string; content: string }[];
}

/** Writes that failed or timed out: they may or may not have happened, but never twice. */
export interface Attempted {
  comments: string[];
  messages: string[];
}

export interface LoadRun {
  /** Resolves once every worker has finished its request in flight. */
  stop(): Promise<void>;
}

/**
 * A client's side of the gateway's per-viewer action limits (apps/gateway/src/limits.ts): the
 * load spends a little less than each user's budget, so RATE_LIMITED never hides a fault.
 */
class ActionBudgets {
  private readonly spent = new Map<string, number[]>();

  take(action: keyof typeof actionRateLimits, userId: string, now: number): boolean {
    const { points, durationSeconds } = actionRateLimits[action];
    const key = `${action}:${userId}`;
    const times = (this.spent.get(key) ?? []).filter(
      (t) => now - t < durationSeconds * 1000 + 1_000,
    );
    if (times.length >= points - 1) {
      this.spent.set(key, times);
      return false;
    }
    times.push(now);
    this.spent.set(key, times);
    return true;
  }
}

// one ledger per set of users for all the loads they send: the gateway's windows run on across a
// phase's end (a minute, phases of 20 s), so a fresh ledger per phase (each phase builds its
// world anew, with the same users) would spend budgets the last phase had spent
const ledgers = new WeakMap<LoadUser[], ActionBudgets>();
function budgetsOf(world: LoadWorld): ActionBudgets {
  let ledger = ledgers.get(world.users);
  if (!ledger) ledgers.set(world.users, (ledger = new ActionBudgets()));
  return ledger;
}

/**
 * A bounded mixed load: `concurrency` workers each sending one request at a time, each request
 * aborted at `requestTimeoutMs` (recorded as TIMEOUT), until stopped. Every record and every
 * acknowledged write goes to `sink`.
 */
export function startLoad(
  world: LoadWorld,
  options: {
    concurrency: number;
    requestTimeoutMs: number;
    mix: Mix;
    /** A unique tag for each write's content, so a duplicated row shows. */
    tag: () => string;
    /** Stops sending after this many requests (all kinds together). */
    maxRequests?: number;
  },
  sink: { records: RequestRecord[]; acknowledged: Acknowledged; attempted: Attempted },
): LoadRun {
  const budgets = budgetsOf(world);
  const entries = Object.entries(options.mix).filter(([, w]) => (w ?? 0) > 0) as [
    OperationName,
    number,
  ][];
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let stopped = false;
  let sent = 0;
  let round = 0;
  const pick = (): OperationName => {
    let r = Math.random() * total;
    for (const [name, weight] of entries) {
      r -= weight;
      if (r < 0) return name;
    }
    return entries[0]![0];
  };
  const any = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)]!;

  const send = async (operation: OperationName): Promise<void> => {
    const now = Date.now();
    const action = (
      { like: 'like', comment: 'comment', follow: 'follow', message: 'message' } as const
    )[operation as 'like'];
    // the next user in turn with budget left for the action; none: a read instead, so the load
    // keeps its pace
    const first = (round += 1);
    const nth = (i: number) => world.users[(first + i) % world.users.length]!;
    let user = nth(0);
    if (action) {
      const able = world.users.findIndex((_, i) => budgets.take(action, nth(i).id, now));
      if (able === -1) operation = 'feed';
      else user = nth(able);
    }
    const other = any(world.users.filter((u) => u !== user));
    const signal = AbortSignal.timeout(options.requestTimeoutMs);
    const startedAt = Date.now();
    let code: string;
    try {
      code = await perform(operation, user, other, signal);
    } catch (error) {
      code = signal.aborted
        ? 'TIMEOUT'
        : `NETWORK ${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name}`;
    }
    sink.records.push({ operation, startedAt, ms: Date.now() - startedAt, code });
  };

  const gql = async (token: string, query: string, variables: object, signal: AbortSignal) => {
    const response = await fetch(`${world.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
      signal,
    });
    const body = (await response.json()) as {
      data?: Record<string, { id?: string } | null> | null;
      errors?: { extensions?: { code?: string } }[];
    };
    const error = body.errors?.[0];
    if (error) return { code: error.extensions?.code ?? `HTTP ${response.status}` };
    if (!response.ok || !body.data) return { code: `HTTP ${response.status}` };
    return { code: 'OK', data: body.data };
  };

  const perform = async (
    operation: OperationName,
    user: LoadUser,
    other: LoadUser,
    signal: AbortSignal,
  ): Promise<string> => {
    switch (operation) {
      case 'feed':
        return (
          await gql(
            user.token,
            '{ feed(first: 10) { edges { node { id favoriteCount commentCount isFavorite author { id name } } } } }',
            {},
            signal,
          )
        ).code;
      case 'restFeed': {
        const url = new URL('/douyin/feed/', world.restUrl);
        url.searchParams.set('token', user.token);
        const response = await fetch(url, { signal });
        const body = (await response.json()) as { status_code?: number };
        return body.status_code === 0 ? 'OK' : `REST ${body.status_code ?? response.status}`;
      }
      case 'like': {
        const videoId = any(world.videoIds);
        const result = await gql(
          user.token,
          'mutation ($v: ID!) { likeVideo(videoId: $v) { id isFavorite } }',
          { v: videoId },
          signal,
        );
        if (result.code === 'OK') sink.acknowledged.likes.push({ userId: user.id, videoId });
        return result.code;
      }
      case 'comment': {
        const content = `chaos comment ${options.tag()}`;
        sink.attempted.comments.push(content);
        const result = await gql(
          user.token,
          'mutation ($v: ID!, $c: String!) { addComment(videoId: $v, content: $c) { id } }',
          { v: world.watchedVideoId, c: content },
          signal,
        );
        const id = result.data?.addComment?.id;
        if (result.code === 'OK' && id) sink.acknowledged.comments.push({ id, content });
        return result.code;
      }
      case 'follow': {
        const result = await gql(
          user.token,
          'mutation ($u: ID!) { follow(userId: $u) { id } }',
          { u: other.id },
          signal,
        );
        if (result.code === 'OK')
          sink.acknowledged.follows.push({ followerId: user.id, followeeId: other.id });
        return result.code;
      }
      case 'message': {
        const content = `chaos message ${options.tag()}`;
        sink.attempted.messages.push(content);
        const result = await gql(
          user.token,
          'mutation ($u: ID!, $c: String!) { sendMessage(toUserId: $u, content: $c) { id } }',
          { u: other.id, c: content },
          signal,
        );
        const id = result.data?.sendMessage?.id;
        if (result.code === 'OK' && id) sink.acknowledged.messages.push({ id, content });
        return result.code;
      }
    }
  };

  const worker = async () => {
    while (!stopped && (options.maxRequests === undefined || sent < options.maxRequests)) {
      sent += 1;
      await send(pick());
    }
  };
  const workers = Array.from({ length: options.concurrency }, worker);
  return {
    async stop() {
      stopped = true;
      await Promise.all(workers);
    },
  };
}
