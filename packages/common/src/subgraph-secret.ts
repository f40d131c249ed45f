import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { RequestHandler } from 'express';

/** The shared secret the gateway sends on every subgraph request (SUBGRAPH_SECRET). */
export const subgraphSecretHeader = 'x-reel-subgraph-secret';

/**
 * The client's address as the gateway saw it (its socket, or X-Forwarded-For from a trusted
 * proxy). Subgraphs read it only on requests that carried the secret, so only the gateway sets it.
 */
export const clientIpHeader = 'x-reel-client-ip';

// Both sides hashed first: timingSafeEqual needs equal lengths, and the length must not leak either.
const digest = (value: string) => createHash('sha256').update(value).digest();

export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * In front of a subgraph's /graphql: without the gateway's secret, HTTP 401 UNAUTHENTICATED and
 * nothing executed (`_entities` and `_service` would otherwise answer anyone who reaches the port).
 */
export function requireSubgraphSecret(secret: string): RequestHandler {
  return (req, res, next) => {
    const given = req.headers[subgraphSecretHeader];
    if (typeof given === 'string' && sameSecret(given, secret)) {
      next();
      return;
    }
    res.status(401).json({
      errors: [
        {
          message: 'Subgraphs answer only the gateway: the subgraph secret is missing or wrong',
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  };
}

/** The client address the gateway forwarded, or null when absent or not an IP address. */
export function forwardedClientIp(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value && isIP(value) !== 0 ? value : null;
}
