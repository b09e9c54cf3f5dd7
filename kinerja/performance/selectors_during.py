"""Reads for the pages of the period (realisasi, evidence, activities, feedback, dialog)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.db.models import Count, Max, Prefetch, QuerySet

from kinerja.performance.models import (
    Activity,
    Berakhlak,
    DialogKinerja,
    Evidence,
    Feedback,
    Iki,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    Rhk,
    Skp,
)


def skp_periods(skp: Skp) -> list[Period]:
    """The periodic periods of the SKP's year that overlap the SKP, in order."""
    return list(
        Period.objects.filter(
            performance_year_id=skp.performance_year_id,
            kind=PeriodKind.PERIODIC,
            starts__lte=skp.ends,
            ends__gte=skp.starts,
        ).order_by("number")
    )


def default_period(periods: list[Period], today: date) -> Period | None:
    """The period to show first: the open one containing today, else the latest open one that
    has started, else the latest that has started, else the first.

    Periods are created open, so "the latest open period" alone would be the last one of the
    year even in January.
    """
    started = [p for p in periods if p.starts <= today]
    for candidates in (
        [p for p in started if p.ends >= today and p.state == PeriodState.OPEN],
        [p for p in started if p.state == PeriodState.OPEN],
        started,
        periods[:1],
    ):
        if candidates:
            return candidates[-1]
    return None


def period_on(skp: Skp, day: date) -> Period | None:
    """The periodic period of the SKP's year containing ``day``."""
    return Period.objects.filter(
        performance_year_id=skp.performance_year_id,
        kind=PeriodKind.PERIODIC,
        starts__lte=day,
        ends__gte=day,
    ).first()


def plan_with_realisasi(skp: Skp, period: Period | None) -> list[tuple[Rhk, list[Any]]]:
    """The SKP's RHK, each with ``(iki, realisasi or None)`` for ``period``; the realisasi carry
    their evidence. Three queries whatever the size of the plan."""
    rhks = list(
        skp.rhks.prefetch_related(Prefetch("ikis", queryset=Iki.objects.order_by("order", "pk")))
    )
    by_iki: dict[int, Realisasi] = {}
    if period is not None:
        by_iki = {
            r.iki_id: r
            for r in Realisasi.objects.filter(skp=skp, period=period).prefetch_related(
                Prefetch("evidence", queryset=Evidence.objects.order_by("created_at", "pk"))
            )
        }
    return [(rhk, [(iki, by_iki.get(iki.pk)) for iki in rhk.ikis.all()]) for rhk in rhks]


def realisasi_for(iki: Iki, period: Period, skp: Skp) -> Realisasi:
    """The realisasi of ``iki`` in ``period``, or a new unsaved one (the services save it)."""
    existing = Realisasi.objects.filter(iki=iki, period=period).first()
    if existing is not None:
        existing.iki, existing.period, existing.skp = iki, period, skp
        return existing
    return Realisasi(iki=iki, period=period, skp=skp, instansi_id=skp.instansi_id, version=0)


def activities_in(skp: Skp, period: Period | None) -> QuerySet[Activity]:
    query = Activity.objects.filter(skp=skp).select_related("rhk")
    if period is not None:
        query = query.filter(date__gte=period.starts, date__lte=period.ends)
    return query.order_by("-date", "-pk")


@dataclass
class Thread:
    """One feedback thread of an SKP: about an RHK or about a BerAKHLAK value."""

    label: str
    rhk: Rhk | None = None
    value: str = ""
    count: int = 0
    last: datetime | None = None
    query: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[int | None, str]:
        return (self.rhk.pk if self.rhk else None, self.value)


def feedback_threads(skp: Skp) -> list[Thread]:
    """Every thread of the SKP (one per RHK, one per BerAKHLAK value) with its message count."""
    stats: dict[tuple[int | None, str], Any] = {
        (row["rhk_id"], row["value"]): row
        for row in Feedback.objects.filter(skp=skp)
        .values("rhk_id", "value")
        .annotate(n=Count("pk"), last=Max("created_at"))
        .order_by()
    }
    threads = [Thread(label=rhk.text, rhk=rhk, query={"rhk": rhk.pk}) for rhk in skp.rhks.all()]
    threads += [
        Thread(label=str(label), value=value, query={"value": value})
        for value, label in Berakhlak.choices
    ]
    for thread in threads:
        row = stats.get(thread.key)
        if row:
            thread.count, thread.last = row["n"], row["last"]
    return threads


def thread_messages(skp: Skp, thread: Thread) -> QuerySet[Feedback]:
    """The messages of one thread, oldest first."""
    query = Feedback.objects.filter(skp=skp).select_related("author")
    if thread.rhk is not None:
        query = query.filter(rhk=thread.rhk)
    else:
        query = query.filter(rhk__isnull=True, value=thread.value)
    return query.order_by("created_at", "pk")


def dialogs_of(skp: Skp) -> QuerySet[DialogKinerja]:
    return (
        DialogKinerja.objects.filter(skp=skp).select_related("recorded_by").order_by("-date", "-pk")
    )
