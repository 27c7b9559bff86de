/**
 * Polar's rules without Effect: its pydantic request validation (re-implemented exactly, proven
 * against real pydantic), the wording of the client's errors and hints, and the emulator's model of
 * Polar (its state, request pipeline and wire JSON). Both lines of effect-polar (Effect 3 and
 * Effect 4) use this one package and add only their Effect bindings.
 *
 * Every module is exported as a namespace (`Pydantic.uuid4`, `RequestBodies.customerSessionCreate`,
 * `Messages.status`), and can also be imported on its own (`@effect-polar/wire/Messages`).
 *
 * @since 0.2.0
 */

/**
 * @since 0.2.0
 */
export * as Emulator from "./Emulator.js"

/**
 * @since 0.2.0
 */
export * as EmulatorCommandLine from "./EmulatorCommandLine.js"

/**
 * @since 0.2.0
 */
export * as Messages from "./Messages.js"

/**
 * @since 0.2.0
 */
export * as PolarEnums from "./PolarEnums.js"

/**
 * @since 0.2.0
 */
export * as Pydantic from "./Pydantic.js"

/**
 * @since 0.2.0
 */
export * as RequestBodies from "./RequestBodies.js"
