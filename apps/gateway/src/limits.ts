export const limits = {
  jsonBodyBytes: 1024 * 1024, // 1 MiB of GraphQL JSON per request
  subgraphKeepAliveSockets: 64, // per subgraph, per gateway process
  staticMaxAgeSeconds: 24 * 3600, // default images; media under /media are immutable (see media.ts)
} as const;
