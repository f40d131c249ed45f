import { randomBytes } from 'node:crypto';
import { graphql } from './graphql';

/** Short unique usernames (≤ 20 chars) so every test builds its own world. */
export function uniqueName(prefix = 'u'): string {
  return `${prefix.slice(0, 6)}_${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export interface SeededUser {
  user: { id: string; name: string };
  token: string;
  password: string;
}

/** Seeds through the public API, so seeded users are exactly what a client would create. */
export function seeder(gatewayUrl: string) {
  return {
    async user(name = uniqueName(), password = 'secret-pass'): Promise<SeededUser> {
      const response = await graphql<{
        register: { token: string; user: { id: string; name: string } };
      }>(
        gatewayUrl,
        'mutation Seed($name: String!, $password: String!) { register(username: $name, password: $password) { token user { id name } } }',
        { name, password },
      );
      if (!response.data?.register)
        throw new Error(`seeding user ${name} failed: ${JSON.stringify(response.errors)}`);
      return { ...response.data.register, password };
    },
  };
}
