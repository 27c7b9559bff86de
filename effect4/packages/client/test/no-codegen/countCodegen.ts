/**
 * Imported first by `probe.ts`: counts the functions generated from strings (what Effect's
 * `SchemaJITCompiler` does through `globalThis.Function`), so that the probe can tell whether the
 * compiled decoders or the schema interpreter answered. A construction that the runtime refuses
 * (`--disallow-code-generation-from-strings`) throws and is not counted.
 */
const counted = { generated: 0 }

const count = (args: ReadonlyArray<unknown>): void => {
  // the compiler's own probe of whether code generation is allowed is not a decoder
  if (!(args.length === 1 && args[0] === "return true")) counted.generated++
}

globalThis.Function = new Proxy(globalThis.Function, {
  apply(target, thisArg, args) {
    const made = Reflect.apply(target, thisArg, args)
    count(args)
    return made
  },
  construct(target, args, newTarget) {
    const made = Reflect.construct(target, args, newTarget)
    count(args)
    return made
  }
})

/** How many functions were generated from strings so far. */
export const generated = (): number => counted.generated
