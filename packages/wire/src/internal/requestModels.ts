/**
 * Polar's request models, field for field as Polar's server declares them (see
 * `packages/wire/conformance/polar_models.py`, which the conformance tables are generated from):
 * the same fields in the same order, the same aliases and defaults, the same base validators.
 *
 * @internal
 */
import type { Model } from "../Pydantic.js"
import type { Field } from "./pydantic/model.js"
import { body, model, nullable, union } from "./pydantic/model.js"
import { string } from "./pydantic/string.js"
import { httpUrl } from "./pydantic/url.js"
import { uuid } from "./pydantic/uuid.js"
import type { Validator } from "./pydantic/validation.js"

const NONE: { readonly value: null } = { value: null }

/** The title of the legacy member-session model. @internal */
export const MEMBER_SESSION_CREATE = "MemberSessionCreate"

/**
 * The body of the legacy `POST /v1/member-sessions/`: `member_id: UUID4`,
 * `return_url: HttpUrl | None = None`. Its `Schema` base had no NUL validator yet.
 *
 * @internal
 */
export const memberSessionCreate: Validator<Model> = body(model(MEMBER_SESSION_CREATE, [
  { name: "member_id", validate: uuid(4) },
  { name: "return_url", validate: nullable(httpUrl), default: NONE }
]))

/** `CustomerSessionCreateBase`: the fields both customer-session models share, first. */
const customerSessionBase: ReadonlyArray<Field> = [
  { name: "member_id", validate: nullable(uuid(4)), default: NONE },
  { name: "external_member_id", validate: nullable(string), default: NONE, refusesNul: true },
  { name: "return_url", validate: nullable(httpUrl), default: NONE }
]

/** The title of the customer-session model keyed by `customer_id`. @internal */
export const CUSTOMER_ID_CREATE = "CustomerSessionCustomerIDCreate"

/** The title of the customer-session model keyed by `external_customer_id`. @internal */
export const CUSTOMER_EXTERNAL_ID_CREATE = "CustomerSessionCustomerExternalIDCreate"

/**
 * The body of `POST /v1/customer-sessions/`: `CustomerSessionCustomerIDCreate |
 * CustomerSessionCustomerExternalIDCreate` (smart mode).
 *
 * @internal
 */
export const customerSessionCreate: Validator<Model> = body(union([
  {
    title: CUSTOMER_ID_CREATE,
    validate: model(CUSTOMER_ID_CREATE, [...customerSessionBase, { name: "customer_id", validate: uuid(4) }])
  },
  {
    title: CUSTOMER_EXTERNAL_ID_CREATE,
    validate: model(CUSTOMER_EXTERNAL_ID_CREATE, [...customerSessionBase, {
      name: "external_customer_id",
      aliases: ["external_customer_id", "customer_external_id"],
      validate: string,
      refusesNul: true
    }])
  }
]))
