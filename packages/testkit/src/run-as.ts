import type { LocalRequest, LocalResult, Viewer } from '@reel/common';

/**
 * Runs operations as a viewer id (null: anonymous) through a subgraph's own pipeline, as the
 * gateway would in one process: for tests that speak to one subgraph with any id.
 */
export function runAs(subgraph: {
  executeAs(viewer: Viewer | null, request: LocalRequest): Promise<LocalResult>;
}) {
  return <TData = Record<string, unknown>>(
    viewerId: number | null,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<LocalResult & { data?: TData | null }> =>
    subgraph.executeAs(viewerId === null ? null : { id: viewerId }, {
      query,
      variables,
    }) as Promise<LocalResult & { data?: TData | null }>;
}
