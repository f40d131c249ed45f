/**
 * The hand-written comparison for issue 11: node:http + mysql2 serving the same `/douyin/feed/`
 * JSON as compat-rest (douyin-api.md §feed: every key of every video and author), straight from
 * the subgraphs' tables (it may read them all: it is the yardstick, not a design). Two SQL round
 * trips per page: the page with its authors, counters and, logged in, the viewer's flags; then
 * the authors' work counts. The token is verified as the gateway does (@reel/common verifyToken).
 * Env: MYSQL_URL, PUBLIC_BASE_URL, JWT_* (as the stack), BASELINE_PORT (default 8190).
 */
import { createServer, type ServerResponse } from 'node:http';
import mysql from 'mysql2/promise';
import { verifyToken } from '@reel/common/auth';
import { loadConfig } from '@reel/common/env';

const FEED_VIDEOS = 30; // compat-rest's limits.feedVideos
const SECONDS_BELOW = 1e11; // a latest_time under this is seconds, as compat-rest reads it
const DEFAULT_AVATAR = '/static/default-avatar.png';
const DEFAULT_BACKGROUND = '/static/default-background.jpg';

const config = loadConfig(['mysql', 'auth']);
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:4000';
const port = Number(process.env.BASELINE_PORT ?? 8190);
const pool = mysql.createPool({ uri: config.mysql.url, connectionLimit: 10 });

interface PageRow extends mysql.RowDataPacket {
  id: number;
  author_id: number;
  title: string;
  play_key: string;
  cover_key: string;
  created_ms: number;
  favorite_count: number | null;
  comment_count: number | null;
  is_favorite: number;
  username: string | null;
  avatar: string | null;
  background_image: string | null;
  signature: string | null;
  follow_count: number | null;
  follower_count: number | null;
  is_follow: number;
  user_favorite_count: number | null;
  total_favorited: number | null;
}

function imageUrl(stored: string | null, fallback: string): string {
  if (stored && /^https?:\/\//.test(stored)) return stored;
  return `${publicBaseUrl}${stored ?? fallback}`;
}

function beforeMs(latestTime: string | null): number | null {
  const t = Number(latestTime);
  if (!latestTime || !Number.isFinite(t) || t <= 0) return null;
  const ms = Math.floor(t < SECONDS_BELOW ? t * 1000 : t);
  return ms < Date.now() ? ms : null;
}

const pageSql = (before: boolean) => `
  SELECT v.id, v.author_id, v.title, v.play_key, v.cover_key,
    CAST(UNIX_TIMESTAMP(v.created_at) * 1000 AS UNSIGNED) AS created_ms,
    vc.favorite_count, vc.comment_count,
    EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = ? AND f.video_id = v.id) AS is_favorite,
    u.username, u.avatar, u.background_image, u.signature,
    fc.follow_count, fc.follower_count,
    EXISTS (SELECT 1 FROM follows fo WHERE fo.follower_id = ? AND fo.followee_id = v.author_id) AS is_follow,
    uc.favorite_count AS user_favorite_count, uc.total_favorited
  FROM (SELECT * FROM videos ${before ? 'WHERE created_at < FROM_UNIXTIME(? / 1000)' : ''}
        ORDER BY created_at DESC LIMIT ${FEED_VIDEOS}) v
  LEFT JOIN video_counters vc ON vc.video_id = v.id
  LEFT JOIN users u ON u.id = v.author_id
  LEFT JOIN follow_counters fc ON fc.user_id = v.author_id
  LEFT JOIN user_counters uc ON uc.user_id = v.author_id
  ORDER BY v.created_at DESC`;

async function feed(viewerId: number, latestTime: string | null) {
  const before = beforeMs(latestTime);
  const params: number[] = [viewerId, viewerId];
  if (before !== null) params.push(before);
  const [rows] = await pool.query<PageRow[]>(pageSql(before !== null), params);
  const authorIds = [...new Set(rows.map((row) => row.author_id))];
  const works = new Map<number, number>();
  if (authorIds.length > 0) {
    const [counts] = await pool.query<mysql.RowDataPacket[]>(
      'SELECT author_id, COUNT(*) AS works FROM videos WHERE author_id IN (?) GROUP BY author_id',
      [authorIds],
    );
    for (const row of counts) works.set(Number(row.author_id), Number(row.works));
  }
  return {
    status_code: 0,
    status_msg: 'success',
    video_list: rows.map((row) => ({
      id: Number(row.id),
      author: {
        id: Number(row.author_id),
        name: row.username ?? '[deleted]',
        follow_count: row.follow_count ?? 0,
        follower_count: row.follower_count ?? 0,
        is_follow: row.is_follow === 1,
        avatar: imageUrl(row.avatar, DEFAULT_AVATAR),
        background_image: imageUrl(row.background_image, DEFAULT_BACKGROUND),
        signature: row.signature ?? '',
        total_favorited: row.total_favorited ?? 0,
        work_count: works.get(Number(row.author_id)) ?? 0,
        favorite_count: row.user_favorite_count ?? 0,
      },
      play_url: `${publicBaseUrl}/media/${row.play_key}`,
      cover_url: `${publicBaseUrl}/media/${row.cover_key}`,
      favorite_count: row.favorite_count ?? 0,
      comment_count: row.comment_count ?? 0,
      is_favorite: row.is_favorite === 1,
      title: row.title,
    })),
    next_time: rows.length > 0 ? Number(rows[rows.length - 1]!.created_ms) : Date.now(),
  };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://baseline');
  if (url.pathname !== '/douyin/feed/') return send(res, 404, { status_code: 404 });
  void (async () => {
    const token = url.searchParams.get('token');
    let viewerId = 0; // no user has id 0: anonymous flags are false
    if (token) {
      try {
        viewerId = (await verifyToken(config.auth, token)).id;
      } catch {
        return send(res, 200, { status_code: 401, status_msg: 'invalid token' });
      }
    }
    send(res, 200, await feed(viewerId, url.searchParams.get('latest_time')));
  })().catch((error: unknown) => send(res, 500, { status_code: 500, status_msg: String(error) }));
});

server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`baseline listening on http://127.0.0.1:${port}\n`);
});
process.on('SIGTERM', () => {
  server.close();
  void pool.end();
});
