export const limits = {
  jsonBodyBytes: 1024 * 1024, // 1 MiB of GraphQL JSON per request
  subgraphKeepAliveSockets: 64, // per subgraph, per gateway process
  subgraphUploadSockets: 32, // uploads in flight to the video subgraph, per gateway process
  subgraphUploadTimeoutMs: 5 * 60 * 1000, // socket idle time before an upload to a subgraph is given up
  multipartOverheadBytes: 1024 * 1024, // 1 MiB for the operations/map fields and part headers
  mediaMaxAgeSeconds: 365 * 24 * 3600, // media keys are unique per upload, so responses never change
  staticMaxAgeSeconds: 24 * 3600, // default images; media under /media are immutable (see media.ts)
  wsMaxPayloadBytes: 64 * 1024, // one graphql-ws message (connection_init, subscribe)
  wsCloseGraceMs: 2_000, // on shutdown, sockets that have not finished the close handshake are cut
  wsSubscriptionsPerSocket: 50, // subscriptions at once on one socket; the next subscribe is refused
  // events waiting for one subscription's socket (hydrating or sent next); a socket with a full
  // queue is closed (1013): a client that stops reading costs at most this much memory
  realtimeQueueEvents: 100,
  realtimeHydrationConcurrency: 16, // lookup queries of the realtime edge in flight, per process
  realtimeRecentEventIds: 4096, // Nats-Msg-Ids remembered, per process, to drop events sent twice
  // an event's lookup that failed UNAVAILABLE is tried again, the wait doubling, until the
  // budget is spent; then the subscriber gets the error in the event's place
  realtimeLookupRetry: { delayMs: 250, maxDelayMs: 2_000, budgetMs: 30_000 },
  // the GraphQL feed page cache (feed-cache.ts), per process; its entries are checked against
  // the version keys on every read, so the age is only the bound on staleness should a write's
  // version bump fail (as compat-rest's feedPageLimits)
  feedCache: {
    maxEntries: 500, // documents × variables: the newest page and the cursors paged through
    maxAgeMs: 60_000,
  },
  // a confirmed live account's mark in Redis (account-check.ts), valid while the account's version
  // key is unchanged: its lifetime bounds a deletion whose version bump was lost
  liveAccounts: { markTtlSeconds: 30 },
} as const;

/** A cost budget over a fixed window: `points` of estimated cost per `windowSeconds`. */
export interface CostBudget {
  points: number;
  windowSeconds: number;
}

/**
 * What one socket's events may cost (realtime/edge.ts). Each event is hydrated with its
 * subscription's selection, so it costs what a query of that selection costs (operation-cost.ts,
 * at least 1: a scalar event is still a message); the sum over the socket's subscriptions is
 * charged as events are handed to it, before their lookup runs. Past the budget, a subscription
 * whose event arrives gets one RATE_LIMITED error (retryAfterSeconds) and completes, and the
 * socket's new subscribes are refused until the window ends. 60 000 a minute is a busy live
 * video's danmaku (about 300 events a second at cost 3) with room to spare.
 */
export const realtimeEventCost: CostBudget = {
  points: 60_000,
  windowSeconds: 60,
};

export interface OperationLimits {
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxCost: number;
  assumedPageSize: number;
  credentialFields: readonly string[];
  maxCredentialFields: number;
}

/**
 * What one operation may ask for, checked after parsing and before query planning or any subgraph
 * call (operation-limits.ts). Every compat-rest document stays under 70% of each (a test checks).
 */
export const operationLimits: OperationLimits = {
  // lexical tokens per document; the parser stops at the next one, so floods of fields,
  // aliases or directives (CVE-2023-49559) cost at most this much parsing
  maxTokens: 1000,
  // nested field levels; a fragment adds no level of its own. A connection costs two
  // (edges, node): feed → edges → node → comments → edges → node → author → name is 8
  maxDepth: 10,
  maxAliases: 30, // aliased fields per operation (__typename free), fragments counted where spread
  maxDirectives: 20, // directive uses per operation, fragments counted where spread
  // estimated objects resolved (operation-cost.ts): 1 per object, times the page size below a
  // `first` argument. compat-rest's largest, /douyin/publish/list/ (50 videos), is about 150
  maxCost: 1000,
  // page size assumed for a `first` argument given neither a value nor an SDL default
  assumedPageSize: 50,
  // fields of each of these per operation: every one is a password hash (argon2) or an account
  credentialFields: ['register', 'login'],
  maxCredentialFields: 1,
};

const MINUTE_S = 60;
const HOUR_S = 3600;

/**
 * Per user, per action: what one account may do, counted in Redis before the operation runs
 * (rate-limits.ts). Keyed by the verified viewer and the mutation's root field; aliases count one
 * each. Fields sharing an action share its count (a like and an unlike are both taps on one button).
 */
export const actionRateLimits = {
  like: { fields: ['likeVideo', 'unlikeVideo'], points: 120, durationSeconds: MINUTE_S },
  comment: { fields: ['addComment'], points: 20, durationSeconds: MINUTE_S },
  danmaku: { fields: ['sendDanmaku'], points: 120, durationSeconds: MINUTE_S }, // bullet comments come in bursts
  follow: { fields: ['follow', 'unfollow'], points: 60, durationSeconds: MINUTE_S },
  message: { fields: ['sendMessage'], points: 60, durationSeconds: MINUTE_S },
  publish: { fields: ['publishVideo'], points: 30, durationSeconds: HOUR_S },
} as const;

export type ActionRateLimits = {
  [A in keyof typeof actionRateLimits]: { points: number; durationSeconds: number };
};

/**
 * Limits a test may tighten for one gateway (createGatewayApp): a window it can wait out and a
 * budget it can reach in seconds. Production uses the constants of this file.
 */
export interface GatewayOverrides {
  actionRateLimits?: Partial<ActionRateLimits>;
  /** Per subgraph (by manifest name): a policy for the one a test takes down. */
  subgraphBreakers?: Partial<Record<string, Partial<SubgraphFetchPolicy>>>;
  realtimeEventCost?: CostBudget;
}

export const rateLimitSettings = {
  // upload bytes per user per hour (publishVideo), counted from the request's Content-Length; a
  // body of unknown length is counted as the largest upload allowed
  uploadBytesPerHour: 4 * 1024 * 1024 * 1024, // 4 GiB
  ipWindowSeconds: MINUTE_S, // the window of RATE_LIMIT_IP_PER_MINUTE
  // how long a check waits on Redis before letting the request through (fail open); below the
  // Redis command timeout, so a stuck Redis costs a request at most this
  storeBudgetMs: 250,
  // after Redis failed a check, requests pass unchecked for this long, then it is asked again
  storeBackoffMs: 5_000,
} as const;

/**
 * One circuit breaker per remote subgraph, per gateway process (subgraph-source.ts, opossum).
 * Failures are fetches that got no answer: refused, reset, or past fetchTimeoutMs. A subgraph's
 * own coded errors (its MySQL down answers UNAVAILABLE) are answers, and never open it.
 */
export const subgraphBreaker: SubgraphFetchPolicy = {
  // a fetch's wait for the subgraph's answer; the slowest legitimate subgraph request spends a
  // few statements of MySQL's 2 s budgets (packages/common/src/limits.ts)
  fetchTimeoutMs: 10_000,
  // fetches of one query in all, the first included: a query that got no answer (refused, reset,
  // timed out) or a 502/503/504 goes again, on a new connection, after retryDelayMs; a mutation
  // is sent once (it may have run). Each is one fire of the breaker, so an open breaker ends them
  queryAttempts: 3,
  retryDelayMs: 100,
  rollingWindowMs: 10_000, // the window failures are counted in
  volumeThreshold: 5, // fetches in the window before the breaker may open at all
  errorThresholdPercentage: 50, // failed share of the window's fetches that opens it
  // open this long (every fetch fails at once with UNAVAILABLE), then one trial fetch
  // (half-open): an answer closes it, a failure opens it again
  resetTimeoutMs: 5_000,
};

export interface SubgraphFetchPolicy {
  fetchTimeoutMs: number;
  queryAttempts: number;
  retryDelayMs: number;
  rollingWindowMs: number;
  volumeThreshold: number;
  errorThresholdPercentage: number;
  resetTimeoutMs: number;
}
