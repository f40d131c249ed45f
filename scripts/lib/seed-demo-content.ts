import { seedDemo } from './demo-content';

export interface SeedContext {
  /** where the running gateway answers, e.g. http://127.0.0.1:4000 */
  gatewayUrl: string;
  say(line: string): void;
}

/**
 * Gives a fresh `npm start` a little demo content (demo users and a few generated clips), so the
 * feed is never empty. Runs once the gateway is ready and before compat-rest opens; idempotent,
 * since it runs on every start.
 */
export async function seedDemoContent(context: SeedContext): Promise<void> {
  const { users, published } = await seedDemo(context.gatewayUrl, context.say);
  context.say(
    published > 0
      ? `demo content: published ${published} videos by ${users} demo users`
      : `demo content: already there (${users} demo users)`,
  );
}
