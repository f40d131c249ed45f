import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
/** Where the gateway serves the web client from (apps/gateway/src/web-client.ts). */
export const webClientIndex = path.join(root, 'apps', 'web', 'dist', 'index.html');

/**
 * Builds apps/web (vite build, about 2 s) when its dist is missing, or always with `force`, so the
 * gateway has a client to serve at `/`. Answers whether it built.
 */
export function ensureWebClientBuilt(options: { force?: boolean; quiet?: boolean } = {}): boolean {
  if (!options.force && existsSync(webClientIndex)) return false;
  execFileSync('npm', ['run', 'build', '--workspace', '@reel/web'], {
    cwd: root,
    stdio: options.quiet ? 'pipe' : 'inherit',
  });
  return true;
}
