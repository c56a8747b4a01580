from django.apps import AppConfig


class KiosksConfig(AppConfig):
    name = "hub.kiosks"
    label = "hub_kiosks"
