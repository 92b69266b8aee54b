from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and synthetic histories (`seed_demo`, the benchmarks): the one app that may
    use every other app; none uses it."""

    name = "demo"
    label = "demo"
    verbose_name = "Demo data"
