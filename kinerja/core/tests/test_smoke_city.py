from kinerja.employees.models import Employee
from kinerja.employees.selectors import superiors_of


def test_city_fixture_builds_chain(city):
    sup = superiors_of(Employee.objects.with_placement().get(pk=city.employee.pk))
    assert sup.atasan is not None and sup.atasan.employee == city.kasi
    assert sup.atasan_atasan is not None and sup.atasan_atasan.employee == city.kabid
