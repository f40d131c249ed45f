/**
 * Moderation of chat text before it is stored. TODO(sensitive-word filter): identity until the
 * filter module of packages/ is merged; then this file goes and domain/messages.ts imports
 * `moderateText` from there (its one call site is in sendMessage).
 */
export function moderateText(content: string): string {
  return content;
}
