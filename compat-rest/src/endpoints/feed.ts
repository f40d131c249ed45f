import { douyinVideoFragment, type DouyinVideoFields, toDouyinVideo } from '../douyin-video';
import type { Endpoint } from '../endpoint';
import { limits } from '../limits';
import { positiveNumberParam } from '../params';

const document = /* GraphQL */ `
  query DouyinFeed($latestTime: Float, $first: Int!) {
    feed(latestTime: $latestTime, first: $first) {
      videos {
        ...DouyinVideo
      }
      nextTime
    }
  }

  ${douyinVideoFragment}
`;

interface FeedData {
  feed: { videos: DouyinVideoFields[]; nextTime: number };
}

export const feed: Endpoint<FeedData> = {
  method: 'GET',
  path: '/douyin/feed/',
  token: 'optional',
  document,
  // latest_time as sent, seconds or ms (the app sends ms, the doc says s: douyin-api.md §4);
  // the subgraph tells them apart. Absent, 0 or garbage goes as null: now.
  request: (params) => ({
    variables: {
      latestTime: positiveNumberParam(params.get('latest_time')) ?? null,
      first: limits.feedVideos,
    },
  }),
  respond: ({ feed }) => ({
    video_list: feed.videos.map(toDouyinVideo),
    // epoch ms; the app echoes it back as latest_time
    next_time: Math.trunc(feed.nextTime),
  }),
  // next_time 0 makes the app's next call start over from now
  failureFields: { video_list: [], next_time: 0 },
};
