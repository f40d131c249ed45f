import type { UserRow } from '../db/schema';

/** Served by the gateway from apps/gateway/static; absolute because phones cannot reach localhost. */
export const defaultImages = {
  avatar: '/static/default-avatar.png',
  backgroundImage: '/static/default-background.jpg',
} as const;

export function imageUrl(publicBaseUrl: string, stored: string | null, fallback: string): string {
  if (stored && /^https?:\/\//.test(stored)) return stored;
  return `${publicBaseUrl}${stored ?? fallback}`;
}

export function avatarOf(publicBaseUrl: string, user: UserRow): string {
  return imageUrl(publicBaseUrl, user.avatar, defaultImages.avatar);
}

export function backgroundImageOf(publicBaseUrl: string, user: UserRow): string {
  return imageUrl(publicBaseUrl, user.backgroundImage, defaultImages.backgroundImage);
}
