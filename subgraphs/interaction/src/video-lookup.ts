import { askGateway, type Logger } from '@reel/common';
import { z } from 'zod';
import type { LookUpVideo } from './domain/video-authors';
import { limits } from './limits';

// Video.duration is in seconds (subgraphs/video/schema.graphql); the projection keeps ms.
// video(id) is public: no token is sent, so the answer is the same whoever liked.
const videoQuery = 'query ($id: ID!) { video(id: $id) { id duration author { id } } }';

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/; // ARCHITECTURE: IDs, decimal strings below 2^53

const videoData = z.object({
  video: z
    .object({
      id: z.string(),
      duration: z.number().nonnegative(),
      author: z.object({ id: z.string().regex(DECIMAL_ID) }),
    })
    .nullable(),
});

/**
 * The read-through of domain/video-authors.ts: asks the supergraph, through the gateway, about
 * one video. The video subgraph owns videos; this is how interaction learns of one whose
 * `video.created` event has not reached it yet, without reading the video tables. UNAVAILABLE
 * when the gateway does not answer within limits.videoLookupTimeoutMs.
 */
export function videoLookup(gatewayUrl: string, log: Logger): LookUpVideo {
  return async (videoId) => {
    const { video } = await askGateway(
      gatewayUrl,
      videoQuery,
      { id: String(videoId) },
      {
        data: videoData,
        timeoutMs: limits.videoLookupTimeoutMs,
        log,
        failureLog: 'video lookup through the gateway failed',
        logContext: { videoId },
        unavailableMessage: 'The video service did not answer in time; try again shortly',
      },
    );
    if (!video) return null;
    return {
      videoId,
      authorId: Number(video.author.id),
      durationMs: Math.round(video.duration * 1000),
    };
  };
}
