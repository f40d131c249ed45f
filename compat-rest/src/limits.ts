export const limits = {
  formBodyBytes: 64 * 1024, // urlencoded bodies; every /douyin text param is short
  multipartFieldBytes: 64 * 1024, // per text part of a multipart body
  multipartFields: 32, // text parts per multipart body
  multipartParts: 64, // all parts, files included, per multipart body
  // An upload whose declared Content-Length passes config.media.maxUploadBytes by more than this
  // is refused before its body is read; the same allowance as the gateway's.
  multipartOverheadBytes: 1024 * 1024, // 1 MiB for the text parts and part headers
  gatewayTimeoutMs: 15_000, // per GraphQL call; then the client gets UNAVAILABLE
  // An upload call covers sending the file and the subgraph probing it and extracting a cover.
  gatewayUploadTimeoutMs: 120_000,
  feedVideos: 30, // videos per /douyin/feed/ call: the douyin doc's maximum (douyin-api.md §3.1)
  publishListPageVideos: 50, // videos per User.videos page asked of the gateway (its maximum)
  // /douyin/publish/list/ has no paging, so one answer lists at most this many, newest first.
  publishListMaxVideos: 300,
  favoriteListPageVideos: 50, // videos per User.likedVideos page asked of the gateway (its maximum)
  // /douyin/favorite/list/ has no paging either: at most this many, most recently liked first.
  favoriteListMaxVideos: 300,
  commentListPageComments: 50, // comments per Video.comments page asked of the gateway (its maximum)
  // /douyin/comment/list/ has no paging either: at most this many, newest first.
  commentListMaxComments: 300,
  relationListPageUsers: 50, // users per User.following/followers/friends page asked of the gateway (its maximum)
  // /douyin/relation/{follow,follower,friend}/list/ have no paging either: at most this many,
  // newest follow first
  relationListMaxUsers: 300,
  chatPageMessages: 50, // messages per Query.conversation page asked of the gateway (its maximum)
  // /douyin/message/chat/ with pre_msg_time 0 answers the whole conversation: at most this many,
  // the newest ones, oldest first
  chatMaxMessages: 1000,
  // a pre_msg_time below this is in seconds (an old server's create_time), else in ms
  // (douyin-api.md §5.3): 1e11 s is the year 5138, 1e11 ms is 1973
  chatSecondsBelow: 1e11,
  // create_date is a calendar day ("MM-DD") with no zone of its own: the app's users' day
  commentDateTimeZone: 'Asia/Shanghai',
} as const;

/** compat-rest's own per-address limit (RATE_LIMIT_IP_PER_MINUTE), fail-open like the gateway's. */
export const rateLimitSettings = {
  ipWindowSeconds: 60, // the window of RATE_LIMIT_IP_PER_MINUTE
  storeBudgetMs: 250, // waiting on Redis before letting the request through (below its command timeout)
  storeBackoffMs: 5_000, // after Redis failed a check, requests pass unchecked for this long
} as const;
