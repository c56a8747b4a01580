from django.apps import AppConfig


class Config(AppConfig):
    name = "hub.api"
    label = "hub_api"
    default_auto_field = "django.db.models.BigAutoField"
