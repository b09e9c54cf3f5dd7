"""The SKP as a PDF in the official layout: its content, DRAF marking, queries and download.

No PDF text extractor is installed (neither pypdf nor pdfminer), so the content is checked on
the HTML that WeasyPrint renders, and the PDF itself on its bytes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from kinerja.performance.documents import (
    BERAKHLAK_GUIDES,
    format_target,
    render_skp_html,
    render_skp_pdf,
    skp_document_context,
)
from kinerja.performance.models import Aspek, Berakhlak, Iki, RhkKind, Skp
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tests.factories import Cascade, add_rhk, approved_cascade

pytestmark = pytest.mark.django_db

RHK_TEXT = "Terverifikasinya berkas aduan warga"
EXTRA_TEXT = "Tersusunnya laporan bulanan pengaduan"
EXPECTATION = "Menjawab setiap aduan dalam satu hari kerja"
DUKUNGAN = "Laptop dan akses aplikasi ULAS"
SKEMA = "Laporan bulanan kepada Kepala Seksi"
KONSEKUENSI = "Teguran lisan bila target tidak tercapai"


def employee_skp(city: Any, approved: bool = False) -> tuple[Skp, Cascade]:
    """The SKP of ``city.employee`` supporting the Kasi's RHK, with lampiran and expectations."""
    cascade = approved_cascade(city)
    actor = city.employee.user
    skp = skp_services.start_skp(actor=actor, employee=city.employee, performance_year=cascade.year)
    add_rhk(skp, RHK_TEXT, supports=cascade.kasi_rhk, target=1250)
    extra = add_rhk(skp, EXTRA_TEXT, supports=cascade.kasi_rhk, kind=RhkKind.TAMBAHAN)
    skp_services.save_iki(
        actor=actor,
        rhk=extra,
        version=None,
        text="Laporan lengkap dan rapi",
        aspek=Aspek.KUALITAS,
    )
    skp_services.update_details(
        actor=actor,
        skp=skp,
        version=None,
        dukungan_sumber_daya=DUKUNGAN,
        skema_pertanggungjawaban=SKEMA,
        konsekuensi=KONSEKUENSI,
    )
    skp_services.set_expectations(
        actor=city.kasi.user, skp=skp, version=None, texts={Berakhlak.AKUNTABEL: EXPECTATION}
    )
    if approved:
        skp_services.submit_skp(actor=actor, skp=skp, version=None)
        skp_services.approve_skp(actor=city.kasi.user, skp=skp, version=None)
    return skp, cascade


def test_context_gathers_the_official_layout(city: Any) -> None:
    skp, cascade = employee_skp(city)
    context = skp_document_context(skp)

    employee, assessor, superior = context["people"]
    assert (employee.name, employee.nip) == (city.employee.full_name, city.employee.nip)
    assert employee.pangkat == "Penata Muda, III/a"
    assert employee.jabatan == "Pengadministrasi Pengaduan"
    assert employee.unit == "Seksi Pengaduan, Dinas Satu"
    assert (assessor.name, assessor.jabatan) == ("Agus Prasetyo", "Kepala Seksi Pengaduan")
    assert (superior.name, superior.jabatan) == ("Sri Wahyuni, S.E.", "Kepala Bidang Layanan")
    assert context["period_label"] == f"1 Januari {skp.performance_year.year} – 31 Desember " + str(
        skp.performance_year.year
    )

    utama, tambahan = context["groups"]
    assert [g.letter for g in context["groups"]] == ["A", "B"]
    assert [r.text for r in utama.rows] == [RHK_TEXT]
    assert [r.text for r in tambahan.rows] == [EXTRA_TEXT]
    assert utama.rows[0].leader_text == cascade.kasi_rhk.text
    assert utama.rows[0].ikis[0].target == "1.250 dokumen"
    assert utama.rows[0].ikis[0].category == "Kuantitas"
    qualitative = tambahan.rows[0].ikis[1]
    assert (qualitative.is_quantitative, qualitative.target) == (False, "Laporan lengkap dan rapi")

    behaviours = context["behaviours"]
    assert [b.label for b in behaviours] == [str(v.label) for v in Berakhlak]
    assert all(len(b.guides) == 3 for b in behaviours)
    assert {b.label: b.expectation for b in behaviours}["Akuntabel"] == EXPECTATION
    assert [text for _, text in context["lampiran"]] == [DUKUNGAN, SKEMA, KONSEKUENSI]
    assert context["is_draft"] is True
    assert context["approved_on"] == ""


def test_document_shows_everything(city: Any) -> None:
    skp, cascade = employee_skp(city)
    html = render_skp_html(skp)
    for text in (
        "Dewi Lestari",
        city.employee.nip,
        "Agus Prasetyo",
        city.kasi.nip,
        "Sri Wahyuni, S.E.",
        RHK_TEXT,
        EXTRA_TEXT,
        "1.250 dokumen",
        cascade.kasi_rhk.text,
        "yang diintervensi",
        EXPECTATION,
        DUKUNGAN,
        SKEMA,
        KONSEKUENSI,
        "Lampiran Sasaran Kinerja Pegawai",
        "Surakarta, ",  # KINERJA_DOCUMENT_PLACE
    ):
        assert text in html, text
    for value in Berakhlak:
        assert str(value.label) in html
        for guide in BERAKHLAK_GUIDES[value]:
            assert str(guide) in html
    assert "DRAF" in html


def test_pdf_is_a_real_pdf(city: Any) -> None:
    skp, _ = employee_skp(city)
    pdf = render_skp_pdf(skp)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 5_000  # fonts embedded and three pages drawn, not an empty shell


def test_approved_skp_is_not_draf(city: Any, settings: Any) -> None:
    settings.KINERJA_DOCUMENT_PLACE = "Surakarta"
    skp, _ = employee_skp(city, approved=True)
    context = skp_document_context(skp)
    assert context["is_draft"] is False
    assert context["approved_on"]
    html = render_skp_html(skp)
    assert "DRAF" not in html
    assert f"Surakarta, {context['approved_on']}" in html
    assert render_skp_pdf(skp).startswith(b"%PDF-")


def test_submitted_skp_is_still_draf(city: Any) -> None:
    skp, _ = employee_skp(city)
    skp_services.submit_skp(actor=city.employee.user, skp=skp, version=None)
    html = render_skp_html(skp)
    assert "DRAF" in html
    assert "Diajukan" in html


def test_jpt_skp_has_perspektif_and_no_leader_column(city: Any) -> None:
    cascade = approved_cascade(city)
    html = render_skp_html(cascade.kadis)
    assert "Proses Bisnis" in html
    assert "Perspektif" in html
    assert "yang diintervensi" not in html
    assert "Pejabat Pimpinan Tinggi" in html
    context = skp_document_context(cascade.kadis)
    assert context["people"][1].name == "—"  # the Kepala Dinas has no assessor in the test city
    assert "DRAF" not in html


def test_document_is_indonesian_whatever_the_ui_language(city: Any) -> None:
    skp, _ = employee_skp(city)
    with translation.override("en"):
        html = render_skp_html(skp)
    assert '<html lang="id">' in html
    assert "Pegawai yang dinilai" in html
    assert "Januari" in html


def test_targets_in_indonesian_notation() -> None:
    with translation.override("id"):
        assert format_target(Iki(text="x", target=Decimal("1250.00"), unit="dokumen")) == (
            "1.250 dokumen"
        )
        assert format_target(Iki(text="x", target=Decimal("12.50"), unit="%")) == "12,5 %"
        assert format_target(Iki(text="x", target=Decimal("100"), unit="%")) == "100 %"
        assert format_target(Iki(text="Laporan rapi", target=None)) == "Laporan rapi"


def test_queries_do_not_grow_with_the_plan(city: Any, django_assert_num_queries: Any) -> None:
    skp, cascade = employee_skp(city)
    with django_assert_num_queries(5):
        skp_document_context(skp)
    for n in range(5):
        add_rhk(skp, f"Hasil kerja tambahan {n}", supports=cascade.kasi_rhk)
    with django_assert_num_queries(5):
        skp_document_context(skp)


def test_download_queries_are_bounded(
    city: Any, login: Any, django_assert_max_num_queries: Any
) -> None:
    skp, cascade = employee_skp(city)
    for n in range(5):
        add_rhk(skp, f"Hasil kerja tambahan {n}", supports=cascade.kasi_rhk)
    client = login("supervisor")
    url = reverse("performance:skp_pdf", args=[skp.pk])
    client.get(url)  # the first request after logging in also rewrites the session
    # Session, user, roles, held positions and the access check, then the document's five.
    with django_assert_max_num_queries(11):
        assert client.get(url).status_code == 200


def test_download(city: Any, login: Any) -> None:
    skp, _ = employee_skp(city)
    response = login("employee").get(reverse("performance:skp_pdf", args=[skp.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    disposition = response["Content-Disposition"]
    assert disposition == (f'attachment; filename="skp-{skp.performance_year.year}-{skp.pk}.pdf"')
    assert city.employee.nip not in disposition
    assert "Dewi" not in disposition
    assert "no-store" in response["Cache-Control"]


def test_other_instansi_gets_404(city: Any, login: Any) -> None:
    skp, _ = employee_skp(city)
    response = login("foreign").get(reverse("performance:skp_pdf", args=[skp.pk]))
    assert response.status_code == 404
    assert b"%PDF" not in response.content


def test_only_get(city: Any, login: Any) -> None:
    skp, _ = employee_skp(city)
    response = login("employee").post(reverse("performance:skp_pdf", args=[skp.pk]))
    assert response.status_code == 405
