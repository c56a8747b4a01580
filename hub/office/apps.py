from django.apps import AppConfig


class OfficeConfig(AppConfig):
    name = "hub.office"
    label = "hub_office"
