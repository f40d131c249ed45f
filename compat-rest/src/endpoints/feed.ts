import { cursorBefore, decodeCursor } from '@reel/common/pagination';
import { douyinVideoFragment, toDouyinVideo } from '../douyin-video';
import type { Endpoint } from '../endpoint';
import type { FeedData } from '../feed-pages';
import { limits } from '../limits';
import { positiveNumberParam } from '../params';

const document = /* GraphQL */ `
  query DouyinFeed($first: Int!, $after: String) {
    feed(first: $first, after: $after) {
      edges {
        cursor
        node {
          ...DouyinVideo
        }
      }
      pageInfo {
        endCursor
      }
    }
  }

  ${douyinVideoFragment}
`;

const SECONDS_BELOW = 1e11; // a latest_time under this is seconds (1e11 s is the year 5138)

/**
 * latest_time → the feed's `after` (douyin-api.md §4): seconds or ms, as the app sends ms and the
 * doc says s. Absent, 0, negative or garbage means now, and the future is clamped to now: both
 * are the newest page (null), which also holds a video published this very millisecond. Any
 * other instant becomes a cursor whose page starts strictly before it: the app echoes next_time
 * back, and `<` (not `<=`) never repeats the boundary video.
 */
export function feedAfter(latestTime: string | undefined, nowMs = Date.now()): string | null {
  const t = positiveNumberParam(latestTime);
  if (t === undefined) return null;
  const ms = Math.floor(t < SECONDS_BELOW ? t * 1000 : t);
  return ms < nowMs ? cursorBefore(ms) : null;
}

export const feed: Endpoint<FeedData> = {
  method: 'GET',
  path: '/douyin/feed/',
  token: 'optional',
  document,
  request: (params) => ({
    variables: { first: limits.feedVideos, after: feedAfter(params.get('latest_time')) },
  }),
  execute: (call, gateway, { feedPages }) => feedPages.execute(gateway, call),
  respond: ({ feed }) => ({
    video_list: feed.edges.map((edge) => toDouyinVideo(edge.node)),
    // epoch ms of the oldest video (its cursor's), which the app echoes back as latest_time; an
    // empty page answers now, so the app's next call starts over from the newest video
    next_time: decodeCursor(feed.pageInfo.endCursor)?.ms ?? Date.now(),
  }),
  // next_time 0 makes the app's next call start over from now
  failureFields: { video_list: [], next_time: 0 },
};
