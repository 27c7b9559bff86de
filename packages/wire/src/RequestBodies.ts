/**
 * The request bodies of Polar's two session endpoints, validated exactly as Polar's server
 * (FastAPI 0.136.3 with pydantic 2.13.4 / pydantic-core 2.46.4) validates them, on the JSON value
 * of the body (what `JSON.parse` answers for the text sent).
 *
 * A success is the model pydantic chose, by its title, with its `model_dump(mode="json")`; a
 * failure is the errors of the 422 `detail`, in the server's order, located under `body`. The
 * answers are proven against real pydantic on the conformance tables (see the package's README).
 *
 * @example
 * ```ts
 * import { RequestBodies } from "@effect-polar/wire"
 *
 * const result = RequestBodies.customerSessionCreate({ customer_id: "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6" })
 * if (result.ok) {
 *   console.log(result.value.title) // "CustomerSessionCustomerIDCreate"
 *   console.log(result.value.value) // { member_id: null, external_member_id: null, return_url: null, customer_id: "c5a1…" }
 * } else {
 *   console.log(result.errors.map((error) => `${error.loc.join(".")}: ${error.msg}`))
 * }
 * ```
 *
 * @since 0.2.0
 */
import { prefixed } from "./internal/pydantic/validation.js"
import * as Models from "./internal/requestModels.js"
import type { Model, Validation, Validator } from "./Pydantic.js"
import { uuid4 } from "./Pydantic.js"

/**
 * The title of the legacy member-session body's model: `MemberSessionCreate`.
 *
 * @since 0.2.0
 * @category Titles
 */
export const MEMBER_SESSION_CREATE: "MemberSessionCreate" = Models.MEMBER_SESSION_CREATE

/**
 * The title of the customer-session model keyed by Polar's customer id: `CustomerSessionCustomerIDCreate`.
 *
 * @since 0.2.0
 * @category Titles
 */
export const CUSTOMER_ID_CREATE: "CustomerSessionCustomerIDCreate" = Models.CUSTOMER_ID_CREATE

/**
 * The title of the customer-session model keyed by your own id of the customer:
 * `CustomerSessionCustomerExternalIDCreate`.
 *
 * @since 0.2.0
 * @category Titles
 */
export const CUSTOMER_EXTERNAL_ID_CREATE: "CustomerSessionCustomerExternalIDCreate" = Models.CUSTOMER_EXTERNAL_ID_CREATE

/**
 * The body of the legacy `POST /v1/member-sessions/`: `MemberSessionCreate`, with
 * `member_id: UUID4` and `return_url: HttpUrl | None = None`. A missing or `null` body is `missing`
 * at `["body"]`.
 *
 * @since 0.2.0
 * @category Validators
 */
export const memberSessionCreate: Validator<Model> = Models.memberSessionCreate

/**
 * The body of `POST /v1/customer-sessions/`: the smart-mode union `CustomerSessionCustomerIDCreate |
 * CustomerSessionCustomerExternalIDCreate` (`customer_id: UUID4`, or `external_customer_id: str`,
 * also read from `customer_external_id`; both with `member_id: UUID4 | None`,
 * `external_member_id: str | None` and `return_url: HttpUrl | None`, and Polar's NUL-character
 * validator on the `str` fields). When both members validate, the one that set more fields wins,
 * then the more exact, then the first; when neither does, both members' errors are answered, each
 * under the member's title (`["body", "CustomerSessionCustomerIDCreate", "customer_id"]`).
 *
 * @since 0.2.0
 * @category Validators
 */
export const customerSessionCreate: Validator<Model> = Models.customerSessionCreate

/**
 * A customer id as the `customer_id` field validates it (pydantic's `UUID4`): the canonical id, or
 * the errors located at `["body", "customer_id"]`.
 *
 * @since 0.2.0
 * @category Validators
 */
export const customerId = (input: unknown): Validation<string> => {
  const result = uuid4(input)
  return result.ok ? result : { ok: false, errors: prefixed(result.errors, ["body", "customer_id"]) }
}
