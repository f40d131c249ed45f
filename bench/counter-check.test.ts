import mysql from 'mysql2/promise';
import { isolatedDatabase } from '@reel/testkit';
import { checkCounters } from './writes';

// checkCounters compares every counter row of a database, so this test has a database of its own
let database: Awaited<ReturnType<typeof isolatedDatabase>>;
let db: mysql.Connection;

beforeAll(async () => {
  database = await isolatedDatabase('bench_counters');
  db = await mysql.createConnection(database.url);
});

afterAll(async () => {
  await db?.end();
  await database?.drop();
});

const differing = async () =>
  Object.fromEntries((await checkCounters(db)).map((c) => [c.counter, c.differ]));

test('the bench counter check passes exact counters and names each one that is off', async () => {
  const at = new Date();
  // user 2 likes video 10 by user 1 twice over (users 2, 3); user 2 follows 1; one comment
  await db.query('INSERT INTO video_authors (video_id, author_id) VALUES (10, 1)');
  await db.query('INSERT INTO favorites (user_id, video_id, created_at) VALUES ?', [
    [
      [2, 10, at],
      [3, 10, at],
    ],
  ]);
  await db.query('INSERT INTO comments (video_id, author_id, content, created_at) VALUES ?', [
    [[10, 2, 'hi', at]],
  ]);
  await db.query('INSERT INTO follows (follower_id, followee_id, created_at) VALUES (2, 1, ?)', [
    at,
  ]);
  await db.query(
    'INSERT INTO video_counters (video_id, favorite_count, comment_count) VALUES (10, 2, 1)',
  );
  await db.query(
    'INSERT INTO user_counters (user_id, favorite_count, total_favorited) VALUES (1, 0, 2), (2, 1, 0), (3, 1, 0)',
  );
  await db.query(
    'INSERT INTO follow_counters (user_id, follow_count, follower_count) VALUES (1, 0, 1), (2, 1, 0)',
  );
  const exact = {
    'video_counters.favorite_count': 0,
    'video_counters.comment_count': 0,
    'user_counters.favorite_count': 0,
    'user_counters.total_favorited': 0,
    'follow_counters.follow_count': 0,
    'follow_counters.follower_count': 0,
  };
  expect(await differing()).toEqual(exact);

  // a counter one off, and a row nobody counts (user 4's follow has no counter row at all)
  await db.query('UPDATE video_counters SET comment_count = 2 WHERE video_id = 10');
  await db.query('INSERT INTO follows (follower_id, followee_id, created_at) VALUES (4, 1, ?)', [
    at,
  ]);
  expect(await differing()).toEqual({
    ...exact,
    'video_counters.comment_count': 1,
    'follow_counters.follow_count': 1, // user 4 has no row
    'follow_counters.follower_count': 1, // user 1 has 2 followers, its row says 1
  });
});
