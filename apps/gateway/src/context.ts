import type { Logger } from '@reel/common';
import type { VerifiedViewer } from './viewer';

export interface GatewayContext extends VerifiedViewer {
  requestId: string;
  log: Logger;
}
