import type { Params } from '../params';

/** What register and login both select from AuthPayload. */
export interface SessionData {
  token: string;
  user: { id: string };
}

export function credentialsOf(params: Params) {
  // absent credentials go through as "" so the subgraph names what is missing
  return { username: params.get('username') ?? '', password: params.get('password') ?? '' };
}

export function sessionFields(session: SessionData) {
  return { user_id: Number(session.user.id), token: session.token };
}

// SD's register-then-login test helper reads `token` as a string even on failure (douyin-api.md §3.2).
export const noSession = { user_id: 0, token: '' } as const;
