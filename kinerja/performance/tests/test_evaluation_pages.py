"""Evaluation pages: the assessor rates and confirms, overrides need a reason, the employee reads
the result and the history, two assessors saving at once, access."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kinerja.performance.models import Evaluation, EvaluationState, PeriodKind
from kinerja.performance.tests.factories_during import approved_employee_skp, numeric_realisasi

pytestmark = pytest.mark.django_db


def _url(data: Any, period: Any = None) -> str:
    return reverse("performance:evaluation", args=[data.skp.pk, (period or data.period).pk])


def _form(version: int, **values: str) -> dict[str, Any]:
    return {"version": version, "hasil_kerja": "2", "perilaku": "2", "op": "save", **values}


def test_assessor_sees_the_recommendation_and_confirms(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")
    assessor = login("supervisor")
    page = assessor.get(_url(data))
    assert page.status_code == 200
    assert "Rekomendasi Sesuai Ekspektasi" in page.text and "100 %" in page.text
    assert not Evaluation.objects.exists()  # reading writes nothing
    response = assessor.post(_url(data), _form(0, op="confirm", value_pelayanan="1"))
    assert response.status_code == 302
    evaluation = Evaluation.objects.get()
    assert evaluation.state == EvaluationState.FINAL and evaluation.predikat == "2"
    page = login("employee").get(_url(data))
    assert "Baik" in page.text and "ditetapkan oleh" in page.text
    history = login("employee").get(reverse("performance:evaluations"))
    assert str(data.period) in history.text


def test_override_without_reason_keeps_what_was_typed(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")
    response = login("supervisor").post(
        _url(data), _form(0, hasil_kerja="1", op="confirm", notes="Catatan panjang saya")
    )
    assert response.status_code == 400
    assert "berbeda dari rekomendasi" in response.text
    assert "Catatan panjang saya" in response.text
    evaluation = Evaluation.objects.get()  # opened, but nothing rated or confirmed
    assert evaluation.state == EvaluationState.DRAFT and evaluation.notes == ""


def test_two_assessors_saving_at_once(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    assessor = login("supervisor")
    assessor.post(_url(data), _form(0, notes="pertama"))
    drawn = Evaluation.objects.get().version
    assert assessor.post(_url(data), _form(drawn, notes="kedua")).status_code == 302
    late = assessor.post(_url(data), _form(drawn, notes="ketiga yang terlambat"))
    assert late.status_code == 409
    assert "baru saja disimpan" in late.text and "ketiga yang terlambat" in late.text
    assert Evaluation.objects.get().notes == "kedua"


def test_first_save_racing_another_first_save(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    assessor = login("supervisor")
    assessor.post(_url(data), _form(0, notes="menang"))
    late = assessor.post(_url(data), _form(0, notes="kalah"))
    assert late.status_code == 409 and "kalah" in late.text
    assert Evaluation.objects.get().notes == "menang"


def test_only_the_assessor_rates(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    for persona in ("employee", "unit_admin", "bkpsdm", "auditor"):
        assert login(persona).get(_url(data)).status_code == 200
        assert login(persona).post(_url(data), _form(0)).status_code == 403
    for persona in ("outsider", "foreign"):
        assert login(persona).get(_url(data)).status_code == 404
    assert not Evaluation.objects.exists()


def test_a_period_of_another_year_is_404(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    url = reverse("performance:evaluation", args=[data.skp.pk, 999999])
    assert login("supervisor").get(url).status_code == 404


def test_annual_page_shows_the_periodic_history(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    assessor = login("supervisor")
    assessor.post(_url(data), _form(0, op="confirm"))
    annual = data.skp.performance_year.periods.get(kind=PeriodKind.ANNUAL)
    page = assessor.get(_url(data, annual))
    assert "Riwayat evaluasi periodik" in page.text and "Baik" in page.text


def test_team_list_for_the_period(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    page = login("supervisor").get(reverse("performance:evaluations"), {"period": data.period.pk})
    assert page.status_code == 200
    assert city.employee.name in page.text and "Belum dievaluasi" in page.text
