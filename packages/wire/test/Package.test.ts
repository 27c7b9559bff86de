/**
 * What makes this package shareable by both lines of the client: no dependency at all, no import
 * of anything but its own modules, and the field validators answering as pydantic does.
 */
import { Pydantic } from "@effect-polar/wire"
import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"
import { assert, describe, it } from "vitest"

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), "..")

const sources = (dir: string): Array<string> =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : []
  })

describe("@effect-polar/wire", () => {
  it("has no dependency of any kind", () => {
    const manifest: Record<string, unknown> = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"))
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "devDependencies"]) {
      assert.notProperty(manifest, field)
    }
    assert.strictEqual(manifest["sideEffects"], false)
  })

  it("imports nothing but its own modules", () => {
    const files = sources(path.join(root, "src"))
    assert.isAtLeast(files.length, 10)
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8")
      for (const match of text.matchAll(/^\s*(?:import|export)\b[^"';]*?\bfrom\s+"([^"]+)"/gm)) {
        assert.match(match[1]!, /^\.\.?\//, `${path.relative(root, file)} imports ${match[1]}`)
      }
      assert.notMatch(text, /\bimport\(/, `${path.relative(root, file)} has a dynamic import`)
    }
  })
})

describe("Pydantic field validators", () => {
  it("uuid4: the canonical form of any spelling the uuid crate parses, version 4 only", () => {
    const canonical = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
    for (const spelling of [canonical, canonical.toUpperCase(), canonical.replace(/-/g, ""), `{${canonical}}`]) {
      assert.deepStrictEqual(Pydantic.uuid4(spelling), { ok: true, value: canonical, exactness: 0 })
    }
    assert.deepStrictEqual(Pydantic.uuid4("3b9e5f1a-2c4d-1e8f-9a0b-1c2d3e4f5a6b"), {
      ok: false,
      errors: [{
        type: "uuid_version",
        loc: [],
        msg: "UUID version 4 expected",
        input: "3b9e5f1a-2c4d-1e8f-9a0b-1c2d3e4f5a6b",
        ctx: { expected_version: 4 }
      }]
    })
    assert.deepStrictEqual(Pydantic.uuid4(1), {
      ok: false,
      errors: [{ type: "uuid_type", loc: [], msg: "UUID input should be a string, bytes or UUID object", input: 1 }]
    })
  })

  it("httpUrl and httpUrlOrNull: pydantic's serialization, its length limit, null allowed only by the second", () => {
    assert.deepStrictEqual(Pydantic.httpUrl("HTTPS://Example.COM"), {
      ok: true,
      value: "https://example.com/",
      exactness: 0
    })
    assert.deepStrictEqual(Pydantic.httpUrlOrNull(null), { ok: true, value: null, exactness: 2 })
    const result = Pydantic.httpUrl(null)
    assert.isFalse(result.ok)
    const long = `https://example.com/${"a".repeat(Pydantic.URL_MAX_LENGTH)}`
    const tooLong = Pydantic.httpUrl(long)
    assert.deepStrictEqual(tooLong, {
      ok: false,
      errors: [{
        type: "url_too_long",
        loc: [],
        msg: "URL should have at most 2083 characters",
        input: long,
        ctx: { max_length: 2083 }
      }]
    })
  })

  it("locate puts errors under a prefix", () => {
    const result = Pydantic.uuid4("x")
    assert.isFalse(result.ok)
    if (!result.ok) {
      assert.deepStrictEqual(Pydantic.locate(result.errors, ["body", "member_id"]).map((error) => error.loc), [[
        "body",
        "member_id"
      ]])
    }
  })
})
