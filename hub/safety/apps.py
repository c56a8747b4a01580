from django.apps import AppConfig


class SafetyConfig(AppConfig):
    """What keeps the hub safe across crashes, restores and hostile requests: the trail outside the
    database (``hub.safety.trail``), error pages without internals, 503 while the database is away."""

    name = "hub.safety"
    label = "hub_safety"

    def ready(self) -> None:
        from hub.safety import trail

        trail.connect()
