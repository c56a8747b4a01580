from django.apps import AppConfig


class Config(AppConfig):
    name = "hub.clubs"
    label = "hub_clubs"
    default_auto_field = "django.db.models.BigAutoField"
