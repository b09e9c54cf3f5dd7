"""Mengapa?: the predikat reproduced from stored inputs, a tampered or older result flagged, the
ratings, overrides, objections, the unit's distribution and the timeline shown; access."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kinerja.performance.models import Evaluation, UnitAssessment
from kinerja.performance.selectors_why import reproduce
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services import objection as objection_services
from kinerja.performance.tests.factories_during import approved_employee_skp, numeric_realisasi
from kinerja.performance.tests.factories_objection import filed_objection, final_evaluation

pytestmark = pytest.mark.django_db

MATCH = "Hitung ulang dari data tersimpan menghasilkan rekomendasi yang sama"
MISMATCH = "tidak menghasilkan rekomendasi yang sama"


def _page(client: Any, evaluation: Evaluation) -> str:
    response = client.get(reverse("performance:why", args=[evaluation.pk]))
    assert response.status_code == 200
    return response.content.decode()


def _tamper(evaluation: Evaluation, **changes: Any) -> None:
    stored = dict(evaluation.recommendation)
    stored.update(changes)
    Evaluation.objects.filter(pk=evaluation.pk).update(recommendation=stored)


def test_the_recommendation_is_reproduced_and_matches(city: Any, login: Any) -> None:
    evaluation = final_evaluation(city)
    reproduced = reproduce(evaluation)
    assert reproduced is not None and reproduced.matches and reproduced.same_version
    assert reproduced.rating == reproduced.stored_rating == "2"
    [line] = [line for line in reproduced.lines if line.capaian is not None]
    assert line.capaian is not None and line.capaian.value == 100
    assert line.stored_capaian == "100.00"
    body = _page(login("employee"), evaluation)
    assert MATCH in body and "cocok" in body
    assert "<td>100 %</td>" in body and "Sesuai Ekspektasi" in body
    assert "sama dengan versi yang berlaku sekarang" in body
    assert "kualitatif: dinilai langsung oleh penilai" in body  # the qualitative IKI
    assert 'aria-current="true" class="badge badge-ok">Baik<' in body  # Sesuai × Sesuai
    assert "sama dengan predikat tersimpan" in body
    assert "Berorientasi Pelayanan" in body  # per-value BerAKHLAK rating


def test_a_tampered_result_is_flagged(city: Any, login: Any) -> None:
    evaluation = final_evaluation(city)
    _tamper(evaluation, rating="1")
    body = _page(login("employee"), evaluation)
    assert MISMATCH in body and "Rekomendasi tersimpan Di Atas Ekspektasi" in body

    iki = [dict(item) for item in evaluation.recommendation["iki"]]
    for item in iki:
        if item["capaian"]:
            item["capaian"] = "150.00"
    _tamper(evaluation, iki=iki)
    evaluation.refresh_from_db()
    reproduced = reproduce(evaluation)
    assert reproduced is not None and not reproduced.matches
    assert any("dihitung ulang 100.00" in problem for problem in reproduced.problems)
    assert "berbeda</span>" in _page(login("employee"), evaluation)


def test_an_unreadable_rule_is_flagged_not_an_error(city: Any, login: Any) -> None:
    evaluation = final_evaluation(city)
    _tamper(evaluation, rule={"di_atas_min": "banyak"})
    body = _page(login("employee"), evaluation)
    assert "tidak dapat dibaca" in body and MISMATCH in body


def test_an_older_scoring_version_is_said(city: Any, login: Any) -> None:
    evaluation = final_evaluation(city)
    _tamper(evaluation, version="2025.1")
    body = _page(login("supervisor"), evaluation)
    assert "versi berbeda" in body and "dihitung dengan versi penilaian 2025.1" in body


def test_override_reason_objection_and_timeline_are_shown(city: Any, login: Any) -> None:
    evaluation = final_evaluation(
        city, hasil_kerja="3", override_reason="Banyak aduan tidak ditindaklanjuti."
    )
    objection = filed_objection(city, evaluation)
    objection_services.decide_objection(
        actor=city.kabid.user, objection=objection, version=objection.version, grant=True,
        decision_reason="Bukti dukung menunjukkan aduan ditindaklanjuti.", hasil_kerja="2",
    )  # fmt: skip
    body = _page(login("employee"), evaluation)
    assert "Banyak aduan tidak ditindaklanjuti." in body
    assert "Bukti dukung menunjukkan aduan ditindaklanjuti." in body
    assert "Dikabulkan" in body and "perubahan karena keberatan" in body
    for who, what in (
        ("Agus Prasetyo", "menetapkan predikat"),
        ("Dewi Lestari", "mengajukan keberatan"),
        ("Sri Wahyuni", "mengabulkan keberatan"),
        ("Sri Wahyuni", "mengubah rating dan predikat karena keberatan"),
    ):
        assert who in body and what in body
    assert body.index("menetapkan predikat") < body.index("mengabulkan keberatan")
    assert "Predikat: Butuh Perbaikan" in body and "Predikat: Baik" in body


def test_the_nearest_unit_predikat_and_distribution(city: Any, login: Any) -> None:
    evaluation = final_evaluation(city)
    body = _page(login("employee"), evaluation)
    assert "belum ditetapkan untuk periode ini" in body
    UnitAssessment.objects.create(
        instansi=city.instansi, unit=city.bidang, unit_path=city.bidang.path,
        period=evaluation.period, org_predikat="baik",
    )  # fmt: skip
    body = _page(login("employee"), evaluation)
    assert "Unit Bidang Layanan: predikat kinerja organisasi Baik" in body
    assert "dipakai unit induk terdekat" in body and "100,0 %" in body
    UnitAssessment.objects.create(
        instansi=city.instansi, unit=city.seksi, unit_path=city.seksi.path,
        period=evaluation.period, org_predikat="istimewa",
    )  # fmt: skip
    body = _page(login("employee"), evaluation)
    assert "Unit Seksi Pengaduan: predikat kinerja organisasi Istimewa" in body
    assert "dipakai unit induk terdekat" not in body


def test_a_draft_shows_the_recommendation_but_no_ratings(city: Any, login: Any) -> None:
    data = approved_employee_skp(city)
    numeric_realisasi(city, data, "3")
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    evaluation_services.save_evaluation(
        actor=city.kasi.user, evaluation=evaluation, version=evaluation.version,
        hasil_kerja="3", perilaku="3", override_reason="Draf yang belum final.",
    )  # fmt: skip
    body = _page(login("employee"), evaluation)
    assert "Predikat belum ditetapkan" in body and MATCH in body
    assert "Draf yang belum final." not in body and 'aria-current="true"' not in body


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("employee", 200),
        ("supervisor", 200),
        ("unit_admin", 200),
        ("auditor", 200),
        ("outsider", 404),
        ("foreign", 404),
    ],
)
def test_access(city: Any, login: Any, persona: str, status: int) -> None:
    evaluation = final_evaluation(city)
    url = reverse("performance:why", args=[evaluation.pk])
    assert login(persona).get(url).status_code == status
    assert login(persona).get(reverse("performance:why", args=[999999])).status_code == 404
