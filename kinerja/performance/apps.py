from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "kinerja.performance"
    label = "performance"
    verbose_name = "Performance"
