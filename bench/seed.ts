/**
 * The bench data set: 2000 users, 10 000 videos, 100 000 likes and 40 000 follows, written in
 * bulk SQL straight into the subgraphs' own tables of an already migrated database, with every
 * counter row and projection (interaction's video_authors, social's known_users) computed from
 * the rows so they agree exactly, as if each write had gone through the services.
 * Idempotent: a database that already holds the first bench user is left as it is.
 */
import mysql from 'mysql2/promise';

export const benchVolumes = {
  users: 2_000,
  videos: 10_000,
  likesPerUser: 50, // 100 000 likes
  followsPerUser: 20, // 40 000 follows
} as const;

/** Seeded ids start here, clear of the demo content's auto-increment ids. */
export const BENCH_ID_BASE = 1_000_000;
const CHUNK_ROWS = 5_000; // rows per multi-row INSERT, well under max_allowed_packet
const VIDEO_SPACING_MS = 60_000; // one seeded video a minute, newest a minute ago
// not a real hash: seeded users are never logged in with a password (the bench signs tokens)
const UNUSABLE_PASSWORD_HASH = '!bench-seed-no-password';

export function benchUserId(index: number): number {
  return BENCH_ID_BASE + 1 + (index % benchVolumes.users);
}

async function insertChunks(
  db: mysql.Connection,
  head: string,
  rows: (string | number | Date)[][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    await db.query(`${head} VALUES ?`, [chunk]);
  }
}

/**
 * user_counters and follow_counters of the users `where` selects, counted from the rows. Each
 * count is one grouped pass joined by key: a subquery per user would scan video_authors (no
 * index on author_id) once per user.
 */
async function insertUserCounters(
  db: mysql.Connection,
  where: string,
  params: number[],
): Promise<void> {
  await db.query(
    `INSERT INTO user_counters (user_id, favorite_count, total_favorited)
     SELECT u.id, COALESCE(liked.n, 0), COALESCE(received.n, 0) FROM users u
     LEFT JOIN (SELECT user_id, COUNT(*) AS n FROM favorites GROUP BY user_id) liked
       ON liked.user_id = u.id
     LEFT JOIN (SELECT va.author_id, COUNT(*) AS n FROM favorites f
       JOIN video_authors va ON va.video_id = f.video_id GROUP BY va.author_id) received
       ON received.author_id = u.id
     WHERE ${where}`,
    params,
  );
  await db.query(
    `INSERT INTO follow_counters (user_id, follow_count, follower_count)
     SELECT u.id, COALESCE(following.n, 0), COALESCE(followers.n, 0) FROM users u
     LEFT JOIN (SELECT follower_id, COUNT(*) AS n FROM follows GROUP BY follower_id) following
       ON following.follower_id = u.id
     LEFT JOIN (SELECT followee_id, COUNT(*) AS n FROM follows GROUP BY followee_id) followers
       ON followers.followee_id = u.id
     WHERE ${where}`,
    params,
  );
}

/** Seeds `url`'s database unless it already holds the bench set; returns whether it wrote. */
export async function seedBench(url: string, now = Date.now()): Promise<boolean> {
  const db = await mysql.createConnection(url);
  try {
    const [existing] = await db.query<mysql.RowDataPacket[]>('SELECT 1 FROM users WHERE id = ?', [
      benchUserId(0),
    ]);
    if (existing.length > 0) return false;
    const { users, videos, likesPerUser, followsPerUser } = benchVolumes;
    const createdAt = new Date(now - 86_400_000);
    await insertChunks(
      db,
      'INSERT INTO users (id, username, password_hash, signature, created_at)',
      Array.from({ length: users }, (_, i) => [
        benchUserId(i),
        `bench_${i + 1}`,
        UNUSABLE_PASSWORD_HASH,
        `bench user ${i + 1}`,
        createdAt,
      ]),
    );
    await insertChunks(
      db,
      'INSERT INTO known_users (user_id, confirmed_at)',
      Array.from({ length: users }, (_, i) => [benchUserId(i), createdAt]),
    );
    // video i (0 = newest) by user i mod users, so every author has 5 works
    const videoRows = Array.from({ length: videos }, (_, i) => {
      const id = BENCH_ID_BASE + videos - i;
      return [
        id,
        benchUserId(i),
        `bench video ${id}`,
        `videos/bench/${id}.mp4`,
        `covers/bench/${id}.jpg`,
        `thumbnails/bench/${id}.jpg`,
        'video/mp4',
        1_000_000,
        10_000,
        720,
        1280,
        new Date(now - VIDEO_SPACING_MS * (i + 1)),
      ];
    });
    await insertChunks(
      db,
      'INSERT INTO videos (id, author_id, title, play_key, cover_key, thumbnail_key, content_type, size_bytes, duration_ms, width, height, created_at)',
      videoRows,
    );
    await insertChunks(
      db,
      'INSERT INTO video_authors (video_id, author_id, duration_ms)',
      videoRows.map((row) => [row[0]!, row[1]!, 10_000]),
    );
    // user u likes the 50 videos u, u+200, …: distinct per user, ~10 likes per video
    const likes: (number | Date)[][] = [];
    for (let u = 0; u < users; u += 1)
      for (let k = 0; k < likesPerUser; k += 1)
        likes.push([benchUserId(u), BENCH_ID_BASE + 1 + ((u * 7 + k * 200) % videos), createdAt]);
    await insertChunks(db, 'INSERT INTO favorites (user_id, video_id, created_at)', likes);
    // user u follows u+1, u+98, …: 20 distinct others
    const follows: (number | Date)[][] = [];
    for (let u = 0; u < users; u += 1)
      for (let k = 0; k < followsPerUser; k += 1)
        follows.push([benchUserId(u), benchUserId(u + 1 + k * 97), createdAt]);
    await insertChunks(db, 'INSERT INTO follows (follower_id, followee_id, created_at)', follows);
    // counters from the rows themselves, so they are exact
    const seeded = [BENCH_ID_BASE, BENCH_ID_BASE + users + videos];
    await db.query(
      `INSERT INTO video_counters (video_id, favorite_count, comment_count)
       SELECT va.video_id, COUNT(f.id), 0 FROM video_authors va
       LEFT JOIN favorites f ON f.video_id = va.video_id
       WHERE va.video_id > ? AND va.video_id <= ? GROUP BY va.video_id`,
      seeded,
    );
    await insertUserCounters(db, 'u.id > ? AND u.id <= ?', seeded);
    return true;
  } finally {
    await db.end();
  }
}

/**
 * Issue 11's big accounts, on the newest page: an author followed by 100 000 users, whose one
 * video has 100 000 likes (the same 100 000 fan accounts do both). Seeded apart from the set
 * above (a database seeded before they existed gets them too), idempotent by the author's row.
 */
export const bigAccounts = {
  fans: 100_000,
  authorId: 1_900_000,
  videoId: BENCH_ID_BASE + benchVolumes.videos + 1,
  firstFanId: 2_000_001,
} as const;

/** Seeds the big accounts unless present; answers the big video's created_at in ms either way. */
export async function seedBigAccounts(url: string, now = Date.now()): Promise<number> {
  const db = await mysql.createConnection(url);
  try {
    const [existing] = await db.query<mysql.RowDataPacket[]>(
      'SELECT CAST(UNIX_TIMESTAMP(created_at) * 1000 AS UNSIGNED) AS ms FROM videos WHERE id = ?',
      [bigAccounts.videoId],
    );
    if (existing[0]) return Number(existing[0].ms);
    const { fans, authorId, videoId, firstFanId } = bigAccounts;
    const createdAt = new Date(now - 86_400_000);
    // all or nothing: the video row is what says the accounts are there
    await db.beginTransaction();
    const fanIds = Array.from({ length: fans }, (_, i) => firstFanId + i);
    await insertChunks(
      db,
      'INSERT INTO users (id, username, password_hash, signature, created_at)',
      [
        [authorId, 'bench_big_author', UNUSABLE_PASSWORD_HASH, 'followed by 100 000', createdAt],
        ...fanIds.map((id, i) => [id, `bench_fan_${i + 1}`, UNUSABLE_PASSWORD_HASH, '', createdAt]),
      ],
    );
    await insertChunks(
      db,
      'INSERT INTO known_users (user_id, confirmed_at)',
      [authorId, ...fanIds].map((id) => [id, createdAt]),
    );
    // half a minute newer than the newest seeded video: on the newest page with the set's videos
    const videoCreatedAt = new Date(now - VIDEO_SPACING_MS / 2);
    await db.query(
      'INSERT INTO videos (id, author_id, title, play_key, cover_key, thumbnail_key, content_type, size_bytes, duration_ms, width, height, created_at) VALUES ?',
      [
        [
          [
            videoId,
            authorId,
            'bench video liked 100 000 times',
            `videos/bench/${videoId}.mp4`,
            `covers/bench/${videoId}.jpg`,
            `thumbnails/bench/${videoId}.jpg`,
            'video/mp4',
            1_000_000,
            10_000,
            720,
            1280,
            videoCreatedAt,
          ],
        ],
      ],
    );
    await db.query(
      'INSERT INTO video_authors (video_id, author_id, duration_ms) VALUES (?, ?, ?)',
      [videoId, authorId, 10_000],
    );
    await insertChunks(
      db,
      'INSERT INTO favorites (user_id, video_id, created_at)',
      fanIds.map((id) => [id, videoId, createdAt]),
    );
    await insertChunks(
      db,
      'INSERT INTO follows (follower_id, followee_id, created_at)',
      fanIds.map((id) => [id, authorId, createdAt]),
    );
    // counters from the rows, as seedBench's
    await db.query(
      `INSERT INTO video_counters (video_id, favorite_count, comment_count)
       SELECT ?, COUNT(*), 0 FROM favorites WHERE video_id = ?`,
      [videoId, videoId],
    );
    const accounts = [authorId, firstFanId, firstFanId + fans - 1];
    await insertUserCounters(db, '(u.id = ? OR u.id BETWEEN ? AND ?)', accounts);
    await db.commit();
    return videoCreatedAt.getTime();
  } finally {
    await db.end();
  }
}
