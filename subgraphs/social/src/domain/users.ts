import { z } from 'zod';
import { appError, askGateway, type Logger } from '@reel/common';
import { insertKnownUser, isKnownUser, type SocialDb } from '../db/queries';
import { limits } from '../limits';

export interface UserLookupDeps {
  db: SocialDb;
  log: Logger;
  /** The gateway's base URL (config.gateway.url): who exists is the user subgraph's to say. */
  gatewayUrl: string;
  /** known_users rows this process has read or written: see KnownUserIds. */
  knownUserIds: KnownUserIds;
}

/**
 * The ids of known_users this process has seen, so that following or messaging a user seen
 * before costs no SELECT. A known_users row is never deleted or changed (a deleted account stays
 * known, see requireUser), so nothing invalidates an id here. Bounded by limits.knownUserIds, the
 * oldest stored going first.
 */
export class KnownUserIds {
  private readonly ids = new Set<number>();

  constructor(private readonly maxEntries: number) {}

  has(userId: number): boolean {
    return this.ids.has(userId);
  }

  remember(userId: number): void {
    if (this.ids.has(userId)) return;
    this.ids.add(userId);
    if (this.ids.size > this.maxEntries) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}

// through the supergraph, as any client asks: social may not read the users table
const USER_EXISTS = 'query SocialUserExists($id: ID!) { user(id: $id) { id } }';

const userExistsData = z.object({ user: z.object({ id: z.string() }).nullable() });

/**
 * NOT_FOUND unless the user exists. A user the gateway once confirmed is remembered in
 * known_users, so following or messaging them again asks nobody; an unknown id is asked of the
 * gateway every time (it may have registered since), and UNAVAILABLE answers when the gateway
 * does not answer within limits.userLookupTimeoutMs. A remembered account that is later deleted
 * stays known here: `user(id)` answers null for it and lists show a placeholder.
 */
export async function requireUser(
  deps: UserLookupDeps,
  userId: number,
  { field, requestId }: { field: string; requestId: string },
): Promise<void> {
  if (deps.knownUserIds.has(userId)) return;
  if (!(await isKnownUser(deps.db, userId))) {
    if (!(await userExists(deps, userId, requestId)))
      throw appError('NOT_FOUND', 'No such user', { field });
    await insertKnownUser(deps.db, userId);
  }
  deps.knownUserIds.remember(userId);
}

async function userExists(
  deps: UserLookupDeps,
  userId: number,
  requestId: string,
): Promise<boolean> {
  const { user } = await askGateway(
    deps.gatewayUrl,
    USER_EXISTS,
    { id: String(userId) },
    {
      data: userExistsData,
      timeoutMs: limits.userLookupTimeoutMs,
      log: deps.log,
      failureLog: 'could not learn from the gateway whether a user exists',
      logContext: { userId },
      unavailableMessage: 'Could not check that the user exists; try again shortly',
      requestId,
    },
  );
  return user !== null;
}
