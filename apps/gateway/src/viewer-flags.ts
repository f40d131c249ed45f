import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
// the enum is public in the options' type, but the package's index leaves it out
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { viewerFlagsOperation } from '@reel/compat-rest/gateway-client';
import type { LocalFlagsRequest } from '@reel/compat-rest/local-gateway-client';
import { type ConfigOf, type Logger, maskErrors } from '@reel/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { GatewayContext } from './context';
import { observeOperation } from './request-metrics';
import type { SubgraphDataSource } from './supergraph';
import { viewerFrom } from './viewer';

// One root field each, in the subgraph that owns it: what the gateway's plan for
// viewerFlagsOperation.document sends, written out so that no plan is needed.
const likedDocument =
  'query DouyinFeedLikes($videoIds: [ID!]!) { likedAmong(videoIds: $videoIds) }';
const followedDocument =
  'query DouyinFeedFollows($userIds: [ID!]!) { followedAmong(userIds: $userIds) }';

// a data source reads only `overallCachePolicy` of the incoming request's context (none here)
const noIncomingRequest = {} as GatewayGraphQLRequestContext<GatewayContext>;

type FlagsAnswer =
  | { data: { likedAmong: string[]; followedAmong: string[] }; errors?: undefined }
  | { data?: undefined; errors: GraphQLFormattedError[] };

/**
 * compat-rest's logged-in feed flags (viewerFlagsOperation: likedAmong + followedAmong) without
 * planning, execution over the supergraph or result shaping: one fetch to each owning subgraph
 * (interaction for likes, social for follows), at once, through the same data sources a query
 * plan uses: in this process or over HTTP with the subgraph secret and the forwarded token, under
 * the same breakers, fetch metrics and trace headers; errors masked as the gateway masks them.
 * Planning and shaping were most of a logged-in feed request's CPU (issue 11) for two root
 * fields whose plan never changes. Two doors: `local` for compat-rest in this process (the token
 * verified here, the request counted in reel_graphql_requests_total as the pipeline counts it),
 * and `plugin`, which answers the same operation arriving over HTTP (compat-rest a process of its
 * own) once Apollo has parsed, validated and vetted it.
 */
export function viewerFlags(
  config: ConfigOf<'auth'>,
  sources: Record<'interaction' | 'social', SubgraphDataSource>,
  log: Logger,
) {
  const masked = maskErrors();

  const local = async (request: LocalFlagsRequest): Promise<unknown> => {
    const started = performance.now();
    const answer = await answerLocal(request);
    observeOperation(viewerFlagsOperation.operationName, answer.errors, started);
    return answer;
  };

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async responseForOperation({ request, source, contextValue }) {
          // exactly compat-rest's document: any other spelling is executed as usual
          if (source !== viewerFlagsOperation.document) return null;
          const videoIds = request.variables?.videoIds;
          const userIds = request.variables?.userIds;
          if (!isIdList(videoIds) || !isIdList(userIds)) return null;
          const singleResult = await answerFlags(contextValue, videoIds, userIds);
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult },
          };
        },
      };
    },
  };

  return { local, plugin };

  async function answerLocal(request: LocalFlagsRequest): Promise<FlagsAnswer> {
    let context: GatewayContext;
    try {
      const verified = await viewerFrom(config, request.authorization);
      context = {
        ...verified,
        requestId: request.requestId,
        log: request.log ?? log.child({ requestId: request.requestId }),
        clientIp: request.clientIp,
      };
    } catch (error) {
      // as Apollo answers a context that throws: the coded error alone
      if (error instanceof GraphQLError) return { errors: [error.toJSON()] };
      throw error;
    }
    return answerFlags(context, request.videoIds, request.userIds);
  }

  async function answerFlags(
    context: GatewayContext,
    videoIds: string[],
    userIds: string[],
  ): Promise<FlagsAnswer> {
    // anonymous: nothing liked or followed, as the subgraphs would answer
    if (!context.viewer) return { data: { likedAmong: [], followedAmong: [] } };
    const [liked, followed] = await Promise.all([
      fetchField(sources.interaction, context, likedDocument, 'likedAmong', { videoIds }),
      fetchField(sources.social, context, followedDocument, 'followedAmong', { userIds }),
    ]);
    const errors = [...liked.errors, ...followed.errors];
    if (errors.length > 0)
      return { errors: errors.map(({ formatted, error }) => masked(formatted, error)) };
    return { data: { likedAmong: liked.ids, followedAmong: followed.ids } };
  }

  /** One root field of one subgraph: its ids, or the errors to answer with. */
  async function fetchField(
    source: SubgraphDataSource,
    context: GatewayContext,
    query: string,
    field: string,
    variables: Record<string, string[]>,
  ): Promise<{ ids: string[]; errors: { formatted: GraphQLFormattedError; error: unknown }[] }> {
    // an empty page asks nothing: the token was checked above
    if (Object.values(variables).every((ids) => ids.length === 0)) return { ids: [], errors: [] };
    const options: GraphQLDataSourceProcessOptions<GatewayContext> = {
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query, variables },
      context,
      incomingRequestContext: noIncomingRequest,
    };
    try {
      const response = await source.process(options);
      if (response.errors?.length)
        return { ids: [], errors: response.errors.map((error) => ({ formatted: error, error })) };
      const ids = response.data?.[field];
      if (!Array.isArray(ids)) throw new Error(`the subgraph answered no ${field}`);
      return { ids: ids as string[], errors: [] };
    } catch (error) {
      const formatted =
        error instanceof GraphQLError ? error.toJSON() : { message: String(error), path: [field] };
      if (!(error instanceof GraphQLError))
        context.log.error({ err: error, field }, 'viewer flags fetch failed');
      return { ids: [], errors: [{ formatted, error }] };
    }
  }
}

/** What an [ID!]! variable holds once parsed from JSON: strings (numbers are sent as strings here). */
function isIdList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((id) => typeof id === 'string');
}
