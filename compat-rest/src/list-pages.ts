import type { Paging } from './endpoint';

/** The part of a GraphQL connection a douyin list reads. */
export interface ConnectionPage<TEdge = unknown> {
  edges: TEdge[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * douyin's lists have no paging of their own: follow the gateway's pages of one connection (the
 * `first` and `after` variables) until it ends or `max` items are listed, and answer them as one.
 */
export function allPagesOf<TData>(
  connectionOf: (data: TData) => ConnectionPage | null | undefined,
  limits: { pageSize: number; max: number },
): Paging<TData> {
  const listedIn = (pages: readonly TData[]) =>
    pages.reduce((count, page) => count + (connectionOf(page)?.edges.length ?? 0), 0);
  return {
    next(previous, pages) {
      const pageInfo = pages.length > 0 ? connectionOf(pages.at(-1)!)?.pageInfo : undefined;
      const listed = listedIn(pages);
      if (!pageInfo?.hasNextPage || !pageInfo.endCursor || listed >= limits.max) return undefined;
      const first = Math.min(limits.pageSize, limits.max - listed);
      return {
        ...previous,
        variables: { ...previous.variables, first, after: pageInfo.endCursor },
      };
    },
    merge(pages) {
      // the first page, holding every page's edges
      const merged = structuredClone(pages[0]!);
      const connection = connectionOf(merged);
      if (connection) {
        connection.edges = pages
          .flatMap((page) => connectionOf(page)?.edges ?? [])
          .slice(0, limits.max);
      }
      return merged;
    },
  };
}
