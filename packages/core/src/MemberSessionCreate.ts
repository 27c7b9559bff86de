/**
 * The request body of `POST /v1/member-sessions/`, validated exactly as Polar's pydantic does.
 *
 * @since 0.1.0
 */
import * as Either from "effect/Either"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import * as CompiledSchema from "./CompiledSchema.js"
import { ValidationError } from "./HTTPValidationError.js"
import type { PydanticFailure, PydanticResult } from "./internal/pydantic.js"
import * as Pydantic from "./internal/pydantic.js"

/** The failure behind each leaf issue raised by a pydantic validator. */
const failures = new WeakMap<ParseResult.ParseIssue, PydanticFailure>()

const pydanticField = <A>(
  identifier: string,
  to: Schema.Schema<A>,
  validate: (input: unknown) => PydanticResult<A>
): Schema.Schema<A, unknown> =>
  Schema.transformOrFail(Schema.Unknown, to, {
    strict: true,
    decode: (input, _, ast) => {
      const result = validate(input)
      if (result._tag === "Ok") return ParseResult.succeed(result.value)
      const issue = new ParseResult.Type(ast, input, result.failure.msg)
      failures.set(issue, result.failure)
      return ParseResult.fail(issue)
    },
    encode: ParseResult.succeed
  }).annotations({ identifier })

/**
 * A member id as pydantic's `UUID4` accepts it: any form the Rust `uuid` crate parses (upper
 * case, without hyphens, `urn:uuid:` prefix, braces) whose version is 4. Decodes to the
 * lower-case hyphenated form.
 *
 * @since 0.1.0
 * @category Schemas
 */
export const Uuid4: Schema.Schema<string, unknown> = pydanticField("UUID4", Schema.String, Pydantic.uuid4)

/**
 * A return URL as pydantic's `HttpUrl | None` accepts it: `null`, or an absolute `http`/`https`
 * URL of at most 2083 characters. Decodes to the normalised URL (`https://example.com` becomes
 * `https://example.com/`, an IDN host is punycoded, spaces in the path are percent-encoded).
 *
 * @since 0.1.0
 * @category Schemas
 */
export const HttpUrlOrNull: Schema.Schema<string | null, unknown> = pydanticField(
  "HttpUrl",
  Schema.NullOr(Schema.String),
  (input) => input === null ? { _tag: "Ok", value: null } : Pydantic.httpUrl(input)
)

const WireKey = { memberId: "member_id", returnUrl: "return_url" } as const

/**
 * The body of a create-member-session request. Decoding from the wire (`{ member_id,
 * return_url }`) validates and normalises as the server does; encoding gives the wire form.
 *
 * @since 0.1.0
 * @category Schemas
 */
export class MemberSessionCreate extends Schema.Class<MemberSessionCreate>("MemberSessionCreate")({
  memberId: Schema.propertySignature(Uuid4).pipe(Schema.fromKey(WireKey.memberId)),
  returnUrl: Schema.optionalWith(HttpUrlOrNull, { default: () => null }).pipe(Schema.fromKey(WireKey.returnUrl))
}) {}

/**
 * What a caller passes to `MemberSessions.create`: camelCase, not yet validated.
 *
 * @since 0.1.0
 * @category Models
 */
export interface MemberSessionCreateInput {
  readonly memberId: string
  readonly returnUrl?: string | null | undefined
}

const Input = Schema.Struct({
  memberId: Uuid4,
  returnUrl: Schema.optionalWith(HttpUrlOrNull, { default: () => null, nullable: true })
})

const parseOptions = { errors: "all", onExcessProperty: "ignore" } as const
const decodeWire = CompiledSchema.decodeUnknownEither(MemberSessionCreate, parseOptions)
const decodeInput = CompiledSchema.decodeUnknownEither(Input, parseOptions)

/**
 * Turns a parse issue from one of this module's schemas into the pydantic errors FastAPI would
 * put in a 422 `detail`, located under `body`. `wireKey` maps a path segment to its wire name.
 */
const isReadonlyArray = (u: unknown): u is ReadonlyArray<unknown> => Array.isArray(u)

const toValidationErrors = (
  issue: ParseResult.ParseIssue,
  body: unknown,
  wireKey: (key: PropertyKey) => string | number
): Array<ValidationError> => {
  const out: Array<ValidationError> = []
  const walk = (issue: ParseResult.ParseIssue, path: ReadonlyArray<string | number>, input: unknown): void => {
    switch (issue._tag) {
      case "Pointer": {
        const segments = isReadonlyArray(issue.path) ? issue.path : [issue.path]
        const next = [...path, ...segments.map(wireKey)]
        const actual = issue.actual
        const value = typeof actual === "object" && actual !== null && segments.length === 1
          ? Reflect.get(actual, segments[0]!)
          : undefined
        return walk(issue.issue, next, value)
      }
      case "Missing":
        out.push(new ValidationError({ loc: ["body", ...path], msg: "Field required", type: "missing", input: body }))
        return
      case "Composite": {
        const issues = isReadonlyArray(issue.issues) ? issue.issues : [issue.issues]
        for (const inner of issues) walk(inner, path, input)
        return
      }
      case "Refinement":
      case "Transformation":
        return walk(issue.issue, path, input)
      case "Type": {
        const failure = failures.get(issue)
        if (failure !== undefined) {
          out.push(
            new ValidationError({
              loc: ["body", ...path],
              msg: failure.msg,
              type: failure.type,
              input: issue.actual,
              ...(failure.ctx === undefined ? {} : { ctx: failure.ctx })
            })
          )
        } else if (AST.isTypeLiteral(issue.ast)) {
          out.push(
            new ValidationError({
              loc: ["body", ...path],
              msg: "Input should be a valid dictionary or object to extract fields from",
              type: "model_attributes_type",
              input: issue.actual
            })
          )
        }
        // Any other leaf is the `undefined` / `null` arm of an optional or nullable field, whose
        // real failure is reported by its sibling arm.
        return
      }
      default:
        out.push(new ValidationError({ loc: ["body", ...path], msg: "Invalid input", type: "value_error", input }))
    }
  }
  walk(issue, [], body)
  return out
}

const wireKeys: ReadonlyMap<PropertyKey, string> = new Map(Object.entries(WireKey))
const fromCamel = (key: PropertyKey): string | number =>
  typeof key === "number" ? key : wireKeys.get(key) ?? String(key)
const asIs = (key: PropertyKey): string | number => typeof key === "number" ? key : String(key)

/**
 * Validates a wire body (`{ member_id, return_url }`) as Polar's server does: on success the
 * normalised `MemberSessionCreate`, on failure the pydantic errors of a 422 `detail`.
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateWire = (
  body: unknown
): Either.Either<MemberSessionCreate, ReadonlyArray<ValidationError>> =>
  Either.mapLeft(decodeWire(body), (error) => toValidationErrors(error.issue, body, asIs))

/**
 * Validates what a caller passes to `MemberSessions.create` (camelCase) with the server's rules;
 * errors are located by wire name (`["body", "member_id"]`), as the server would report them.
 *
 * @since 0.1.0
 * @category Validation
 */
export const validateInput = (
  input: MemberSessionCreateInput
): Either.Either<MemberSessionCreate, ReadonlyArray<ValidationError>> =>
  decodeInput(input).pipe(
    Either.map((value) => new MemberSessionCreate(value, true)),
    Either.mapLeft((error) => toValidationErrors(error.issue, input, fromCamel))
  )
