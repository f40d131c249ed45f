import {
  cacheKeys,
  decodeCursor,
  type Logger,
  RedisVersionStore,
  VersionedCache,
} from '@reel/common';
import type { Redis } from 'ioredis';
import type { DouyinVideoFields } from './douyin-video';
import type { GatewayClient, GraphqlCall } from './gateway-client';

/** The feed operation's data, as compat-rest's /douyin/feed/ document asks for it. */
export interface FeedData {
  feed: {
    edges: { cursor: string; node: DouyinVideoFields }[];
    pageInfo: { endCursor: string | null };
  };
}

export const feedPageLimits = {
  maxPages: 1000, // cached pages per process: the newest, and the cursors clients page through
  // an entry is rebuilt at this age even when no version moved: the bound on staleness should a
  // write's version bump have failed (Redis down at that moment); see README "Caches and consistency"
  maxAgeMs: 60_000,
} as const;

/** A page as anyone sees it: viewer flags false, `newestMs` the first video's creation. */
interface CachedPage {
  data: FeedData;
  newestMs: number | null;
}

const NEWEST = 'newest';

/**
 * /douyin/feed/'s pages, cached per process without viewer flags and validated against the
 * version keys in Redis on every read (VersionedCache): the page's membership (`feed`), each
 * video's counts, each author's profile and counts. A logged-in viewer's is_favorite and
 * is_follow are then asked with one small operation (one batched query in interaction, one in
 * social) and overlaid on a copy: never cached, never shared between viewers.
 */
export function createFeedPages(redis: Redis, log: Logger) {
  const pages = new VersionedCache<CachedPage>(new RedisVersionStore(redis), {
    maxEntries: feedPageLimits.maxPages,
    maxAgeMs: feedPageLimits.maxAgeMs,
    log,
    name: 'feed-pages',
  });

  /** One page from the cache, or the gateway asked anonymously, whoever is asking. */
  function page(gateway: GatewayClient, call: GraphqlCall, after: string | null) {
    const load = async () => {
      const answer = await gateway.execute({
        ...call,
        token: undefined,
        variables: { ...call.variables, after },
      });
      // the gateway shapes results as null-prototype objects (dictionary mode in V8), slow to read
      // and to copy; every request reads and copies the cached page, so it is kept as plain objects
      const data = structuredClone(answer) as unknown as FeedData;
      const { edges } = data.feed;
      const deps = edges.flatMap(({ node }) => [
        cacheKeys.video(node.id),
        cacheKeys.user(node.author.id),
      ]);
      const newestMs = edges[0] ? (decodeCursor(edges[0].cursor)?.ms ?? null) : null;
      return { value: { data, newestMs }, deps };
    };
    return pages.get(after === null ? NEWEST : `after:${after}`, [cacheKeys.feed], load);
  }

  /**
   * The page `after` names. A cursor after the newest video's instant is the newest page: the
   * app sends latest_time=now-ish, which must not make a page (and a cache entry) of its own.
   */
  async function pageAfter(gateway: GatewayClient, call: GraphqlCall, after: string | null) {
    const afterMs = decodeCursor(after)?.ms;
    if (after === null || afterMs === undefined) return page(gateway, call, null);
    const known = pages.peek(NEWEST);
    if (known?.newestMs != null && afterMs > known.newestMs) {
      const newest = await page(gateway, call, null);
      // checked again on the current newest page: every video on it is strictly before `after`
      if (newest.newestMs === null || newest.newestMs < afterMs) return newest;
    }
    return page(gateway, call, after);
  }

  return {
    /** The cache itself: its hit and load counts (tests, the bench). */
    pages,
    async execute(gateway: GatewayClient, call: GraphqlCall): Promise<FeedData> {
      const after = (call.variables.after as string | null | undefined) ?? null;
      const found = await pageAfter(gateway, call, after);
      return call.token === undefined ? found.data : withFlags(gateway, call, found.data);
    },
  };
}

/** A copy of the page with the viewer's is_favorite and is_follow, asked in one call. */
async function withFlags(
  gateway: GatewayClient,
  call: GraphqlCall,
  data: FeedData,
): Promise<FeedData> {
  const { edges } = data.feed;
  const { token, requestId, forwardedFor, clientIp, log } = call;
  // sent even for an empty page: the gateway still checks the token
  const flags = await gateway.viewerFlags({
    token,
    requestId,
    forwardedFor,
    clientIp,
    log,
    videoIds: edges.map(({ node }) => node.id),
    userIds: [...new Set(edges.map(({ node }) => node.author.id))],
  });
  const liked = new Set(flags.likedAmong);
  const followed = new Set(flags.followedAmong);
  return {
    feed: {
      pageInfo: data.feed.pageInfo,
      edges: edges.map(({ cursor, node }) => ({
        cursor,
        node: {
          ...node,
          isFavorite: liked.has(node.id),
          author: { ...node.author, isFollow: followed.has(node.author.id) },
        },
      })),
    },
  };
}

export type FeedPages = ReturnType<typeof createFeedPages>;
