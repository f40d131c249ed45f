/**
 * OpenTelemetry tracing, per process: W3C traceparent in and out of HTTP and NATS headers, a
 * server span per request, spans around SQL statements and events. Apollo Gateway adds its own
 * (gateway.request, gateway.plan, gateway.fetch…) once a tracer provider is registered.
 *
 * Spans are made here by hand rather than by @opentelemetry/instrumentation-* require hooks:
 * those must load before the modules they patch, which neither `tsx` entry points nor the
 * test stack (every service inside jest's module registry) guarantee. Without an OTLP endpoint
 * nothing is registered and every helper below returns after one boolean check.
 */
import type { IncomingHttpHeaders } from 'node:http';
import {
  type Attributes,
  type Context,
  context,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
  type TextMapSetter,
} from '@opentelemetry/api';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { RequestHandler } from 'express';
import type { MsgHdrs } from 'nats';
import type { Config } from './env';

export { SpanKind };

const TRACER_NAME = 'reel';

let provider: NodeTracerProvider | null = null;

/** True once `startTracing` registered a provider: the one check every helper makes first. */
export function tracingEnabled(): boolean {
  return provider !== null;
}

export interface Tracing {
  /** Exports the spans ended so far now, rather than at the next batch (tests). */
  flush(): Promise<void>;
  /** Exports what is buffered, then stops; part of a process' graceful shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Registers this process' tracer provider (async-local context, W3C propagation) exporting to
 * `${otlpEndpoint}/v1/traces` over OTLP/HTTP, or does nothing without an endpoint: the SDK is
 * not even loaded then. Once per process: the provider is global, so a second call returns the
 * first one's handle.
 */
export async function startTracing(
  telemetry: Config['telemetry'],
  service: string,
): Promise<Tracing | null> {
  if (!telemetry.otlpEndpoint) return null;
  const [{ OTLPTraceExporter }, { resourceFromAttributes }, sdk] = await Promise.all([
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-node'),
  ]);
  const { BatchSpanProcessor, NodeTracerProvider, ParentBasedSampler, TraceIdRatioBasedSampler } =
    sdk;
  if (provider) {
    const first = provider;
    return { flush: () => first.forceFlush(), shutdown: () => Promise.resolve() };
  }
  const registered = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': service }),
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(telemetry.sampleRatio) }),
    spanProcessors: [
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${telemetry.otlpEndpoint}/v1/traces` })),
    ],
  });
  registered.register();
  provider = registered;
  return { flush: () => registered.forceFlush(), shutdown: () => registered.shutdown() };
}

const tracer = () => trace.getTracer(TRACER_NAME);

export interface SpanOptions {
  kind?: SpanKind;
  attributes?: Attributes;
  /** The parent; the active context when absent. */
  parent?: Context;
}

/**
 * Runs `work` inside a new active span, ended when it settles; a throw marks it failed. Callers
 * on hot paths check `tracingEnabled()` first, so an untraced process builds no closure here.
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(
    name,
    { kind: options.kind, attributes: options.attributes },
    parent,
  );
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(error) });
    throw error;
  } finally {
    span.end();
  }
}

/** Adds traceparent (and tracestate) of the active span to outgoing HTTP headers. */
export function injectTraceHeaders(headers: Record<string, string>): void {
  if (provider) propagation.inject(context.active(), headers);
}

const natsSetter: TextMapSetter<MsgHdrs> = {
  set: (carrier, key, value) => carrier.set(key, value),
};
const natsGetter: TextMapGetter<MsgHdrs> = {
  get: (carrier, key) => carrier.get(key) || undefined,
  keys: (carrier) => carrier.keys(),
};

/** Adds the active span's traceparent to a NATS message's headers. */
export function injectNatsHeaders(headers: MsgHdrs): void {
  if (provider) propagation.inject(context.active(), headers, natsSetter);
}

/** The context a NATS message's publisher sent along, for the consumer's span to join. */
export function natsParentContext(headers: MsgHdrs | undefined): Context {
  return headers ? propagation.extract(ROOT_CONTEXT, headers, natsGetter) : ROOT_CONTEXT;
}

/** trace_id and span_id of the active span, for log lines (logger.ts); {} when there is none. */
export function activeTraceFields(): { trace_id?: string; span_id?: string } {
  if (!provider) return {};
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

// probes and scrapes every few seconds would bury the traces worth reading
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);
const DOUYIN_ROUTE = /^\/douyin\/[a-z]+(?:\/[a-z]+)*\/?$/;

/** A span name of bounded variety: /graphql, a /douyin route, else the first path segment. */
function routeOf(path: string): string {
  if (path === '/graphql' || DOUYIN_ROUTE.test(path)) return path;
  return `/${path.split('/')[1] ?? ''}`;
}

/**
 * The server span of every request but probes, child of the caller's traceparent. The request
 * and response emitters are bound to its context: body parsers resume the chain from their
 * 'end' events, which would otherwise run outside it.
 */
export function traceRequests(service: string): RequestHandler {
  return (req, res, next) => {
    if (!provider || UNTRACED_PATHS.has(req.path)) return next();
    const parent = propagation.extract(ROOT_CONTEXT, req.headers as IncomingHttpHeaders);
    const span = tracer().startSpan(
      `${req.method} ${routeOf(req.path)}`,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'reel.service': service,
          'http.request.method': req.method,
          'url.path': req.path,
        },
      },
      parent,
    );
    res.once('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500 || !res.writableFinished)
        span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    const active = trace.setSpan(parent, span);
    context.bind(active, req);
    context.bind(active, res);
    context.with(active, next);
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
