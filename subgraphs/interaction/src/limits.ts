export const limits = {
  commentMaxChars: 500, // characters (code points), after trimming
  commentsPage: { default: 10, max: 50 }, // comments per Video.comments page
  likedVideosPage: { default: 10, max: 50 }, // videos per User.likedVideos page
  danmakuMaxChars: 100, // characters (code points), after trimming; the column is varchar(100)
  // Video.danmaku(fromMs, toMs): the widest window of a video's timeline one call reads, and the
  // most danmaku it answers (the earliest of the window): a busy stretch is read in narrower ones
  danmakuWindow: { maxMs: 10 * 60 * 1000, maxItems: 500 }, // ms of timeline; danmaku
  // a write InnoDB rolled back to break a deadlock runs again, up to this many attempts in all
  writeAttempts: 5,
  // a like or comment of a video the projection has not seen yet asks the gateway about it
  // (domain/video-authors.ts); past this the write answers UNAVAILABLE and the client may retry
  videoLookupTimeoutMs: 2_000,
  // projection rows kept per process once final (domain/video-authors.ts FinalVideoRows), about
  // 100 bytes each
  finalVideoRows: 100_000,
  // video_counters / user_counters rows kept per process (loaders.ts, README "Caches and
  // consistency"), about 150 bytes each; an entry is reloaded at maxAgeMs even if its version
  // still matches (the bound on a lost bump)
  countersCache: { maxEntries: 50_000, maxAgeMs: 60_000 }, // rows per cache; ms
} as const;
