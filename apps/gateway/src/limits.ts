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
} as const;
