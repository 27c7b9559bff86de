export default [
  "packages/core",
  "packages/client",
  "packages/testing",
  "examples"
]
