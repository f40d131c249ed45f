export const limits = {
  jsonBodyBytes: 1024 * 1024, // 1 MiB of GraphQL JSON per request
  subgraphKeepAliveSockets: 64, // per subgraph, per gateway process
  multipartOverheadBytes: 1024 * 1024, // 1 MiB for the operations/map fields and part headers
  mediaMaxAgeSeconds: 365 * 24 * 3600, // media keys are unique per upload, so responses never change
  staticMaxAgeSeconds: 24 * 3600, // default images; media under /media are immutable (see media.ts)
} as const;
