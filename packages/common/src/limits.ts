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
  readinessTimeoutMs: 2_000, // per /readyz check
} as const;

export type HttpLimits = { [K in keyof typeof httpLimits]: number };
