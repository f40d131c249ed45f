import type { UserProfileRow } from '../db/schema';

/** Served by the gateway from apps/gateway/static; absolute because phones cannot reach localhost. */
export const defaultImages = {
  avatar: '/static/default-avatar.png',
  backgroundImage: '/static/default-background.jpg',
} as const;

export function imageUrl(publicBaseUrl: string, stored: string | null, fallback: string): string {
  if (stored && /^https?:\/\//.test(stored)) return stored;
  return `${publicBaseUrl}${stored ?? fallback}`;
}

export function avatarOf(publicBaseUrl: string, user: UserProfileRow): string {
  return imageUrl(publicBaseUrl, user.avatar, defaultImages.avatar);
}

export function backgroundImageOf(publicBaseUrl: string, user: UserProfileRow): string {
  return imageUrl(publicBaseUrl, user.backgroundImage, defaultImages.backgroundImage);
}

/** The name a reference to a vanished account shows (see `User` in schema.graphql). */
export const deletedAccountName = '[deleted]';

/**
 * What a reference to an account that no longer exists resolves to: a placeholder with default
 * images, so one dangling `authorId` cannot null a whole feed through a non-null `author`.
 * It is never written.
 */
export function deletedAccount(id: number): UserProfileRow {
  return {
    id,
    username: deletedAccountName,
    avatar: null,
    backgroundImage: null,
    signature: '',
    createdAt: new Date(0),
  };
}
