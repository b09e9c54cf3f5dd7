"""SKP pages: starting, drafting through the forms, the workflow buttons, refused input kept,
two people saving at once, and the atasan's team queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kinerja.performance.models import Iki, Rhk, Skp, SkpState
from kinerja.performance.services import skp as svc
from kinerja.performance.tests.factories import add_rhk, approved_cascade, make_year

pytestmark = pytest.mark.django_db


def _detail(skp: Skp) -> str:
    return reverse("performance:skp_detail", args=[skp.pk])


def _plan(skp: Skp) -> str:
    return reverse("performance:skp_plan", args=[skp.pk])


def _decide(skp: Skp) -> str:
    return reverse("performance:skp_decide", args=[skp.pk])


def test_employee_starts_and_drafts_an_skp(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    client = login("employee")
    page = client.get(reverse("performance:skp_list"))
    assert page.status_code == 200 and str(cascade.year.year) in page.text
    response = client.post(reverse("performance:skp_start"), {"year": cascade.year.pk})
    skp = Skp.objects.get(employee=city.employee)
    assert response.status_code == 302 and response["Location"] == _detail(skp)
    page = client.get(_detail(skp))
    assert cascade.kasi_rhk.text in page.text  # offered as the leader's RHK
    response = client.post(
        _plan(skp),
        {"op": "rhk", "version": skp.version, "kind": "utama", "text": "Tercatatnya aduan",
         "supports": cascade.kasi_rhk.pk},
    )  # fmt: skip
    rhk = Rhk.objects.get(skp=skp)
    assert response.status_code == 302 and f"rhk={rhk.pk}" in response["Location"]
    skp.refresh_from_db()
    response = client.post(
        _plan(skp),
        {"op": "iki", "version": skp.version, "rhk": rhk.pk, "text": "Aduan tercatat",
         "aspek": "kuantitas", "target": "120", "unit": "aduan"},
    )  # fmt: skip
    assert response.status_code == 302
    skp.refresh_from_db()
    response = client.post(_plan(skp), {"op": "submit", "version": skp.version})
    skp.refresh_from_db()
    assert skp.state == SkpState.SUBMITTED


def test_bad_iki_keeps_what_was_typed(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tercatatnya aduan", supports=cascade.kasi_rhk)
    skp.refresh_from_db()
    response = login("employee").post(
        _plan(skp),
        {"op": "iki", "version": skp.version, "rhk": rhk.pk, "text": "Waktu respons unik",
         "aspek": "waktu", "target": "24", "unit": ""},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Satuan wajib diisi" in response.text
    assert "Waktu respons unik" in response.text
    assert Iki.objects.filter(rhk=rhk).count() == 1


def test_two_people_saving_at_once(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    drawn = skp.version
    client = login("employee")
    first = client.post(
        _plan(skp),
        {"op": "details", "version": drawn, "approach": "kuantitatif", "konsekuensi": "Pertama"},
    )
    assert first.status_code == 302
    second = client.post(
        _plan(skp),
        {"op": "details", "version": drawn, "approach": "kuantitatif", "konsekuensi": "Kedua"},
    )
    assert second.status_code == 409
    assert "baru saja diubah" in second.text and "Kedua" in second.text
    skp.refresh_from_db()
    assert skp.konsekuensi == "Pertama"
    # the re-rendered form carries the current version: saving again now succeeds
    assert f'value="{skp.version}"' in second.text
    third = client.post(
        _plan(skp),
        {
            "op": "details",
            "version": skp.version,
            "approach": "kuantitatif",
            "konsekuensi": "Kedua",
        },
    )
    assert third.status_code == 302


def test_assessor_returns_then_approves(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    add_rhk(skp, "Tercatatnya aduan", supports=cascade.kasi_rhk)
    svc.submit_skp(actor=city.employee.user, skp=skp, version=None)
    assessor = login("supervisor")
    team = assessor.get(reverse("performance:skp_team"))
    assert team.status_code == 200 and city.employee.name in team.text and "Diajukan" in team.text
    empty = assessor.post(_decide(skp), {"op": "return", "version": skp.version, "comment": ""})
    assert empty.status_code == 400
    assessor.post(
        _decide(skp), {"op": "return", "version": skp.version, "comment": "Naikkan target"}
    )
    skp.refresh_from_db()
    assert skp.state == SkpState.RETURNED
    page = login("employee").get(_detail(skp))
    assert "Naikkan target" in page.text
    svc.submit_skp(actor=city.employee.user, skp=skp, version=None)
    skp.refresh_from_db()
    assessor.post(_decide(skp), {"op": "approve", "version": skp.version})
    skp.refresh_from_db()
    assert skp.state == SkpState.APPROVED


def test_the_employee_cannot_decide_and_the_assessor_cannot_edit(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    assert login("employee").post(_decide(skp), {"op": "approve", "version": 1}).status_code == 403
    assert login("supervisor").post(_plan(skp), {"op": "submit", "version": 1}).status_code == 403
    assert login("outsider").get(_detail(skp)).status_code == 404
    assert login("foreign").post(_plan(skp), {"op": "submit", "version": 1}).status_code == 404


def test_another_skps_rhk_is_404(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    response = login("employee").post(
        _plan(skp), {"op": "rhk_delete", "version": skp.version, "rhk": cascade.kasi_rhk.pk}
    )
    assert response.status_code == 404
    assert Rhk.objects.filter(pk=cascade.kasi_rhk.pk).exists()


def test_expectations_written_by_the_assessor_show_to_the_employee(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    response = login("supervisor").post(
        _decide(skp), {"op": "expectations", "version": skp.version, "pelayanan": "Sapa warga"}
    )
    assert response.status_code == 302
    assert "Sapa warga" in login("employee").get(_detail(skp)).text


def test_start_with_copy_and_without_a_position_year(city: Any, login: Any) -> None:
    year = make_year(city)
    client = login("employee")
    response = client.post(
        reverse("performance:skp_start"), {"year": year.pk, "copy": "1"}, follow=True
    )
    assert "Tidak ada SKP tahun sebelumnya" in response.text
    assert not Skp.objects.filter(employee=city.employee).exists()  # nothing half-saved
    assert client.post(reverse("performance:skp_start"), {"year": "x"}).status_code == 404


def test_team_page_for_someone_without_subordinates(login: Any) -> None:
    page = login("employee").get(reverse("performance:skp_team"))
    assert page.status_code == 200 and "tidak memegang jabatan" in page.text


def test_team_page_shows_activity_evaluations_due_and_distribution(city: Any, login: Any) -> None:
    from kinerja.performance.tests.factories_during import approved_employee_skp, file_evidence

    data = approved_employee_skp(city)
    file_evidence(city, data)
    page = login("supervisor").get(reverse("performance:skp_team"))
    assert page.status_code == 200
    [row] = [r for r in page.context["rows"] if r["employee"] == city.employee]
    assert row["last_activity"] is not None and not row["stale"]
    assert page.context["period"] is not None
    assert "Distribusi predikat" in page.text and "Belum dievaluasi" in page.text
