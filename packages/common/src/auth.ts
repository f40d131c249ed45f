import { createSecretKey, type KeyObject } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { Config } from './env';
import { appError } from './errors';
import { authLimits } from './limits';

export interface Viewer {
  id: number;
  /** When the token stops being valid, epoch ms (a WebSocket is closed then). */
  expiresAt?: number;
}

type AuthConfig = Config['auth'];

const ALGORITHM = 'HS256';
const encoder = new TextEncoder();
const secretKeys = new Map<string, KeyObject>();

/** The secret's HMAC key, made once: given the bytes, jose makes one on every sign and verify. */
function keyOf(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    key = createSecretKey(encoder.encode(secret));
    secretKeys.set(secret, key);
  }
  return key;
}

export async function issueToken(auth: AuthConfig, userId: number): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
    .setSubject(String(userId))
    .setIssuer(auth.issuer)
    .setAudience(auth.audience)
    .setIssuedAt()
    .setExpirationTime(`${auth.ttlSeconds}s`)
    .sign(keyOf(auth.secret));
}

// Tokens that verified, per auth config (secret, issuer, audience), until they expire: a token
// that verified once verifies alike until its exp (nothing revokes one, and other claims are not
// checked), and every request of a logged-in client would otherwise pay the HMAC and JSON again.
const verifiedTokens = new WeakMap<AuthConfig, Map<string, Viewer>>();

/**
 * Verifies a token with the algorithm pinned (so `alg: none` and RS/HS confusion fail), its
 * issuer, audience and an expiry required. A token this process verified under the same config is
 * answered from memory until its exp (and the clock tolerance) has passed.
 */
export async function verifyToken(auth: AuthConfig, token: string): Promise<Viewer> {
  let verified = verifiedTokens.get(auth);
  if (!verified) {
    verified = new Map();
    verifiedTokens.set(auth, verified);
  }
  const known = verified.get(token);
  const toleranceMs = authLimits.clockToleranceSeconds * 1000;
  if (known && Date.now() < (known.expiresAt ?? 0) + toleranceMs) return { ...known };
  verified.delete(token); // expired: verified again below, which says so
  const viewer = await verifyUncached(auth, token);
  // the oldest entry makes room (a Map keeps insertion order)
  if (verified.size >= authLimits.verifiedTokensKept)
    verified.delete(verified.keys().next().value!);
  verified.set(token, viewer);
  return { ...viewer };
}

async function verifyUncached(auth: AuthConfig, token: string): Promise<Viewer> {
  try {
    const { payload } = await jwtVerify(token, keyOf(auth.secret), {
      algorithms: [ALGORITHM],
      issuer: auth.issuer,
      audience: auth.audience,
      requiredClaims: ['sub', 'exp'],
      clockTolerance: authLimits.clockToleranceSeconds,
    });
    if (!payload.sub || !/^[1-9][0-9]{0,15}$/.test(payload.sub))
      throw appError('UNAUTHENTICATED', 'Invalid token subject');
    return { id: Number(payload.sub), expiresAt: (payload.exp ?? 0) * 1000 };
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired)
      throw appError('UNAUTHENTICATED', 'The token has expired; log in again');
    throw appError('UNAUTHENTICATED', 'The token is invalid; log in again');
  }
}

/**
 * Reads `Authorization: Bearer <jwt>`. No header means an anonymous viewer (null); a header that
 * is present but wrong is an error, never silently anonymous.
 */
export async function viewerFromAuthorization(
  auth: AuthConfig,
  header: string | undefined,
): Promise<Viewer | null> {
  if (header === undefined || header === '') return null;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(header.trim());
  if (!match?.[1])
    throw appError('UNAUTHENTICATED', 'The Authorization header must be "Bearer <token>"');
  return verifyToken(auth, match[1]);
}

export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw appError('UNAUTHENTICATED', 'You must be logged in');
  return viewer;
}
