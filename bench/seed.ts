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
    await db.query(
      `INSERT INTO user_counters (user_id, favorite_count, total_favorited)
       SELECT u.id,
         (SELECT COUNT(*) FROM favorites f WHERE f.user_id = u.id),
         (SELECT COUNT(*) FROM favorites f JOIN video_authors va ON va.video_id = f.video_id
          WHERE va.author_id = u.id)
       FROM users u WHERE u.id > ? AND u.id <= ?`,
      seeded,
    );
    await db.query(
      `INSERT INTO follow_counters (user_id, follow_count, follower_count)
       SELECT u.id,
         (SELECT COUNT(*) FROM follows f WHERE f.follower_id = u.id),
         (SELECT COUNT(*) FROM follows f WHERE f.followee_id = u.id)
       FROM users u WHERE u.id > ? AND u.id <= ?`,
      seeded,
    );
    return true;
  } finally {
    await db.end();
  }
}
