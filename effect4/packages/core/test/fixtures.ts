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

/** A valid member id (UUID v4), for the rows that test `return_url`. */
export const VALID_MEMBER_ID = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"

/** The wire body a row stands for: the row's input in its field, a valid member id beside a `return_url`. */
export const wireBody = (row: ValidationRow): unknown =>
  row.field === "body"
    ? row.input
    : row.field === "member_id"
    ? { member_id: row.input }
    : { member_id: VALID_MEMBER_ID, return_url: row.input }
