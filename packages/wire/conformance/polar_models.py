"""Polar's request models, written as Polar's server source writes them.

Sources (polarsource/polar, server/):
- ``polar/kit/schemas.py``: the ``Schema`` base. Since 2026-07-20 (PR #13265) it carries a
  field validator that refuses any string containing a NUL character; before, it had only
  ``from_attributes=True``.
- ``polar/member_session/schemas.py`` (2026-01-15 to 2026-03-03): ``MemberSessionCreate``.
- ``polar/customer_session/schemas.py`` (2026-08 snapshot): the two customer-session models and
  their union, which FastAPI validates the body of ``POST /v1/customer-sessions/`` against.

Descriptions and examples are left out: they do not change validation.
"""

from collections.abc import Collection, Mapping
from typing import Annotated, Any

from pydantic import UUID4, BaseModel, ConfigDict, Field, HttpUrl, field_validator
from pydantic.aliases import AliasChoices


class LegacySchema(BaseModel):
    """``polar.kit.schemas.Schema`` as it was while ``/v1/member-sessions/`` was served."""

    model_config = ConfigDict(from_attributes=True)


class Schema(BaseModel):
    """``polar.kit.schemas.Schema`` today."""

    model_config = ConfigDict(from_attributes=True)

    @field_validator("*", mode="after")
    @classmethod
    def _reject_nul_characters(cls, value: Any) -> Any:
        pending = [value]
        visited: set[int] = set()

        while pending:
            current = pending.pop()
            if isinstance(current, str):
                if "\x00" in current:
                    raise ValueError("This value contains invalid characters")
            elif isinstance(current, BaseModel):
                continue
            elif isinstance(current, Mapping):
                if id(current) in visited:
                    continue
                visited.add(id(current))
                pending.extend(current.keys())
                pending.extend(current.values())
            elif isinstance(current, Collection) and not isinstance(
                current, (bytes, bytearray)
            ):
                if id(current) in visited:
                    continue
                visited.add(id(current))
                pending.extend(current)

        return value


class MemberSessionCreate(LegacySchema):
    member_id: UUID4 = Field()
    return_url: Annotated[HttpUrl | None, Field()] = None


class CustomerSessionCreateBase(Schema):
    member_id: Annotated[UUID4 | None, Field()] = None
    external_member_id: Annotated[str | None, Field()] = None
    return_url: Annotated[HttpUrl | None, Field()] = None


class CustomerSessionCustomerIDCreate(CustomerSessionCreateBase):
    customer_id: UUID4 = Field()


class CustomerSessionCustomerExternalIDCreate(CustomerSessionCreateBase):
    external_customer_id: str = Field(
        validation_alias=AliasChoices("external_customer_id", "customer_external_id"),
    )


CustomerSessionCreate = (
    CustomerSessionCustomerIDCreate | CustomerSessionCustomerExternalIDCreate
)
