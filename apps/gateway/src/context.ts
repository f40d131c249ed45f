import type { Logger } from '@reel/common';
import type { VerifiedViewer } from './viewer';

export interface GatewayContext extends VerifiedViewer {
  requestId: string;
  log: Logger;
  /** The client's address (see client-ip.ts), forwarded to subgraphs for per-client limits. */
  clientIp: string | null;
}
