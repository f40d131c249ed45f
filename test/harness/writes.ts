import { graphql, type SeededUser } from '@reel/testkit';

/** The writes the cache tests make, each on one id: a video's, or the user followed. */
export const writeDocuments = {
  like: 'mutation ($id: ID!) { likeVideo(videoId: $id) { id } }',
  unlike: 'mutation ($id: ID!) { unlikeVideo(videoId: $id) { id } }',
  comment: 'mutation ($id: ID!) { addComment(videoId: $id, content: "first") { id } }',
  follow: 'mutation ($id: ID!) { follow(userId: $id) { id } }',
  unfollow: 'mutation ($id: ID!) { unfollow(userId: $id) { id } }',
} as const;

/** `actor` writes through the gateway at `gatewayUrl`; it must answer without errors. */
export async function writeAs(
  gatewayUrl: string,
  actor: SeededUser,
  write: keyof typeof writeDocuments,
  id: string,
): Promise<void> {
  const response = await graphql(gatewayUrl, writeDocuments[write], { id }, { token: actor.token });
  expect(response.errors).toBeUndefined();
}
