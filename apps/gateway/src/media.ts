import express, { type RequestHandler } from 'express';
import { limits } from './limits';

const contentTypes: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mkv': 'video/x-matroska',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.png': 'image/png',
};

/**
 * Serves the local media store under /media with HTTP Range (Android players seek with ranges).
 * Keys are unique per upload, so responses are immutable; dotfiles (the staging area) stay hidden.
 */
export function mediaRoute(dir: string): RequestHandler {
  return express.static(dir, {
    dotfiles: 'deny',
    index: false,
    redirect: false,
    fallthrough: false,
    acceptRanges: true,
    immutable: true,
    maxAge: limits.mediaMaxAgeSeconds * 1000,
    setHeaders(res, filePath) {
      const type = contentTypes[filePath.slice(filePath.lastIndexOf('.')).toLowerCase()];
      if (type) res.setHeader('content-type', type);
      res.setHeader('x-content-type-options', 'nosniff');
    },
  });
}

/**
 * In front of a static handler: express.static answers any other method with an empty 405 of
 * its own, so this answers it first, with the coded JSON every other error has.
 */
export const getOrHeadOnly: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') {
    next();
    return;
  }
  res
    .status(405)
    .set('allow', 'GET, HEAD')
    .json({
      errors: [
        {
          message: `${req.method} is not served here; files are read with GET or HEAD`,
          extensions: { code: 'BAD_USER_INPUT' },
        },
      ],
    });
};
