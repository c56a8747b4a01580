"""The trail: a file outside the database that survives a restore of the database, so that
``club-hub check`` can tell what a restore lost.

Every ``serve`` process appends one JSON line, after the commit, for

- each batch of kiosk transactions decided: ``{"t": "kiosk", "kiosk", "seq", "hash", "at"}`` (the
  highest seq the hub has now acknowledged to that kiosk, and that transaction's hash);
- each back-office change (an audit entry): ``{"t": "audit", "id", "at", "club", "action", "target",
  "sha256"}`` (``sha256`` over the whole entry, before and after included; the line itself names no
  person: no user name, no child's name, only ids).

``check`` compares the trail with the database: a kiosk whose acknowledged seq is above the database's
(the kiosk will upload the rest again at its next sync, as ``expected_seq`` is lower), a kiosk the
database does not know, and every audit entry missing or different in the database (a back-office
change made after the backup was taken: it is lost and must be made again) are problems.

Why a file: a restore puts the database (and anything kept in it) back to the moment of the dump;
only something kept elsewhere remembers what came after. The file must live on other storage than
the database's backups (and is never restored with them). Lines are appended with ``O_APPEND`` in
one ``write`` (whole lines even with several ``serve`` processes on one machine); hosts each keep
their own file (``check --trail`` takes several). A line is written after its commit, so a crash
between the two leaves the line out: the trail may say less than the database, never more — it
never reports a loss that did not happen. Writing the trail never fails a request (a failure is
logged).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models.signals import post_save

log = logging.getLogger(__name__)


def trail_file() -> Path | None:
    path = getattr(settings, "HUB_TRAIL_FILE", None)
    return Path(path) if path else None


def append(line: dict[str, Any]) -> None:
    path = trail_file()
    if path is None:
        return
    data = (json.dumps(line, sort_keys=True, ensure_ascii=False) + "\n").encode()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, data)
        finally:
            os.close(fd)
    except OSError as exc:  # the change is committed; the trail only loses its line
        log.error("trail: cannot append to the trail file: %s", exc.strerror or exc)


def _now() -> str:
    return datetime.now(UTC).isoformat()


def audit_digest(entry: Any) -> str:
    doc = {"id": entry.pk, "at": entry.at, "club": entry.club.club_id if entry.club_id else None,
           "actor": entry.actor, "action": entry.action, "target": entry.target, "before": entry.before,
           "after": entry.after}  # fmt: skip
    text = json.dumps(doc, sort_keys=True, cls=DjangoJSONEncoder, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _kiosk_saved(sender: Any, instance: Any, created: bool, update_fields: Any = None, **_: Any) -> None:
    if trail_file() is None or created or not update_fields or "applied_seq" not in update_fields:
        return
    line = {"t": "kiosk", "kiosk": instance.kiosk_id, "seq": instance.applied_seq, "hash": instance.last_hash}
    transaction.on_commit(lambda: append({**line, "at": _now()}))


def _audit_saved(sender: Any, instance: Any, created: bool, **_: Any) -> None:
    if trail_file() is None or not created:  # no trail: not even the read below
        return
    entry = type(instance).objects.select_related("club").get(pk=instance.pk)  # ``at`` as stored
    line = {"t": "audit", "id": entry.pk, "at": entry.at.isoformat(),
            "club": entry.club.club_id if entry.club_id else None, "action": entry.action, "target": entry.target,
            "sha256": audit_digest(entry)}  # fmt: skip
    transaction.on_commit(lambda: append(line))


def connect() -> None:
    from hub.clubs.models import Kiosk
    from hub.office.models import AuditEntry

    post_save.connect(_kiosk_saved, sender=Kiosk, dispatch_uid="hub.safety.trail.kiosk")
    post_save.connect(_audit_saved, sender=AuditEntry, dispatch_uid="hub.safety.trail.audit")


# --- reading it back: what ``club-hub check`` reports -------------------------------------------


def read(paths: Iterable[Path]) -> Iterator[dict[str, Any]]:
    for path in paths:
        with path.open(encoding="utf-8") as f:
            for n, text in enumerate(f, 1):
                try:
                    line = json.loads(text)
                except ValueError:
                    # a torn last line (the machine stopped mid-write) is not a loss; it is reported as a note
                    yield {"t": "unreadable", "where": f"{path.name} line {n}"}
                    continue
                if isinstance(line, dict):
                    yield line


def problems(paths: Iterable[Path]) -> Iterator[str]:
    """What the database lacks of what the trail remembers (see the module's text)."""
    from hub.clubs.models import Kiosk
    from hub.ledger.models import KioskTransaction
    from hub.office.models import AuditEntry

    acknowledged: dict[str, dict[str, Any]] = {}
    audits: dict[int, dict[str, Any]] = {}
    for line in read(paths):
        if line.get("t") == "kiosk" and isinstance(line.get("seq"), int):
            best = acknowledged.get(line["kiosk"])
            if best is None or line["seq"] > best["seq"]:
                acknowledged[line["kiosk"]] = line
        elif line.get("t") == "audit" and isinstance(line.get("id"), int):
            audits[line["id"]] = line
        elif line.get("t") == "unreadable":
            yield f"trail: {line['where']} is not a whole line"
    kiosks = {k.kiosk_id: k for k in Kiosk.objects.filter(kiosk_id__in=list(acknowledged))}
    for kiosk_id, line in sorted(acknowledged.items()):
        kiosk = kiosks.get(kiosk_id)
        if kiosk is None:
            yield f"kiosk {kiosk_id}: acknowledged up to seq {line['seq']} at {line['at']} but unknown to the " \
                  "database: restored from before it was added; add it again (new token) so it can upload"  # fmt: skip
        elif kiosk.applied_seq < line["seq"]:
            yield f"kiosk {kiosk_id}: the hub acknowledged seq {line['seq']} at {line['at']} but the database " \
                  f"holds only up to seq {kiosk.applied_seq}: restored from an older backup; the kiosk " \
                  "uploads the rest again at its next sync"  # fmt: skip
        else:
            stored = KioskTransaction.objects.filter(kiosk=kiosk, seq=line["seq"]).values_list("hash", flat=True)
            if list(stored) != [line["hash"]]:
                yield f"kiosk {kiosk_id}: seq {line['seq']} in the database is not the transaction acknowledged " \
                      f"at {line['at']}"  # fmt: skip
    stored_audit = {e.pk: e for e in AuditEntry.objects.filter(pk__in=list(audits)).select_related("club")}
    for audit_id, line in sorted(audits.items()):
        entry = stored_audit.get(audit_id)
        if entry is None or audit_digest(entry) != line["sha256"]:
            yield f"lost: back-office change #{audit_id} {line['action']} {line['target']} " \
                  f"(club {line['club']}) made at {line['at']}: not in the database (restored from a backup " \
                  "taken before it); make it again"  # fmt: skip
