/** The events kit's defaults; options of startOutboxRelay/consumeDurable override some per use. */
export const eventLimits = {
  relayBatchSize: 100, // outbox rows read and published per round
  relayPollIntervalMs: 1_000, // safety net between rounds; a commit nudges the relay at once
  publishTimeoutMs: 2_000, // per JetStream publish (relay and dead-lettering)
  duplicateWindowMs: 2 * 60 * 1000, // JetStream drops a re-send with a known Nats-Msg-Id within this
  maxDeliveries: 5, // deliveries of one message before a consumer dead-letters it
  nakDelayMs: 2_000, // before a failed message is delivered again
  ackWaitMs: 30_000, // a handler's budget: an unacked message is redelivered after this
  pullBatchSize: 32, // messages a durable consumer pulls ahead of the one it is handling
  setupRetryMs: 1_000, // between attempts to reach NATS and set up streams/consumers
  deadLetterReasonMaxChars: 500, // characters of the error kept in the dead letter's header
  // how long stop() waits for the message in hand (its transaction, then its ack); past it, stop
  // returns and the message, never acked, is redelivered after ackWait to the next consumer,
  // whose processed-key check applies it once whether or not this one's transaction committed
  stopGraceMs: 10_000,
} as const;
