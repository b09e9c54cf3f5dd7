"""A complaint from a citizen to the officer's realisasi, in a real browser (issue 4 §8):

a citizen files a complaint on the public form and reads the tracking code; the ULAS verifier
routes it to Dinas Satu; Dinas Satu's Admin OPD assigns the officer, who answers; the verifier
accepts the answer; the citizen reads it with the code and rates it. The daily refresh then
fills the officer's linked IKI (the share of complaints followed up on time), which the officer
reads with the complaints behind it, and the public transparency page shows the aggregate once
enough complaints stand behind it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import datetime
from datetime import time as dtime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kinerja.complaints.models import Complaint, Indicator, Status
from kinerja.complaints.tests import factories as f
from kinerja.employees.tests.factories import TEST_PASSWORD
from kinerja.performance.models import Iki, Realisasi
from kinerja.performance.services.indicator_link import refresh_daily
from kinerja.performance.tests.factories_during import approved_employee_skp
from tests.browser.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Saluran air tersumbat di Jl. Kenanga"
DESCRIPTION = "Sejak tiga hari saluran tersumbat; air meluap ke jalan setiap kali hujan."
LOCATION = "Jl. Kenanga 12, Kelurahan Kenanga"
COMPLAINANT = "Sugeng Rahardjo"
PHONE = "081298765432"
ANSWER = "Saluran sudah dibersihkan petugas dan air kembali mengalir lancar."
#: The spam guard's minimum, lowered from 3 s for the test; the form still waits it out.
MIN_SECONDS = 1


@pytest.fixture
def people(browser: Any, live_server: Any, settings: Any) -> Iterator[Callable[..., Any]]:
    """``people(login)`` opens a browser context logged in as that user, ``people()`` one for
    a citizen without an account; all are checked for JavaScript and resource errors."""
    settings.ALLOWED_HOSTS = ["localhost", "127.0.0.1"]
    settings.KINERJA_MFA_ENFORCED = False
    settings.KINERJA_PUBLIC_FORM_MIN_SECONDS = MIN_SECONDS
    contexts: list[Any] = []
    errors: list[str] = []

    def open_as(login: str | None = None) -> Any:
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
        if login is not None:
            log_in(page, login, TEST_PASSWORD)
            page.wait_for_url("**/")
        return page

    yield open_as
    for context in contexts:
        context.close()
    assert not errors, f"browser errors: {errors}"


def open_step(page: Any, title: str) -> Any:
    """Unfold one step of the complaint page and give back its section."""
    step = page.locator("details", has=page.locator("summary", has_text=title))
    step.locator("summary").click()
    return step


def start_of_today() -> datetime:
    return datetime.combine(timezone.localdate(), dtime.min, tzinfo=timezone.get_current_timezone())


def test_complaint_journey(people: Any, city: Any) -> None:
    f.category(city)  # Kota A takes complaints on the public form; its default OPD is Dinas Satu
    linked = approved_employee_skp(city)
    # The officer's quantitative IKI is measured from the complaints: share followed up on time.
    Iki.objects.filter(pk=linked.iki.pk).update(
        text="Persentase aduan ditindaklanjuti tepat waktu",
        indicator_source=Indicator.FOLLOWUP_ON_TIME,
        target=Decimal(90),
        unit="%",
        lower_is_better=False,
    )

    # 1. A citizen files a complaint without an account, and reads the tracking code.
    citizen = people()
    citizen.goto("/layanan/aduan/")
    drawn = time.monotonic()
    citizen.get_by_label("Judul aduan").fill(TITLE)
    citizen.get_by_label("Uraian").fill(DESCRIPTION)
    citizen.get_by_label("Kategori").select_option(label="Jalan dan drainase")
    citizen.get_by_label("Lokasi").fill(LOCATION)
    citizen.get_by_label("Nama (boleh dikosongkan)").fill(COMPLAINANT)
    citizen.get_by_label("Nomor HP/WhatsApp").fill(PHONE)
    citizen.get_by_label("Saya memahami tujuan pemrosesan data").check()
    # The guard refuses a form sent faster than a person types: wait out the minimum.
    citizen.wait_for_timeout(max(0.0, MIN_SECONDS + 0.2 - (time.monotonic() - drawn)) * 1000)
    citizen.get_by_role("button", name="Kirim aduan").click()
    citizen.get_by_role("heading", name="Terima kasih, aduan Anda sudah kami terima").wait_for()
    code = citizen.locator("section", has_text="Kode pelacakan Anda").locator("code").inner_text()
    assert code not in citizen.url  # the code reaches the page through the session only
    complaint = Complaint.objects.get(tracking_code=code)
    assert (complaint.title, complaint.complainant_name) == (TITLE, COMPLAINANT)
    assert complaint.status == Status.NEW

    # 2. The verifier finds it in the inbox and routes it to Dinas Satu.
    verifier = people(city.verifier.nip)
    verifier.get_by_role("link", name="Aduan", exact=True).click()
    verifier.get_by_role("link", name=code).click()
    verifier.get_by_role("heading", name=TITLE).wait_for()
    route = open_step(verifier, "Teruskan ke OPD")
    route.get_by_label("OPD / unit tujuan").select_option(label="Dinas Satu")
    route.get_by_label("Catatan disposisi").fill("Mohon ditindaklanjuti bidang drainase.")
    route.get_by_role("button", name="Teruskan").click()
    verifier.get_by_text("Aduan diteruskan ke OPD.").wait_for()
    complaint.refresh_from_db()
    assert (complaint.status, complaint.unit_id) == (Status.DISPATCHED, city.dinas.pk)

    # 3. Dinas Satu's Admin OPD assigns the officer.
    admin = people(city.unit_admin.nip)
    admin.get_by_role("link", name="Aduan", exact=True).click()
    admin.get_by_role("link", name=code).click()
    assign = open_step(admin, "Tunjuk petugas")
    officer_label = f"{city.employee.full_name} · {city.employee.nip} · {city.staff_pos.name}"
    assign.get_by_label("Petugas", exact=True).select_option(label=officer_label)
    assign.get_by_role("button", name="Tunjuk").click()
    admin.get_by_text("Petugas ditunjuk.").wait_for()
    complaint.refresh_from_db()
    assert complaint.officer_id == city.employee.pk

    # 4. The officer finds it among their tasks and answers; the verifier accepts the answer.
    officer = people(city.employee.nip)
    officer.get_by_role("link", name="Aduan", exact=True).click()
    officer.get_by_role("link", name="Tugas saya").click()
    officer.get_by_role("link", name=code).click()
    assert COMPLAINANT in officer.content()  # the assigned officer may call the citizen back
    answer = open_step(officer, "Jawab tindak lanjut")
    answer.get_by_label("Jawaban tindak lanjut").fill(ANSWER)
    answer.get_by_role("button", name="Kirim jawaban").click()
    officer.get_by_text("Jawaban tindak lanjut dikirim untuk diperiksa verifikator.").wait_for()

    verifier.reload()
    accept = open_step(verifier, "Terima jawaban tindak lanjut")
    accept.get_by_role("button", name="Terima", exact=True).click()
    verifier.get_by_text("Jawaban diterima; aduan selesai.").wait_for()
    complaint.refresh_from_db()
    assert complaint.status == Status.DONE

    # 5. The citizen opens the tracking page with the code, reads the answer and rates it.
    citizen.goto("/layanan/aduan/lacak/")
    citizen.get_by_label("Kode pelacakan").fill(code)
    citizen.get_by_role("button", name="Lacak").click()
    citizen.get_by_role("heading", name=TITLE).wait_for()
    citizen.get_by_text(ANSWER).wait_for()
    assert COMPLAINANT not in citizen.content() and PHONE not in citizen.content()
    citizen.get_by_label("5 – Sangat puas").check()
    citizen.get_by_label("Ya", exact=True).check()
    citizen.get_by_role("button", name="Kirim penilaian").click()
    citizen.get_by_text("Terima kasih, penilaian Anda sudah kami terima.").wait_for()
    citizen.get_by_text("5 dari 5").wait_for()
    complaint.refresh_from_db()
    assert (complaint.rating, complaint.solved) == (5, True)

    # 6. The daily refresh fills the officer's linked IKI: 1 of 1 followed up on time.
    refresh_daily()
    row = Realisasi.objects.get(iki=linked.iki, period=linked.period)
    assert row.value == Decimal(100)
    url = reverse("performance:realisasi", args=[linked.skp.pk])
    officer.goto(f"{url}?period={linked.period.pk}")
    figure = officer.locator(".indicator-figure")
    figure.get_by_text("1 dari 1 aduan ditindaklanjuti tepat waktu").wait_for()
    assert "100 %" in figure.inner_text()
    figure.get_by_role("link", name="lihat aduan yang dihitung").click()
    officer.get_by_role("heading", name="Aduan yang ditangani").wait_for()
    counted = officer.locator("table").last
    assert counted.get_by_role("rowheader", name=code).is_visible()
    assert "tepat waktu" in counted.inner_text()
    page_text = officer.content()
    assert COMPLAINANT not in page_text and PHONE not in page_text

    # The officer's own indicator page: their figure beside Dinas Satu's and the city's, and
    # the complaints behind it (closed ones included).
    officer.get_by_role("link", name="Aduan", exact=True).click()
    officer.get_by_role("link", name="Indikator", exact=True).click()
    mine = officer.locator("section", has=officer.get_by_role("heading", name="Angka saya"))
    handled = mine.get_by_role("row", name="Jumlah aduan ditangani")
    assert handled.locator("td").first.inner_text().strip() == "1"
    mine.get_by_role("link", name="Lihat aduan yang dihitung").click()
    officer.get_by_text("Hanya aduan yang ditugaskan kepada").wait_for()
    assert officer.get_by_role("link", name=code).is_visible()

    # 7. One complaint is too few to publish: the public cells are suppressed.
    citizen.goto("/layanan/transparansi/")
    opds = citizen.locator(
        "section", has=citizen.get_by_role("heading", name="Per perangkat daerah")
    )
    dinas = opds.get_by_role("row").filter(has_text="Dinas Satu")
    assert dinas.get_by_role("cell").first.inner_text() == "—*"

    # Four more complaints of Dinas Satu this month, answered and accepted; refreshed again.
    for _ in range(4):
        f.done(city, received_at=start_of_today())
    refresh_daily()
    citizen.reload()
    received = citizen.locator(".card", has_text="aduan diterima").locator(".stat")
    assert received.inner_text() == "5"
    dinas = opds.get_by_role("row").filter(has_text="Dinas Satu")
    assert dinas.get_by_role("cell").first.inner_text() == "5"
    on_time = dinas.get_by_role("cell").nth(1).inner_text()  # "100,00%" in Indonesian
    assert on_time.startswith("100") and on_time.endswith("%"), on_time
    assert COMPLAINANT not in citizen.content() and code not in citizen.content()
    # The OPD's own view: its figures for the year.
    dinas.get_by_role("link", name="Dinas Satu").click()
    year = timezone.localdate().year
    citizen.get_by_role("heading", name=f"Dinas Satu · {year}").wait_for()
    assert citizen.locator(".card", has_text="aduan diterima").locator(".stat").inner_text() == "5"

    # The factory's complaints went to the same officer: the figure follows, 5 of 5.
    officer.goto(f"{url}?period={linked.period.pk}")
    officer.locator(".indicator-figure").get_by_text(
        "5 dari 5 aduan ditindaklanjuti tepat waktu"
    ).wait_for()
