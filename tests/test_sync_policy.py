"""The sync's retry policy (pure logic): one table of error kinds, one set of numbers."""

from __future__ import annotations

from sync import policy
from sync.errors import SyncKind


def test_policy_every_error_kind_has_an_action():
    assert set(policy.ACTIONS) == set(SyncKind)
    assert policy.action_for(SyncKind.TRANSIENT) is policy.Action.RETRY
    assert policy.action_for(SyncKind.AUTH) is policy.Action.STOP_AND_SHOW
    assert SyncKind.TRANSIENT not in policy.PERSON_MUST_ACT and SyncKind.CONFLICT in policy.PERSON_MUST_ACT


def test_policy_backoff_doubles_to_its_cap_with_jitter_and_honours_retry_after():
    b = policy.ROUND
    delays = [b.base_s]
    for _ in range(6):
        delays.append(b.next_delay(delays[-1]))
    assert delays == [0.5, 1.0, 2.0, 4.0, 8.0, 8.0, 8.0]
    assert b.wait_s(4.0, None, uniform=lambda lo, hi: lo) == 2.0
    assert b.wait_s(4.0, None, uniform=lambda lo, hi: hi) == 4.0
    assert b.wait_s(4.0, 12.0) == 12.0  # the finance side's Retry-After wins


def test_policy_retry_after_header():
    assert policy.retry_after_s("7") == 7.0
    assert policy.retry_after_s("-3") == 0.0
    assert policy.retry_after_s("999999") == policy.RETRY_AFTER_MAX_S
    assert policy.retry_after_s("Wed, 21 Oct 2026 07:28:00 GMT") is None
    assert policy.retry_after_s("nan") is None and policy.retry_after_s(None) is None
