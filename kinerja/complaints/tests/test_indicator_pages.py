"""The staff page of complaint indicators: one's own figures beside the OPD's and the city's,
the officers one may read, one officer's months, and the inbox narrowed to one officer."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.complaints.models import Complaint, ComplaintIndicator
from kinerja.complaints.services.indicators import refresh
from kinerja.complaints.tests import factories as f

pytestmark = pytest.mark.django_db
JKT = ZoneInfo("Asia/Jakarta")
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
INDEX = reverse("complaints:indicators")


def _officer_url(employee: Any, period: str = "2026-03") -> str:
    return reverse("complaints:officer_indicators", args=[employee.pk]) + f"?periode={period}"


def _march(city: Any, day: int, officer: Any = None) -> Complaint:
    c = f.done(city, received_at=datetime(2026, 3, day, 9, 0, tzinfo=JKT))
    if officer is not None:
        Complaint.objects.filter(pk=c.pk).update(officer=officer)
    return c


def _officers_in(page: str) -> list[str]:
    table = page.split('id="officers"', 1)[1]
    return [
        chunk.split(">", 1)[1].split("<", 1)[0]
        for chunk in table.split('href="/aduan/indikator/pegawai/')[1:]
    ]


def test_an_officer_sees_their_figures_beside_the_opd_and_the_city(city: Any, login: Any) -> None:
    for day in (2, 3, 4):
        _march(city, day)
    _march(city, 5, officer=city.colleague)
    page = login("employee").get(INDEX, {"periode": "2026-03"}).content.decode()
    mine = page.split('id="mine"', 1)[1].split("</section>", 1)[0]
    handled = mine.split("Jumlah aduan ditangani", 1)[1].split("</tr>", 1)[0]
    # The officer's 3, Dinas Satu's 4, the city's 4.
    assert [cell.split("<", 1)[0].strip() for cell in handled.split('class="num">')[1:]] == [
        "3",
        "4",
        "4",
    ]
    assert "Dinas Satu" in mine and "Pemerintah Kota A" in mine
    # A plain employee may read no one else: the list holds only themselves.
    assert _officers_in(page) == ["Dewi Lestari"]
    assert (
        f"officer={city.employee.pk}&amp;received_from=2026-03-01&amp;received_to=2026-03-31"
        in (mine)
    )


def test_each_reader_lists_only_the_officers_they_may_read(city: Any, login: Any) -> None:
    _march(city, 2)
    _march(city, 3, officer=city.outsider)  # works in Dinas Dua
    refresh(city.instansi.pk, *MARCH)
    listed = {
        persona: _officers_in(login(persona).get(INDEX, {"periode": "2026-03"}).content.decode())
        for persona in ("unit_admin", "supervisor", "bkpsdm", "outsider", "foreign")
    }
    assert listed["unit_admin"] == ["Dewi Lestari"]  # Dinas Satu only
    assert listed["supervisor"] == ["Dewi Lestari"]  # the kasi's team
    assert listed["bkpsdm"] == ["Dewi Lestari", "Rina Marlina"]
    assert listed["outsider"] == ["Rina Marlina"]
    assert listed["foreign"] == []  # Kota B's own figures: none


def test_the_list_filters_by_opd_and_sorts(city: Any, login: Any) -> None:
    for day in (2, 3):
        _march(city, day)
    _march(city, 4, officer=city.outsider)
    client = login("bkpsdm")
    page = client.get(INDEX, {"periode": "2026-03", "urut": "ditangani"}).content.decode()
    assert _officers_in(page) == ["Dewi Lestari", "Rina Marlina"]
    page = client.get(INDEX, {"periode": "2026-03", "opd": city.other_dinas.pk}).content.decode()
    assert _officers_in(page) == ["Rina Marlina"]
    # An unknown order or OPD is ignored, not an error.
    page = client.get(INDEX, {"periode": "2026-03", "urut": "x", "opd": "abc"}).content.decode()
    assert _officers_in(page) == ["Dewi Lestari", "Rina Marlina"]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ("abc", "Periode harus berbentuk"),
        ("2026-13", "Bulan harus antara"),
        ("1999", "Tahun harus antara"),
        ("2099-01", "Rentang ini belum dimulai."),
    ],
)
def test_a_bad_range_is_named_and_the_current_month_shown(
    city: Any, login: Any, period: str, message: str
) -> None:
    response = login("employee").get(INDEX, {"periode": period})
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page and "Yang ditampilkan: bulan ini." in page
    assert response.context["chosen"].text == date.today().strftime("%Y-%m")


def test_the_first_visit_computes_a_range_and_the_next_reads_it(city: Any, login: Any) -> None:
    _march(city, 2)
    assert not ComplaintIndicator.objects.filter(starts=MARCH[0], ends=MARCH[1]).exists()
    client = login("employee")
    client.get(INDEX, {"periode": "2026-03"})
    assert ComplaintIndicator.objects.filter(
        starts=MARCH[0], ends=MARCH[1], employee=city.employee, handled=1
    ).exists()
    _march(city, 3)
    # Stored rows of an ended range are read, not recomputed, until a refresh runs.
    page = client.get(INDEX, {"periode": "2026-03"}).content.decode()
    assert 'Jumlah aduan ditangani</th>\n    <td class="num">1' in page


def test_the_list_costs_the_same_queries_for_two_officers_or_twenty(city: Any, login: Any) -> None:
    _march(city, 2)
    refresh(city.instansi.pk, *MARCH)
    client = login("bkpsdm")
    client.get(INDEX, {"periode": "2026-03"})

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INDEX, {"periode": "2026-03"}).status_code == 200
        return len(captured)

    few = queries()
    row = ComplaintIndicator.objects.get(employee=city.employee, starts=MARCH[0])
    for other in (city.colleague, city.kasi, city.kabid, city.kadis, city.outsider):
        row.pk, row.employee = None, other
        row.save()
    assert queries() == few


def test_the_officer_page_shows_the_months_of_the_year(city: Any, login: Any) -> None:
    _march(city, 2)
    refresh(city.instansi.pk, *MARCH)
    refresh(city.instansi.pk, date(2026, 2, 1), date(2026, 2, 28))
    response = login("supervisor").get(_officer_url(city.employee))
    assert response.status_code == 200
    months = {m.text: m for m in response.context["months"]}
    assert months["2026-03"].cells[0].value == 1
    assert months["2026-02"].computed and months["2026-02"].cells is None
    assert not months["2026-01"].computed
    page = response.content.decode()
    assert "Tidak ada aduan yang ditugaskan." in page and "Belum dihitung" in page
    assert "Lihat 1 aduan yang dihitung" in page


@pytest.mark.parametrize("persona", ["employee", "outsider", "foreign", "unit_admin"])
def test_an_officer_one_may_not_read_is_a_404(city: Any, login: Any, persona: str) -> None:
    # Kota B's officer for Kota A's readers, Dinas Dua's for Kota B's.
    target = city.foreign if persona != "foreign" else city.outsider
    assert login(persona).get(_officer_url(target)).status_code == 404
    assert login(persona).get(reverse("complaints:officer_indicators", args=[0])).status_code == 404


def test_the_inbox_narrowed_to_one_officer_keeps_closed_complaints(city: Any, login: Any) -> None:
    closed = _march(city, 2)
    other = _march(city, 3, officer=city.colleague)
    open_one = f.assigned(city)
    client = login("bkpsdm")
    response = client.get(reverse("complaints:inbox"), {"officer": city.employee.pk})
    codes = {c.tracking_code for c in response.context["page_obj"].object_list}
    assert codes == {closed.tracking_code, open_one.tracking_code}
    assert other.tracking_code not in codes
    assert "Hanya aduan yang ditugaskan kepada Dewi Lestari." in response.content.decode()


@pytest.mark.parametrize("bad", ["abc", "1.5", "0", str(2**63), "-3"])
def test_a_bad_officer_filter_is_an_error_not_a_crash(city: Any, login: Any, bad: str) -> None:
    f.assigned(city)
    response = login("bkpsdm").get(reverse("complaints:inbox"), {"officer": bad})
    assert response.status_code == 200
    assert response.context["filterset"].errors["officer"]
    assert len(response.context["page_obj"].object_list) == 1  # the list, unfiltered


def test_a_login_without_an_employee_record_has_no_figures_of_its_own(
    city: Any, login: Any
) -> None:
    _march(city, 2)
    response = login("verifier").get(INDEX, {"periode": "2026-03"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="mine"' not in page
    assert _officers_in(page) == []  # the verifier reads complaints, not the employee directory
    assert login("superadmin").get(INDEX).status_code == 200
