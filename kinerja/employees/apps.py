from django.apps import AppConfig


class EmployeesConfig(AppConfig):
    name = "kinerja.employees"
    label = "employees"
    verbose_name = "Employees"
