from django.apps import AppConfig


class FinanceConfig(AppConfig):
    name = "hub.finance"
    label = "hub_finance"
    default_auto_field = "django.db.models.BigAutoField"
