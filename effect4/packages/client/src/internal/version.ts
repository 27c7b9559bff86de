/**
 * This package's version, sent in the `User-Agent` header. A test checks it against
 * `package.json`.
 *
 * @internal
 */
export const VERSION = "1.0.0"
