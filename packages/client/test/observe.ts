import { Cause, Effect, Exit, HashMap, Inspectable, Layer, List, Logger, LogLevel, Option, Tracer } from "effect"

/** A span as the recording tracer keeps it. */
export interface RecordedSpan {
  readonly name: string
  readonly attributes: Map<string, unknown>
  readonly events: Array<{ readonly name: string; readonly attributes: Record<string, unknown> | undefined }>
  exit: Exit.Exit<unknown, unknown> | undefined
}

/**
 * A tracer and a logger that keep everything they are given, to assert on spans and to search
 * every rendered text for secrets.
 */
export const makeRecorder = () => {
  const spans: Array<RecordedSpan> = []
  const logs: Array<string> = []
  let ids = 0
  const tracer = Tracer.make({
    span(name, parent, context, links, _startTime, kind) {
      const recorded: RecordedSpan = { name, attributes: new Map(), events: [], exit: undefined }
      spans.push(recorded)
      const id = String(++ids)
      const span: Tracer.Span = {
        _tag: "Span",
        name,
        spanId: id,
        traceId: Option.match(parent, { onNone: () => id, onSome: (p) => p.traceId }),
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
  return { spans, logs, layer, everything, provide: Effect.provide(layer) }
}
