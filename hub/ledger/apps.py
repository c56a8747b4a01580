from django.apps import AppConfig


class Config(AppConfig):
    name = "hub.ledger"
    label = "hub_ledger"
    default_auto_field = "django.db.models.BigAutoField"
