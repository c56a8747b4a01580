"""The sync's retry policy in one place: the numbers, and what each kind of error makes the kiosk do.

- Between sync rounds (``SyncEngine.run_once``): exponential backoff from ``ROUND.base_s`` doubling to
  ``ROUND.cap_s``, each wait scaled by a random factor in ``ROUND.jitter`` (so kiosks that lost the
  network together do not come back together), for at most ``RUN_ONCE_BUDGET_S`` in all.
- The same upload batch again (``SyncEngine._post_batch``): ``SAME_BATCH_TRIES`` tries in all, so an
  answer lost after the finance side stored the batch comes back as ``duplicate``; a wait longer than
  ``SAME_BATCH_MAX_WAIT_S`` is left to the next round.
- Waiting for the network (``SyncService``): a health probe, backoff from ``PROBE.base_s`` to the
  service's ``max_probe_s`` (``PROBE.cap_s`` by default).
- A ``Retry-After`` from the finance side replaces the computed wait (seconds, clamped to
  0..``RETRY_AFTER_MAX_S``; an HTTP date or garbage is ignored).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .errors import SyncKind


class Action(StrEnum):
    RETRY = "retry"  # back off with jitter and try again by itself
    HALVE_BATCH = "halve_batch"  # the batch was too large: send half (a batch of one that fails: stop)
    RESEND_FROM_EXPECTED = "resend_from_expected"  # upload again from the seq the finance side expects
    FULL_PULL = "full_pull"  # the snapshot cursor is gone: pull everything
    STOP_AND_SHOW = "stop_and_show"  # a person must act: stop and show it to a superuser


ACTIONS: dict[SyncKind, Action] = {
    SyncKind.TRANSIENT: Action.RETRY,
    SyncKind.TOO_LARGE: Action.HALVE_BATCH,
    SyncKind.SEQ_GAP: Action.RESEND_FROM_EXPECTED,
    SyncKind.BAD_CURSOR: Action.FULL_PULL,
    SyncKind.AUTH: Action.STOP_AND_SHOW,
    SyncKind.CONFLICT: Action.STOP_AND_SHOW,
    SyncKind.INTEGRITY: Action.STOP_AND_SHOW,
    SyncKind.CONFIG: Action.STOP_AND_SHOW,
    SyncKind.BAD_REQUEST: Action.STOP_AND_SHOW,
    SyncKind.NOT_FOUND: Action.RETRY,  # a product picture the finance side does not know (yet): a later round
}
# What is left after the engine handled what it can inside a round (halving, resending, a full pull):
# a person must act for these; the rest (transient) is retried. TOO_LARGE reaches here only for a batch of one.
PERSON_MUST_ACT = frozenset({k for k, a in ACTIONS.items() if a is Action.STOP_AND_SHOW} | {SyncKind.TOO_LARGE})


@dataclass(frozen=True, slots=True)
class Backoff:
    base_s: float
    cap_s: float
    jitter: tuple[float, float]  # each wait is scaled by a random factor in this range

    def next_delay(self, delay_s: float) -> float:
        return min(delay_s * 2, self.cap_s)

    def wait_s(self, delay_s: float, retry_after_s: float | None,
               uniform: Callable[[float, float], float] = random.uniform) -> float:  # fmt: skip
        """How long to wait now: the finance side's Retry-After when it sent one, else the jittered delay."""
        return retry_after_s if retry_after_s is not None else delay_s * uniform(*self.jitter)


ROUND = Backoff(base_s=0.5, cap_s=8.0, jitter=(0.5, 1.0))
SAME_BATCH = Backoff(base_s=0.2, cap_s=0.8, jitter=(1.0, 1.5))
PROBE = Backoff(base_s=1.0, cap_s=60.0, jitter=(0.8, 1.2))
RUN_ONCE_BUDGET_S = 30.0
SAME_BATCH_TRIES = 3
SAME_BATCH_MAX_WAIT_S = 5.0
RETRY_AFTER_MAX_S = 3600.0


def action_for(kind: SyncKind) -> Action:
    return ACTIONS[kind]


def retry_after_s(value: str | None) -> float | None:
    """A ``Retry-After`` header in seconds, clamped; None when absent or not a number."""
    if value is None:
        return None
    try:
        seconds = float(value)
    except ValueError:
        return None
    if seconds != seconds:  # NaN
        return None
    return min(max(seconds, 0.0), RETRY_AFTER_MAX_S)
