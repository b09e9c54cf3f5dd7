"""Pages of a computed realisasi: the realisasi tab, the complaints behind a figure, contest and
override forms, the IKI form's source, and the refresh command and task."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from kinerja.complaints.models import Complaint, Indicator
from kinerja.complaints.sla import settings_for
from kinerja.performance.models import Iki, Realisasi, SkpState
from kinerja.performance.services import indicator_link as link
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tasks import refresh_indicators_task
from kinerja.performance.tests.factories import add_rhk, approved_cascade
from kinerja.performance.tests.test_indicator_link import (
    Linked,
    handled_complaint,
    linked_skp,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(city: Any) -> Linked:
    data = linked_skp(city)
    for i, on_time in enumerate([True, True, True, False]):
        handled_complaint(city, data.period, i, on_time=on_time, minutes=30 * (i + 1))
    link.fill_period(period=data.period)
    return data


def _row(linked: Linked, iki: Iki | None = None) -> Realisasi:
    return Realisasi.objects.get(iki=iki or linked.followup, period=linked.period)


def _realisasi_url(linked: Linked) -> str:
    return reverse("performance:realisasi", args=[linked.skp.pk]) + f"?period={linked.period.pk}"


def _lineage(row: Realisasi) -> str:
    return reverse("performance:realisasi_complaints", args=[row.pk])


def _figure(row: Realisasi) -> str:
    return reverse("performance:realisasi_figure", args=[row.pk])


# --- the realisasi tab -------------------------------------------------------------------------


def test_the_realisasi_tab_shows_the_computed_figure_and_its_basis(
    city: Any, login: Any, linked: Linked
) -> None:
    row = _row(linked)
    page = login("employee").get(_realisasi_url(linked))
    assert page.status_code == 200
    text = page.text
    assert "otomatis dari data aduan" in text
    assert "3 dari 4 aduan ditindaklanjuti tepat waktu" in text
    assert _lineage(row) in text and "lihat aduan yang dihitung" in text
    # The owner writes a note for a linked IKI, never its number; and may contest it.
    assert f'name="r{linked.followup.pk}-value"' not in text
    assert f'name="r{linked.followup.pk}-note"' in text
    assert f'name="c{row.pk}-reason"' in text and f'name="o{row.pk}-value"' not in text
    # The assessor sees the override form, not the contest.
    text = login("supervisor").get(_realisasi_url(linked)).text
    assert f'name="o{row.pk}-value"' in text and f'name="c{row.pk}-reason"' not in text


def test_the_page_saves_the_note_of_a_linked_iki_and_never_a_typed_number(
    city: Any, login: Any, linked: Linked
) -> None:
    iki = linked.handled
    response = login("employee").post(
        _realisasi_url(linked),
        {"op": "realisasi", "iki": iki.pk, f"r{iki.pk}-version": 1, f"r{iki.pk}-value": "35",
         f"r{iki.pk}-note": "Catatan saya"},
    )  # fmt: skip
    # The value field is not on the form of a linked IKI: the number is not read at all.
    assert response.status_code == 302
    row = _row(linked, iki)
    assert (row.value, row.note) == (Decimal(4), "Catatan saya")


def test_the_skp_shows_the_link_and_the_iki_form_offers_the_sources(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tertanganinya aduan", supports=cascade.kasi_rhk)
    client = login("employee")
    url = reverse("performance:skp_detail", args=[skp.pk])
    form = client.get(f"{url}?panel=iki&rhk={rhk.pk}").text
    assert 'name="indicator_source"' in form and "Sumber realisasi" in form
    assert "diisi pegawai" in form
    skp.refresh_from_db()
    plan = reverse("performance:skp_plan", args=[skp.pk])
    response = client.post(
        plan,
        {"op": "iki", "version": skp.version, "rhk": rhk.pk, "text": "Aduan tepat waktu",
         "aspek": "waktu", "target": "90", "unit": "", "indicator_source": "tindak_lanjut_tepat"},
    )  # fmt: skip
    assert response.status_code == 302
    iki = Iki.objects.get(rhk=rhk, indicator_source=Indicator.FOLLOWUP_ON_TIME)
    assert iki.unit == "%"
    assert "otomatis dari data aduan" in client.get(url).text
    # A qualitative IKI cannot be linked: 400, what was typed stays.
    skp.refresh_from_db()
    response = client.post(
        plan,
        {"op": "iki", "version": skp.version, "rhk": rhk.pk, "text": "Laporan aduan rapi",
         "aspek": "kualitas", "target": "", "unit": "", "indicator_source": "aduan_ditangani"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "hanya untuk IKI dengan target berupa angka" in response.text
    assert "Laporan aduan rapi" in response.text


# --- the lineage page ----------------------------------------------------------------------------


def test_the_lineage_lists_the_counted_complaints_and_its_totals_match_the_basis(
    city: Any, login: Any, linked: Linked
) -> None:
    row = _row(linked)
    page = login("supervisor").get(_lineage(row))
    assert page.status_code == 200
    text = page.text
    codes = Complaint.objects.filter(officer=city.employee).values_list("tracking_code", flat=True)
    assert all(code in text for code in codes)
    assert "3 dari 4 aduan ditindaklanjuti tepat waktu" in text
    assert page.context["stored"] == page.context["live"]
    assert not page.context["changed"]
    assert "angka akan berubah" not in text
    assert text.count("tepat waktu</span>") == 3 and text.count("terlambat</span>") == 1
    # Officer response times in working hours (30, 60, 90 and 120 minutes).
    assert ">0,50<" in text and ">1,50<" in text and ">2,00<" in text
    # Never the complainant's personal data.
    for private in ("Siti Aminah", "081234567890", "siti@example.com"):
        assert private not in text


def test_the_lineage_says_when_the_data_changed_since_the_figure(
    city: Any, login: Any, linked: Linked
) -> None:
    handled_complaint(city, linked.period, 9, on_time=True)
    page = login("employee").get(_lineage(_row(linked)))
    assert page.context["changed"]
    assert "angka akan berubah pada penghitungan berikutnya" in page.text
    assert "4 dari 5 aduan ditindaklanjuti tepat waktu" in page.text
    assert page.context["stored"].numerator == 3


def test_the_lineage_names_why_a_complaint_is_inaccurate(
    city: Any, login: Any, linked: Linked
) -> None:
    c = Complaint.objects.filter(officer=city.employee).first()
    assert c is not None
    Complaint.objects.filter(pk=c.pk).update(rating=1, solved=False, reopen_count=1)
    rules = settings_for(city.instansi.pk)
    rules.count_reopened = False
    rules.save()
    text = login("employee").get(_lineage(_row(linked))).text
    assert "nilai warga 1 (≤ 2)" in text
    assert "warga menyatakan masalah tidak selesai" in text
    assert "dibuka kembali</span>" not in text  # the rule is off in this instansi


def test_the_lineage_is_only_for_readers_of_the_skp(city: Any, login: Any, linked: Linked) -> None:
    row = _row(linked)
    for persona in ("outsider", "foreign"):
        assert login(persona).get(_lineage(row)).status_code == 404
    assert login("anonymous").get(_lineage(row)).status_code == 302
    # A realisasi typed by hand has no lineage.
    manual = Iki.objects.get(rhk__skp=linked.skp, indicator_source="")
    typed = Realisasi.objects.create(
        iki=manual, period=linked.period, skp=linked.skp, instansi=city.instansi, value=3
    )
    assert login("employee").get(_lineage(typed)).status_code == 404


def test_the_lineage_does_a_bounded_number_of_queries(
    city: Any, login: Any, linked: Linked, django_assert_max_num_queries: Any
) -> None:
    client = login("employee")
    row = _row(linked)
    with django_assert_max_num_queries(16):
        assert client.get(_lineage(row)).status_code == 200
    for i in range(10, 16):
        handled_complaint(city, linked.period, i)
    link.fill_period(period=linked.period)
    with django_assert_max_num_queries(16):
        assert client.get(_lineage(row)).status_code == 200
    median = _row(linked, linked.handled)
    with django_assert_max_num_queries(16):
        assert client.get(_lineage(median)).status_code == 200


# --- contest and override through the pages ---------------------------------------------------


def test_the_owner_contests_and_a_bad_contest_keeps_the_input(
    city: Any, login: Any, linked: Linked
) -> None:
    row = _row(linked)
    client = login("employee")
    response = client.post(_figure(row), {"op": "contest", f"c{row.pk}-version": row.version,
                                          f"c{row.pk}-reason": ""})  # fmt: skip
    assert response.status_code == 400
    reason = "Aduan 3 bukan tugas saya"
    response = client.post(_figure(row), {"op": "contest", f"c{row.pk}-version": row.version,
                                          f"c{row.pk}-reason": reason})  # fmt: skip
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.contest_reason == "Aduan 3 bukan tugas saya"
    # The assessor reads it on the realisasi tab.
    assert "Aduan 3 bukan tugas saya" in login("supervisor").get(_realisasi_url(linked)).text
    # The assessor cannot contest; the owner cannot override.
    data = {"op": "contest", f"c{row.pk}-version": row.version, f"c{row.pk}-reason": "x"}
    assert login("supervisor").post(_figure(row), data).status_code == 403
    data = {"op": "override", f"o{row.pk}-version": row.version, f"o{row.pk}-value": "99",
            f"o{row.pk}-reason": "x"}  # fmt: skip
    assert client.post(_figure(row), data).status_code == 403


def test_the_assessor_overrides_and_a_stale_form_is_409_keeping_the_input(
    city: Any, login: Any, linked: Linked
) -> None:
    row = _row(linked)
    client = login("supervisor")
    stale = {"op": "override", f"o{row.pk}-version": row.version + 5, f"o{row.pk}-value": "88",
             f"o{row.pk}-reason": "Alasan yang diketik panjang"}  # fmt: skip
    response = client.post(_figure(row), stale)
    assert response.status_code == 409
    assert "Alasan yang diketik panjang" in response.text
    fresh = {**stale, f"o{row.pk}-version": row.version}
    assert client.post(_figure(row), fresh).status_code == 302
    row.refresh_from_db()
    assert (row.value, row.override_reason) == (Decimal(88), "Alasan yang diketik panjang")
    text = client.get(_realisasi_url(linked)).text
    assert "Diubah pejabat penilai menjadi 88" in text
    response = client.post(_figure(row), {"op": "clear", f"x{row.pk}-version": row.version})
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.value == Decimal("75.00") and row.override_reason == ""


# --- the command and the task -----------------------------------------------------------------


def _run(*args: str) -> str:
    out = StringIO()
    call_command("refresh_indicators", *args, stdout=out)
    return out.getvalue()


def test_the_command_refreshes_a_range_and_fills_the_overlapping_periods(
    city: Any, linked: Linked
) -> None:
    handled_complaint(city, linked.period, 20, on_time=True)
    month = f"{linked.period.starts:%Y-%m}"
    out = _run("--period", month, "--instansi", city.instansi.code)
    assert "kota-a" in out and "1 pegawai" in out
    assert "2 IKI tertaut" in out and "2 berubah" in out
    assert _row(linked).value == Decimal("80.00")
    quarter = f"{linked.period.starts.year}-Q{(linked.period.starts.month - 1) // 3 + 1}"
    assert "2 tetap" in _run("--period", quarter)
    out = _run("--period", str(linked.period.starts.year))
    assert "kota-b" in out  # every instansi by default
    assert "dilewati" in out  # the annual period


@pytest.mark.parametrize("bad", ["2026-13", "2026/03", "maret", "2026-Q0", "1999-01"])
def test_the_command_refuses_a_bad_period(city: Any, bad: str) -> None:
    with pytest.raises(CommandError, match=r"YYYY|Tahun|Bulan"):
        _run("--period", bad)


def test_the_command_refuses_an_unknown_instansi(city: Any) -> None:
    with pytest.raises(CommandError, match="tidak ada"):
        _run("--period", "2026-01", "--instansi", "kota-z")


def test_the_daily_task_fills_the_open_periods(city: Any, linked: Linked) -> None:
    handled_complaint(city, linked.period, 20, on_time=True)
    result = refresh_indicators_task.enqueue()
    assert "filled=" in result.return_value
    assert _row(linked).value == Decimal("80.00")
    # Rerunning changes nothing.
    assert "changed=0" in refresh_indicators_task.enqueue().return_value


def test_an_approved_skp_is_needed_to_be_filled(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tertanganinya aduan", supports=cascade.kasi_rhk)
    skp_services.save_iki(
        actor=city.employee.user, rhk=rhk, version=None, text="Aduan ditangani",
        aspek="kuantitas", target=Decimal(10), indicator_source=Indicator.HANDLED,
    )  # fmt: skip
    assert skp.state == SkpState.DRAFT
    for filled in link.fill_open_periods():
        assert filled.linked == 0
