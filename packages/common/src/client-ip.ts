import { isIP } from 'node:net';
import type { Request } from 'express';

/**
 * Express's "trust proxy" is set from TRUSTED_PROXY: `req.ip` is the socket's address unless
 * that peer is trusted, then the nearest untrusted X-Forwarded-For entry (compat-rest appends
 * its own client's address as a proxy does). Anything not an IP address falls back to the socket.
 */
export function clientIpOf(req: Request): string | null {
  const ip = isIP(req.ip ?? '') !== 0 ? req.ip! : req.socket.remoteAddress;
  if (!ip) return null;
  // one client, one spelling: an IPv4 peer on a dual-stack socket arrives as ::ffff:a.b.c.d
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped ? mapped[1]! : ip;
}

/**
 * The key part naming a client: its IPv4 address, or its IPv6 /64 (one subscriber's whole
 * network, which a single host can walk through); "unknown" when the gateway sent none.
 */
export function addressKey(clientIp: string | null): string {
  if (!clientIp) return 'unknown';
  if (isIP(clientIp) !== 6) return clientIp;
  const [head = '', tail = ''] = clientIp.toLowerCase().split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = clientIp.includes('::') && tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(Math.max(missing, 0)).fill('0'), ...tailGroups];
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}
