"""Recompute the complaint indicators of a month, quarter or year, and the linked realisasi of
the open performance periods overlapping it (run daily for the current month by the task)."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.complaints.services.indicators import refresh
from kinerja.core.periods import BadRange, months_of, parse_range
from kinerja.org.models import Instansi
from kinerja.performance.models import Period, PeriodState
from kinerja.performance.services.indicator_link import fill_period


class Command(BaseCommand):
    help = (
        "Menghitung ulang indikator aduan untuk satu rentang (YYYY-MM, YYYY atau YYYY-Qn) dan "
        "realisasi IKI yang tertaut pada periode penilaian terbuka yang beririsan dengannya."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--period",
            required=True,
            help="rentang: YYYY-MM (bulan), YYYY (tahun) atau YYYY-Qn (triwulan)",
        )
        parser.add_argument("--instansi", help="kode instansi (bawaan: semua instansi)")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            starts, ends = parse_range(options["period"])
        except BadRange as exc:
            raise CommandError(f"--period {options['period']!r}: {exc}") from None
        instansi = Instansi.objects.order_by("code")
        if options["instansi"]:
            instansi = instansi.filter(code=options["instansi"])
            if not instansi.exists():
                raise CommandError(f"Instansi dengan kode {options['instansi']!r} tidak ada.")
        began = time.perf_counter()
        # A quarter or a year also refreshes its months: the public page shows both.
        ranges = [(starts, ends), *(m for m in months_of(starts, ends) if m != (starts, ends))]
        for each in instansi:
            for low, high in ranges:
                done = refresh(each.pk, low, high)
                self.stdout.write(
                    f"{each.code}: indikator {low:%d-%m-%Y} – {high:%d-%m-%Y}: "
                    f"{done.officers} pegawai, {done.units} OPD, {done.categories} kategori "
                    f"({done.seconds:.2f} s)"
                )
            periods = Period.objects.filter(
                instansi=each, state=PeriodState.OPEN, starts__lte=ends, ends__gte=starts
            ).order_by("starts", "kind", "number")
            for period in periods:
                same = (period.starts, period.ends) == (starts, ends)
                filled = fill_period(period=period, refreshed=same)
                if filled.skipped:
                    self.stdout.write(f"  {period}: dilewati – {filled.skipped}")
                    continue
                self.stdout.write(
                    f"  {period}: {filled.linked} IKI tertaut, {filled.created} baru, "
                    f"{filled.changed} berubah, {filled.unchanged} tetap, "
                    f"{filled.overridden} diubah penilai ({filled.seconds:.2f} s)"
                )
        self.stdout.write(f"Selesai dalam {time.perf_counter() - began:.2f} s.")
