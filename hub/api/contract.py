"""The contract's request schemas, compiled once per process with fastjsonschema, as the kiosk
project's reference server (``sync/devserver.py``) does, from the same file (``sync/contract/``)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import fastjsonschema
import yaml

import sync.contract

CONTRACT = Path(sync.contract.__file__).resolve().parent / "finance-sync-v1.openapi.yaml"
MAX_BODY = 16 * 1024 * 1024  # rule 7
MAX_ITEMS = 500

Validator = Any


@functools.cache
def validators() -> dict[str, Validator]:
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
    try:
        validator(body)
    except fastjsonschema.JsonSchemaException as exc:
        return str(exc)[:300]
    return None
