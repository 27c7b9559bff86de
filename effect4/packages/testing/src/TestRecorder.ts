/**
 * A tracer and a logger that keep everything they are given, for tests that assert on spans and
 * logs, and that search every rendered text for secrets.
 *
 * @since 1.0.0
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Formatter from "effect/Formatter"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as Option from "effect/Option"
import * as References from "effect/References"
import * as Tracer from "effect/Tracer"

/**
 * A span as the recording tracer keeps it.
 *
 * @since 1.0.0
 * @category Models
 */
export interface RecordedSpan {
  readonly name: string
  /** The span's id: a counter, as the 16 hexadecimal digits of a W3C span id (`0000000000000001`). */
  readonly spanId: string
  /**
   * Its trace's id: for a root span its counter as the 32 hexadecimal digits of a W3C trace id, else
   * the parent's trace id.
   */
  readonly traceId: string
  readonly kind: Tracer.SpanKind
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/**
 * A recorder: its `layer` installs a recording tracer and logger (at `Debug`).
 *
 * @since 1.0.0
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

/** A span that records what it is given into `recorded`. */
const recordingSpan = (
  recorded: RecordedSpan,
  options: Parameters<Tracer.Tracer["span"]>[0]
): Tracer.Span => {
  let status: Tracer.SpanStatus = { _tag: "Started", startTime: options.startTime }
  return {
    _tag: "Span",
    name: recorded.name,
    spanId: recorded.spanId,
    traceId: recorded.traceId,
    parent: options.parent,
    annotations: options.annotations,
    get status() {
      return status
    },
    attributes: recorded.attributes,
    links: options.links,
    sampled: options.sampled,
    kind: options.kind,
    end(endTime, exit) {
      status = { _tag: "Ended", startTime: options.startTime, endTime, exit }
      recorded.exit = exit
    },
    attribute(key, value) {
      recorded.attributes.set(key, value)
    },
    event(eventName, _time, attributes) {
      recorded.events.push({ name: eventName, attributes })
    },
    addLinks(links) {
      options.links.push(...links)
    }
  }
}

/** The loggers in force with `logger` in place of the default (console) one; the others kept. */
const replaceDefaultLogger = (logger: Logger.Logger<unknown, void>): Layer.Layer<never> =>
  Layer.effect(
    Logger.CurrentLoggers,
    Effect.withFiber((fiber) => {
      const loggers = new Set(fiber.getRef(Logger.CurrentLoggers))
      loggers.delete(Logger.defaultLogger)
      loggers.add(logger)
      return Effect.succeed(loggers)
    })
  )

/**
 * Makes a recorder.
 *
 * @example
 * ```ts
 * import { TestRecorder } from "@effect-polar/testing"
 * import * as Effect from "effect/Effect"
 *
 * const recorder = TestRecorder.make()
 * const program = Effect.logDebug("hello").pipe(Effect.withSpan("work"), recorder.provide)
 * // after running: recorder.spans[0].name === "work", recorder.logs[0] includes "hello"
 * ```
 *
 * @since 1.0.0
 * @category Constructors
 */
export const make = (): TestRecorder => {
  const spans: Array<RecordedSpan> = []
  const logs: Array<string> = []
  let ids = 0
  const tracer = Tracer.make({
    span(options) {
      const id = (++ids).toString(16).padStart(16, "0")
      const traceId = Option.match(options.parent, { onNone: () => id.padStart(32, "0"), onSome: (p) => p.traceId })
      const recorded: RecordedSpan = {
        name: options.name,
        spanId: id,
        traceId,
        kind: options.kind,
        attributes: new Map(),
        events: [],
        exit: undefined
      }
      spans.push(recorded)
      return recordingSpan(recorded, options)
    }
  })
  const logger = Logger.make(({ cause, fiber, logLevel, message }) => {
    logs.push(
      [
        logLevel,
        Formatter.format(message),
        Formatter.format(fiber.getRef(References.CurrentLogAnnotations)),
        Formatter.format(fiber.getRef(References.CurrentLogSpans)),
        Formatter.format(cause)
      ].join(" ")
    )
  })
  const layer = Layer.mergeAll(
    Layer.succeed(Tracer.Tracer, tracer),
    replaceDefaultLogger(logger),
    Layer.succeed(References.MinimumLogLevel, "Debug")
  )
  /** Every text the recorder saw, for a secret search. */
  const everything = () =>
    [
      ...logs,
      ...spans.flatMap((span) => [
        span.name,
        Formatter.format([...span.attributes.entries()]),
        Formatter.format(span.events),
        // what an exporter such as @effect/opentelemetry records of the exit: the pretty cause
        span.exit === undefined || Exit.isSuccess(span.exit) ? "" : Cause.pretty(span.exit.cause)
      ])
    ].join("\n")
  return { spans, logs, layer, everything, provide: (self) => Effect.provide(self, layer) }
}
