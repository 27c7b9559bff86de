import * as fs from "node:fs"
import * as path from "node:path"
import { fileURLToPath } from "node:url"

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "fixtures")

/** The raw text of a contract fixture. */
export const fixtureText = (name: string): string => fs.readFileSync(path.join(dir, name), "utf8")

/** A contract fixture parsed as JSON. */
export const fixtureJson = (name: string): unknown => JSON.parse(fixtureText(name))

/** One row of `validation-table.json`: what pydantic 2.13 answers for one input. */
export interface ValidationRow {
  readonly field: "member_id" | "return_url" | "body"
  readonly input: unknown
  readonly accepted: boolean
  readonly normalized?: string | null
  readonly errors?: ReadonlyArray<{
    readonly type: string
    readonly loc: ReadonlyArray<string | number>
    readonly msg: string
    readonly ctx?: Record<string, unknown>
  }>
}

/** The 35 rows of the contract's validation table. */
export const validationTable: ReadonlyArray<ValidationRow> = JSON.parse(fixtureText("validation-table.json"))
