"""The performance cycle in a real browser, person by person (issue 3 §7):

an employee drafts an SKP linked to the leader's RHK and submits it; the leader returns it, then
approves; the employee records realisasi with a file; the leader evaluates and overrides the
recommendation with a reason; BKPSDM sees the unit's distribution and gives an exception
reason; the employee opens Mengapa? and files a keberatan; the leader's superior decides it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kinerja.employees.tests.factories import TEST_PASSWORD
from kinerja.performance.models import Evaluation, Objection, ObjectionState, Skp, SkpState
from kinerja.performance.tests.factories import approved_cascade
from kinerja.performance.tests.factories_during import PDF
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RHK = "Tercatatnya aduan warga tepat waktu"
OVERRIDE = "Aduan banjir bulan ini dua kali lipat biasanya; capaian tetap wajar."
EXCEPTION = "Unit kecil; satu-satunya pegawai dinilai sesuai ekspektasi."
OBJECTION = "Bukti rekap aduan belum dipertimbangkan penilai."
DECISION = "Rekap aduan sudah dilihat; capaian memang sesuai ekspektasi."


@pytest.fixture
def people(browser: Any, live_server: Any, settings: Any, tmp_path: Any) -> Iterator[Any]:
    """``people(login)`` opens a browser context logged in as that user; all are checked for
    JavaScript, CSP and resource errors at the end."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.KINERJA_MFA_ENFORCED = False
    settings.MEDIA_ROOT = tmp_path
    contexts: list[Any] = []
    errors: list[str] = []

    def open_as(login: str) -> Any:
        context = browser.new_context(base_url=live_server.url, locale="id-ID")
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on(
            "response",
            lambda r: (
                errors.append(f"{r.status} {r.url}")
                if r.request.resource_type != "document" and r.status >= 400
                else None
            ),
        )
        log_in(page, login, TEST_PASSWORD)
        page.wait_for_url("**/")
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, f"browser errors: {errors}"


def test_performance_cycle(people: Any, city: Any, tmp_path: Any) -> None:
    cascade = approved_cascade(city)
    employee = people(city.employee.nip)
    kasi = people(city.kasi.nip)

    # The employee drafts an SKP supporting the Kasi's approved RHK and submits it.
    employee.get_by_role("link", name="SKP", exact=True).click()
    employee.get_by_role("button", name="Mulai SKP").click()
    employee.get_by_label("RHK pimpinan yang diintervensi").select_option(
        label=cascade.kasi_rhk.text
    )
    employee.get_by_label("Rencana hasil kerja").fill(RHK)
    employee.get_by_role("button", name="Simpan", exact=True).click()
    employee.get_by_label("Indikator kinerja individu").fill("Jumlah aduan yang dicatat")
    employee.get_by_label("Aspek").select_option(label="Kuantitas")
    employee.get_by_label("Target").fill("12")
    employee.get_by_label("Satuan").fill("dokumen")
    employee.get_by_role("button", name="Simpan", exact=True).click()
    employee.get_by_role("button", name="Ajukan kepada pejabat penilai").click()
    skp = Skp.objects.get(employee=city.employee)
    assert skp.state == SkpState.SUBMITTED

    # The Kasi returns it with a comment ...
    kasi.goto("/kinerja/skp/tim/")
    kasi.get_by_role("link", name="Diajukan").click()
    kasi.get_by_label("Catatan untuk pegawai").fill("Target terlalu rendah; naikkan.")
    kasi.get_by_role("button", name="Kembalikan untuk diperbaiki").click()
    kasi.get_by_text("SKP dikembalikan kepada pegawai.").wait_for()

    # ... the employee raises the target and submits again; the Kasi approves.
    employee.reload()
    assert "Target terlalu rendah; naikkan." in employee.content()
    employee.get_by_role("link", name="Ubah", exact=True).click()
    employee.get_by_label("Target").fill("24")
    employee.get_by_role("button", name="Simpan", exact=True).click()
    employee.get_by_role("button", name="Ajukan kepada pejabat penilai").click()
    kasi.reload()
    kasi.get_by_role("button", name="Setujui SKP").click()
    kasi.get_by_text("SKP disetujui.").wait_for()
    skp.refresh_from_db()
    assert skp.state == SkpState.APPROVED

    # The employee records a realisasi of 3 (a quarter's share of 24 is 6) with a file.
    employee.reload()
    employee.get_by_role("link", name="Realisasi dan bukti dukung").click()
    employee.get_by_text("Isi realisasi dan bukti dukung").click()
    employee.get_by_label("Realisasi (dokumen)").fill("3")
    employee.get_by_role("button", name="Simpan realisasi").click()
    employee.get_by_text("3 dokumen").first.wait_for()
    if not employee.get_by_label("Berkas bukti dukung").is_visible():
        employee.get_by_text("Isi realisasi dan bukti dukung").click()
    evidence = tmp_path / "rekap-aduan.pdf"
    evidence.write_bytes(PDF)
    employee.get_by_label("Berkas bukti dukung").set_input_files(str(evidence))
    employee.get_by_role("button", name="Unggah").click()
    employee.get_by_role("link", name="rekap-aduan.pdf").wait_for()

    # The Kasi evaluates: the system recommends Di Bawah (50 %); the Kasi overrides with a reason.
    kasi.get_by_role("link", name="Evaluasi", exact=True).click()
    kasi.get_by_role("link", name=city.employee.name).click()
    assert "Rekomendasi Di Bawah Ekspektasi" in kasi.content()
    kasi.get_by_label("Rating hasil kerja").select_option(label="Sesuai Ekspektasi")
    kasi.get_by_label("Rating perilaku kerja").select_option(label="Sesuai Ekspektasi")
    kasi.get_by_label("Alasan bila berbeda dari rekomendasi").fill(OVERRIDE)
    kasi.get_by_role("button", name="Tetapkan predikat").click()
    kasi.get_by_text("Predikat ditetapkan.").wait_for()
    evaluation = Evaluation.objects.get(skp=skp)
    assert (evaluation.recommended, evaluation.hasil_kerja, evaluation.predikat) == ("3", "2", "2")

    # BKPSDM sets the seksi's organisational predikat, sees the broken rules and explains them.
    bkpsdm = people(city.bkpsdm.nip)
    bkpsdm.goto(f"/kinerja/penetapan/{city.seksi.pk}/{evaluation.period_id}/")
    bkpsdm.get_by_role("combobox", name="Predikat kinerja organisasi").select_option(label="Baik")
    bkpsdm.get_by_role("button", name="Simpan predikat unit").click()
    reasons = bkpsdm.get_by_label("Alasan pengecualian")
    assert reasons.count() >= 1
    for index in range(reasons.count()):
        reasons.nth(index).fill(EXCEPTION)
    bkpsdm.get_by_role("button", name="Setujui penetapan").click()
    bkpsdm.get_by_text(EXCEPTION).first.wait_for()
    assert "Baik" in bkpsdm.content()

    # The employee reads why the predikat is Baik, and objects.
    employee.get_by_role("link", name="Evaluasi", exact=True).click()
    employee.get_by_role("link", name=str(evaluation.period)).click()
    employee.get_by_role("link", name="Mengapa predikat ini?").click()
    assert OVERRIDE in employee.content()
    employee.go_back()
    employee.get_by_label("Alasan keberatan").fill(OBJECTION)
    employee.get_by_role("button", name="Ajukan keberatan").click()
    objection = Objection.objects.get(evaluation=evaluation)
    assert objection.state == ObjectionState.FILED

    # The Kabid, the assessor's superior, decides it.
    kabid = people(city.kabid.nip)
    kabid.goto("/kinerja/keberatan/")
    kabid.get_by_role("link", name=city.employee.name).click()
    kabid.get_by_label("Tolak: rating dan predikat tetap").check()
    kabid.get_by_label("Pertimbangan keputusan").fill(DECISION)
    kabid.get_by_role("button", name="Simpan keputusan").click()
    objection.refresh_from_db()
    assert objection.state == ObjectionState.REJECTED
    assert objection.decided_by == city.kabid.user
