import { asRequestError, type ConfigOf, type Viewer, viewerFromAuthorization } from '@reel/common';

export interface VerifiedViewer {
  viewer: Viewer | null;
  /** The verified `Authorization` value, forwarded to subgraphs as is (they re-verify it). */
  authorization: string | undefined;
}

/**
 * The one place the gateway turns credentials into a viewer: the HTTP context (the header) and
 * the realtime edge (the `authorization` of graphql-ws `connection_init`) both call it. A missing
 * credential is anonymous; a wrong one is an UNAUTHENTICATED request error.
 */
export async function viewerFrom(
  config: ConfigOf<'auth'>,
  authorization: string | undefined,
): Promise<VerifiedViewer> {
  try {
    const viewer = await viewerFromAuthorization(config.auth, authorization);
    return { viewer, authorization: viewer ? authorization : undefined };
  } catch (error) {
    throw asRequestError(error);
  }
}
