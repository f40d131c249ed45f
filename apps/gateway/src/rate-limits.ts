import type { ApolloServerPlugin } from '@apollo/server';
import type { NextFunction, Request, Response } from 'express';
import {
  type FragmentDefinitionNode,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Redis } from 'ioredis';
import {
  addressKey,
  clientIpOf,
  errorTable,
  FailOpenRateLimiter,
  type Logger,
  rateLimitedError,
} from '@reel/common';
import type { GatewayContext } from './context';
import { type ActionRateLimits, actionRateLimits, rateLimitSettings } from './limits';

type Action = keyof typeof actionRateLimits;

const actionOfField = new Map<string, Action>(
  Object.entries(actionRateLimits).flatMap(([action, { fields }]) =>
    fields.map((field) => [field, action as Action] as const),
  ),
);

export interface GatewayRateLimitOptions {
  redis: Redis;
  log: Logger;
  ipPerMinute: number;
  maxUploadBytes: number;
  /** Tighter numbers for a test (GatewayOverrides); actionRateLimits otherwise. */
  actions?: Partial<ActionRateLimits>;
}

/**
 * The gateway's rate limits, all fail-open (Redis down: requests pass; login and register stay
 * fail-closed in the user subgraph): per client address on every /graphql request, and per
 * verified viewer per action on mutations, before planning or any subgraph call, so neither an
 * alias nor a compat-rest request gets around them.
 */
export function gatewayRateLimits({
  redis,
  log,
  ipPerMinute,
  maxUploadBytes,
  actions = {},
}: GatewayRateLimitOptions) {
  const common = {
    log,
    storeBudgetMs: rateLimitSettings.storeBudgetMs,
    storeBackoffMs: rateLimitSettings.storeBackoffMs,
  };
  const perAddress = new FailOpenRateLimiter(redis, {
    ...common,
    name: 'gateway-ip',
    limit: { points: ipPerMinute, durationSeconds: rateLimitSettings.ipWindowSeconds },
  });
  const perAction = Object.fromEntries(
    Object.entries(actionRateLimits).map(([action, defaults]) => [
      action,
      new FailOpenRateLimiter(redis, {
        ...common,
        name: `action-${action}`,
        limit: actions[action as Action] ?? defaults,
      }),
    ]),
  ) as Record<Action, FailOpenRateLimiter>;
  const uploadBytes = new FailOpenRateLimiter(redis, {
    ...common,
    name: 'upload-bytes',
    limit: { points: rateLimitSettings.uploadBytesPerHour, durationSeconds: 3600 },
  });

  /** Express middleware in front of /graphql: answers 429 with a GraphQL error body. */
  async function limitAddress(req: Request, res: Response, next: NextFunction): Promise<void> {
    const verdict = await perAddress.consume(addressKey(clientIpOf(req)));
    if (verdict.allowed) {
      next();
      return;
    }
    const error = rateLimitedError(
      'Too many requests from this address',
      verdict.retryAfterSeconds,
    );
    res.setHeader('retry-after', String(verdict.retryAfterSeconds));
    res.status(errorTable.RATE_LIMITED.httpStatus).json({
      errors: [
        {
          message: error.message,
          extensions: { code: 'RATE_LIMITED', retryAfterSeconds: verdict.retryAfterSeconds },
        },
      ],
    });
  }

  const plugin: ApolloServerPlugin<GatewayContext> = {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue, request }) {
          if (operation?.operation !== 'mutation' || !contextValue.viewer) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const definition of document.definitions)
            if (definition.kind === Kind.FRAGMENT_DEFINITION)
              fragments.set(definition.name.value, definition);
          const counts = actionCounts(operation, fragments);
          const viewerKey = String(contextValue.viewer.id);
          for (const [action, count] of counts) {
            const verdict = await perAction[action].consume(viewerKey, count);
            if (!verdict.allowed)
              throw rateLimitedError(`Too many ${action} actions`, verdict.retryAfterSeconds);
          }
          if (!counts.has('publish')) return;
          const verdict = await uploadBytes.check(viewerKey);
          if (!verdict.allowed)
            throw rateLimitedError('Upload volume limit reached', verdict.retryAfterSeconds);
          const declared = Number(request.http?.headers.get('content-length'));
          await uploadBytes.penalize(
            viewerKey,
            Number.isFinite(declared) && declared > 0 ? declared : maxUploadBytes,
          );
        },
      };
    },
  };

  return { limitAddress, plugin };
}

/** Rate-limited root fields of a mutation, per action; aliases count one each. */
function actionCounts(
  operation: OperationDefinitionNode,
  fragments: Map<string, FragmentDefinitionNode>,
): Map<Action, number> {
  const counts = new Map<Action, number>();
  const seen = new Set<string>();
  const collect = (selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const action = actionOfField.get(selection.name.value);
        if (action) counts.set(action, (counts.get(action) ?? 0) + 1);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        collect(selection.selectionSet);
      } else if (!seen.has(selection.name.value)) {
        seen.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet);
      }
    }
  };
  collect(operation.selectionSet);
  return counts;
}
