/**
 * The calls every contender makes. No imports: the cold-start entries load this and nothing else.
 */
/** The legacy endpoint (Polar served it from 2026-01-15 to 2026-03-03): the contenders of issue 5. */
export const ENDPOINT = "/v1/member-sessions/"
/** Today's endpoint: the contenders of issue 14. */
export const CUSTOMER_SESSIONS_ENDPOINT = "/v1/customer-sessions/"
/** Today's member lookup, which `MemberSessions.create` makes before `POST /v1/customer-sessions/`. */
export const MEMBERS_ENDPOINT = "/v1/members/"
export const ACCESS_TOKEN = "polar_oat_bench_0000000000000000000000"
/** The fixtures' member (`member.200.json`, and the member of `member-session.201.json`). */
export const MEMBER_ID = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
/** The fixtures' customer (the member's, and the customer of `customer-session.201.member.json`). */
export const CUSTOMER_ID = "c5a1e2d3-4b5c-4d6e-8f70-8192a3b4c5d6"
export const RETURN_URL = "https://example.com/account"
export const SERVER_URL = "http://127.0.0.1:9"
