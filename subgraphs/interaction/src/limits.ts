export const limits = {
  commentMaxChars: 500, // characters (code points), after trimming
  commentsPage: { default: 10, max: 50 }, // comments per Video.comments page
  likedVideosPage: { default: 10, max: 50 }, // videos per User.likedVideos page
  // a write InnoDB rolled back to break a deadlock runs again, up to this many attempts in all
  writeAttempts: 5,
} as const;
