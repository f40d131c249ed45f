import type { FeedPages } from './feed-pages';
import type { GatewayClient, GraphqlCall } from './gateway-client';
import type { Params } from './params';

/** The documented response fields of one endpoint, besides `status_code` and `status_msg`. */
export type DouyinFields = Record<string, unknown>;

export interface GraphqlRequest {
  /** Picks one operation when the endpoint's document holds several. */
  operationName?: string;
  variables: Record<string, unknown>;
}

/**
 * One /douyin endpoint: a GraphQL document, params → variables, data → the douyin JSON. No
 * business rules here; the subgraphs answer those with coded errors.
 */
export interface Endpoint<TData> {
  method: 'GET' | 'POST';
  /** As the official router registers it, with the trailing slash; served without it too. */
  path: `/douyin/${string}/`;
  /** `required`: no gateway call without one; `none`: the `token` param is not forwarded. */
  token: 'required' | 'optional' | 'none';
  document: string;
  /**
   * An upload: the multipart part carrying the file (required) and the `Upload` variable it
   * fills. The operation then travels as a GraphQL multipart request.
   */
  upload?: { part: string; variable: string };
  request(params: Params): GraphqlRequest;
  /**
   * Runs the call itself instead of sending it to the gateway as it is: the feed reads its
   * viewer-independent page from a cache (feed-pages.ts) and asks only the viewer's flags.
   */
  execute?(call: GraphqlCall, gateway: GatewayClient, caches: RestCaches): Promise<TData>;
  /** A list the gateway serves in pages, which the douyin endpoint answers in one go. */
  paging?: Paging<TData>;
  /**
   * May throw a RestError when the data means failure (a null user is NOT_FOUND). `params` are
   * the request's, for answers that depend on more than the data (the chat's polling filter).
   */
  respond(data: TData, params: Params): DouyinFields;
  /** `status_msg` on success; "success" when absent. */
  successMessage?(data: TData): string;
  /** The same fields, neutral: failures still carry every documented field (douyin-api.md §6). */
  failureFields: DouyinFields;
}

export interface Paging<TData> {
  /** The request for the page after `pages` (fetched so far, in order), or undefined when done. */
  next(previous: GraphqlRequest, pages: readonly TData[]): GraphqlRequest | undefined;
  /** One data object holding every page, for `respond`. */
  merge(pages: readonly TData[]): TData;
}

/** The caches of one compat-rest app, handed to the endpoints that read through them. */
export interface RestCaches {
  feedPages: FeedPages;
}
