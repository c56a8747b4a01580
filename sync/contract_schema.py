"""The contract's request schemas, compiled once per process (fastjsonschema: the schemas use only draft-07
keywords), for every server side of the contract: the club hub (``hub/api``, the reference implementation)
and the tests' fault-injecting double (``tests/support/finance_double.py``), from the same file
(``sync/contract/``, a copy of shared/ checked by a test)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import fastjsonschema
import yaml

CONTRACT = Path(__file__).resolve().parent / "contract" / "finance-sync-v1.openapi.yaml"

Validator = Any  # a compiled fastjsonschema function: raises JsonSchemaException on bad data


@functools.cache
def validators() -> dict[str, Validator]:
    """The request bodies' schemas by endpoint, and the snapshot's."""
    doc = yaml.safe_load(CONTRACT.read_text(encoding="utf-8"))
    components = doc["components"]
    draft = "http://json-schema.org/draft-07/schema#"

    def compile_(schema: dict[str, Any]) -> Validator:
        return fastjsonschema.compile({**schema, "components": components, "$schema": draft})

    def body(path: str) -> Validator:
        return compile_(doc["paths"][path]["post"]["requestBody"]["content"]["application/json"]["schema"])

    return {
        "transactions": body("/v1/kiosks/{kiosk_id}/transactions"),
        "card-changes": body("/v1/kiosks/{kiosk_id}/card-changes"),
        "day-closings": body("/v1/kiosks/{kiosk_id}/day-closings"),
        "snapshot": compile_({"$ref": "#/components/schemas/Snapshot"}),
    }


def validation_error(validator: Validator, body: Any) -> str | None:
    """Why ``body`` breaks the schema (at most 300 characters), or None."""
    try:
        validator(body)
    except fastjsonschema.JsonSchemaException as exc:
        return str(exc)[:300]
    return None
