"""The contract's request schemas, compiled once per process with fastjsonschema
(``sync.contract_schema``), from the same file the kiosk has (``sync/contract/``)."""

from __future__ import annotations

from sync.contract_schema import CONTRACT, Validator, validation_error, validators

__all__ = ["CONTRACT", "MAX_BODY", "MAX_ITEMS", "Validator", "validation_error", "validators"]

MAX_BODY = 16 * 1024 * 1024  # rule 7
MAX_ITEMS = 500
