/**
 * Compiled decoding and encoding of schemas: the same checks and transformations as
 * `ParseResult`, generated as plain JavaScript for the happy path.
 *
 * `ParseResult` interprets a schema's AST with generic closures: every node answers an
 * `Either`, every renamed struct is parsed twice, and the closures are shared by every struct of
 * every schema, so V8 sees a different object shape at each property read and gives up
 * specialising them: decoding one `MemberSession` took 34 µs in a tight loop (13 times its
 * `JSON.parse`) and several times that inside a real call. This module generates one
 * JavaScript function per node of the AST (a struct reads its properties by name, a string check
 * is a `typeof`), calling the schema's own filters, transformations and declarations where it has
 * them, in the same order as `ParseResult`. A compiled function answers the value or `Fail`,
 * nothing about why; `decodeUnknownEither` and `encodeEither` then ask `ParseResult`, so every
 * error is `ParseResult`'s own.
 *
 * The contract, checked by the tests on generated, mutated and random inputs: for any input a
 * compiled function answers `Fail` or exactly the value `ParseResult` gives with the same schema
 * and options (and then `ParseResult` succeeds too). It is never more lenient. Nodes it does not
 * model (unions of tagged structs, enums, template literals, suspended schemas, …) and nodes
 * with annotations that change parsing are handed to `ParseResult` for that subtree; options it
 * does not model (`onExcessProperty` other than `"ignore"`, `exact`, `propertyOrder: "original"`)
 * and runtimes that forbid generating code (a `Content-Security-Policy` without
 * `unsafe-eval`) leave `ParseResult` alone at work.
 *
 * @internal
 */
import * as Either from "effect/Either"
import { identity } from "effect/Function"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"

/**
 * What a compiled function answers when it did not produce a value.
 *
 * @internal
 */
export const Fail: unique symbol = Symbol.for("@effect-polar/core/CompiledSchema/Fail")

/**
 * The marker the generated code answers internally. It is private (not registered), so no input
 * can hold it: a value holding the public `Fail` is decoded like any other value.
 */
const failed: unique symbol = Symbol("failed")

/**
 * @internal
 */
export type Fail = typeof Fail

/**
 * A compiled decoding or encoding: the value, or `Fail`.
 *
 * @internal
 */
export type Compiled<In, Out> = (input: In) => Out | Fail

type Parse = (input: unknown) => unknown

const hasOwn = (self: object, key: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(self, key)

/** The value of a `ParseResult`, or the failure marker for a failure or an effect that is not synchronous. */
const resultValue = (result: unknown): unknown =>
  Either.isEither(result) ? (Either.isRight(result) ? result.right : failed) : failed

/**
 * Whether `ParseResult` would pick union members by a literal property (a tagged struct or
 * tuple) and so try them in another order than declared. Mirrors `ParseResult.getLiterals`.
 */
const hasTagLiterals = (ast: AST.AST, isDecoding: boolean): boolean => {
  const side = (type: AST.AST) => isDecoding ? AST.encodedAST(type) : AST.typeAST(type)
  switch (ast._tag) {
    case "Declaration":
      return Option.match(AST.getSurrogateAnnotation(ast), {
        onNone: () => false,
        onSome: (surrogate) => hasTagLiterals(surrogate, isDecoding)
      })
    case "TypeLiteral":
      return ast.propertySignatures.some((ps) => !ps.isOptional && AST.isLiteral(side(ps.type)))
    case "TupleType":
      return ast.elements.some((element) => !element.isOptional && AST.isLiteral(side(element.type)))
    case "Refinement":
      return hasTagLiterals(ast.from, isDecoding)
    case "Suspend":
      return hasTagLiterals(ast.f(), isDecoding)
    case "Transformation":
      return hasTagLiterals(isDecoding ? ast.from : ast.to, isDecoding)
    default:
      return false
  }
}

/** Whether an index signature's keys are `Object.keys(input)`, as `ParseResult` takes them. */
const isStringParameter = (ast: AST.AST): boolean =>
  AST.isStringKeyword(ast) || (AST.isRefinement(ast) && isStringParameter(ast.from))

const dropRightRefinement = (ast: AST.AST): AST.AST => AST.isRefinement(ast) ? dropRightRefinement(ast.from) : ast

/**
 * Generates the source of one function per AST node (`p0`, `p1`, …) and the constants they use
 * (`K[i]`): the schema's filters, transformations, declarations and reference parsers.
 */
class Generator {
  readonly constants: Array<unknown> = []
  readonly functions: Array<string> = []
  private readonly names = new Map<AST.AST, string>()
  private readonly encodeNames = new Map<AST.AST, string>()

  constructor(readonly options: AST.ParseOptions) {}

  constant(value: unknown): string {
    this.constants.push(value)
    return `K[${this.constants.length - 1}]`
  }

  /** A JavaScript expression for a property key: a string literal, or a constant for a symbol. */
  key(name: PropertyKey): string {
    return typeof name === "string" ? JSON.stringify(name) : this.constant(name)
  }

  /** The name of the function parsing `ast` in one direction, generating it on first use. */
  parser(ast: AST.AST, isDecoding: boolean): string {
    const names = isDecoding ? this.names : this.encodeNames
    const known = names.get(ast)
    if (known !== undefined) return known
    const name = `p${this.functions.length}`
    names.set(ast, name)
    const index = this.functions.length
    this.functions.push("")
    const changesParsing = Option.isSome(AST.getParseOptionsAnnotation(ast)) ||
      (isDecoding && Option.isSome(AST.getDecodingFallbackAnnotation(ast)))
    const body = (changesParsing ? undefined : this.body(ast, isDecoding)) ?? this.reference(ast, isDecoding)
    this.functions[index] = `function ${name}(u) {\n${body}\n}`
    return name
  }

  /** `ParseResult` itself for this subtree. */
  private reference(ast: AST.AST, isDecoding: boolean): string {
    const schema = Schema.make(ast)
    const parse = isDecoding
      ? ParseResult.decodeUnknownEither(schema, this.options)
      : ParseResult.encodeUnknownEither(schema, this.options)
    return `return R(${this.constant(parse)}(u));`
  }

  private body(ast: AST.AST, isDecoding: boolean): string | undefined {
    switch (ast._tag) {
      case "StringKeyword":
        return `return typeof u === "string" ? u : F;`
      case "NumberKeyword":
        return `return typeof u === "number" ? u : F;`
      case "BooleanKeyword":
        return `return typeof u === "boolean" ? u : F;`
      case "UndefinedKeyword":
        return `return u === undefined ? u : F;`
      case "UnknownKeyword":
      case "AnyKeyword":
      case "VoidKeyword":
        return `return u;`
      case "NeverKeyword":
        return `return F;`
      case "Literal":
        return `return u === ${this.constant(ast.literal)} ? u : F;`
      case "UniqueSymbol":
        return `return u === ${this.constant(ast.symbol)} ? u : F;`
      case "Declaration": {
        const parse = isDecoding ? ast.decodeUnknown(...ast.typeParameters) : ast.encodeUnknown(...ast.typeParameters)
        return `return R(${this.constant(parse)}(u, O, ${this.constant(ast)}));`
      }
      case "Refinement": {
        if (isDecoding) {
          const from = this.parser(ast.from, true)
          return [
            `var a = ${from}(u);`,
            `if (a === F || ${this.constant(ast.filter)}(a, O, ${this.constant(ast)})._tag === "Some") return F;`,
            `return a;`
          ].join("\n")
        }
        // encoding checks the type side, then encodes what the refinement refines
        const validate = this.parser(AST.typeAST(ast), true)
        const to = this.parser(dropRightRefinement(ast.from), false)
        return `var a = ${validate}(u);\nreturn a === F ? F : ${to}(a);`
      }
      case "Transformation":
        return this.transformation(ast, isDecoding)
      case "TypeLiteral":
        return this.typeLiteral(ast, isDecoding)
      case "TupleType":
        return this.tuple(ast, isDecoding)
      case "Union": {
        if (ast.types.some((member) => hasTagLiterals(member, isDecoding))) return undefined
        const lines = ["var r;"]
        for (const member of ast.types) {
          lines.push(`r = ${this.parser(member, isDecoding)}(u);`, `if (r !== F) return r;`)
        }
        lines.push("return F;")
        return lines.join("\n")
      }
      default:
        // Enums, TemplateLiteral, Suspend, ObjectKeyword, SymbolKeyword, BigIntKeyword
        return undefined
    }
  }

  private transformation(ast: AST.Transformation, isDecoding: boolean): string {
    const fromAst = isDecoding ? ast.from : ast.to
    const toAst = isDecoding ? ast.to : ast.from
    const from = this.parser(fromAst, isDecoding)
    const to = this.parser(toAst, isDecoding)
    const transformation = ast.transformation
    const head = `var a = ${from}(u);\nif (a === F) return F;`
    switch (transformation._tag) {
      case "FinalTransformation": {
        const f = this.constant(isDecoding ? transformation.decode : transformation.encode)
        return `${head}\nvar b = R(${f}(a, O, ${this.constant(ast)}, u));\nreturn b === F ? F : ${to}(b);`
      }
      case "ComposeTransformation":
        return `${head}\nreturn ${to}(a);`
      case "TypeLiteralTransformation": {
        const steps = transformation.propertySignatureTransformations.map((pst) =>
          isDecoding
            ? { from: pst.from, to: pst.to, f: pst.decode }
            : { from: pst.to, to: pst.from, f: pst.encode }
        )
        const renamed = new Set<PropertyKey>(steps.map((step) => step.from))
        const targets = new Set<PropertyKey>(steps.map((step) => step.to))
        // ParseResult renames in place (`delete`, then set). When no step reads or deletes a key
        // another step writes (the keys read are distinct, the keys written are distinct, and a
        // key written is read by no other step; a step may keep its key, as a default does),
        // the source is a plain struct (its keys are known) and the target is a plain struct (it
        // builds its own output in declaration order, so the order of the keys here does not
        // show), a fresh object with the same entries is the same input.
        if (
          renamed.size === steps.length && targets.size === steps.length &&
          steps.every((step) => step.to === step.from || !renamed.has(step.to)) &&
          AST.isTypeLiteral(fromAst) && fromAst.indexSignatures.length === 0 &&
          AST.isTypeLiteral(toAst) && toAst.indexSignatures.length === 0
        ) {
          const lines = [head, "var o = {};"]
          for (const ps of fromAst.propertySignatures) {
            if (renamed.has(ps.name)) continue
            const key = this.key(ps.name)
            // a required key is always in the struct parser's output
            lines.push(ps.isOptional ? `if (H(a, ${key})) o[${key}] = a[${key}];` : `o[${key}] = a[${key}];`)
          }
          for (const step of steps) {
            const source = this.key(step.from)
            const target = this.key(step.to)
            lines.push(
              step.f === identity
                // a plain rename (`Schema.fromKey`): the value moves as it is, an absent key stays absent
                ? `if (H(a, ${source})) o[${target}] = a[${source}];`
                : `var s = ${this.constant(step.f)}(H(a, ${source}) ? SOME(a[${source}]) : NONE);\n` +
                  `if (s._tag === "Some") o[${target}] = s.value;`
            )
          }
          lines.push(`return ${to}(o);`)
          return lines.join("\n")
        }
        return `${head}\nreturn ${to}(${this.constant(renameInPlace(steps))}(a));`
      }
    }
  }

  private typeLiteral(ast: AST.TypeLiteral, isDecoding: boolean): string | undefined {
    if (ast.propertySignatures.length === 0 && ast.indexSignatures.length === 0) {
      return `return u === null || u === undefined ? F : u;`
    }
    if (!ast.indexSignatures.every((is) => isStringParameter(is.parameter))) return undefined
    const lines = [
      `if (typeof u !== "object" || u === null || Array.isArray(u)) return F;`,
      `var o = {}, v;`
    ]
    for (const ps of ast.propertySignatures) {
      const key = this.key(ps.name)
      const parse = `v = ${this.parser(ps.type, isDecoding)}(u[${key}]);\nif (v === F) return F;\no[${key}] = v;`
      // a required key that is absent is parsed as `u[key]` (undefined), as ParseResult does
      lines.push(ps.isOptional ? `if (H(u, ${key})) {\n${parse}\n}` : parse)
    }
    if (ast.indexSignatures.length > 0) {
      // recorded as ParseResult records them, in a plain object (where a "__proto__" name sets
      // the prototype instead of a key, and so does not count as expected)
      const expectedKeys: Record<PropertyKey, null> = {}
      for (const ps of ast.propertySignatures) expectedKeys[ps.name] = null
      const expected = this.constant(expectedKeys)
      lines.push(`var ks = Object.keys(u), k, i;`)
      for (const is of ast.indexSignatures) {
        const parameter = this.parser(is.parameter, isDecoding)
        const type = this.parser(is.type, isDecoding)
        lines.push(
          `for (i = 0; i < ks.length; i++) {`,
          `k = ks[i];`,
          // a key its parameter refuses is skipped, not an error
          `if (${parameter}(k) === F) continue;`,
          `v = ${type}(u[k]);`,
          `if (v === F) return F;`,
          `if (!H(${expected}, k)) o[k] = v;`,
          `}`
        )
      }
    }
    lines.push("return o;")
    return lines.join("\n")
  }

  private tuple(ast: AST.TupleType, isDecoding: boolean): string {
    const [head, ...tail] = ast.rest.map((rest) => this.parser(rest.type, isDecoding))
    const required = ast.elements.filter((element) => !element.isOptional).length + tail.length
    const lines = [
      `if (!Array.isArray(u)) return F;`,
      `var n = u.length, o = [], v, i;`,
      `if (n < ${required}) return F;`
    ]
    if (head === undefined) lines.push(`if (n > ${ast.elements.length}) return F;`)
    ast.elements.forEach((element, i) => {
      const parse = `v = ${this.parser(element.type, isDecoding)}(u[${i}]);\nif (v === F) return F;\no.push(v);`
      lines.push(element.isOptional ? `if (n > ${i}) {\n${parse}\n}` : parse)
    })
    if (head !== undefined) {
      lines.push(
        `for (i = ${ast.elements.length}; i < n - ${tail.length}; i++) {`,
        `v = ${head}(u[i]);`,
        `if (v === F) return F;`,
        `o.push(v);`,
        `}`
      )
      tail.forEach((parse, j) => {
        lines.push(`if (n > i + ${j}) {`, `v = ${parse}(u[i + ${j}]);`, `if (v === F) return F;`, `o.push(v);`, `}`)
      })
    }
    lines.push("return o;")
    return lines.join("\n")
  }
}

/** `ParseResult`'s own renaming: in place, step by step. */
const renameInPlace = (
  steps: ReadonlyArray<{
    readonly from: PropertyKey
    readonly to: PropertyKey
    readonly f: (o: Option.Option<unknown>) => Option.Option<unknown>
  }>
) =>
(input: Record<PropertyKey, unknown>): Record<PropertyKey, unknown> => {
  for (const step of steps) {
    const value = step.f(hasOwn(input, step.from) ? Option.some(input[step.from]) : Option.none())
    delete input[step.from]
    if (Option.isSome(value)) input[step.to] = value.value
  }
  return input
}

/** Whether these options are the ones the generated code models. */
const modelled = (options: AST.ParseOptions): boolean =>
  (options.onExcessProperty === undefined || options.onExcessProperty === "ignore") &&
  options.exact !== true &&
  (options.propertyOrder === undefined || options.propertyOrder === "none")

const compileAst = (ast: AST.AST, isDecoding: boolean, options: AST.ParseOptions): Parse | undefined => {
  if (!modelled(options)) return undefined
  try {
    const generator = new Generator(options)
    const root = generator.parser(ast, isDecoding)
    const source = `"use strict";\n${generator.functions.join("\n")}\nreturn ${root};`
    const make = new Function("K", "F", "O", "R", "H", "SOME", "NONE", source)
    const parse: unknown = make(generator.constants, failed, options, resultValue, hasOwn, Option.some, Option.none())
    if (typeof parse !== "function") return undefined
    return (input) => {
      const output: unknown = parse(input)
      return output === failed ? Fail : output
    }
  } catch {
    // no code generation here (a Content-Security-Policy without unsafe-eval), or a schema
    // whose own functions throw while being prepared: ParseResult alone
    return undefined
  }
}

/**
 * Compiles lazily, on first use (so that importing a module that prepares a decoder costs
 * nothing at start-up), and at most once.
 */
const lazily = (compileNow: () => Parse | undefined): Parse => {
  let compiled: Parse | undefined
  let tried = false
  return (input) => {
    if (!tried) {
      tried = true
      compiled = compileNow()
    }
    return compiled === undefined ? Fail : compiled(input)
  }
}

/**
 * The one place where the interpreter's `unknown` becomes the schema's type: by the contract
 * above, a value a compiled function answers is the value `ParseResult` answers for the same
 * schema and input (an AST interpreter cannot carry the type itself, `ParseResult` cannot either).
 */
const typed = <In, Out>(parse: Parse): Compiled<In, Out> => parse as Compiled<In, Out>

/**
 * Compiles the decoding of `schema` (from its encoded side to its type side).
 *
 * @internal
 */
export const decoder = <A, I>(schema: Schema.Schema<A, I>, options?: AST.ParseOptions): Compiled<unknown, A> =>
  typed(lazily(() => compileAst(schema.ast, true, options ?? AST.defaultParseOption)))

/**
 * Compiles the encoding of `schema` (from its type side to its encoded side).
 *
 * @internal
 */
export const encoder = <A, I>(schema: Schema.Schema<A, I>, options?: AST.ParseOptions): Compiled<A, I> =>
  typed(lazily(() => compileAst(schema.ast, false, options ?? AST.defaultParseOption)))

/**
 * The compiled function first; the reference for what it does not answer, or where a schema's
 * own function throws (the reference then throws or answers as it would have alone).
 */
const withReference = <In, Out>(
  compiled: Compiled<In, Out>,
  reference: (input: In) => Either.Either<Out, ParseResult.ParseError>
) =>
(input: In): Either.Either<Out, ParseResult.ParseError> => {
  let output: Out | Fail
  try {
    output = compiled(input)
  } catch {
    output = Fail
  }
  return output === Fail ? reference(input) : Either.right(output)
}

/**
 * `ParseResult.decodeUnknownEither` with the compiled decoder in front: the same answers,
 * faster when the input is valid.
 *
 * @internal
 */
export const decodeUnknownEither = <A, I>(
  schema: Schema.Schema<A, I>,
  options?: AST.ParseOptions
): (input: unknown) => Either.Either<A, ParseResult.ParseError> =>
  withReference(decoder(schema, options), Schema.decodeUnknownEither(schema, options))

/**
 * `ParseResult.encodeEither` with the compiled encoder in front: the same answers, faster when
 * the value is valid.
 *
 * @internal
 */
export const encodeEither = <A, I>(
  schema: Schema.Schema<A, I>,
  options?: AST.ParseOptions
): (value: A) => Either.Either<I, ParseResult.ParseError> =>
  withReference(encoder(schema, options), Schema.encodeEither(schema, options))
