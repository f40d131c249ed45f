import { appError, type Logger } from '@reel/common';
import { z } from 'zod';
import type { LookUpVideo } from './domain/video-authors';
import { limits } from './limits';

// Video.duration is in seconds (subgraphs/video/schema.graphql); the projection keeps ms.
// video(id) is public: no token is sent, so the answer is the same whoever liked.
const videoQuery = 'query ($id: ID!) { video(id: $id) { id duration author { id } } }';

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/; // ARCHITECTURE: IDs, decimal strings below 2^53

const answerSchema = z.object({
  data: z
    .object({
      video: z
        .object({
          id: z.string(),
          duration: z.number().nonnegative(),
          author: z.object({ id: z.string().regex(DECIMAL_ID) }),
        })
        .nullable(),
    })
    .nullish(),
  errors: z.array(z.unknown()).optional(),
});

/**
 * The read-through of domain/video-authors.ts: asks the supergraph, through the gateway's public
 * /graphql, about one video. The video subgraph owns videos; this is how interaction learns of
 * one whose `video.created` event has not reached it yet, without reading the video tables.
 * In the one-machine topology the gateway runs this subgraph in-process and is asked over HTTP
 * all the same: it is the one door to the supergraph.
 */
export function videoLookup(gatewayUrl: string, log: Logger): LookUpVideo {
  const url = `${gatewayUrl.replace(/\/+$/, '')}/graphql`;
  const unavailable = (videoId: number, cause: unknown) => {
    log.warn({ err: cause, videoId }, 'video lookup through the gateway failed');
    return appError('UNAVAILABLE', 'The video service did not answer in time; try again shortly');
  };
  return async (videoId) => {
    let body: unknown;
    try {
      // the gateway answers coded errors with 4xx/5xx and a GraphQL body: read it whatever the status
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // the gateway's CSRF prevention; harmless on a JSON body, required on any other
          'apollo-require-preflight': 'true',
        },
        body: JSON.stringify({ query: videoQuery, variables: { id: String(videoId) } }),
        signal: AbortSignal.timeout(limits.videoLookupTimeoutMs),
      });
      body = await response.json();
    } catch (error) {
      throw unavailable(videoId, error);
    }
    const answer = answerSchema.safeParse(body);
    if (!answer.success) throw unavailable(videoId, answer.error);
    if (answer.data.errors?.length || !answer.data.data)
      throw unavailable(videoId, { errors: answer.data.errors });
    const video = answer.data.data.video;
    if (!video) return null;
    return {
      videoId,
      authorId: Number(video.author.id),
      durationMs: Math.round(video.duration * 1000),
    };
  };
}
