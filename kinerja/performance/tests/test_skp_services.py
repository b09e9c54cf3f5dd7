"""SKP services: starting, planning rules, the workflow with audit, optimistic locking,
copying from last year and drafting from the Matriks Peran Hasil."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.models import AuditEvent
from kinerja.employees import services as employee_services
from kinerja.performance.models import Aspek, Iki, Rhk, RhkKind, Skp, SkpState
from kinerja.performance.services import skp as svc
from kinerja.performance.services import skp_drafting
from kinerja.performance.tests.factories import (
    add_rhk,
    approve,
    approved_cascade,
    make_year,
    this_year,
)

pytestmark = pytest.mark.django_db


def test_start_derives_assessors_and_kind(city: Any) -> None:
    year = make_year(city)
    skp = svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    assert skp.state == SkpState.DRAFT
    assert skp.position == city.staff_pos
    assert skp.assessor == city.kasi and skp.assessor_position == city.kasi_pos
    assert skp.assessor_superior == city.kabid
    assert not skp.is_jpt
    assert skp.ends == date(year.year, 12, 31)
    assert AuditEvent.objects.filter(action="skp.start", target_id=str(skp.pk)).exists()
    kadis = svc.start_skp(actor=city.kadis.user, employee=city.kadis, performance_year=year)
    assert kadis.is_jpt and kadis.assessor is None


def test_start_twice_and_by_strangers_is_refused(city: Any) -> None:
    year = make_year(city)
    svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    with pytest.raises(ValidationError, match="sudah ada"):
        svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    with pytest.raises(PermissionDenied):
        svc.start_skp(actor=city.outsider.user, employee=city.colleague, performance_year=year)
    # the atasan may draft for a subordinate
    svc.start_skp(actor=city.kasi.user, employee=city.colleague, performance_year=year)


def test_position_change_mid_year_ends_the_old_skp(city: Any) -> None:
    year = make_year(city)
    old = svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    moved = date(year.year, 7, 1)
    employee_services.assign_position(
        actor=city.superadmin,
        employee=city.employee,
        position=city.other_staff_pos,
        start_date=moved,
    )
    city.employee.refresh_from_db()
    new = svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    old.refresh_from_db()
    assert new.starts == moved and new.position == city.other_staff_pos
    assert old.ends == moved - timedelta(days=1)
    assert new.assessor_position == city.other_staff_pos.parent
    assert AuditEvent.objects.filter(action="skp.end", target_id=str(old.pk)).exists()


def test_non_jpt_rhk_must_support_an_approved_leader_rhk(city: Any) -> None:
    year = make_year(city)
    skp = svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    with pytest.raises(ValidationError, match="belum disetujui"):
        svc.save_rhk(actor=city.employee.user, skp=skp, version=None, kind="utama", text="X")
    cascade = approved_cascade(city, year)
    with pytest.raises(ValidationError, match="Pilih RHK pimpinan"):
        svc.save_rhk(actor=city.employee.user, skp=skp, version=None, kind="utama", text="X")
    with pytest.raises(ValidationError, match="bukan RHK dari SKP atasan"):
        svc.save_rhk(
            actor=city.employee.user,
            skp=skp,
            version=None,
            kind="utama",
            text="X",
            supports=cascade.kabid_rhk,  # the kabid is not this employee's atasan
        )
    rhk = svc.save_rhk(
        actor=city.employee.user,
        skp=skp,
        version=None,
        kind="utama",
        text="Tercatatnya aduan",
        supports=cascade.kasi_rhk,
    )
    assert rhk.supports == cascade.kasi_rhk
    assert Rhk.objects.filter(skp=skp).count() == 1


def test_jpt_iki_needs_perspektif_and_rhk_no_leader(city: Any) -> None:
    year = make_year(city)
    skp = svc.start_skp(actor=city.kadis.user, employee=city.kadis, performance_year=year)
    rhk = svc.save_rhk(actor=city.kadis.user, skp=skp, version=None, kind="utama", text="Indeks")
    with pytest.raises(ValidationError) as exc:
        svc.save_iki(actor=city.kadis.user, rhk=rhk, version=None, text="IKM", target=Decimal(80))
    assert set(exc.value.message_dict) == {"perspektif", "unit"}
    assert not Iki.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"text": ""}, "text"),
        ({"target": Decimal(-1)}, "target"),
        ({"target": Decimal(10), "unit": ""}, "unit"),
        ({"target": None, "lower_is_better": True}, "lower_is_better"),
        ({"aspek": ""}, "aspek"),
        ({"perspektif": "anggaran"}, "perspektif"),
    ],
)
def test_bad_iki_is_refused_with_field_message(
    city: Any, fields: dict[str, Any], field: str
) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = svc.save_rhk(
        actor=city.employee.user,
        skp=skp,
        version=None,
        kind="utama",
        text="R",
        supports=cascade.kasi_rhk,
    )
    values: dict[str, Any] = {
        "text": "Aduan",
        "aspek": Aspek.KUANTITAS,
        "target": Decimal(5),
        "unit": "aduan",
    }
    values.update(fields)
    with pytest.raises(ValidationError) as exc:
        svc.save_iki(actor=city.employee.user, rhk=rhk, version=None, **values)
    assert field in exc.value.message_dict
    assert not Iki.objects.filter(rhk=rhk).exists()


def test_lower_is_better_and_qualitative_iki(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = svc.save_rhk(
        actor=city.employee.user,
        skp=skp,
        version=None,
        kind="utama",
        text="R",
        supports=cascade.kasi_rhk,
    )
    fast = svc.save_iki(
        actor=city.employee.user,
        rhk=rhk,
        version=None,
        text="Waktu respons aduan",
        aspek=Aspek.WAKTU,
        target=Decimal(24),
        unit="jam",
        lower_is_better=True,
    )
    words = svc.save_iki(
        actor=city.employee.user, rhk=rhk, version=None, text="Jawaban jelas", aspek=Aspek.KUALITAS
    )
    assert fast.lower_is_better and fast.is_quantitative
    assert not words.is_quantitative


def test_workflow_submit_return_resubmit_approve_is_audited(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    with pytest.raises(ValidationError, match="RHK utama"):
        svc.submit_skp(actor=city.employee.user, skp=skp, version=None)
    add_rhk(skp, "Tercatatnya aduan", supports=cascade.kasi_rhk)
    svc.submit_skp(actor=city.employee.user, skp=skp, version=None)
    assert skp.state == SkpState.SUBMITTED
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        add_rhk(skp, "Lagi", supports=cascade.kasi_rhk)
    with pytest.raises(PermissionDenied):
        svc.approve_skp(actor=city.employee.user, skp=skp, version=None)
    with pytest.raises(PermissionDenied):
        svc.approve_skp(actor=city.kabid.user, skp=skp, version=None)
    with pytest.raises(ValidationError):
        svc.return_skp(actor=city.kasi.user, skp=skp, version=None, comment="  ")
    svc.return_skp(actor=city.kasi.user, skp=skp, version=None, comment="Target terlalu rendah")
    assert skp.state == SkpState.RETURNED and skp.return_comment == "Target terlalu rendah"
    rhk = skp.rhks.get()
    iki = rhk.ikis.get()
    svc.save_iki(
        actor=city.employee.user, rhk=rhk, iki=iki, version=None,
        text=iki.text, aspek=iki.aspek, target=Decimal(40), unit=iki.unit,
    )  # fmt: skip
    svc.submit_skp(actor=city.employee.user, skp=skp, version=None)
    svc.approve_skp(actor=city.kasi.user, skp=skp, version=None)
    skp.refresh_from_db()
    assert skp.state == SkpState.APPROVED and skp.decided_by == city.kasi.user
    actions = list(
        AuditEvent.objects.filter(target_id=str(skp.pk), action__startswith="skp.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert [a for a in actions if a in {"skp.submit", "skp.return", "skp.approve"}] == [
        "skp.submit", "skp.return", "skp.submit", "skp.approve",
    ]  # fmt: skip
    with pytest.raises(ValidationError):
        svc.approve_skp(actor=city.kasi.user, skp=skp, version=None)


def test_acting_holder_decides(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    add_rhk(skp, "Tercatatnya aduan", supports=cascade.kasi_rhk)
    svc.submit_skp(actor=city.employee.user, skp=skp, version=None)
    employee_services.assign_position(
        actor=city.superadmin, employee=city.outsider, position=city.kasi_pos,
        start_date=date(this_year(), 1, 1), kind="plh",
    )  # fmt: skip
    svc.approve_skp(actor=city.outsider.user, skp=skp, version=None)
    assert skp.state == SkpState.APPROVED


def test_stale_version_is_refused_and_nothing_changes(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    drawn = skp.version
    svc.update_details(actor=city.employee.user, skp=skp, version=drawn, konsekuensi="A")
    stale = Skp.objects.get(pk=skp.pk)
    stale.version = drawn
    with pytest.raises(svc.StaleSkp):
        svc.update_details(actor=city.employee.user, skp=stale, version=drawn, konsekuensi="B")
    with pytest.raises(svc.StaleSkp):
        svc.save_rhk(
            actor=city.employee.user, skp=stale, version=drawn, kind=RhkKind.UTAMA,
            text="R", supports=cascade.kasi_rhk,
        )  # fmt: skip
    skp.refresh_from_db()
    assert skp.konsekuensi == "A" and not skp.rhks.exists()


def test_expectations_by_assessor_only(city: Any) -> None:
    cascade = approved_cascade(city)
    skp = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    with pytest.raises(PermissionDenied):
        svc.set_expectations(actor=city.employee.user, skp=skp, version=None, texts={"loyal": "x"})
    svc.set_expectations(
        actor=city.kasi.user, skp=skp, version=None, texts={"pelayanan": "Ramah", "loyal": ""}
    )
    assert dict(skp.expectations.values_list("value", "text")) == {"pelayanan": "Ramah"}
    with pytest.raises(ValidationError):
        svc.set_expectations(actor=city.kasi.user, skp=skp, version=None, texts={"bogus": "x"})


def test_copy_from_last_year_relinks_by_text(city: Any) -> None:
    last = approved_cascade(city, make_year(city, this_year() - 1))
    old = svc.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=last.year
    )
    add_rhk(old, "Tercatatnya aduan", supports=last.kasi_rhk)
    add_rhk(old, "Terarsipnya surat", supports=last.kasi_rhk, kind=RhkKind.TAMBAHAN)
    svc.update_details(actor=city.employee.user, skp=old, version=None, konsekuensi="Teguran")
    approve(old, city.kasi)
    now = approved_cascade(city)
    new = svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=now.year)
    assert skp_drafting.copy_from_previous(actor=city.employee.user, skp=new) == 2
    new.refresh_from_db()
    assert new.konsekuensi == "Teguran" and new.copied_from == old
    assert {r.supports_id for r in new.rhks.all()} == {now.kasi_rhk.pk}
    assert Iki.objects.filter(rhk__skp=new).count() == 2
    with pytest.raises(ValidationError, match="sudah berisi"):
        skp_drafting.copy_from_previous(actor=city.employee.user, skp=new)


def test_copy_without_previous_is_a_clear_error(city: Any) -> None:
    year = make_year(city)
    skp = svc.start_skp(actor=city.employee.user, employee=city.employee, performance_year=year)
    with pytest.raises(ValidationError, match="Tidak ada SKP"):
        skp_drafting.copy_from_previous(actor=city.employee.user, skp=skp)


def test_draft_from_matrix(city: Any) -> None:
    cascade = approved_cascade(city)
    done = svc.start_skp(
        actor=city.colleague.user, employee=city.colleague, performance_year=cascade.year
    )
    add_rhk(done, "Sendiri", supports=cascade.kasi_rhk)
    svc.submit_skp(actor=city.colleague.user, skp=done, version=None)
    result = skp_drafting.draft_from_matrix(
        actor=city.kasi.user,
        leader=cascade.kasi,
        assignments={cascade.kasi_rhk.pk: [city.employee, city.colleague]},
    )
    assert (result.created_skps, result.added_rhks, len(result.skipped)) == (1, 1, 1)
    drafted = Skp.objects.get(employee=city.employee)
    assert drafted.rhks.get().supports == cascade.kasi_rhk
    again = skp_drafting.draft_from_matrix(
        actor=city.kasi.user,
        leader=cascade.kasi,
        assignments={cascade.kasi_rhk.pk: [city.employee]},
    )
    assert (again.created_skps, again.added_rhks) == (0, 0)
    with pytest.raises(ValidationError, match="bukan bawahan"):
        skp_drafting.draft_from_matrix(
            actor=city.kasi.user,
            leader=cascade.kasi,
            assignments={cascade.kasi_rhk.pk: [city.outsider]},
        )
    with pytest.raises(ValidationError):
        skp_drafting.draft_from_matrix(
            actor=city.kasi.user,
            leader=cascade.kasi,
            assignments={cascade.kabid_rhk.pk: [city.employee]},
        )
