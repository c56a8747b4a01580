"""A kiosk transaction's business_date beside its content (read by the finance exports through an index),
filled in for the rows stored before; and an index on entries' created_at (the office's entries by day)."""

from __future__ import annotations

import json
from typing import Any

from django.db import migrations, models


def backfill(apps: Any, schema_editor: Any) -> None:
    txn = apps.get_model("hub_ledger", "KioskTransaction")
    for pk, content in txn.objects.filter(business_date__isnull=True).values_list("pk", "content").iterator():
        txn.objects.filter(pk=pk).update(business_date=json.loads(content)["business_date"])


class Migration(migrations.Migration):
    dependencies = [
        ("hub_ledger", "0003_entry_method_online"),
    ]

    operations = [
        migrations.AddField(model_name="kiosktransaction", name="business_date", field=models.DateField(null=True)),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        migrations.AddIndex(model_name="kiosktransaction",
                            index=models.Index(fields=["business_date", "kiosk", "seq"], name="txn_business_date")),
        migrations.AddIndex(model_name="entry", index=models.Index(fields=["created_at"], name="entry_created_at")),
    ]
