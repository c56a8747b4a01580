"""The kiosk's background sync: a thread that syncs on a timer, after each sale, and as soon as the
network comes back (a cheap health probe with backoff while the finance side is unreachable)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from pos_app.threads import WakeableWorker

from . import policy
from .engine import EXIT_OK, EXIT_PERSON, SyncEngine, SyncOutcome
from .errors import SyncError

log = logging.getLogger(__name__)


class SyncService(WakeableWorker):
    thread_name = "sync"
    join_timeout_s = 30.0

    def __init__(self, engine: SyncEngine, interval_s: float = 60.0,
                 on_outcome: Callable[[SyncOutcome], None] | None = None,
                 max_probe_s: float = policy.PROBE.cap_s) -> None:  # fmt: skip
        self.engine = engine
        self.interval_s = interval_s
        self.max_probe_s = max_probe_s
        self._on_outcome = on_outcome or (lambda outcome: None)
        self.last: SyncOutcome | None = None
        self.rounds = 0
        super().__init__()

    def _round(self) -> SyncOutcome:
        outcome = self.engine.run_once(budget_s=0.0, sleep=lambda s: None)
        self.last, self.rounds = outcome, self.rounds + 1
        try:
            self._on_outcome(outcome)
        except Exception:
            log.exception("sync outcome callback failed")
        return outcome

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                outcome = self._round()
            except Exception:  # the boundary: the sync thread never dies
                log.exception("sync round crashed")
                outcome = None
            if self._stop.is_set():
                return
            if outcome is not None and outcome.exit_code == EXIT_OK:
                self._sleep(self.interval_s)
            elif outcome is not None and outcome.exit_code == EXIT_PERSON:
                self._sleep(max(self.interval_s, 300.0))  # nothing changes until a person acts
            else:
                self._wait_for_network(outcome.error if outcome else None)

    def _sleep(self, seconds: float) -> None:
        self._wake.wait(seconds)
        self._wake.clear()

    def _wait_for_network(self, error: SyncError | None) -> None:
        """Probe /v1/health with backoff (honouring Retry-After) until it answers, then go at once."""
        retry_after = error.retry_after_s if error is not None else None
        delay = retry_after if retry_after is not None else policy.PROBE.base_s
        while not self._stop.is_set():
            if self._wake.wait(policy.PROBE.wait_s(delay, None)):
                self._wake.clear()
                return  # asked to try now
            try:
                self.engine.client.health()
                log.info("finance side reachable again")
                return
            except SyncError:
                delay = min(delay * 2, self.max_probe_s)
            except Exception:  # never let a probe kill the thread
                log.exception("health probe failed")
                delay = min(delay * 2, self.max_probe_s)

