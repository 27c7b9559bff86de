/**
 * The call every contender makes. No imports: the cold-start entries load this and nothing else.
 */
export const ENDPOINT = "/v1/member-sessions/"
export const ACCESS_TOKEN = "polar_oat_bench_0000000000000000000000"
export const MEMBER_ID = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"
export const RETURN_URL = "https://example.com/account"
export const SERVER_URL = "http://127.0.0.1:9"
