"""The Matriks Peran Hasil (selector, page, bulk drafting) and the list of employees who cannot
plan because their atasan's SKP is not approved yet."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kinerja.employees.models import Employee
from kinerja.employees.tests.factories import make_employee
from kinerja.org.models import JabatanType
from kinerja.org.tests.factories import make_position, make_unit
from kinerja.performance import selectors
from kinerja.performance.models import Rhk, RhkKind, Skp, SkpState
from kinerja.performance.services import skp as svc
from kinerja.performance.services import skp_drafting
from kinerja.performance.tests.factories import (
    Cascade,
    add_rhk,
    approve,
    approved_cascade,
    make_year,
)

pytestmark = pytest.mark.django_db

MATRIX_QUERIES = 4


def _cannot_plan(city: Any, year: int, **kwargs: Any) -> list[Any]:
    """The rows, typed loosely: they carry the ``leader_*`` annotations."""
    return list(selectors.employees_who_cannot_plan(city.instansi.pk, year, **kwargs))


def _raw_rhk(skp: Skp, text: str, supports: Rhk | None, order: int = 9) -> Rhk:
    """An RHK written straight to the table, as imported or legacy data may be (the services
    would refuse an unlinked one)."""
    return Rhk.objects.create(
        skp=skp, instansi_id=skp.instansi_id, kind=RhkKind.UTAMA, text=text, supports=supports,
        order=order,
    )  # fmt: skip


def _start(employee: Employee, cascade: Cascade) -> Skp:
    return svc.start_skp(actor=employee.user, employee=employee, performance_year=cascade.year)


def _add_staff(city: Any, cascade: Cascade, n: int, start: int = 0) -> list[Employee]:
    """``n`` more pelaksana under the Kasi, each with an SKP supporting the Kasi's RHK."""
    added = []
    for i in range(start, start + n):
        pos = make_position(city.seksi, f"Staf Seksi {i}", parent=city.kasi_pos)
        person = make_employee(city.instansi, f"Staf {i:02d}", position=pos, with_user=True)
        add_rhk(_start(person, cascade), f"Dukungan {i}", supports=cascade.kasi_rhk)
        added.append(person)
    return added


# --- the selector ----------------------------------------------------------------------------


def test_matrix_groups_supporters_and_flags(city: Any) -> None:
    cascade = approved_cascade(city)
    spare = _raw_rhk(cascade.kasi, "Tersusunnya laporan bulanan", cascade.kabid_rhk)
    mine = _start(city.employee, cascade)
    supporting = add_rhk(mine, "Terverifikasinya aduan harian", supports=cascade.kasi_rhk)
    nothing = _raw_rhk(mine, "Tanpa induk", None)
    elsewhere = _raw_rhk(mine, "Induk lain", cascade.kabid_rhk)
    theirs = _start(city.colleague, cascade)
    colleague_rhk = add_rhk(theirs, "Tercatatnya aduan", supports=cascade.kasi_rhk)
    svc.submit_skp(actor=city.colleague.user, skp=theirs, version=None)
    # someone placed elsewhere whose SKP this year is assessed from the Kasi's position
    assessed = Skp.objects.create(
        instansi=city.instansi,
        performance_year=cascade.year,
        employee=city.outsider,
        position=city.other_staff_pos,
        unit=city.other_dinas,
        starts=date(cascade.year.year, 1, 1),
        ends=date(cascade.year.year, 3, 31),
        assessor_position=city.kasi_pos,
    )

    matrix = selectors.matrix_for(cascade.kasi)

    assert [row.rhk for row in matrix.rows] == [cascade.kasi_rhk, spare]
    first, second = matrix.rows
    assert [(g.employee, g.skp.state, g.rhks) for g in first.groups] == [
        (city.employee, SkpState.DRAFT, [supporting]),
        (city.colleague, SkpState.SUBMITTED, [colleague_rhk]),
    ]
    assert not first.is_unsupported and second.is_unsupported
    assert matrix.unsupported == [spare]
    team = {s.employee: s for s in matrix.subordinates}
    assert set(team) == {city.employee, city.colleague, city.unit_admin, city.outsider}
    assert team[city.outsider].skps == [assessed] and not team[city.outsider].is_direct_report
    assert team[city.employee].current_skp == mine
    assert team[city.employee].supported_rhk_ids == {cascade.kasi_rhk.pk}
    assert matrix.without_skp == [city.unit_admin]
    assert [s.employee for s in matrix.direct_reports] == sorted(
        [city.employee, city.colleague, city.unit_admin], key=lambda e: (e.position_path, e.name)
    )
    assert [(u.rhk, u.elsewhere) for u in matrix.unlinked] == [
        (nothing, False),
        (elsewhere, True),
    ]


def test_a_jpt_subordinate_without_a_supported_rhk_is_not_flagged(city: Any) -> None:
    """A JPT's RHK come from the Perjanjian Kinerja, so an empty ``supports`` is normal there."""
    cascade = approved_cascade(city)
    matrix = selectors.matrix_for(cascade.kadis)
    assert [s.employee for s in matrix.subordinates] == [city.kabid]
    assert matrix.unlinked == [] and matrix.unsupported == []


def test_matrix_queries_do_not_grow_with_the_team(
    city: Any, django_assert_max_num_queries: Any
) -> None:
    cascade = approved_cascade(city)
    _add_staff(city, cascade, 2)
    with django_assert_max_num_queries(MATRIX_QUERIES), CaptureQueriesContext(connection) as few:
        small = selectors.matrix_for(cascade.kasi)
    _add_staff(city, cascade, 10, start=2)
    with django_assert_max_num_queries(MATRIX_QUERIES), CaptureQueriesContext(connection) as many:
        large = selectors.matrix_for(cascade.kasi)
    assert len(large.rows[0].groups) == len(small.rows[0].groups) + 10 == 12
    assert len(many.captured_queries) == len(few.captured_queries)


# --- employees who cannot plan ---------------------------------------------------------------


def test_cannot_plan_until_the_leaders_skp_is_approved(
    city: Any, django_assert_num_queries: Any
) -> None:
    year = make_year(city)

    def listed() -> dict[Employee, Any]:
        return {e: e.leader_skp_state for e in _cannot_plan(city, year.year)}

    before = listed()
    assert city.kadis not in before  # JPT plan from the Perjanjian Kinerja
    assert city.bkpsdm not in before  # no position above
    assert {city.kabid, city.kasi, city.employee, city.colleague, city.outsider} <= set(before)
    assert before[city.employee] is None
    with django_assert_num_queries(1):
        rows = _cannot_plan(city, year.year)
    first = next(e for e in rows if e == city.employee)
    assert first.leader_name == city.kasi.name
    assert first.current_position.parent == city.kasi_pos

    cascade = approved_cascade(city, year)
    after = listed()
    assert not {city.kabid, city.kasi, city.employee, city.colleague, city.unit_admin} & set(after)
    assert city.outsider in after  # Kepala Dinas Dua has no SKP
    assert cascade.kasi.state == SkpState.APPROVED


def test_cannot_plan_names_the_leaders_state_and_scopes(city: Any) -> None:
    year = make_year(city)
    kasi = svc.start_skp(actor=city.kasi.user, employee=city.kasi, performance_year=year)
    rows = {e: e for e in _cannot_plan(city, year.year)}
    assert rows[city.employee].leader_skp_state == SkpState.DRAFT
    assert rows[city.kabid].leader_skp_state is None
    within = _cannot_plan(city, year.year, within=[city.seksi.path])
    assert set(within) == {city.kasi, city.employee, city.colleague, city.unit_admin}
    per_opd = dict(selectors.count_cannot_plan_per_opd(city.instansi.pk, year.year))
    assert per_opd[city.dinas] == 5  # the Kabid, the Kasi and the three staff
    assert per_opd[city.other_dinas] == 1
    assert kasi.state == SkpState.DRAFT


# --- the matrix page -------------------------------------------------------------------------


def _matrix_url(cascade: Cascade) -> str:
    return f"{reverse('performance:matrix')}?year={cascade.year.year}"


def test_the_kasi_sees_the_matrix(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    add_rhk(_start(city.employee, cascade), "Terverifikasinya aduan harian", cascade.kasi_rhk)
    response = login("supervisor").get(reverse("performance:matrix"))
    assert response.status_code == 200
    page = response.content.decode()
    assert cascade.kasi_rhk.text in page
    assert "Terverifikasinya aduan harian" in page
    assert f'name="rhk_{cascade.kasi_rhk.pk}"' in page
    matrix = response.context["matrix"]
    assert matrix.without_skp == sorted(
        [city.colleague, city.unit_admin], key=lambda e: (e.position_path, e.name)
    )


def test_bulk_draft_creates_draft_skps_supporting_the_leaders_rhk(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    client = login("supervisor")
    response = client.post(
        _matrix_url(cascade),
        {f"rhk_{cascade.kasi_rhk.pk}": [city.employee.pk, city.colleague.pk]},
    )
    assert response.status_code == 302
    for person in (city.employee, city.colleague):
        skp = Skp.objects.get(employee=person, performance_year=cascade.year)
        assert skp.state == SkpState.DRAFT
        assert skp.rhks.get().supports == cascade.kasi_rhk
    assert not Skp.objects.filter(employee=city.unit_admin).exists()
    page = client.get(response["Location"]).content.decode()
    assert "2 SKP baru dibuat, 2 RHK ditambahkan" in page
    # the second time nothing is added twice, and an SKP already submitted is reported
    svc.save_iki(
        actor=city.colleague.user,
        rhk=Rhk.objects.get(skp__employee=city.colleague),
        version=None,
        text="Jumlah aduan",
        aspek="kuantitas",
        target=Decimal(10),
        unit="aduan",
    )
    colleague_skp = Skp.objects.get(employee=city.colleague)
    svc.submit_skp(actor=city.colleague.user, skp=colleague_skp, version=None)
    response = client.post(
        _matrix_url(cascade),
        {f"rhk_{cascade.kasi_rhk.pk}": [city.employee.pk, city.colleague.pk]},
        follow=True,
    )
    page = response.content.decode()
    assert "0 SKP baru dibuat, 0 RHK ditambahkan" in page
    assert "Dilewati" in page and city.colleague.name in page


@pytest.mark.parametrize("bad", ["outsider", "kabid_rhk", "junk", "empty"])
def test_bulk_draft_refuses_anything_but_direct_reports_and_my_rhk(
    city: Any, login: Any, bad: str
) -> None:
    cascade = approved_cascade(city)
    data: dict[str, Any] = {
        "outsider": {f"rhk_{cascade.kasi_rhk.pk}": [city.employee.pk, city.outsider.pk]},
        "kabid_rhk": {f"rhk_{cascade.kabid_rhk.pk}": [city.employee.pk]},
        "junk": {f"rhk_{cascade.kasi_rhk.pk}": ["x"]},
        "empty": {},
    }[bad]
    response = login("supervisor").post(_matrix_url(cascade), data)
    assert response.status_code == 400
    assert response.context["errors"]
    assert 'class="errorlist"' in response.content.decode()
    assert Skp.objects.count() == 3  # only the cascade
    if bad == "outsider":  # the form keeps what was ticked
        rows = response.context["form_rows"]
        ticked = [c["sub"].employee for c in rows[0]["choices"] if c["checked"]]
        assert ticked == [city.employee]


def test_a_refused_draft_saves_nothing(city: Any, login: Any, monkeypatch: Any) -> None:
    cascade = approved_cascade(city)

    def refuse(**kwargs: Any) -> Any:
        raise ValidationError("Ditolak untuk uji.")

    monkeypatch.setattr(skp_drafting, "draft_from_matrix", refuse)
    response = login("supervisor").post(
        _matrix_url(cascade), {f"rhk_{cascade.kasi_rhk.pk}": [city.employee.pk]}
    )
    assert response.status_code == 400
    assert "Ditolak untuk uji." in response.content.decode()
    assert not Skp.objects.filter(employee=city.employee).exists()


def test_explanations_instead_of_a_matrix(city: Any, login: Any) -> None:
    page = login("supervisor").get(reverse("performance:matrix"))
    assert page.status_code == 200 and page.context["problem"] == "no_year"
    year = make_year(city)
    assert login("supervisor").get(reverse("performance:matrix")).context["problem"] == "no_skp"
    kasi = svc.start_skp(actor=city.kasi.user, employee=city.kasi, performance_year=year)
    response = login("supervisor").get(reverse("performance:matrix"))
    assert response.context["problem"] == "not_approved"
    assert "Draf" in response.content.decode()
    assert login("employee").get(reverse("performance:matrix")).context["problem"] == "no_team"
    assert login("superadmin").get(reverse("performance:matrix")).context["problem"] == (
        "no_employee"
    )
    asked = login("supervisor").get(reverse("performance:matrix"), {"year": 1999})
    assert asked.context["problem"] == "no_year" and "1999" in asked.content.decode()
    # no drafting from an SKP that is not approved, nor by someone who leads nobody
    posted = login("supervisor").post(reverse("performance:matrix"), {})
    assert posted.status_code == 403
    assert login("employee").post(reverse("performance:matrix"), {}).status_code == 403
    assert kasi.state == SkpState.DRAFT


def test_matrix_page_queries_do_not_grow(city: Any, login: Any) -> None:
    cascade = approved_cascade(city)
    client = login("supervisor")
    url = _matrix_url(cascade)
    client.get(url)
    _add_staff(city, cascade, 2)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_staff(city, cascade, 8, start=2)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


# --- the cannot-plan page --------------------------------------------------------------------


def test_cannot_plan_page_before_and_after_the_kasi_is_approved(city: Any, login: Any) -> None:
    year = make_year(city)
    client = login("bkpsdm")
    page = client.get(reverse("performance:cannot_plan"))
    assert page.status_code == 200
    assert city.employee.nip in page.content.decode()
    assert "Atasan belum membuat SKP" in page.content.decode()
    approved_cascade(city, year)
    page = client.get(reverse("performance:cannot_plan"))
    assert city.employee.nip not in page.content.decode()
    assert city.outsider.nip in page.content.decode()


def test_cannot_plan_page_scopes_and_filters(city: Any, login: Any) -> None:
    year = make_year(city)
    svc.start_skp(actor=city.kasi.user, employee=city.kasi, performance_year=year)
    admin_opd = login("unit_admin").get(reverse("performance:cannot_plan"))
    assert admin_opd.status_code == 200
    names = {row["employee"] for row in admin_opd.context["rows"]}
    assert city.employee in names and city.outsider not in names
    row = next(r for r in admin_opd.context["rows"] if r["employee"] == city.employee)
    assert row["reason"] == "SKP atasan belum disetujui" and row["state"] == "Draf"
    filtered = login("bkpsdm").get(
        reverse("performance:cannot_plan"), {"unit": city.other_dinas.pk, "year": year.year}
    )
    assert [r["employee"] for r in filtered.context["rows"]] == [city.outsider]
    # an Admin OPD cannot filter to a unit outside their own
    outside = login("unit_admin").get(
        reverse("performance:cannot_plan"), {"unit": city.other_dinas.pk}
    )
    assert outside.context["form"].errors
    assert city.outsider not in {r["employee"] for r in outside.context["rows"]}
    summary = login("bkpsdm").get(reverse("performance:cannot_plan")).context["per_opd"]
    assert [(item["unit"], item["count"]) for item in summary] == [
        (city.dinas, 5),
        (city.other_dinas, 1),
    ]


@pytest.mark.parametrize(
    ("persona", "code"),
    [("employee", 403), ("supervisor", 403), ("outsider", 403), ("auditor", 200)],
)
def test_cannot_plan_is_for_hr_and_admins(city: Any, login: Any, persona: str, code: int) -> None:
    make_year(city)
    assert login(persona).get(reverse("performance:cannot_plan")).status_code == code


def test_cannot_plan_page_queries_do_not_grow(city: Any, login: Any) -> None:
    make_year(city)
    client = login("bkpsdm")
    url = reverse("performance:cannot_plan")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(10):
        unit = make_unit(city.instansi, f"Dinas Tambahan {i}", code=f"T{i}")
        head = make_position(unit, f"Kepala Tambahan {i}", jabatan_type=JabatanType.JPT)
        make_employee(city.instansi, f"Staf Tambahan {i}", position=make_position(
            unit, f"Staf Tambahan {i}", parent=head
        ))  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.context["page_obj"].paginator.count == 16
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_approved_drafted_plan_shows_in_the_matrix(city: Any) -> None:
    cascade = approved_cascade(city)
    skp_drafting.draft_from_matrix(
        actor=city.kasi.user,
        leader=cascade.kasi,
        assignments={cascade.kasi_rhk.pk: [city.employee]},
    )
    drafted = Skp.objects.get(employee=city.employee)
    svc.save_iki(
        actor=city.employee.user,
        rhk=drafted.rhks.get(),
        version=None,
        text="Jumlah aduan terverifikasi",
        aspek="kuantitas",
        target=Decimal(10),
        unit="aduan",
    )
    approve(drafted, city.kasi)
    row = selectors.matrix_for(cascade.kasi).rows[0]
    assert [(g.employee, g.skp.state) for g in row.groups] == [(city.employee, SkpState.APPROVED)]
