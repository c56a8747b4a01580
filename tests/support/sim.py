"""What the simulator tests share: the demo club at a known time, and the staff lines."""

from __future__ import annotations

T0 = {"clock": "2026-11-25T14:00:00+01:00"}
JONAS = {"staff": "04AABBCCDD0002", "pin": "4321"}  # staff
METTE = {"staff": "04AABBCCDD0001", "pin": "1234"}  # superuser
