/**
 * A tracer and a logger that keep everything they are given, for tests that assert on spans and
 * logs, and that search every rendered text for secrets.
 *
 * @since 0.1.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as HashMap from "effect/HashMap"
import * as Inspectable from "effect/Inspectable"
import * as Layer from "effect/Layer"
import * as List from "effect/List"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Option from "effect/Option"
import * as Tracer from "effect/Tracer"

/**
 * A span as the recording tracer keeps it.
 *
 * @since 0.1.0
 * @category Models
 */
export interface RecordedSpan {
  readonly name: string
  /** The span's id (a counter, as text). */
  readonly spanId: string
  /** Its trace's id: the root span's `spanId`, or the external parent's trace id. */
  readonly traceId: string
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/**
 * A recorder: its `layer` installs a recording tracer and logger (at `Debug`).
 *
 * @since 0.1.0
 * @category Models
 */
export interface TestRecorder {
  /** The spans started, in order. */
  readonly spans: ReadonlyArray<RecordedSpan>
  /** The log lines, rendered with their annotations, spans and cause. */
  readonly logs: ReadonlyArray<string>
  /** The recording tracer, the recording logger and the `Debug` minimum level. */
  readonly layer: Layer.Layer<never>
  /** Every text the recorder saw (logs, span names, attributes, events, failed exits), for a secret search. */
  readonly everything: () => string
  /** Provides `layer` to an effect. */
  readonly provide: <A, E, R>(self: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

/**
 * Makes a recorder.
 *
 * @example
 * ```ts
 * import { TestRecorder } from "@effect-polar/testing"
 * import { Effect } from "effect"
 *
 * const recorder = TestRecorder.make()
 * const program = Effect.logDebug("hello").pipe(Effect.withSpan("work"), recorder.provide)
 * // after running: recorder.spans[0].name === "work", recorder.logs[0] includes "hello"
 * ```
 *
 * @since 0.1.0
 * @category Constructors
 */
export const make = (): TestRecorder => {
  const spans: Array<RecordedSpan> = []
  const logs: Array<string> = []
  let ids = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, _startTime, kind) {
      const id = String(++ids)
      const traceId = Option.match(parent, { onNone: () => id, onSome: (p) => p.traceId })
      const recorded: RecordedSpan = {
        name,
        spanId: id,
        traceId,
        kind,
        attributes: new Map(),
        events: [],
        exit: undefined
      }
      spans.push(recorded)
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: id,
        traceId,
        parent,
        context,
        status: { _tag: "Started", startTime: 0n },
        attributes: recorded.attributes,
        links,
        sampled: true,
        kind,
        end(_endTime, exit) {
          recorded.exit = exit
        },
        attribute(key, value) {
          recorded.attributes.set(key, value)
        },
        event(eventName, _time, attributes) {
          recorded.events.push({ name: eventName, attributes })
        },
        addLinks() {}
      }
      return span
    },
    context: (f) => f()
  })
  const logger = Logger.make(({ annotations, cause, logLevel, message, spans: logSpans }) => {
    logs.push(
      [
        logLevel.label,
        Inspectable.format(message),
        Inspectable.format(HashMap.toEntries(annotations)),
        Inspectable.format(List.toArray(logSpans)),
        Inspectable.format(cause)
      ].join(" ")
    )
  })
  const layer = Layer.mergeAll(
    Layer.setTracer(tracer),
    Logger.replace(Logger.defaultLogger, logger),
    Logger.minimumLogLevel(LogLevel.Debug)
  )
  /** Every text the recorder saw, for a secret search. */
  const everything = () =>
    [
      ...logs,
      ...spans.flatMap((span) => [
        span.name,
        Inspectable.format([...span.attributes.entries()]),
        Inspectable.format(span.events),
        // what an exporter such as @effect/opentelemetry records of the exit: the pretty cause
        span.exit === undefined || Exit.isSuccess(span.exit) ? "" : Cause.pretty(span.exit.cause)
      ])
    ].join("\n")
  return { spans, logs, layer, everything, provide: (self) => Effect.provide(self, layer) }
}
