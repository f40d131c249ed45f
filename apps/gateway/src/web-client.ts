import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/** The web client's production build (`npm run build -w @reel/web`). */
export const webClientDir = path.join(__dirname, '..', '..', 'web', 'dist');

const hashedAssetMaxAgeMs = 365 * 24 * 3600 * 1000; // Vite names assets by content hash

/**
 * Serves the web client at `/`, mounted after every API route (/graphql, /media, /static,
 * /healthz, /readyz), so those keep priority. Any other GET that a browser navigates to (Accept: text/html) and is not a file
 * gets index.html: the client routes /u/42 or /chat/7 itself. Without a build it serves nothing
 * and requests fall through to the 404 as before.
 */
export function webClientRoute(dir = webClientDir): RequestHandler {
  const router = Router();
  router.use(
    '/assets',
    express.static(path.join(dir, 'assets'), {
      immutable: true,
      maxAge: hashedAssetMaxAgeMs,
      index: false,
      fallthrough: true,
    }),
  );
  router.use(express.static(dir, { index: false, maxAge: 0, fallthrough: true }));
  router.use((req, res, next) => {
    const wantsPage =
      (req.method === 'GET' || req.method === 'HEAD') &&
      path.extname(req.path) === '' &&
      // the root, or a browser navigation; API clients sending */* elsewhere keep the JSON 404
      (req.path === '/' || (req.headers.accept ?? '').includes('text/html'));
    if (!wantsPage) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'), (error) => {
      if (error && !res.headersSent) next();
    });
  });
  return router;
}
