"""The back office's own records: the audit log of every change made there, and failed logins (the
login rate limit is counted in the database, so it holds across ``serve`` processes and restarts)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from hub.clubs.models import Club


class AuditEntry(models.Model):
    """One change made in the back office: who, when, what, and the record before and after (JSON,
    ``None`` for a record that did not exist). Written in the same transaction as the change."""

    club = models.ForeignKey(Club, on_delete=models.PROTECT, null=True, related_name="audit_entries")
    actor = models.CharField(max_length=150)  # the user name
    at = models.DateTimeField(auto_now_add=True)
    action = models.CharField(max_length=40)  # e.g. child.create, card.status, money.topup
    target = models.CharField(max_length=200)  # e.g. "child c-01", "card 04A1B2C3D40001"
    before = models.JSONField(null=True)
    after = models.JSONField(null=True)

    class Meta:
        indexes = [models.Index(fields=["club", "-at"], name="audit_club_at")]

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None and not self._state.adding:
            raise RuntimeError("audit entries are never changed")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise RuntimeError("audit entries are never deleted")


class LoginFailure(models.Model):
    """A failed login for a user name from an address (the rate limit counts these)."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=45)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"], name="login_failure_key")]


class CsvUpload(models.Model):
    """A CSV file of children uploaded for import, kept on the server between the preview and "Gem"
    (the browser only holds ``token``, a random id, in its session; the file is never sent back by the
    client). Tied to the user and club it was uploaded for; removed when saved, replaced by the user's
    next upload for the club, and uploads older than a day are removed at every new upload."""

    token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    club = models.ForeignKey(Club, on_delete=models.CASCADE)
    sha256 = models.CharField(max_length=64)
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)
