from django.apps import AppConfig


class SharingConfig(AppConfig):
    name = "sharing"
    label = "sharing"
    verbose_name = "Sharing"

    def ready(self) -> None:
        from sharing import signals  # noqa: F401  (connects the cache invalidation receivers)
