"""The demo's performance data: three years of cascaded plans the services would accept."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import F

from kinerja.demo.people import REFERENCE_DATE
from kinerja.demo.personas import PERSONAS
from kinerja.employees.models import Employee
from kinerja.performance.models import Iki, PerformanceYear, Period, PeriodState, Rhk, Skp, SkpState
from kinerja.performance.services import skp as skp_services

YEAR = REFERENCE_DATE.year


@pytest.fixture
def seeded(db: Any, settings: Any) -> None:
    settings.DEMO_MODE = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", "--scale", "0.05", stdout=io.StringIO())


def _persona(key: str) -> Employee:
    persona = next(p for p in PERSONAS if p.key == key)
    return Employee.objects.select_related("current_position").get(nip=persona.nip)


def test_three_years_with_quarterly_periods(seeded: None) -> None:
    years = PerformanceYear.objects.filter(instansi__code="kota-surakarta")
    assert sorted(years.values_list("year", flat=True)) == [YEAR - 2, YEAR - 1, YEAR]
    earlier = Period.objects.filter(
        performance_year__year__lt=YEAR, instansi__code="kota-surakarta"
    )
    assert set(earlier.values_list("state", flat=True)) == {PeriodState.LOCKED}
    assert Period.objects.filter(performance_year__year=YEAR).count() == 2 * 5  # both instansi


def test_every_supporting_rhk_points_at_the_assessor_positions_approved_plan(seeded: None) -> None:
    linked = Rhk.objects.filter(skp__is_jpt=False, supports__isnull=False)
    assert linked.exists()
    assert not linked.exclude(supports__skp__position_id=F("skp__assessor_position_id")).exists()
    assert not linked.exclude(supports__skp__state=SkpState.APPROVED).exists()
    assert (
        not Rhk.objects.filter(skp__is_jpt=False, supports__isnull=True)
        .exclude(skp__state=SkpState.DRAFT)
        .exists()
    )
    assert not Skp.objects.filter(state=SkpState.APPROVED, rhks__isnull=True).exists()
    assert not Iki.objects.filter(target__isnull=False, unit="").exists()


def test_current_year_has_every_state_and_returned_plans_say_why(seeded: None) -> None:
    states = set(Skp.objects.filter(performance_year__year=YEAR).values_list("state", flat=True))
    assert states >= {SkpState.APPROVED, SkpState.SUBMITTED, SkpState.DRAFT}
    returned = Skp.objects.filter(state=SkpState.RETURNED)
    assert all(returned.values_list("return_comment", flat=True))
    earlier = Skp.objects.filter(performance_year__year__lt=YEAR)
    assert set(earlier.values_list("state", flat=True)) == {SkpState.APPROVED}


def test_pegawai_can_draft_this_years_plan_under_the_atasans_approved_one(seeded: None) -> None:
    pegawai, atasan = _persona("pegawai"), _persona("atasan")
    assert not Skp.objects.filter(employee=pegawai, performance_year__year=YEAR).exists()
    leader = Skp.objects.get(employee=atasan, performance_year__year=YEAR)
    assert leader.state == SkpState.APPROVED
    year = PerformanceYear.objects.get(instansi=pegawai.instansi, year=YEAR)
    skp = skp_services.start_skp(actor=pegawai.user, employee=pegawai, performance_year=year)
    assert skp.assessor == atasan
    assert skp_services.leader_skp(skp) == leader
    rhk = skp_services.save_rhk(
        actor=pegawai.user,
        skp=skp,
        version=None,
        kind="utama",
        text="Tertanganinya aduan warga",
        supports=leader.rhks.first(),
    )
    assert rhk.pk
    assert skp_services.previous_skp(pegawai, YEAR) is not None  # last year's plan to copy
