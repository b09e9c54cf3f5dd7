"""Penetapan pages: the list with drill-down, the unit page with its chart and forms, stale
forms, the PDF document, and queries that stay constant as units and evaluations grow."""

from __future__ import annotations

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.org.models import JabatanType, Unit, UnitType
from kinerja.org.tests.factories import make_position, make_unit
from kinerja.performance.documents_penetapan import render_penetapan_html
from kinerja.performance.models import (
    Evaluation,
    PenetapanState,
    Period,
    UnitAssessment,
)
from kinerja.performance.services import penetapan as services
from kinerja.performance.tests.factories_penetapan import (
    baik_seksi_all_sangat_baik,
    current_period,
    finals,
)


def _url(unit: Unit, period: Period, name: str = "performance:penetapan") -> str:
    return reverse(name, args=[unit.pk, period.pk])


def _kabid(login: Any, city: Any) -> Any:
    client = login("anonymous")
    client.force_login(city.kabid.user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    return client


def test_list_shows_units_with_their_distribution_and_drills_down(city: Any, login: Any) -> None:
    period = current_period(city)
    finals(city, period, city.seksi, "12")
    services.set_org_predikat(
        actor=city.bkpsdm.user, unit=city.dinas, period=period, org_predikat="istimewa", version=0
    )
    url = reverse("performance:penetapan_list")
    page = login("bkpsdm").get(url, {"period": period.pk})
    assert page.status_code == 200
    for name in ("Dinas Satu", "Dinas Dua", "BKPSDM", "Istimewa", "<svg", "2 / 2"):
        assert name in page.text, name
    assert "Bidang Layanan" not in page.text
    assert "1 ketentuan tidak terpenuhi" in page.text  # Sangat Baik 50 %: not "most"
    drilled = login("bkpsdm").get(url, {"period": period.pk, "unit": city.dinas.pk})
    assert drilled.status_code == 200 and "Bidang Layanan" in drilled.text
    assert "Dinas Dua" not in drilled.text
    approved = login("bkpsdm").get(url, {"period": period.pk, "state": "approved"})
    assert "Dinas Satu" not in approved.text
    none = login("bkpsdm").get(url, {"period": period.pk, "state": "none"})
    assert "Dinas Dua" in none.text and "Dinas Satu" not in none.text
    # Admin OPD starts at their dinas; the Kasi at the seksi; others are refused.
    admin = login("unit_admin").get(url)
    assert "Dinas Satu" in admin.text and "Dinas Dua" not in admin.text
    kasi = login("supervisor").get(url)
    assert "Seksi Pengaduan" in kasi.text and "Dinas Satu" not in kasi.text
    assert login("supervisor").get(url, {"unit": city.dinas.pk}).status_code == 403
    assert login("employee").get(url).status_code == 403
    assert login("outsider").get(url).status_code == 403
    assert login("bkpsdm").get(url, {"unit": city.foreign_dinas.pk}).status_code == 404


def test_unit_page_shows_rule_chart_and_clauses(city: Any, login: Any) -> None:
    period, _assessment = baik_seksi_all_sangat_baik(city)
    page = _kabid(login, city).get(_url(city.seksi, period))
    assert page.status_code == 200
    text = page.text
    assert "Baik merupakan sebagian besar (lebih dari 50%)" in text
    assert "harus ada Butuh Perbaikan dan/atau Kurang" in text
    assert "<svg" in text and "<title" in text and "Sangat Baik: 4 (100" in text
    assert "tidak terpenuhi" in text and 'name="reason_0-most-2"' in text
    assert 'name="reason_1-at_most-2"' not in text  # passed: no reason asked
    reader = login("supervisor").get(_url(city.seksi, period))
    assert reader.status_code == 200 and 'name="reason_0-most-2"' not in reader.text
    assert login("employee").get(_url(city.seksi, period)).status_code == 403
    assert login("foreign").get(_url(city.seksi, period)).status_code == 404
    assert login("bkpsdm").get(_url(city.foreign_dinas, period)).status_code == 404


def test_approving_through_the_page(city: Any, login: Any) -> None:
    period, assessment = baik_seksi_all_sangat_baik(city)
    kabid = _kabid(login, city)
    refused = kabid.post(
        _url(city.seksi, period),
        {"op": "approve", "version": 1, "reason_0-most-2": "Semua staf melampaui target."},
    )
    assert refused.status_code == 400
    assert "Semua staf melampaui target." in refused.text  # kept as typed
    assessment.refresh_from_db()
    assert assessment.exceptions == {} and assessment.version == 1  # nothing saved
    done = kabid.post(
        _url(city.seksi, period),
        {
            "op": "approve",
            "version": 1,
            "reason_0-most-2": "Semua staf melampaui target.",
            "reason_2-some-34": "Tidak ada yang di bawah ekspektasi.",
        },
    )
    assert done.status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == PenetapanState.APPROVED
    page = kabid.get(_url(city.seksi, period))
    assert "Ditetapkan" in page.text and "Buka kembali penetapan" in page.text
    late = kabid.post(_url(city.seksi, period), {"op": "set", "version": 3, "org_predikat": "baik"})
    assert late.status_code == 400 and "sudah disetujui" in late.text
    assert kabid.post(_url(city.seksi, period), {"op": "reopen", "version": 3}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == PenetapanState.DRAFT
    assert login("supervisor").post(_url(city.seksi, period), {"op": "reopen"}).status_code == 403


def test_stale_form_is_409_and_keeps_what_was_typed(city: Any, login: Any) -> None:
    period = current_period(city)
    kabid = _kabid(login, city)
    first = kabid.post(
        _url(city.seksi, period), {"op": "set", "version": 0, "org_predikat": "baik", "basis": "A"}
    )
    assert first.status_code == 302
    late = kabid.post(
        _url(city.seksi, period),
        {"op": "set", "version": 0, "org_predikat": "kurang", "basis": "Dasar yang saya ketik"},
    )
    assert late.status_code == 409
    assert "baru saja diubah" in late.text and "Dasar yang saya ketik" in late.text
    assert 'name="version" value="1"' in late.text
    assert UnitAssessment.objects.get().basis == "A"
    finals(city, period, city.seksi, "11")
    stale = kabid.post(
        _url(city.seksi, period),
        {"op": "reasons", "version": 7, "reason_0-most-2": "Alasan yang tidak boleh hilang."},
    )
    assert stale.status_code == 409 and "Alasan yang tidak boleh hilang." in stale.text


def test_pdf_document(city: Any, login: Any) -> None:
    period, assessment = baik_seksi_all_sangat_baik(city)
    draft = render_penetapan_html(city.seksi, period)
    assert 'class="watermark"' in draft
    someone = Evaluation.objects.select_related("employee").first()
    assert someone is not None
    assert someone.employee.nip in draft and "Sangat Baik" in draft
    assert "Baik merupakan sebagian besar" in draft and "belum ada alasan" in draft
    services.record_exceptions(
        actor=city.kabid.user,
        assessment=assessment,
        version=1,
        reasons={
            "0-most-2": "Semua staf melampaui target layanan.",
            "2-some-34": "Tidak ada yang di bawah ekspektasi.",
        },
    )
    services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=2)
    approved = render_penetapan_html(city.seksi, period)
    assert 'class="watermark"' not in approved
    assert "Semua staf melampaui target layanan." in approved
    assert city.kabid.full_name in approved and city.kabid.nip in approved
    response = login("supervisor").get(_url(city.seksi, period, "performance:penetapan_pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"].endswith(f'penetapan-{city.seksi.pk}-{period.pk}.pdf"')
    assert (
        login("employee").get(_url(city.seksi, period, "performance:penetapan_pdf")).status_code
        == 403
    )


def test_an_approved_document_keeps_its_snapshot(city: Any) -> None:
    period = current_period(city)
    finals(city, period, city.seksi, "22233")
    assessment = services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=1)
    finals(city, period, city.seksi, "5")
    html = render_penetapan_html(city.seksi, period)
    assert "jumlah predikat telah berubah" in html
    assert "3 dari 5 pegawai" in html  # the check as approved, not the live six


# --- Bounded queries ------------------------------------------------------------------------


def _queries(client: Any, url: str, data: dict[str, Any] | None = None) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, data or {})
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _grow(city: Any, period: Period, n: int) -> None:
    for i in range(n):
        opd = make_unit(city.instansi, f"Dinas Baru {i}", code=f"DB{i}")
        seksi = make_unit(
            city.instansi, f"Seksi Baru {i}", parent=city.bidang, code=f"SB{i}", type=UnitType.SEKSI
        )
        make_position(
            seksi,
            f"Kepala Seksi Baru {i}",
            parent=city.kabid_pos,
            jabatan_type=JabatanType.PENGAWAS,
        )
        finals(city, period, opd, "12")
        finals(city, period, seksi, "3")
        services.set_org_predikat(
            actor=city.bkpsdm.user, unit=opd, period=period, org_predikat="baik", version=0
        )


def test_query_counts_do_not_grow_with_units_and_evaluations(city: Any, login: Any) -> None:
    period = current_period(city)
    finals(city, period, city.seksi, "12")
    services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    bkpsdm, kabid = login("bkpsdm"), _kabid(login, city)
    listing = reverse("performance:penetapan_list")
    pages = [
        (bkpsdm, listing, {"period": period.pk}),
        (bkpsdm, listing, {"period": period.pk, "unit": city.bidang.pk}),
        (kabid, listing, {}),
        (kabid, _url(city.seksi, period), {}),
        (bkpsdm, _url(city.dinas, period), {}),
    ]
    for client, url, data in pages:
        _queries(client, url, data)  # warm caches
    before = [_queries(client, url, data) for client, url, data in pages]
    _grow(city, period, 6)
    finals(city, period, city.seksi, "345")
    after = [_queries(client, url, data) for client, url, data in pages]
    assert after == before
    with CaptureQueriesContext(connection) as ctx:
        render_penetapan_html(city.seksi, period)
    small = len(ctx.captured_queries)
    finals(city, period, city.seksi, "1234")
    with CaptureQueriesContext(connection) as ctx:
        render_penetapan_html(city.seksi, period)
    assert len(ctx.captured_queries) == small
