#!/usr/bin/env python3
"""Generates the conformance tables: what Polar's server answers for thousands of tricky bodies.

    python3 packages/wire/conformance/generate.py [--seed N] [--out DIR] [--rows N]

For each body it records what FastAPI 0.136.3 (Polar's server) answers with pydantic (the
version installed here, which must be Polar's: 2.13.4 / pydantic-core 2.46.4):

- accepted: the model the body validated as and its normalised value (``model_dump(mode="json")``,
  the form the client sends);
- refused: the errors of the 422 ``detail``, as FastAPI reports them (``loc`` under ``body``, no
  ``url``, ``jsonable_encoder`` applied, so a ``ValueError`` in ``ctx`` becomes ``{}``).

Two tables are written, one row per line: ``member-sessions.json`` (``POST /v1/member-sessions/``,
the legacy endpoint) and ``customer-sessions.json`` (``POST /v1/customer-sessions/``, a union of
two models). The same seed gives the same tables, byte for byte.
"""

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

import pydantic
import pydantic_core
from pydantic import BaseModel, TypeAdapter, ValidationError

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutations as m  # noqa: E402
from polar_models import CustomerSessionCreate, MemberSessionCreate  # noqa: E402

DEFAULT_SEED = 20261201
DEFAULT_ROWS = 2000
PYDANTIC = "2.13.4"
PYDANTIC_CORE = "2.46.4"
TABLES = Path(__file__).resolve().parent / "tables"

# -----------------------------------------------------------------------------
# What FastAPI answers
# -----------------------------------------------------------------------------


def jsonable(value: Any) -> Any:
    """``fastapi.encoders.jsonable_encoder`` for what a validation error holds."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, dict):
        return {jsonable(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, Exception):
        # not a dict, so jsonable_encoder takes vars(obj): an exception has no attributes
        return jsonable(vars(value))
    raise TypeError(f"jsonable_encoder case not modelled: {type(value).__name__}")


def answer(adapter: TypeAdapter, body: Any) -> dict[str, Any]:
    """FastAPI's ``request_body_to_args`` for a single, not embedded body field."""
    if body is None:
        # fastapi.dependencies.utils._validate_value_with_model_field + get_missing_field_error
        return {"accepted": False, "errors": [{"type": "missing", "loc": ["body"], "msg": "Field required", "input": None}]}
    try:
        value = adapter.validate_python(body, from_attributes=True)
    except ValidationError as error:
        errors = [{**e, "loc": ["body", *e["loc"]]} for e in error.errors(include_url=False)]
        return {"accepted": False, "errors": jsonable(errors)}
    assert isinstance(value, BaseModel)
    return {"accepted": True, "model": type(value).__name__, "value": value.model_dump(mode="json")}


# -----------------------------------------------------------------------------
# Bodies
# -----------------------------------------------------------------------------


def maybe(rng: random.Random, body: dict[str, Any], key: str, values: list[Any]) -> None:
    """Sets ``key`` to one of ``values`` half of the time (the other half leaves it absent)."""
    if rng.random() < 0.5:
        body[key] = rng.choice(values)


def valid_url(rng: random.Random) -> str:
    return rng.choice(["https://example.com/account", "https://example.com", "http://localhost:3000/billing"])


# The contract page's validation table stays with the other contract fixtures, which every package's
# tests read from packages/core/test/fixtures.
CONTRACT_TABLE = Path(__file__).resolve().parents[2] / "core" / "test" / "fixtures" / "validation-table.json"
VALID_MEMBER_ID = "3b9e5f1a-2c4d-4e8f-9a0b-1c2d3e4f5a6b"


def contract_bodies() -> list[tuple[str, str, Any]]:
    """The 35 rows of the contract page's validation table, as the bodies they stand for."""
    out: list[tuple[str, str, Any]] = []
    for row in json.loads(CONTRACT_TABLE.read_text(encoding="utf8")):
        field, value = row["field"], row["input"]
        if field == "body":
            out.append(("body", "contract", value))
        elif field == "member_id":
            out.append(("member_id", "contract", {"member_id": value}))
        else:
            out.append(("return_url", "contract", {"member_id": VALID_MEMBER_ID, "return_url": value}))
    return out


def member_session_bodies(rng: random.Random, rows: int) -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = contract_bodies()
    for _ in range(rows):
        kind, value = m.uuid_mutation(rng)
        body: dict[str, Any] = {"member_id": value}
        maybe(rng, body, "return_url", [None, valid_url(rng)])
        out.append(("member_id", kind, body))
    for _ in range(rows):
        kind, value = m.url_mutation(rng)
        out.append(("return_url", kind, {"member_id": m.random_uuid4(rng), "return_url": value}))
    for _ in range(max(50, rows // 10)):
        out.append(body_mutation(rng, member_fields(rng)))
    return out


def member_fields(rng: random.Random) -> dict[str, Any]:
    body: dict[str, Any] = {}
    maybe(rng, body, "member_id", [m.random_uuid4(rng), m.uuid_mutation(rng)[1]])
    maybe(rng, body, "return_url", [None, valid_url(rng), m.url_mutation(rng)[1]])
    return body


def customer_key(rng: random.Random, body: dict[str, Any]) -> None:
    if rng.random() < 0.5:
        body["customer_id"] = m.random_uuid4(rng)
    else:
        body[rng.choice(["external_customer_id", "external_customer_id", "customer_external_id"])] = "org_42"


def customer_extras(rng: random.Random, body: dict[str, Any], skip: str) -> None:
    if skip != "member_id":
        maybe(rng, body, "member_id", [None, m.random_uuid4(rng)])
    if skip != "external_member_id":
        maybe(rng, body, "external_member_id", [None, "usr_1337"])
    if skip != "return_url":
        maybe(rng, body, "return_url", [None, valid_url(rng)])


def customer_session_bodies(rng: random.Random, rows: int) -> list[tuple[str, str, Any]]:
    out: list[tuple[str, str, Any]] = []
    for _ in range(rows):
        kind, value = m.uuid_mutation(rng)
        body: dict[str, Any] = {"customer_id": value}
        customer_extras(rng, body, "")
        out.append(("customer_id", kind, body))
    for _ in range(rows // 2):
        kind, value = m.string_mutation(rng)
        key = rng.choice(["external_customer_id", "external_customer_id", "customer_external_id"])
        body = {key: value}
        customer_extras(rng, body, "")
        out.append((key, kind, body))
    for _ in range(rows // 2):
        kind, value = m.uuid_mutation(rng) if rng.random() < 0.9 else ("null", None)
        body = {}
        customer_key(rng, body)
        body["member_id"] = value
        customer_extras(rng, body, "member_id")
        out.append(("member_id", kind, body))
    for _ in range(rows // 2):
        kind, value = m.string_mutation(rng) if rng.random() < 0.9 else ("null", None)
        body = {}
        customer_key(rng, body)
        body["external_member_id"] = value
        customer_extras(rng, body, "external_member_id")
        out.append(("external_member_id", kind, body))
    for _ in range(rows):
        kind, value = m.url_mutation(rng)
        body = {}
        customer_key(rng, body)
        body["return_url"] = value
        customer_extras(rng, body, "return_url")
        out.append(("return_url", kind, body))
    for _ in range(max(100, rows // 4)):
        out.append(body_mutation(rng, customer_fields(rng)))
    return out


def customer_fields(rng: random.Random) -> dict[str, Any]:
    """Any subset of the keys, each valid or mutated: both customer keys, neither, the alias too."""
    body: dict[str, Any] = {}
    maybe(rng, body, "customer_id", [m.random_uuid4(rng), m.uuid_mutation(rng)[1]])
    maybe(rng, body, "external_customer_id", ["org_42", m.string_mutation(rng)[1]])
    if rng.random() < 0.25:
        body["customer_external_id"] = rng.choice(["org_43", m.string_mutation(rng)[1]])
    maybe(rng, body, "member_id", [None, m.random_uuid4(rng), m.uuid_mutation(rng)[1]])
    maybe(rng, body, "external_member_id", [None, "usr_1337", m.string_mutation(rng)[1]])
    maybe(rng, body, "return_url", [None, valid_url(rng), m.url_mutation(rng)[1]])
    return body


def body_mutation(rng: random.Random, fields: dict[str, Any]) -> tuple[str, str, Any]:
    """A whole body: the fields as generated, with extras, or not an object at all."""
    roll = rng.random()
    if roll < 0.6:
        return "body", "fields", fields
    if roll < 0.75:
        extra = dict(fields)
        extra[rng.choice(["extra", "Member_ID", "memberId", "customerId", "returnUrl", "id", ""])] = rng.choice(
            [1, "x", None, {"a": 1}, [1]]
        )
        return "body", "extra-key", extra
    return "body", "not-an-object", rng.choice(
        [None, 0, 1.5, True, False, "", "x", [], [fields], "{}", json.dumps(fields)]
    )


# -----------------------------------------------------------------------------
# Tables
# -----------------------------------------------------------------------------


def rows_for(adapter: TypeAdapter, bodies: list[tuple[str, str, Any]]) -> list[dict[str, Any]]:
    """One row per distinct body, answered from the JSON text as the server would parse it."""
    seen: set[str] = set()
    rows: list[dict[str, Any]] = []
    for field, kind, body in bodies:
        text = json.dumps(body, ensure_ascii=True, sort_keys=False)
        if text in seen:
            continue
        seen.add(text)
        parsed = json.loads(text)
        result = answer(adapter, parsed)
        rows.append({"field": field, "mutation": kind, "body": parsed, **result})
    return rows


def write_table(path: Path, endpoint: str, model: str, seed: int, rows: list[dict[str, Any]]) -> None:
    header = {
        "endpoint": endpoint,
        "model": model,
        "seed": seed,
        "pydantic": pydantic.VERSION,
        "pydantic_core": pydantic_core.__version__,
        "fastapi": "0.136.3 (request_body_to_args, emulated)",
        "generator": "packages/wire/conformance/generate.py",
    }
    lines = [json.dumps(row, ensure_ascii=True, separators=(",", ":")) for row in rows]
    text = "{\n" + "".join(f" {json.dumps(k)}: {json.dumps(v)},\n" for k, v in header.items())
    text += ' "rows": [\n  ' + ",\n  ".join(lines) + "\n ]\n}\n"
    path.write_text(text, encoding="ascii")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=TABLES)
    parser.add_argument("--rows", type=int, default=DEFAULT_ROWS, help="bodies per validated field (before dedup)")
    args = parser.parse_args()

    if (pydantic.VERSION, pydantic_core.__version__) != (PYDANTIC, PYDANTIC_CORE):
        raise SystemExit(
            f"pydantic {pydantic.VERSION} / pydantic-core {pydantic_core.__version__} installed; "
            f"Polar's server runs {PYDANTIC} / {PYDANTIC_CORE}"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    members = rows_for(TypeAdapter(MemberSessionCreate), member_session_bodies(rng, args.rows))
    customers = rows_for(TypeAdapter(CustomerSessionCreate), customer_session_bodies(rng, args.rows))
    write_table(args.out / "member-sessions.json", "POST /v1/member-sessions/", "MemberSessionCreate", args.seed, members)
    write_table(
        args.out / "customer-sessions.json",
        "POST /v1/customer-sessions/",
        "CustomerSessionCustomerIDCreate | CustomerSessionCustomerExternalIDCreate",
        args.seed,
        customers,
    )
    print(f"seed {args.seed}: {len(members)} member-session rows, {len(customers)} customer-session rows -> {args.out}")


if __name__ == "__main__":
    main()
