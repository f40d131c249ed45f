/**
 * Only the last path segment, in a safe alphabet: clients send names like "../public/bear.mp4"
 * (the official test). Names are informational; storage keys never use them.
 */
export function safeFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^\.+/, '')
    .slice(-100);
  return cleaned || 'upload';
}
