import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import {
  type DocumentNode,
  type ExecutionResult,
  type FragmentDefinitionNode,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  Kind,
} from 'graphql';
import { appError, type Logger, metrics, Semaphore, type Viewer } from '@reel/common';
import { connectUntilStopped } from '@reel/common/events/connection';
import { StopSignal } from '@reel/common/events/stop-signal';
import type { GatewayContext } from '../context';
import {
  type CostBudget,
  limits,
  type OperationLimits,
  operationLimits,
  realtimeEventCost,
} from '../limits';
import { estimateCost } from '../operation-cost';
import { SubjectFanOut } from './fan-out';
import { type Delivery, type SubscriptionField, subscriptionFields } from './fields';
import { type LookupQuery, lookupQuery, rootFieldOf } from './selection';
import { type QueuedEvent, type SendNext, SubscriberQueue } from './subscriber-queue';

/** Who subscribes: the socket's verified credentials, as an HTTP request would carry them. */
export interface SubscriberCredentials {
  viewer: Viewer | null;
  authorization: string | undefined;
  clientIp: string | null;
}

/** A subscribe message the edge accepted: what it watches, and how each event is delivered. */
export interface SubscriptionPlan {
  fieldName: string;
  field: SubscriptionField;
  /** What it watches: usually one subject; a few for a field such as messageReceived(). */
  subjects: string[];
  /** The key of the data each event is delivered under (the root field's alias or name). */
  responseKey: string;
  /** For fields hydrated by lookup. */
  lookup?: LookupQuery;
  /** What one event costs (operation-cost.ts), at least 1: charged to the socket's budget. */
  costPerEvent: number;
  credentials: SubscriberCredentials;
  /** Plans with the same key get the same answer to an event: one lookup serves them all. */
  shareKey: string;
}

/**
 * A socket's side of the edge: its subscribers, so a socket that does not keep up is dropped
 * whole (the socket is what is slow), and how to close it.
 */
export interface EdgeSocket {
  subscribers: Set<Subscriber>;
  close(code: number, reason: string): void;
  dropped: boolean;
  /** Its events' cost in the current window of the budget (RealtimeEdgeOptions.eventCost). */
  spent: { windowStartMs: number; cost: number };
}

/**
 * RATE_LIMITED over a socket: as over HTTP (rateLimitedError) but without the `http` extension,
 * which graphql-ws would send to the client as is.
 */
export function eventCostRefusal(message: string, retryAfterSeconds: number): GraphQLError {
  return appError('RATE_LIMITED', `${message}; try again in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}

/** A new socket's side of the edge. */
export function edgeSocket(close: EdgeSocket['close']): EdgeSocket {
  return { subscribers: new Set(), dropped: false, close, spent: { windowStartMs: 0, cost: 0 } };
}

interface Subscriber {
  plan: SubscriptionPlan;
  queue: SubscriberQueue;
  socket: EdgeSocket;
}

/** What the edge has done so far in this process; tests assert on it. */
export interface RealtimeStats {
  /** Subscriptions being served. */
  subscribers: number;
  /**
   * Of those, the ones whose NATS subscription is live (they get what is published now), counted
   * once per subject they watch.
   */
  liveSubscribers: number;
  /** Subjects with a NATS subscription: one per subject, whatever its subscriber count. */
  liveSubjects: number;
  /** Lookup queries run to hydrate events. */
  hydrations: number;
  /** Sockets closed because a queue of theirs was full. */
  droppedSockets: number;
  /** The longest any subscriber queue has been. */
  maxQueueLength: number;
  /** Estimated cost of the events handed to subscribers (each charged to its socket's budget). */
  deliveredCost: number;
  /** Estimated cost of the lookups run (a lookup shared by several subscribers counts once). */
  hydrationCost: number;
  /** Subscriptions completed with RATE_LIMITED because their socket's budget was spent. */
  throttledSubscriptions: number;
}

export interface RealtimeEdgeOptions {
  natsUrl: string;
  namespace: string;
  log: Logger;
  /** Where lookups run: the gateway's own Apollo Server, with its plugins and limits. */
  apollo: () => ApolloServer<GatewayContext>;
  costMode: 'enforce' | 'measure';
  limits?: OperationLimits;
  /** What one socket's events may cost per window; `realtimeEventCost` (limits.ts) otherwise. */
  eventCost?: CostBudget;
}

/** ws close code "Try Again Later": this socket fell too far behind its events. */
export const SLOW_CONSUMER_CLOSE = { code: 1013, reason: 'Too slow: events were dropped' } as const;

/**
 * The realtime edge (ARCHITECTURE.md "Realtime"): subscriptions watch one NATS subject per
 * resource, shared by every subscriber of this process; each event is hydrated through the
 * gateway with the subscriber's selection and credentials (once per event for every subscriber
 * whose answer cannot differ), then queued, boundedly, for the subscriber's socket.
 */
export class RealtimeEdge {
  private readonly log: Logger;
  private readonly signal = new StopSignal('realtime edge');
  private readonly nats: ReturnType<typeof connectUntilStopped>;
  private readonly fanOut: SubjectFanOut<Subscriber>;
  private readonly subscribers = new Set<Subscriber>();
  private readonly hydrationSlots = new Semaphore(limits.realtimeHydrationConcurrency);
  private readonly counts = {
    hydrations: 0,
    droppedSockets: 0,
    maxQueueLength: 0,
    deliveredCost: 0,
    hydrationCost: 0,
    throttledSubscriptions: 0,
  };
  private readonly eventCost: CostBudget;

  constructor(private readonly options: RealtimeEdgeOptions) {
    this.log = options.log.child({ realtime: true });
    this.eventCost = options.eventCost ?? realtimeEventCost;
    this.nats = connectUntilStopped(this.signal, options.natsUrl, 'gateway-realtime', this.log);
    this.fanOut = new SubjectFanOut<Subscriber>({
      connection: this.nats.connection,
      log: this.log,
      recentEventIds: limits.realtimeRecentEventIds,
      onEvent: (subject, payload, members) => this.onEvent(subject, payload, members),
    });
  }

  /**
   * Checks a validated subscription operation as this subscriber: a field the edge serves, its
   * arguments naming a resource, the viewer allowed to watch it (asked on every subscribe), and
   * its cost per event within the operation limits. Refusals are coded GraphQL errors.
   */
  plan(request: {
    schema: GraphQLSchema;
    document: DocumentNode;
    operationName: string | null | undefined;
    variables: Readonly<Record<string, unknown>> | null | undefined;
    credentials: SubscriberCredentials;
  }): SubscriptionPlan | GraphQLError[] {
    const { schema, document, credentials } = request;
    const operation = getOperationAST(document, request.operationName);
    const subscriptionType = schema.getSubscriptionType();
    if (operation?.operation !== 'subscription' || !subscriptionType)
      return [appError('BAD_USER_INPUT', 'Not a subscription')];
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of document.definitions)
      if (definition.kind === Kind.FRAGMENT_DEFINITION)
        fragments[definition.name.value] = definition;
    const rawVariables = request.variables ?? {};
    const variables = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables);
    if (variables.errors) return [...variables.errors];

    const root = rootFieldOf(operation, fragments, variables.coerced);
    const node = root?.nodes[0];
    if (!root || !node) return [appError('BAD_USER_INPUT', 'The subscription selects no field')];
    const fieldName = node.name.value;
    const field = subscriptionFields[fieldName];
    const definition = subscriptionType.getFields()[fieldName];
    if (!field || !definition)
      return [appError('BAD_USER_INPUT', `Subscription.${fieldName} is not served yet`)];

    try {
      const args = getArgumentValues(definition, node, variables.coerced);
      const { viewer } = credentials;
      if (viewer?.expiresAt !== undefined && viewer.expiresAt <= Date.now())
        throw appError('UNAUTHENTICATED', 'The token has expired');
      field.authorize(viewer, args);
      const subjects = field.subjects(this.options.namespace, args, viewer);

      // each event costs what a query of the same selection costs (operation-cost.ts)
      const costLimits = this.options.limits ?? operationLimits;
      const cost = estimateCost({
        schema,
        operation,
        fragments,
        variables: variables.coerced,
        assumedPageSize: costLimits.assumedPageSize,
      });
      if (cost > costLimits.maxCost) {
        if (this.options.costMode === 'enforce')
          throw appError(
            'BAD_USER_INPUT',
            `Query cost limit of ${costLimits.maxCost} exceeded, estimated ${cost} per event`,
          );
        this.log.warn(
          { estimatedCost: cost, maxCost: costLimits.maxCost },
          'subscription over the cost limit (measure mode)',
        );
      }

      const lookup = field.lookup
        ? lookupQuery({
            schema,
            operation,
            fragments,
            root,
            lookup: field.lookup,
            variables: rawVariables,
          })
        : undefined;
      return {
        fieldName,
        field,
        subjects,
        responseKey: root.responseKey,
        lookup,
        costPerEvent: Math.max(1, cost),
        credentials,
        shareKey: shareKey(field, lookup, credentials),
      };
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
  }

  /**
   * Seconds until this socket's budget has room again; 0 when it has (a subscribe is refused
   * with RATE_LIMITED while it has none: its first event could not be delivered).
   */
  retryAfterSeconds(socket: EdgeSocket, now = Date.now()): number {
    const { points, windowSeconds } = this.eventCost;
    const windowEnd = socket.spent.windowStartMs + windowSeconds * 1000;
    if (now >= windowEnd || socket.spent.cost < points) return 0;
    return Math.max(1, Math.ceil((windowEnd - now) / 1000));
  }

  /**
   * Starts serving a plan to a socket: what graphql-ws iterates to send its events. With
   * `sendNext`, events without errors are written to the socket directly (subscriber-queue.ts).
   */
  subscribe(
    plan: SubscriptionPlan,
    socket: EdgeSocket,
    sendNext?: SendNext,
  ): AsyncIterableIterator<ExecutionResult> {
    const subscriber: Subscriber = {
      plan,
      socket,
      queue: new SubscriberQueue(
        limits.realtimeQueueEvents,
        () => {
          if (this.subscribers.delete(subscriber)) metrics.liveSubscriptions.dec();
          socket.subscribers.delete(subscriber);
          for (const subject of plan.subjects) this.fanOut.leave(subject, subscriber);
        },
        sendNext,
      ),
    };
    if (socket.dropped) subscriber.queue.end();
    else {
      this.subscribers.add(subscriber);
      metrics.liveSubscriptions.inc();
      socket.subscribers.add(subscriber);
      for (const subject of plan.subjects) this.fanOut.join(subject, subscriber);
    }
    return subscriber.queue;
  }

  stats(): RealtimeStats {
    return {
      subscribers: this.subscribers.size,
      liveSubscribers: this.fanOut.liveMembers,
      liveSubjects: this.fanOut.liveSubjects,
      ...this.counts,
    };
  }

  /**
   * How this process watches one subject: its subscribers, and whether their NATS subscription
   * is live (events published from now on reach them); null when nobody here watches it.
   */
  watching(subject: string): { live: boolean; subscribers: number } | null {
    const watched = this.fanOut.watching(subject);
    return watched && { live: watched.live, subscribers: watched.members };
  }

  /** Each subscriber's queue length, now. */
  queueLengths(): number[] {
    return [...this.subscribers].map((subscriber) => subscriber.queue.length);
  }

  /** Ends every subscription and leaves NATS; sockets are the socket server's to close. */
  async close(): Promise<void> {
    for (const subscriber of [...this.subscribers]) subscriber.queue.end();
    this.fanOut.close();
    this.signal.stop();
    this.nats.close();
  }

  private onEvent(subject: string, payload: unknown, members: readonly Subscriber[]): void {
    // each field reads the payload once, and each distinct hydration runs once, per event; a
    // value or lookup answer is one object for all its subscribers, so serialized once
    const deliveries = new Map<SubscriptionField, Delivery | null>();
    const hydrations = new Map<string, Hydration>();
    const values = new Map<string, QueuedEvent>();
    const now = Date.now();
    for (const subscriber of members) {
      if (!subscriber.queue.isAccepting) continue; // dropped or throttled meanwhile
      const { plan } = subscriber;
      let delivery = deliveries.get(plan.field);
      if (delivery === undefined) {
        try {
          delivery = plan.field.deliver(payload);
        } catch (error) {
          this.log.warn({ err: error, subject }, 'realtime: an event its contract refuses');
          return;
        }
        deliveries.set(plan.field, delivery);
      }
      if (!delivery) continue;
      // an event for one party only (a message, to its recipient): the second check is the
      // lookup's own, which answers null to anyone else
      if ('lookup' in delivery && delivery.recipientId !== undefined)
        if (plan.credentials.viewer?.id !== delivery.recipientId) continue;

      if (!this.charge(subscriber, now)) continue;
      let event: QueuedEvent;
      if ('value' in delivery) {
        const key = `${plan.fieldName}\n${plan.responseKey}`;
        event =
          values.get(key) ?? Promise.resolve({ data: { [plan.responseKey]: delivery.value } });
        values.set(key, event);
      } else {
        let hydration = hydrations.get(plan.shareKey);
        if (hydration) hydration.wanting.push(subscriber);
        else {
          hydration = this.hydrate(subscriber, delivery.lookup);
          hydrations.set(plan.shareKey, hydration);
        }
        event = hydration.result;
      }
      if (!subscriber.queue.offer(event)) this.drop(subscriber.socket);
      else
        this.counts.maxQueueLength = Math.max(this.counts.maxQueueLength, subscriber.queue.length);
    }
  }

  /**
   * Runs the subscriber's lookup for one id, as the first subscriber that still wants it (every
   * one sharing it would get the same answer). A comment deleted before its lookup ran answers
   * null and is skipped; a failed lookup is delivered as its (masked) errors, once one failing
   * UNAVAILABLE has been retried for `limits.realtimeLookupRetry.budgetMs`.
   */
  private hydrate(first: Subscriber, id: string): Hydration {
    const wanting = [first];
    // A lookup that failed UNAVAILABLE (MySQL or a subgraph down) is tried again for a while,
    // without holding a slot meanwhile: the event is committed and published, so it will load
    // once the dependency is back, and an error in its place would be an event lost to the client.
    const result = (async () => {
      const { delayMs, maxDelayMs, budgetMs } = limits.realtimeLookupRetry;
      const giveUpAt = Date.now() + budgetMs;
      for (let wait: number = delayMs; ; wait = Math.min(wait * 2, maxDelayMs)) {
        const answer = await this.lookupOnce(wanting, id);
        if (!isTransientFailure(answer) || this.signal.stopped || Date.now() + wait > giveUpAt)
          return answer;
        await this.signal.sleep(wait);
      }
    })();
    return { wanting, result };
  }

  /** One lookup of `id`, in a hydration slot, as the first subscriber still wanting it. */
  private lookupOnce(wanting: Subscriber[], id: string): Promise<ExecutionResult | null> {
    return this.hydrationSlots.run(async (): Promise<ExecutionResult | null> => {
      const subscriber = wanting.find((s) => !s.queue.isEnded);
      if (!subscriber) return null; // dropped or gone while waiting for a slot
      const { lookup, responseKey, credentials } = subscriber.plan;
      if (!lookup) return null;
      this.counts.hydrations += 1;
      this.counts.hydrationCost += subscriber.plan.costPerEvent;
      const requestId = randomUUID();
      try {
        const response = await this.options.apollo().executeOperation(
          {
            query: lookup.query,
            operationName: lookup.operationName,
            variables: { ...lookup.variables, [lookup.idVariable]: id },
          },
          {
            contextValue: {
              ...credentials,
              requestId,
              log: this.log.child({ requestId, subjects: subscriber.plan.subjects }),
            },
          },
        );
        if (response.body.kind !== 'single') throw new Error('incremental delivery in a lookup');
        const { data, errors } = response.body.singleResult;
        if (!errors?.length) return data?.[responseKey] == null ? null : { data };
        // a non-null root field whose lookup failed nulls the whole answer, as in execution
        return {
          data: data?.[responseKey] == null ? null : data,
          errors: errors.map(asGraphQLError),
        };
      } catch (error) {
        this.log.error({ err: error, requestId }, 'realtime: a lookup failed');
        return { data: null, errors: [appError('UNAVAILABLE', 'This event could not be loaded')] };
      }
    });
  }

  /**
   * Charges one event's cost to the subscriber's socket, in the budget's current fixed window.
   * Over budget, the subscription gets one RATE_LIMITED error and completes, and nothing is
   * looked up for it: false.
   */
  private charge(subscriber: Subscriber, now: number): boolean {
    const { socket, plan } = subscriber;
    const { points, windowSeconds } = this.eventCost;
    if (now >= socket.spent.windowStartMs + windowSeconds * 1000)
      socket.spent = { windowStartMs: now, cost: 0 };
    if (socket.spent.cost + plan.costPerEvent <= points) {
      socket.spent.cost += plan.costPerEvent;
      this.counts.deliveredCost += plan.costPerEvent;
      return true;
    }
    // later events of the window are refused too, even a cheaper one: the socket is spent
    socket.spent.cost = points;
    const retryAfter = this.retryAfterSeconds(socket, now);
    this.counts.throttledSubscriptions += 1;
    this.log.warn(
      { subjects: plan.subjects, budget: this.eventCost, retryAfterSeconds: retryAfter },
      "realtime: a socket's events went over their cost budget; subscription completed",
    );
    subscriber.queue.finish(
      Promise.resolve({
        errors: [
          eventCostRefusal(
            `Event cost limit of ${points} per ${windowSeconds} s reached on this socket`,
            retryAfter,
          ),
        ],
      }),
    );
    return false;
  }

  private drop(socket: EdgeSocket): void {
    if (socket.dropped) return;
    socket.dropped = true;
    this.counts.droppedSockets += 1;
    metrics.droppedSlowConsumers.inc();
    for (const subscriber of [...socket.subscribers]) subscriber.queue.end();
    this.log.warn(
      { queueEvents: limits.realtimeQueueEvents },
      'realtime: a socket fell behind its events; closed',
    );
    socket.close(SLOW_CONSUMER_CLOSE.code, SLOW_CONSUMER_CLOSE.reason);
  }
}

interface Hydration {
  /** Subscribers that will get this answer, in the order they asked. */
  wanting: Subscriber[];
  result: Promise<ExecutionResult | null>;
}

/**
 * Subscribers with the same key get the same answer: the same lookup with the same variables,
 * and the same viewer when the selection depends on the viewer. Otherwise only whether there is
 * a viewer counts (a field may refuse anonymous callers whoever else calls it).
 */
function shareKey(
  field: SubscriptionField,
  lookup: LookupQuery | undefined,
  credentials: SubscriberCredentials,
): string {
  const viewer = credentials.viewer;
  const who =
    lookup?.viewerDependent || field.perViewer
      ? `viewer ${viewer?.id ?? 'anonymous'}`
      : viewer
        ? 'a viewer'
        : 'anonymous';
  return `${who}\n${lookup?.query}\n${canonicalJson(lookup?.variables ?? {})}`;
}

/** JSON with object keys sorted, so equal variables make equal keys. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(
          Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
        )
      : inner,
  );
}

/** A lookup whose every error is UNAVAILABLE: a dependency is down, not the event wrong. */
function isTransientFailure(answer: ExecutionResult | null): boolean {
  const errors = answer?.errors;
  return (
    errors !== undefined &&
    errors.length > 0 &&
    errors.every((error) => error.extensions?.code === 'UNAVAILABLE')
  );
}

function asGraphQLError(error: GraphQLFormattedError): GraphQLError {
  return new GraphQLError(error.message, { path: error.path, extensions: error.extensions });
}
