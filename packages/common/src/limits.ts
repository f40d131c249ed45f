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
