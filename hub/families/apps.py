from django.apps import AppConfig


class Config(AppConfig):
    name = "hub.families"
    label = "hub_families"
    default_auto_field = "django.db.models.BigAutoField"
