import type { Viewer } from '@reel/common';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The verified `Authorization` header, forwarded to subgraphs as is. */
  authorization: string | undefined;
  requestId: string;
}
