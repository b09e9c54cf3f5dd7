"""Builders for the penetapan tests: the current period, final evaluations in bulk, a locked
period and a seksi whose distribution breaks the Baik rule."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from django.utils import timezone

from kinerja.employees.tests.factories import make_employee
from kinerja.org.models import Unit
from kinerja.org.tests.factories import make_position
from kinerja.performance import services as period_services
from kinerja.performance.models import (
    Evaluation,
    EvaluationState,
    PerformanceYear,
    Period,
    PeriodKind,
    Skp,
    SkpState,
    UnitAssessment,
)
from kinerja.performance.services import penetapan as services
from kinerja.performance.tests.factories import make_year

_SERIAL = itertools.count(1)


def current_period(city: Any) -> Period:
    """The periodic period containing today, of this year for Kota A (created when missing)."""
    year = PerformanceYear.objects.filter(instansi=city.instansi).first() or make_year(city)
    today = timezone.localdate()
    return Period.objects.get(
        performance_year=year, kind=PeriodKind.PERIODIC, starts__lte=today, ends__gte=today
    )


def finals(
    city: Any,
    period: Period,
    unit: Unit,
    codes: str,
    *,
    state: str = EvaluationState.FINAL,
) -> list[Evaluation]:
    """One employee with an approved SKP and an evaluation per predikat code in ``codes``."""
    year = period.performance_year
    made = []
    for code in codes:
        n = next(_SERIAL)
        position = make_position(unit, f"Staf {unit.code} {n}", kelas_jabatan=6)
        employee = make_employee(city.instansi, f"Pegawai {unit.code} {n}", position=position)
        skp = Skp.objects.create(
            instansi=city.instansi,
            performance_year=year,
            employee=employee,
            position=position,
            unit=unit,
            starts=date(year.year, 1, 1),
            ends=date(year.year, 12, 31),
            state=SkpState.APPROVED,
        )
        final = state == EvaluationState.FINAL
        made.append(
            Evaluation.objects.create(
                instansi=city.instansi,
                skp=skp,
                period=period,
                employee=employee,
                unit=unit,
                unit_path=unit.path,
                state=state,
                hasil_kerja="2" if final else "",
                perilaku="2" if final else "",
                predikat=code if final else "",
            )
        )
    return made


def lock(city: Any, period: Period) -> None:
    """Close then lock the period as BKPSDM."""
    for state in ("closed", "locked"):
        period_services.set_period_state(actor=city.bkpsdm.user, period=period, state=state)
    period.refresh_from_db()


def baik_seksi_all_sangat_baik(city: Any) -> tuple[Period, UnitAssessment]:
    """Seksi with unit predikat Baik and four Sangat Baik: "Baik is most", "some BP/K" fail."""
    period = current_period(city)
    finals(city, period, city.seksi, "1111")
    assessment = services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    return period, assessment
