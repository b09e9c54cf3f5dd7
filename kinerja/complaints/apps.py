from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "kinerja.complaints"
    label = "complaints"
    verbose_name = "Complaints"
