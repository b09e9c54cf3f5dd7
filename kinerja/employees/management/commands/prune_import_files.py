"""Delete uploaded import files that were never applied (run daily, e.g. from cron)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.employees.importing.jobs import prune_unapplied_files


class Command(BaseCommand):
    help = "Menghapus berkas impor yang tidak pernah diterapkan dan lebih tua dari N hari."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=7, help="umur minimum berkas (hari)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["days"] < 1:
            raise CommandError("--days harus minimal 1.")
        count = prune_unapplied_files(actor=None, older_than=timedelta(days=options["days"]))
        self.stdout.write(f"{count} berkas impor dihapus.")
