from django.apps import AppConfig


class OrgConfig(AppConfig):
    name = "kinerja.org"
    label = "org"
    verbose_name = "Org"
