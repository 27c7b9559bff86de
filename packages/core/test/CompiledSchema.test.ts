// internal to core: its contract is tested here, against its sources
import { Address, Customer } from "@effect-polar/core/Customer"
import * as CustomerSessionCreate from "@effect-polar/core/CustomerSessionCreate"
import { Member } from "@effect-polar/core/Member"
import { MemberSession } from "@effect-polar/core/MemberSession"
import * as MemberSessionCreate from "@effect-polar/core/MemberSessionCreate"
import { assert, describe, it } from "@effect/vitest"
import { Arbitrary, Effect, Either, FastCheck as fc, ParseResult, Redacted, Schema } from "effect"
import type { SchemaAST } from "effect"
import * as util from "node:util"
import * as CompiledSchema from "../src/internal/compiledSchema.js"
import { fixtureJson } from "./fixtures.js"

// ---------------------------------------------------------------------------------------------
// Equality, display
// ---------------------------------------------------------------------------------------------

const isObjectLike = (u: unknown): u is object => typeof u === "object" && u !== null

const isEnumerable = (u: object, key: PropertyKey): boolean => Object.prototype.propertyIsEnumerable.call(u, key)

/**
 * Deep equality at least as strict as `isDeepStrictEqual` (prototypes, `Object.is` on leaves,
 * symbol keys), also comparing the order of the keys, and `Redacted` values by what they hold
 * (two `Redacted` are distinct objects whose content `isDeepStrictEqual` cannot see).
 */
/**
 * What a value that looks like a `Redacted` or a `Date` holds. A mutated input can have their
 * prototype without being one (`Object.create(Date.prototype)`, a copy of a `Redacted` that the
 * registry does not know): then there is nothing inside to compare, and only identity counts.
 */
const held = (read: () => unknown): { readonly ok: true; readonly value: unknown } | { readonly ok: false } => {
  try {
    return { ok: true, value: read() }
  } catch {
    return { ok: false }
  }
}

const sameHeld = (a: ReturnType<typeof held>, b: ReturnType<typeof held>): boolean =>
  a.ok && b.ok && same(a.value, b.value)

const same = (a: unknown, b: unknown): boolean => {
  if (Object.is(a, b)) return true
  if (!isObjectLike(a) || !isObjectLike(b)) return false
  if (Redacted.isRedacted(a) || Redacted.isRedacted(b)) {
    return Redacted.isRedacted(a) && Redacted.isRedacted(b) &&
      sameHeld(held(() => Redacted.value(a)), held(() => Redacted.value(b)))
  }
  const protoA: unknown = Object.getPrototypeOf(a)
  const protoB: unknown = Object.getPrototypeOf(b)
  if (protoA !== protoB && !same(protoA, protoB)) return false
  if (
    a instanceof Date &&
    !(b instanceof Date &&
      sameHeld(held(() => Date.prototype.getTime.call(a)), held(() => Date.prototype.getTime.call(b))))
  ) return false
  if (a instanceof Map && !(b instanceof Map && same([...a], [...b]))) return false
  if (a instanceof Set && !(b instanceof Set && same([...a], [...b]))) return false
  const keysA = Reflect.ownKeys(a)
  const keysB = Reflect.ownKeys(b)
  return keysA.length === keysB.length &&
    keysA.every((key, i) =>
      key === keysB[i] && isEnumerable(a, key) === isEnumerable(b, key) &&
      same(Reflect.get(a, key), Reflect.get(b, key))
    )
}

/** A copy for display: what `Redacted` values hold, the class of an instance, a `__proto__` own key. */
const reveal = (u: unknown): unknown => {
  if (Redacted.isRedacted(u)) {
    const inside = held(() => Redacted.value(u))
    return inside.ok ? { "Redacted.value": reveal(inside.value) } : { Redacted: "(not a registered Redacted)" }
  }
  if (Array.isArray(u)) return u.map(reveal)
  if (!isObjectLike(u) || u instanceof Date || u instanceof Map || u instanceof Set) return u
  const out: Record<PropertyKey, unknown> = {}
  const proto: unknown = Object.getPrototypeOf(u)
  if (proto === null) out["[[Prototype]]"] = null
  else if (isObjectLike(proto) && proto !== Object.prototype) {
    const ctor: unknown = Reflect.get(proto, "constructor")
    const isData = Object.getPrototypeOf(proto) === Object.prototype &&
      Reflect.ownKeys(proto).every((key) => typeof Reflect.get(proto, key) !== "function")
    out["[[Prototype]]"] = isData
      ? reveal(proto)
      : typeof ctor === "function" && ctor.name !== "Object"
      ? ctor.name
      : Reflect.get(proto, "_tag") ?? "custom"
  }
  for (const key of Reflect.ownKeys(u)) {
    Object.defineProperty(out, key, { value: reveal(Reflect.get(u, key)), enumerable: true, writable: true })
  }
  return out
}

const show = (u: unknown): string => util.inspect(reveal(u), { depth: 12, breakLength: 120 })

/** What a value looks like deep down: to detect a compiled function changing its input. */
const snapshot = (u: unknown): string => util.inspect(u, { depth: Infinity, showHidden: false })

const format = (error: ParseResult.ParseError): string => ParseResult.TreeFormatter.formatErrorSync(error)

const showEither = (result: Either.Either<unknown, ParseResult.ParseError>): string =>
  Either.isRight(result) ? `Right(${show(result.right)})` : `Left(${format(result.left)})`

// ---------------------------------------------------------------------------------------------
// The contract
// ---------------------------------------------------------------------------------------------

type Options = SchemaAST.ParseOptions | undefined

/** The same schema (the same AST), typed so that any input can be given to its decoder and encoder. */
const untyped = <A, I>(schema: Schema.Schema<A, I>): Schema.Schema<unknown, unknown> => Schema.make(schema.ast)

const assertSameEither = (
  what: string,
  input: unknown,
  actual: Either.Either<unknown, ParseResult.ParseError>,
  expected: Either.Either<unknown, ParseResult.ParseError>
): void => {
  const context = () =>
    `${what}\ninput: ${show(input)}\nactual: ${showEither(actual)}\nreference: ${showEither(expected)}`
  if (Either.isRight(expected)) {
    if (Either.isLeft(actual)) assert.fail(`${context()}\nfails where the reference succeeds`)
    if (!same(actual.right, expected.right)) assert.fail(`${context()}\nnot the reference's value`)
  } else {
    if (Either.isRight(actual)) assert.fail(`${context()}\nsucceeds where the reference fails`)
    if (actual.left._tag !== expected.left._tag || actual.left.issue._tag !== expected.left.issue._tag) {
      assert.fail(`${context()}\nnot the reference's error`)
    }
    if (format(actual.left) !== format(expected.left)) assert.fail(`${context()}\nnot the reference's message`)
  }
}

/** What one check saw: whether the reference succeeded, whether the compiled function answered a value. */
interface Seen {
  readonly valid: boolean
  readonly fast: boolean
}

/**
 * Checks the contract for one direction on one input: the compiled function answers `Fail` or the
 * reference's value (and then the reference succeeds), without changing its input; the
 * `Either` variant answers exactly the reference's `Either`.
 */
const checker = (
  direction: "decode" | "encode",
  schema: Schema.Schema<unknown, unknown>,
  options: Options
): (input: unknown) => Seen => {
  const compiled = direction === "decode"
    ? CompiledSchema.decoder(schema, options)
    : CompiledSchema.encoder(schema, options)
  const reference = direction === "decode"
    ? Schema.decodeUnknownEither(schema, options)
    : Schema.encodeUnknownEither(schema, options)
  const combined = direction === "decode"
    ? CompiledSchema.decodeUnknownEither(schema, options)
    : CompiledSchema.encodeEither(schema, options)
  const what = `${direction} ${String(schema)} with ${JSON.stringify(options)}`
  return (input) => {
    const expected = reference(input)
    const before = snapshot(input)
    const answer = compiled(input)
    if (snapshot(input) !== before) assert.fail(`${what}: the compiled function changed its input ${show(input)}`)
    if (answer !== CompiledSchema.Fail) {
      const context = () =>
        `${what}\ninput: ${show(input)}\ncompiled: ${show(answer)}\nreference: ${showEither(expected)}`
      if (Either.isLeft(expected)) assert.fail(`${context()}\nthe compiled function succeeds where the reference fails`)
      if (!same(answer, expected.right)) assert.fail(`${context()}\nthe compiled function answers another value`)
    }
    assertSameEither(
      `CompiledSchema.${direction === "decode" ? "decodeUnknownEither" : "encodeEither"}: ${what}`,
      input,
      combined(input),
      expected
    )
    return { valid: Either.isRight(expected), fast: answer !== CompiledSchema.Fail }
  }
}

/** The options the generated code models, as a caller may spell them. */
const modelledOptions: ReadonlyArray<Options> = [
  undefined,
  { errors: "all", onExcessProperty: "ignore" },
  { errors: "first" },
  { errors: "all", onExcessProperty: "ignore", exact: false, propertyOrder: "none" }
]

const checkers = (direction: "decode" | "encode", schema: Schema.Schema<unknown, unknown>) =>
  modelledOptions.map((options) => checker(direction, schema, options))

// ---------------------------------------------------------------------------------------------
// Inputs: valid values, mutations of them, random values
// ---------------------------------------------------------------------------------------------

const json = (u: unknown): unknown => u === undefined ? undefined : JSON.parse(JSON.stringify(u))

type Path = ReadonlyArray<PropertyKey>

const isContainer = (u: unknown): u is object =>
  isObjectLike(u) && !Redacted.isRedacted(u) && !(u instanceof Date) && !(u instanceof Map) && !(u instanceof Set)

/** Every path into a value (the value itself first), through arrays, objects and class instances. */
const paths = (u: unknown, prefix: Path = []): Array<Path> => {
  const out: Array<Path> = [prefix]
  if (isContainer(u)) {
    for (const key of Reflect.ownKeys(u)) {
      if (Array.isArray(u) && key === "length") continue
      out.push(...paths(Reflect.get(u, key), [...prefix, key]))
    }
  }
  return out
}

const at = (u: unknown, path: Path): unknown =>
  path.reduce<unknown>((value, key) => isObjectLike(value) ? Reflect.get(value, key) : undefined, u)

const keysOf = (u: unknown): Array<PropertyKey> =>
  paths(u).flatMap((path) => path.length > 0 ? [path[path.length - 1]!] : [])

type Change =
  | { readonly _tag: "Set"; readonly value: unknown }
  | { readonly _tag: "Delete" }
  | { readonly _tag: "Add"; readonly key: PropertyKey; readonly value: unknown }

/** A data property, even for `__proto__`. */
const define = (target: object, key: PropertyKey, value: unknown): void => {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

/** A shallow copy keeping the prototype and own properties (an array stays an array). */
const copy = (u: object): object => {
  if (Array.isArray(u)) return u.slice()
  const out: object = Object.create(Object.getPrototypeOf(u))
  for (const key of Reflect.ownKeys(u)) {
    const descriptor = Object.getOwnPropertyDescriptor(u, key)
    if (descriptor !== undefined) Object.defineProperty(out, key, descriptor)
  }
  return out
}

/** The value with one change at `path`, leaving the original untouched. */
const change = (u: unknown, path: Path, edit: Change): unknown => {
  if (path.length === 0) {
    switch (edit._tag) {
      case "Set":
        return edit.value
      case "Delete":
        return undefined
      case "Add": {
        if (!isContainer(u)) return u
        const out = copy(u)
        if (Array.isArray(out)) out.push(edit.value)
        else define(out, edit.key, edit.value)
        return out
      }
    }
  }
  if (!isContainer(u)) return u
  const [head, ...rest] = path
  const out = copy(u)
  if (head === undefined) return out
  if (rest.length === 0 && edit._tag === "Delete") {
    if (Array.isArray(out) && typeof head === "string") out.splice(Number(head), 1)
    else Reflect.deleteProperty(out, head)
    return out
  }
  define(out, head, change(Reflect.get(u, head), rest, edit))
  return out
}

/** Keys that trip up code reading properties by name. */
const trickyKeys: ReadonlyArray<PropertyKey> = [
  "__proto__",
  "toString",
  "constructor",
  "valueOf",
  "hasOwnProperty",
  "length",
  "0",
  "_tag"
]

const leaves = (extra: ReadonlyArray<fc.Arbitrary<unknown>> = []): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    fc.constantFrom(undefined, null, "", 0, -0, 1, NaN, Infinity, true, false, "1", "2026-01-01T00:00:00Z"),
    fc.string(),
    fc.integer(),
    fc.double(),
    ...extra
  )

/**
 * Mutations of valid values: one path of one value replaced (by a random value, or by what
 * another valid value holds at some path), deleted, or given a new key.
 */
const mutated = (
  valid: fc.Arbitrary<unknown>,
  replacements: fc.Arbitrary<unknown> = leaves(),
  keys: ReadonlyArray<PropertyKey> = []
): fc.Arbitrary<unknown> =>
  fc.tuple(valid, valid, fc.nat(), fc.nat(), fc.nat(), replacements, fc.nat(4)).map(
    ([value, donor, pathIndex, donorIndex, keyIndex, replacement, kind]) => {
      const targets = paths(value)
      const path = targets[pathIndex % targets.length]!
      const donorPaths = paths(donor)
      const donated = at(donor, donorPaths[donorIndex % donorPaths.length]!)
      const candidates = [...trickyKeys, ...keys, ...keysOf(value)]
      const key = candidates[keyIndex % candidates.length]!
      switch (kind) {
        case 0:
          return change(value, path, { _tag: "Set", value: replacement })
        case 1:
          return change(value, path, { _tag: "Set", value: donated })
        case 2:
          return change(value, path, { _tag: "Delete" })
        case 3:
          return change(value, path, { _tag: "Add", key, value: donated })
        default:
          return change(value, path, { _tag: "Add", key, value: replacement })
      }
    }
  )

const randomInputs: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
    withObjectString: true,
    key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "toString", "constructor", "_tag", "a", "b"))
  })
)

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

interface Config {
  /** Pass the encoded values through `JSON.stringify` / `JSON.parse` (false for symbol keys, bigints, ...). */
  readonly json?: boolean
  /** Valid inputs must be answered by the compiled function (no `Fail`): the fast path is used. */
  readonly fast?: boolean
  readonly numRuns?: number
  /** Keys worth adding to an input: the other side's names of renamed fields. */
  readonly keys?: ReadonlyArray<PropertyKey>
  /** Encoded inputs, when encoding generated values is not the way to get them. */
  readonly wire?: fc.Arbitrary<unknown>
  /** Whether every generated value encodes (false: the reference itself refuses some). */
  readonly encodable?: boolean
  /** The least share of generated encoded inputs the reference decodes. */
  readonly minValid?: number
}

/** Runs the property, then checks how many valid inputs the compiled function answered. */
const run = (
  arbitrary: fc.Arbitrary<unknown>,
  checks: ReadonlyArray<(input: unknown) => Seen>,
  numRuns: number,
  expect: { readonly fast: boolean; readonly allValid: boolean }
): { valid: number; fast: number } => {
  const counts = { valid: 0, fast: 0 }
  fc.assert(
    fc.property(arbitrary, fc.nat(checks.length - 1), (input, i) => {
      const seen = checks[i]!(input)
      if (expect.allValid && !seen.valid) assert.fail(`a generated input is not valid: ${show(input)}`)
      if (seen.valid) counts.valid++
      if (seen.fast) counts.fast++
      if (expect.fast && seen.valid && !seen.fast) {
        assert.fail(`the compiled function answers Fail for a valid input: ${show(input)}`)
      }
    }),
    { numRuns }
  )
  return counts
}

/** Registers the contract's properties for one schema: valid, mutated and random inputs, both directions. */
const contract = <A, I>(name: string, schema: Schema.Schema<A, I>, config: Config = {}) => {
  const numRuns = config.numRuns ?? 300
  const mutatedRuns = Math.round(numRuns * 2 / 3)
  const randomRuns = Math.round(numRuns / 3)
  const fast = config.fast ?? true
  const encodable = config.encodable ?? true
  const loose = untyped(schema)
  const encode = Schema.encodeEither(schema)
  // a generated value the reference cannot encode (an index signature's key colliding with a
  // field's) is not a valid value
  const values: fc.Arbitrary<unknown> = encodable
    ? Arbitrary.make(schema).filter((value) => Either.isRight(encode(value)))
    : Arbitrary.make(schema)
  const wire: fc.Arbitrary<unknown> = config.wire ??
    Arbitrary.make(schema).filter((value) => Either.isRight(encode(value))).map((value) => {
      const encoded = Either.getOrThrowWith(encode(value), (error) => new Error(format(error)))
      return config.json === false ? encoded : json(encoded)
    })
  const keys = config.keys ?? []

  describe(name, () => {
    it("decodes valid encoded values as the reference, on the compiled path", () => {
      const counts = run(wire, checkers("decode", loose), numRuns, { fast, allValid: false })
      assert.isAtLeast(counts.valid, numRuns * (config.minValid ?? 0.5), "most generated inputs are valid")
    })

    it("encodes valid values as the reference, on the compiled path", () => {
      run(values, checkers("encode", loose), numRuns, { fast, allValid: encodable })
    })

    it("decodes mutated encoded values: Fail or the reference's value", () => {
      run(mutated(wire, leaves(), keys), checkers("decode", loose), mutatedRuns, { fast, allValid: false })
    })

    it("encodes mutated values: Fail or the reference's value", () => {
      const replacements = leaves([values, fc.date(), fc.bigInt(), fc.constant(Redacted.make("secret"))])
      run(mutated(values, replacements, keys), checkers("encode", loose), mutatedRuns, { fast, allValid: false })
    })

    it("decodes and encodes random values: Fail or the reference's value", () => {
      run(randomInputs, checkers("decode", loose), randomRuns, { fast, allValid: false })
      run(randomInputs, checkers("encode", loose), randomRuns, { fast, allValid: false })
    })
  })
}

describe("the equality these tests use", () => {
  it("tells apart what a wrong compiled value could get wrong", () => {
    assert.isTrue(same({ a: [1, Redacted.make("s")], d: new Date(0) }, { a: [1, Redacted.make("s")], d: new Date(0) }))
    assert.isFalse(same(Redacted.make("s"), Redacted.make("t")))
    assert.isFalse(same(new Date(0), new Date(1)))
    assert.isFalse(same({ a: 1, b: 2 }, { b: 2, a: 1 }))
    assert.isFalse(same({ a: undefined }, {}))
    const sparse = [1, 2, 3]
    delete sparse[1]
    assert.isFalse(same(sparse, [1, undefined, 3]))
    assert.isFalse(same(0, -0))
    assert.isTrue(same(NaN, NaN))
    assert.isFalse(same({}, Object.create(null)))
    assert.isFalse(same(Object.create({ a: 1 }), Object.create({ a: 2 })))
    assert.isFalse(same(new Address({ country: "US" }), { ...new Address({ country: "US" }) }))
    assert.isFalse(same(new Map([[1, 2]]), new Map([[1, 3]])))
    assert.isFalse(same({ [Symbol.for("k")]: 1 }, { [Symbol.for("k")]: 2 }))
  })
})

// ---------------------------------------------------------------------------------------------
// The real schemas
// ---------------------------------------------------------------------------------------------

const apiOptions = { errors: "all", onExcessProperty: "ignore" } as const

describe("CompiledSchema on the response schemas", () => {
  const session = fixtureJson("member-session.201.json")
  const minimal = fixtureJson("member-session.201.minimal.json")

  it("decodes the fixtures on the compiled path, to the reference's value", () => {
    for (
      const [schema, input] of [
        [untyped(MemberSession), session],
        [untyped(MemberSession), minimal],
        [untyped(Member), at(session, ["member"])],
        [untyped(Customer), at(session, ["customer"])],
        [untyped(Address), at(session, ["customer", "billing_address"])]
      ] as const
    ) {
      const expected = Schema.decodeUnknownEither(schema, apiOptions)(input)
      assert.isTrue(Either.isRight(expected))
      const answer = CompiledSchema.decoder(schema, apiOptions)(input)
      assert.notStrictEqual(answer, CompiledSchema.Fail)
      if (Either.isRight(expected)) assert.isTrue(same(answer, expected.right), show(answer))
      assertSameEither("fixture", input, CompiledSchema.decodeUnknownEither(schema, apiOptions)(input), expected)
    }
  })

  it("the decoded session holds Dates, Redacted secrets and class instances", () => {
    const answer = CompiledSchema.decoder(MemberSession, apiOptions)(session)
    if (answer === CompiledSchema.Fail) return assert.fail("Fail")
    assert.instanceOf(answer, MemberSession)
    assert.instanceOf(answer.member, Member)
    assert.instanceOf(answer.customer, Customer)
    assert.instanceOf(answer.customer.billingAddress, Address)
    assert.instanceOf(answer.createdAt, Date)
    assert.isTrue(Redacted.isRedacted(answer.token))
    assert.strictEqual(Redacted.value(answer.token), at(session, ["token"]))
  })

  for (
    const [name, schema, numRuns] of [
      ["MemberSession", untyped(MemberSession), 1000],
      ["Member", untyped(Member), 300],
      ["Customer", untyped(Customer), 300],
      ["Address", untyped(Address), 300]
    ] as const
  ) {
    describe(name, () => {
      const values: fc.Arbitrary<unknown> = Arbitrary.make(schema)
      const encode = Schema.encodeSync(schema)
      const wire = values.map((value) => json(encode(value)))
      const decode = checker("decode", schema, apiOptions)
      const encodeCheck = checker("encode", schema, apiOptions)

      it(`decodes ${numRuns} generated wire bodies on the compiled path, to the reference's value`, () => {
        run(wire, [decode], numRuns, { fast: true, allValid: true })
      })

      it(`encodes ${numRuns / 2} generated values on the compiled path, as Schema.encodeSync`, () => {
        run(values, [encodeCheck], numRuns / 2, { fast: true, allValid: true })
      })

      it(`decodes ${numRuns} mutated wire bodies: Fail or the reference's value`, () => {
        const keys = ["created_at", "createdAt", "member_id", "memberId", "billing_address", "billingAddress"]
        const counts = run(mutated(wire, leaves(), keys), [decode], numRuns, { fast: true, allValid: false })
        assert.isBelow(counts.valid, numRuns, "some mutations are invalid")
      })

      it(`encodes ${numRuns / 2} mutated values: Fail or the reference's value`, () => {
        const replacements = leaves([values, fc.date(), fc.constant(Redacted.make("secret"))])
        run(mutated(values, replacements), [encodeCheck], numRuns / 2, { fast: true, allValid: false })
      })

      it("decodes and encodes random JSON and random values: Fail or the reference's value", () => {
        run(randomInputs, [decode], numRuns / 4, { fast: true, allValid: false })
        run(randomInputs, [encodeCheck], numRuns / 4, { fast: true, allValid: false })
      })
    })
  }
})

// ---------------------------------------------------------------------------------------------
// The request schemas: the validated bodies and the input-to-wire renames
// ---------------------------------------------------------------------------------------------

describe("CompiledSchema on the request schemas", () => {
  contract("MemberSessionCreate", MemberSessionCreate.MemberSessionCreate)
  contract("CustomerSessionCustomerIDCreate", CustomerSessionCreate.CustomerSessionCustomerIDCreate)
  contract("CustomerSessionCustomerExternalIDCreate", CustomerSessionCreate.CustomerSessionCustomerExternalIDCreate)

  const inputs = fc.record(
    {
      memberId: fc.oneof(fc.uuid({ version: 4 }), fc.string(), fc.integer()),
      returnUrl: fc.oneof(fc.webUrl(), fc.constant(null), fc.constant(undefined), fc.string())
    },
    { requiredKeys: ["memberId"] }
  )
  const encodeInput = checker("encode", untyped(MemberSessionCreate.InputWire), apiOptions)

  it("encodes caller inputs to their wire names as Schema.encodeSync, values untouched", () => {
    run(inputs, [encodeInput], 300, { fast: true, allValid: true })
    fc.assert(
      fc.property(inputs, (input) => {
        const wire = MemberSessionCreate.encodeInput(Schema.decodeUnknownSync(Schema.Any)(input))
        assert.deepStrictEqual(wire, Schema.encodeSync(MemberSessionCreate.InputWire)(input))
      }),
      { numRuns: 300 }
    )
  })

  it("encodes customer-session inputs to their wire names", () => {
    const encodeCustomer = checker("encode", untyped(CustomerSessionCreate.InputWire), apiOptions)
    const customerInputs = fc.record(
      {
        customerId: fc.uuid({ version: 4 }),
        externalCustomerId: fc.string(),
        memberId: fc.oneof(fc.uuid({ version: 4 }), fc.constant(null)),
        externalMemberId: fc.oneof(fc.string(), fc.constant(null)),
        returnUrl: fc.oneof(fc.webUrl(), fc.constant(null))
      },
      { requiredKeys: [] }
    )
    run(customerInputs, [encodeCustomer], 300, { fast: true, allValid: true })
  })
})

// ---------------------------------------------------------------------------------------------
// Synthetic schemas: each AST kind the generator models, and the ones it hands to ParseResult
// ---------------------------------------------------------------------------------------------

describe("CompiledSchema on synthetic schemas", () => {
  contract(
    "optional fields",
    Schema.Struct({
      a: Schema.optional(Schema.Number),
      b: Schema.optionalWith(Schema.String, { default: () => "default" }),
      c: Schema.optionalWith(Schema.Boolean, { exact: true }),
      d: Schema.optionalWith(Schema.NumberFromString, { nullable: true }),
      e: Schema.optionalWith(Schema.String, { as: "Option" }),
      f: Schema.optionalWith(Schema.Int, { exact: true, default: () => 0 }),
      g: Schema.optionalWith(Schema.String, { nullable: true, default: () => "null" })
    })
  )

  contract(
    "renamed fields (fromKey), distinct names",
    Schema.Struct({
      a: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("x")),
      b: Schema.optional(Schema.Number).pipe(Schema.fromKey("y")),
      c: Schema.Number,
      d: Schema.optionalWith(Schema.NumberFromString, { default: () => 1 }).pipe(Schema.fromKey("z"))
    }),
    { keys: ["a", "b", "d", "x", "y", "z"] }
  )

  // ParseResult renames in place, one field after the other: a swap clobbers a value in both
  // directions (the reference refuses every input); this chain decodes, but encodes only when
  // `c` is absent. The compiled code must follow it, not rename "correctly".
  contract(
    "renamed fields onto each other's names: a swap",
    Schema.Struct({
      a: Schema.propertySignature(Schema.String).pipe(Schema.fromKey("b")),
      b: Schema.propertySignature(Schema.Number).pipe(Schema.fromKey("a"))
    }),
    {
      keys: ["a", "b"],
      encodable: false,
      minValid: 0,
      wire: fc.record({ a: fc.oneof(fc.double(), fc.string()), b: fc.oneof(fc.double(), fc.string()) })
    }
  )

  contract(
    "renamed fields onto each other's names: a chain",
    Schema.Struct({
      c: Schema.optional(Schema.Boolean).pipe(Schema.fromKey("d")),
      d: Schema.optionalWith(Schema.String, { default: () => "d" }).pipe(Schema.fromKey("e")),
      f: Schema.Number
    }),
    {
      keys: ["c", "d", "e"],
      encodable: false,
      wire: fc.record({ d: fc.boolean(), e: fc.string(), f: fc.double() }, { requiredKeys: ["f"] })
    }
  )

  contract(
    "records and index signatures",
    Schema.Struct({
      record: Schema.Record({ key: Schema.String, value: Schema.NumberFromString }),
      refinedKeys: Schema.Record({ key: Schema.String.pipe(Schema.minLength(2)), value: Schema.Number }),
      literalKeys: Schema.Record({ key: Schema.Literal("p", "q"), value: Schema.Boolean }),
      withIndex: Schema.Struct(
        { a: Schema.Number, b: Schema.optionalWith(Schema.String, { exact: true }) },
        Schema.Record({ key: Schema.String, value: Schema.Union(Schema.Number, Schema.String) })
      ),
      renamedWithIndex: Schema.Struct(
        { a: Schema.propertySignature(Schema.Number).pipe(Schema.fromKey("x")) },
        Schema.Record({ key: Schema.String, value: Schema.Number })
      ),
      templateKeys: Schema.Record({ key: Schema.TemplateLiteral("k", Schema.Number), value: Schema.String })
    }),
    { keys: ["a", "b", "x", "k1", "p", "q", "ab"] }
  )

  contract(
    "refinements",
    Schema.Struct({
      int: Schema.Int,
      nonEmpty: Schema.NonEmptyString,
      pattern: Schema.String.pipe(Schema.pattern(/^[a-c]+$/)),
      even: Schema.Number.pipe(Schema.filter((n) => n % 2 === 0)),
      intFromString: Schema.NumberFromString.pipe(Schema.int()),
      trimmed: Schema.Trim,
      positive: Schema.Positive.pipe(Schema.lessThan(1000))
    })
  )

  contract(
    "literals, unions of primitives, NullOr",
    Schema.Struct({
      literal: Schema.Literal("a", "b", 1, true, null),
      primitives: Schema.Union(Schema.String, Schema.Number, Schema.Boolean),
      nullOr: Schema.NullOr(Schema.Int),
      undefinedOr: Schema.UndefinedOr(Schema.String),
      transformed: Schema.Union(Schema.NumberFromString, Schema.Number),
      structs: Schema.Union(Schema.Struct({ a: Schema.String }), Schema.Struct({ a: Schema.Number, b: Schema.Number }))
    })
  )

  contract(
    "tagged unions (handed to ParseResult)",
    Schema.Struct({
      tagged: Schema.Union(
        Schema.TaggedStruct("A", { a: Schema.Number }),
        Schema.TaggedStruct("B", { b: Schema.NumberFromString })
      ),
      mixed: Schema.Union(Schema.Struct({ kind: Schema.Literal("x"), v: Schema.Number }), Schema.String),
      tuples: Schema.Union(
        Schema.Tuple(Schema.Literal("n"), Schema.Number),
        Schema.Tuple(Schema.Literal("s"), Schema.String)
      )
    }),
    { keys: ["_tag", "kind", "a", "b", "v"] }
  )

  contract(
    "tuples, optional elements, rest and post-rest elements, arrays",
    Schema.Struct({
      optionalElement: Schema.Tuple(Schema.String, Schema.optionalElement(Schema.Number)),
      array: Schema.Array(Schema.NumberFromString),
      nonEmpty: Schema.NonEmptyArray(Schema.String),
      rest: Schema.Tuple([Schema.String], Schema.Number, Schema.Boolean),
      optionalThenRest: Schema.Tuple([Schema.String, Schema.optionalElement(Schema.Number)], Schema.Boolean),
      manyPostRest: Schema.Tuple([], Schema.String, Schema.Number, Schema.Boolean, Schema.Literal("end"))
    })
  )

  class Inner extends Schema.Class<Inner>("Inner")({
    n: Schema.Number,
    at: Schema.propertySignature(Schema.DateFromString).pipe(Schema.fromKey("at_string"))
  }) {}

  class Outer extends Schema.Class<Outer>("Outer")({
    inner: Inner,
    list: Schema.Array(Inner),
    maybe: Schema.NullOr(Inner),
    address: Schema.optional(Address)
  }) {}

  contract("nested classes", Outer, { keys: ["at", "at_string", "inner"] })

  contract(
    "dates, NumberFromString, Redacted",
    Schema.Struct({
      date: Schema.Date,
      fromString: Schema.DateFromString,
      fromNumber: Schema.DateFromNumber,
      number: Schema.NumberFromString,
      secret: Schema.Redacted(Schema.String),
      secretNumber: Schema.Redacted(Schema.NumberFromString)
    })
  )

  enum Fruit {
    Apple = "apple",
    Banana = 1
  }

  contract(
    "enums, template literals, bigints (handed to ParseResult)",
    Schema.Struct({
      fruit: Schema.Enums(Fruit),
      template: Schema.TemplateLiteral("user_", Schema.Number),
      templateString: Schema.TemplateLiteral("a", Schema.String, "b"),
      bigint: Schema.BigInt,
      option: Schema.Option(Schema.NumberFromString),
      optionFromNull: Schema.OptionFromNullOr(Schema.String)
    })
  )

  interface Category {
    readonly name: string
    readonly children: ReadonlyArray<Category>
  }
  interface CategoryEncoded {
    readonly name: string
    readonly kids: ReadonlyArray<CategoryEncoded>
  }
  const Category: Schema.Schema<Category, CategoryEncoded> = Schema.Struct({
    name: Schema.NonEmptyString,
    children: Schema.propertySignature(Schema.Array(Schema.suspend(() => Category)).pipe(Schema.maxItems(2))).pipe(
      Schema.fromKey("kids")
    )
  })

  contract("a recursive schema (suspend)", Category, { keys: ["children", "kids"] })

  contract(
    "parseOptions and decodingFallback annotations (handed to ParseResult)",
    Schema.Struct({
      preserve: Schema.Struct({ a: Schema.Finite }).annotations({ parseOptions: { onExcessProperty: "preserve" } }),
      error: Schema.Struct({ b: Schema.optional(Schema.String) }).annotations({
        parseOptions: { onExcessProperty: "error" }
      }),
      exact: Schema.Struct({ c: Schema.String }).annotations({ parseOptions: { exact: true } }),
      original: Schema.Struct({ d: Schema.Finite, e: Schema.Int }).annotations({
        parseOptions: { propertyOrder: "original" }
      }),
      fallback: Schema.Int.annotations({ decodingFallback: () => Either.right(-1) })
    }),
    { keys: ["a", "b", "c", "d", "e", "z"] }
  )

  const sym = Symbol.for("@effect-polar/core/test/sym")
  contract(
    "a symbol key",
    Schema.Struct(
      { [sym]: Schema.Number, a: Schema.String },
      Schema.Record({ key: Schema.String, value: Schema.String })
    ),
    { json: false, keys: [sym, "a"] }
  )

  contract(
    "keys named like Object.prototype's members",
    Schema.Struct({
      ["__proto__"]: Schema.optional(Schema.Int),
      toString: Schema.String,
      constructor: Schema.optional(Schema.Unknown),
      valueOf: Schema.UndefinedOr(Schema.Int),
      hasOwnProperty: Schema.Boolean,
      renamed: Schema.propertySignature(Schema.Boolean).pipe(Schema.fromKey("own"))
    }),
    // a required field absent from the input reads the prototype's (valueOf when undefined was dropped by JSON)
    { keys: ["own", "renamed"], minValid: 0.3 }
  )
})

// ---------------------------------------------------------------------------------------------
// Edge cases
// ---------------------------------------------------------------------------------------------

describe("CompiledSchema edge cases", () => {
  /** The contract in both directions with every modelled option; a valid input must take the compiled path. */
  const bothWays = (schema: Schema.Schema<unknown, unknown>) => {
    const checks = [...checkers("decode", schema), ...checkers("encode", schema)]
    return (input: unknown) => {
      for (const check of checks) {
        const seen = check(input)
        if (seen.valid && !seen.fast) assert.fail(`Fail for the valid input ${show(input)}`)
      }
    }
  }
  const both = (schema: Schema.Schema<unknown, unknown>, input: unknown) => bothWays(schema)(input)

  it("an own __proto__ key (as JSON.parse makes it) and keys Object.prototype has", () => {
    const record = untyped(Schema.Record({ key: Schema.String, value: Schema.Struct({ a: Schema.Number }) }))
    const struct = untyped(
      Schema.Struct({
        toString: Schema.Unknown,
        valueOf: Schema.optional(Schema.Unknown),
        constructor: Schema.Unknown,
        x: Schema.propertySignature(Schema.Unknown).pipe(Schema.fromKey("y"))
      })
    )
    const inputs = [
      JSON.parse(`{"__proto__": {"a": 1, "b": 2}}`),
      JSON.parse(`{"__proto__": null, "toString": "s"}`),
      JSON.parse(`{"__proto__": 1, "constructor": 2, "valueOf": 3, "y": 4}`),
      {},
      Object.create(null),
      Object.create({ toString: "inherited", valueOf: 1, constructor: 2 })
    ]
    for (const input of inputs) {
      both(record, input)
      both(struct, input)
    }
  })

  it("renamed optional fields, present as undefined, absent, or under both names", () => {
    const schema = untyped(
      Schema.Struct({
        a: Schema.optional(Schema.Number).pipe(Schema.fromKey("x")),
        b: Schema.optionalWith(Schema.Number, { exact: true }).pipe(Schema.fromKey("y")),
        c: Schema.optionalWith(Schema.Number, { default: () => 7 }).pipe(Schema.fromKey("z")),
        d: Schema.optionalWith(Schema.Number, { as: "Option" }).pipe(Schema.fromKey("w"))
      })
    )
    for (
      const input of [
        {},
        { x: undefined, y: undefined, z: undefined, w: undefined },
        { a: 1, b: 2, c: 3, d: 4 },
        { a: 1, x: 2, b: 3, y: 4, c: 5, z: 6, d: 7, w: 8 },
        { x: 1, y: 2, z: 3, w: 4 }
      ]
    ) {
      both(schema, input)
    }
  })

  it("tuples: missing, optional, excess and post-rest elements", () => {
    const schemas = [
      untyped(Schema.Tuple(Schema.String, Schema.optionalElement(Schema.Number))),
      untyped(Schema.Tuple([Schema.String], Schema.Number, Schema.Boolean)),
      untyped(Schema.Tuple([Schema.String, Schema.optionalElement(Schema.Number)], Schema.Boolean)),
      untyped(Schema.Tuple([], Schema.String, Schema.Number, Schema.Boolean, Schema.Literal("end"))),
      untyped(Schema.Tuple([Schema.optionalElement(Schema.String)], Schema.Number))
    ]
    const element = fc.oneof(
      fc.string({ maxLength: 1 }),
      fc.integer({ min: 0, max: 3 }),
      fc.boolean(),
      fc.constant("end")
    )
    const inputs = fc.sample(
      fc.array(element, { maxLength: 6 }),
      { numRuns: 300, seed: 1 }
    )
    for (const schema of schemas) {
      const check = bothWays(schema)
      for (const input of [...inputs, [], ["a"], ["a", 1], ["a", true], [true], ["a", 1, true, "end"]]) check(input)
    }
  })

  it("classes encode from a plain object as from an instance", () => {
    fc.assert(
      fc.property(Arbitrary.make(Member), (member) => {
        const plain = { ...member }
        checker("encode", untyped(Member), apiOptions)(plain)
        assert.notStrictEqual(CompiledSchema.encoder(untyped(Member), apiOptions)(plain), CompiledSchema.Fail)
      }),
      { numRuns: 100 }
    )
  })

  it("valid inputs of modelled schemas go through generated code, not ParseResult", () => {
    // A declaration's parser factory is called once by each interpreter that prepares it, and
    // ParseResult memoises per AST node: after a compiled decoding (encoding), a ParseResult
    // decoding (encoding) calls it again only if the compiled code prepared the declaration itself.
    const probe = () => {
      const prepared = { decode: 0, encode: 0 }
      const schema = Schema.declare([], {
        decode: () => {
          prepared.decode++
          return (input) => ParseResult.succeed(input)
        },
        encode: () => {
          prepared.encode++
          return (input) => ParseResult.succeed(input)
        }
      })
      return { schema, prepared }
    }
    const inClass = (p: Schema.Schema<unknown>) => {
      class Probed extends Schema.Class<Probed>("Probed")({ p, n: Schema.Number }) {}
      return untyped(Probed)
    }
    type Wrap = (p: Schema.Schema<unknown>) => Schema.Schema<unknown, unknown>
    const shapes: ReadonlyArray<readonly [string, Wrap, unknown]> = [
      ["struct field", (p) => untyped(Schema.Struct({ a: p })), { a: 1 }],
      [
        "renamed field",
        (p) => untyped(Schema.Struct({ a: Schema.propertySignature(p).pipe(Schema.fromKey("x")) })),
        { x: 1 }
      ],
      ["field with a default", (p) => untyped(Schema.Struct({ a: Schema.optionalWith(p, { default: () => 0 }) })), {}],
      ["record value", (p) => untyped(Schema.Record({ key: Schema.String, value: p })), { k: 1 }],
      [
        "index signature",
        (p) => untyped(Schema.Struct({ a: Schema.Number }, Schema.Record({ key: Schema.String, value: p }))),
        { a: 1, k: 2 }
      ],
      ["tuple element and rest", (p) => untyped(Schema.Tuple([p], p)), [1, 2]],
      ["union member", (p) => untyped(Schema.Union(Schema.Number, p)), "s"],
      ["NullOr", (p) => untyped(Schema.NullOr(p)), 1],
      ["refinement", (p) => untyped(p.pipe(Schema.filter(() => true))), 1],
      ["transformation", (p) => untyped(Schema.compose(Schema.NumberFromString, p, { strict: false })), "1"],
      ["class field", inClass, { p: 1, n: 2 }]
    ]
    for (const [name, wrap, input] of shapes) {
      const { prepared, schema } = probe()
      const wrapped = wrap(schema)
      assert.notStrictEqual(CompiledSchema.decoder(wrapped)(input), CompiledSchema.Fail, name)
      assert.strictEqual(prepared.decode, 1, name)
      const decoded = Schema.decodeUnknownEither(wrapped)(input)
      if (Either.isLeft(decoded)) return assert.fail(`${name}: ${format(decoded.left)}`)
      assert.strictEqual(prepared.decode, 2, `${name}: the compiled decoder handed it to ParseResult`)
      assert.notStrictEqual(CompiledSchema.encoder(wrapped)(decoded.right), CompiledSchema.Fail, name)
      assert.strictEqual(prepared.encode, 1, name)
      assert.isTrue(Either.isRight(Schema.encodeEither(wrapped)(decoded.right)), name)
      assert.strictEqual(prepared.encode, 2, `${name}: the compiled encoder handed it to ParseResult`)
    }
  })

  it("a union member answering the Fail symbol as its value", () => {
    // Fail is a registered symbol (Symbol.for): any input can hold it, and it is a value like any other
    const schema = untyped(
      Schema.Union(Schema.Struct({ a: Schema.Unknown }), Schema.Struct({ b: Schema.optional(Schema.Unknown) }))
    )
    both(schema, { a: CompiledSchema.Fail })
  })

  it("a __proto__ field next to an index signature", () => {
    const schema = untyped(
      Schema.Struct(
        { ["__proto__"]: Schema.Unknown },
        Schema.Record({ key: Schema.String, value: Schema.Struct({ a: Schema.Number }) })
      )
    )
    both(schema, JSON.parse(`{"__proto__": {"a": 1, "b": 2}}`))
  })
})

// ---------------------------------------------------------------------------------------------
// Options the generated code does not model
// ---------------------------------------------------------------------------------------------

describe("CompiledSchema with options it does not model", () => {
  const unmodelled: ReadonlyArray<SchemaAST.ParseOptions> = [
    { onExcessProperty: "error" },
    { onExcessProperty: "preserve" },
    { exact: true },
    { propertyOrder: "original" },
    { errors: "all", onExcessProperty: "error" },
    { errors: "all", onExcessProperty: "ignore", exact: true },
    { errors: "all", onExcessProperty: "preserve", propertyOrder: "original" }
  ]
  const schemas = [
    untyped(MemberSession),
    untyped(
      Schema.Struct({
        a: Schema.optional(Schema.Number),
        b: Schema.propertySignature(Schema.UndefinedOr(Schema.String)).pipe(Schema.fromKey("x")),
        c: Schema.optionalWith(Schema.NumberFromString, { default: () => 0 })
      }, Schema.Record({ key: Schema.String, value: Schema.Unknown }))
    )
  ]

  it("the compiled functions always answer Fail; decodeUnknownEither and encodeEither are the reference", () => {
    const sessions = Arbitrary.make(MemberSession)
    const inputs = fc.oneof(
      sessions.map((value) => json(Schema.encodeSync(MemberSession)(value))),
      mutated(sessions.map((value) => json(Schema.encodeSync(MemberSession)(value)))),
      fc.record({ a: fc.double(), x: fc.string(), c: fc.string(), b: fc.string(), extra: fc.jsonValue() }, {
        requiredKeys: []
      }),
      randomInputs
    )
    for (const options of unmodelled) {
      for (const schema of schemas) {
        const decode = checker("decode", schema, options)
        const encode = checker("encode", schema, options)
        fc.assert(
          fc.property(inputs, (input) => {
            assert.isFalse(decode(input).fast, "decoder answers Fail")
            assert.isFalse(encode(input).fast, "encoder answers Fail")
          }),
          { numRuns: 40 }
        )
        fc.assert(
          fc.property(sessions, (value) => {
            assert.isFalse(encode(value).fast, "encoder answers Fail")
          }),
          { numRuns: 10 }
        )
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------
// Schemas whose own functions throw, or answer an Effect
// ---------------------------------------------------------------------------------------------

describe("CompiledSchema with schema functions that throw or answer an Effect", () => {
  const Shout = Schema.transform(Schema.String, Schema.String, {
    strict: true,
    decode: (s) => {
      if (s === "boom") throw new Error("decode boom")
      return s.toUpperCase()
    },
    encode: (s) => {
      if (s === "BANG") throw new Error("encode bang")
      return s.toLowerCase()
    }
  })
  const Picky = Schema.Number.pipe(Schema.filter((n) => {
    if (n === 13) throw new Error("filter 13")
    return n >= 0
  }))
  const schema = untyped(Schema.Struct({ shout: Shout, picky: Picky, list: Schema.Array(Shout) }))

  const outcome = (f: () => Either.Either<unknown, ParseResult.ParseError>) => {
    try {
      return { threw: false, message: "", result: f() }
    } catch (error) {
      return { threw: true, message: error instanceof Error ? error.message : String(error), result: undefined }
    }
  }

  it("decodeUnknownEither and encodeEither throw where the reference throws, answer as it otherwise", () => {
    const inputs = [
      { shout: "a", picky: 1, list: [] },
      { shout: "boom", picky: 1, list: [] },
      { shout: "a", picky: 13, list: ["b"] },
      { shout: "a", picky: -1, list: ["boom"] },
      { shout: 1, picky: 13, list: ["boom"] },
      { shout: "a", picky: 1, list: ["x", "boom"] },
      { shout: "BANG", picky: 1, list: [] },
      { shout: "A", picky: 1, list: ["BANG"] }
    ]
    for (const options of modelledOptions) {
      for (const input of inputs) {
        for (
          const [compiled, reference] of [
            [CompiledSchema.decodeUnknownEither(schema, options), Schema.decodeUnknownEither(schema, options)],
            [CompiledSchema.encodeEither(schema, options), Schema.encodeUnknownEither(schema, options)]
          ] as const
        ) {
          const expected = outcome(() => reference(input))
          const actual = outcome(() => compiled(input))
          assert.strictEqual(actual.threw, expected.threw, JSON.stringify(input))
          assert.strictEqual(actual.message, expected.message)
          if (actual.result !== undefined && expected.result !== undefined) {
            assertSameEither("throwing schema", input, actual.result, expected.result)
          }
        }
      }
    }
    assert.throws(() => Schema.decodeUnknownEither(schema)(inputs[1]), "decode boom")
    assert.throws(() => CompiledSchema.decodeUnknownEither(schema)(inputs[1]), "decode boom")
  })

  it("a transformation answering an Effect: the compiled decoder answers Fail, decodeUnknownEither the reference", () => {
    const Length = Schema.transformOrFail(Schema.String, Schema.Number, {
      strict: true,
      decode: (s, _, ast) =>
        s === "fail"
          ? Effect.fail(new ParseResult.Type(ast, s, "no"))
          : s === "async"
          ? Effect.as(Effect.sleep("1 millis"), 0)
          : Effect.succeed(s.length),
      encode: (n) => Effect.succeed("x".repeat(n))
    })
    const schema = untyped(Schema.Struct({ length: Length }))
    for (const options of modelledOptions) {
      const decode = checker("decode", schema, options)
      const encode = checker("encode", schema, options)
      for (const input of [{ length: "abc" }, { length: "fail" }, { length: "async" }, { length: 1 }]) {
        assert.isFalse(decode(input).fast)
      }
      assert.isTrue(decode({ length: "abc" }).valid)
      assert.isFalse(encode({ length: 2 }).fast)
      assert.isTrue(encode({ length: 2 }).valid)
    }
  })
})
