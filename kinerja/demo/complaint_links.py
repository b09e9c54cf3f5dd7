"""Demo complaint indicators: the service officers' IKI linked to them, and their figures.

:func:`link_ikis` gives each service officer's approved plan of the current year an IKI whose
realisasi comes from the complaints; :func:`compute_indicators` computes the indicators of the
demo years and fills the open periods' linked realisasi, and :func:`fill_ended_periods` fills
those of this year's periods that have already ended, as the daily job would have.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from kinerja.complaints.indicators import UNITS
from kinerja.complaints.models import Indicator
from kinerja.complaints.selectors_indicators import GRACE_DAYS
from kinerja.complaints.services.indicators import refresh
from kinerja.core import bulk
from kinerja.core.periods import months_of
from kinerja.demo.complaint_catalog import VOLUME
from kinerja.org.models import Instansi
from kinerja.performance.models import (
    Aspek,
    Iki,
    Period,
    PeriodKind,
    PeriodState,
    Perspektif,
    Rhk,
    SkpState,
)
from kinerja.performance.services.indicator_link import fill_open_periods, fill_period

#: The IKI each service officer's plan of the current year gets, linked to the complaints.
LINKED_IKI = (
    "Persentase aduan masyarakat ditindaklanjuti dalam 2×24 jam kerja",
    Decimal(90),
)


def link_ikis(instansi: Instansi, officers: list[int], year: int) -> int:
    """A linked IKI on the first RHK of every service officer's approved plan of ``year``."""
    rhks = (
        Rhk.objects.filter(
            skp__instansi=instansi,
            skp__employee_id__in=officers,
            skp__performance_year__year=year,
            skp__state=SkpState.APPROVED,
        )
        .order_by("skp_id", "-kind", "order", "pk")
        .values_list("skp_id", "pk", "skp__is_jpt")
    )
    first: dict[int, tuple[int, bool]] = {}
    for skp_id, rhk_id, is_jpt in rhks:
        first.setdefault(skp_id, (rhk_id, is_jpt))
    text, target = LINKED_IKI
    rows = [
        Iki(
            rhk_id=rhk_id,
            instansi=instansi,
            text=text,
            aspek="" if is_jpt else Aspek.WAKTU,
            perspektif=Perspektif.PENERIMA_LAYANAN if is_jpt else "",
            target=target,
            unit=UNITS[Indicator.FOLLOWUP_ON_TIME],
            lower_is_better=False,
            indicator_source=Indicator.FOLLOWUP_ON_TIME,
            order=99,
        )
        for rhk_id, is_jpt in first.values()
    ]
    bulk.insert(Iki, rows)
    return len(rows)


def compute_indicators(instansi: Instansi, *, today: date, fill: bool = True) -> int:
    """Every month's and year's indicators of the demo years, then (unless the demo is left
    without realisasi) the linked realisasi of the open periods: what the daily task and
    ``refresh_indicators`` keep up to date."""
    for year in sorted(VOLUME):
        if date(year, 1, 1) > today:
            continue
        refresh(instansi.pk, date(year, 1, 1), date(year, 12, 31))
        for starts, ends in months_of(date(year, 1, 1), min(date(year, 12, 31), today)):
            refresh(instansi.pk, starts, ends)
    if not fill:
        return 0
    fills = fill_open_periods(instansi_id=instansi.pk, today=today)
    return sum(f.created + f.changed for f in fills)


def fill_ended_periods(instansi: Instansi, *, today: date) -> int:
    """The linked realisasi of this year's periodic periods that have ended, as the daily job
    left them on the last day it filled each (seven days after the period's end): computed from
    the complaints, with their lineage. Runs before the evaluations are drawn, which then read
    these values instead of drawing their own."""
    written = 0
    periods = Period.objects.filter(
        instansi=instansi, kind=PeriodKind.PERIODIC, ends__lt=today, starts__year=today.year
    ).order_by("starts")
    tz = timezone.get_current_timezone()
    for period in periods:
        # As it was while the job filled it (the seeded state may already be closed); not saved.
        period.state = PeriodState.OPEN
        last = min(period.ends + timedelta(days=GRACE_DAYS), today)
        at = datetime.combine(last, time(6, 0), tzinfo=tz)
        filled = fill_period(period=period, now=at)
        written += filled.created + filled.changed
    return written
