/**
 * Time budgets toward the shared dependencies. A dependency that misses one makes the request
 * answer UNAVAILABLE at once, rather than every request waiting as long as MariaDB or Redis is
 * stuck (8 s of frozen MariaDB once held every request 8 s). The slowest legitimate statement or
 * command takes milliseconds; the budgets are generous multiples of that, short of a user's
 * patience.
 */
export const dependencyLimits = {
  mysql: {
    connectTimeoutMs: 2_000, // TCP connect and handshake of a new pool connection
    acquireTimeoutMs: 2_000, // waiting for a pool connection, connecting a new one included
    queryTimeoutMs: 2_000, // one statement, sent to last row; the connection is destroyed past it
    migrationQueryTimeoutMs: 10 * 60_000, // one migration statement (DDL on a big table is slow)
    connectionLimit: 10, // connections per pool (one pool per subgraph, per process)
  },
  redis: {
    connectTimeoutMs: 2_000, // TCP connect of a new connection
    commandTimeoutMs: 1_000, // one command, sent to reply
    maxRetriesPerRequest: 1, // re-sends of a command after a reconnect, before it fails
  },
  readiness: {
    checkTimeoutMs: 2_000, // one /readyz check (a ping)
    // a remote subgraph's /readyz, which runs its own checks: longer than checkTimeoutMs, so a
    // subgraph whose dependency is stuck answers 503 instead of looking unreachable
    subgraphTimeoutMs: 3_000,
  },
} as const;

const MINUTE_MS = 60_000;

/**
 * Every HTTP server's limits (listen() in service.ts). Node sets request timeouts per server, not
 * per route, and the gateway, the video subgraph and compat-rest take uploads on the same server
 * as everything else: so the whole-request timeout is sized for an upload, and a body that stops
 * arriving is caught much sooner by the idle timeout. Tests pass smaller values to listen().
 */
export const httpLimits = {
  headersTimeoutMs: 30_000, // request line and headers must arrive within this (slowloris)
  // A whole request, body included: 100 MiB (MAX_UPLOAD_MIB's default) from a phone on a weak
  // uplink of 0.5 Mbit/s takes about 28 min. A slower sender keeps sending, so it is not idle.
  requestTimeoutMs: 30 * MINUTE_MS,
  // No body byte for this long while the server waits for one: the sender stalled or vanished
  // (a Content-Length longer than what it sends). Answered 408 and the connection closed.
  bodyIdleTimeoutMs: 30_000,
  timeoutCheckIntervalMs: 5_000, // how often Node looks for requests past the two timeouts above
  keepAliveTimeoutMs: 65_000, // longer than common load balancers' idle timeout (60 s)
  // On close, in-flight requests get this long before their sockets are cut; close returns as
  // soon as they are done (scripts/start.ts waits a little longer before SIGKILL).
  shutdownGraceMs: 10_000,
} as const;

export type HttpLimits = { [K in keyof typeof httpLimits]: number };

/** Token checks (auth.ts). */
export const authLimits = {
  // seconds a token's exp (and nbf) may be off: phones' and servers' clocks drift a little, and a
  // token expiring mid-request should not fail it; one second more is refused
  clockToleranceSeconds: 30,
  // tokens a process remembers as verified until they expire (auth.ts): ~300 bytes each
  verifiedTokensKept: 10_000,
} as const;
