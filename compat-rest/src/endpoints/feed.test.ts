import { cursorBefore, encodeCursor } from '@reel/common/pagination';
import { feed, feedAfter } from './feed';

describe('/douyin/feed/ latest_time and next_time', () => {
  const now = Date.UTC(2026, 0, 31, 12);
  const noParams = { get: () => undefined };

  it('reads latest_time in ms or in seconds as a cursor strictly before that instant', () => {
    expect(feedAfter(String(now - 1500), now)).toBe(cursorBefore(now - 1500));
    expect(feedAfter(String((now - 2000) / 1000), now)).toBe(cursorBefore(now - 2000));
    expect(feedAfter('1700000000.5', now)).toBe(cursorBefore(1_700_000_000_500));
    expect(feedAfter('1', now)).toBe(cursorBefore(1000));
  });

  it.each([undefined, '', '0', '-5', 'not-a-time', String(now), String(now + 60_000)])(
    'reads latest_time=%j as now: the newest page',
    (latestTime) => {
      expect(feedAfter(latestTime, now)).toBeNull();
    },
  );

  const video = {
    id: '7',
    title: 't',
    playUrl: 'http://media/v.mp4',
    coverUrl: 'http://media/c.jpg',
    favoriteCount: 0,
    commentCount: 0,
    isFavorite: false,
    author: {
      id: '3',
      name: 'n',
      followCount: 0,
      followerCount: 0,
      isFollow: false,
      avatar: 'a',
      backgroundImage: 'b',
      signature: 's',
      workCount: 1,
      favoriteCount: 0,
      totalFavorited: 0,
    },
  };

  it("answers next_time as the oldest video's ms, read from the end cursor", () => {
    const answer = feed.respond(
      {
        feed: {
          edges: [{ cursor: encodeCursor({ ms: now - 5, id: 7 }), node: video }],
          pageInfo: { endCursor: encodeCursor({ ms: now - 5, id: 7 }) },
        },
      },
      noParams,
    );
    expect(answer).toMatchObject({ video_list: [{ id: 7 }], next_time: now - 5 });
  });

  it('answers an empty page with next_time now', () => {
    const before = Date.now();
    const answer = feed.respond({ feed: { edges: [], pageInfo: { endCursor: null } } }, noParams);
    expect(answer).toEqual({ video_list: [], next_time: expect.any(Number) });
    expect(answer.next_time).toBeGreaterThanOrEqual(before);
    expect(answer.next_time).toBeLessThanOrEqual(Date.now());
  });
});
