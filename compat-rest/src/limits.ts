export const limits = {
  formBodyBytes: 64 * 1024, // urlencoded bodies; every /douyin text param is short
  multipartFieldBytes: 64 * 1024, // per text part of a multipart body
  multipartFields: 32, // text parts per multipart body
  multipartParts: 64, // all parts, files included, per multipart body
  gatewayTimeoutMs: 15_000, // per GraphQL call; then the client gets UNAVAILABLE
} as const;
