"""Recompute the stored due times and working minutes of complaints from the current calendar.

Run it after changing holidays or the work schedule outside the settings pages (e.g. directly in
the database), or to repair figures. Safe to run again: it changes nothing the second time.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.complaints.services.calendar import FIRST_YEAR, LAST_YEAR, recompute_times
from kinerja.core.audit import record_event
from kinerja.org.models import Instansi


class Command(BaseCommand):
    help = (
        "Menghitung ulang batas waktu aduan yang masih terbuka dan menit kerja setiap langkah "
        "aduan dari kalender kerja yang berlaku."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year",
            type=int,
            action="append",
            help="hanya menit kerja aduan tahun ini (boleh diulang); tanpa ini: semua tahun",
        )
        parser.add_argument("--instansi", help="kode instansi; tanpa ini: semua instansi")

    def handle(self, *args: Any, **options: Any) -> None:
        years: list[int] | None = options["year"]
        for year in years or ():
            if not FIRST_YEAR <= year <= LAST_YEAR:
                raise CommandError(f"--year harus antara {FIRST_YEAR} dan {LAST_YEAR}.")
        instansi = Instansi.objects.order_by("pk")
        if options["instansi"]:
            instansi = instansi.filter(code=options["instansi"])
            if not instansi.exists():
                raise CommandError(f"Instansi dengan kode {options['instansi']!r} tidak ada.")
        total = 0
        for item in instansi:
            changed = recompute_times(item.pk, years=years)
            total += changed
            record_event(
                actor=None,
                action="complaint_settings.recompute",
                target_label=", ".join(str(y) for y in years) if years else "",
                after={"years": years, "recomputed": changed},
                instansi_id=item.pk,
            )
            self.stdout.write(f"{item.name}: {changed} aduan berubah.")
        self.stdout.write(f"Selesai: {total} aduan berubah.")
