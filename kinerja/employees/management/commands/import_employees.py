"""Import employees from a SIASN-style CSV or XLSX file (see docs/import.md)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.core.spreadsheets import SpreadsheetError
from kinerja.employees.importing import import_file
from kinerja.employees.management.commands._common import resolve_instansi


class Command(BaseCommand):
    help = (
        "Mengimpor pegawai dari berkas ekspor gaya SIASN (.csv atau .xlsx). Semua atau tidak sama"
        " sekali, kecuali dengan --skip-invalid. Dengan --dry-run tidak ada yang disimpan."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas .csv atau .xlsx")
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa dan laporkan; tidak menyimpan."
        )
        parser.add_argument(
            "--skip-invalid", action="store_true",
            help="Simpan baris yang valid dan lewati baris yang ditolak.",
        )  # fmt: skip
        parser.add_argument("--instansi", help="kode instansi (wajib bila ada lebih dari satu)")
        parser.add_argument("--actor", help="nama pengguna yang dicatat di jejak audit")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"Berkas '{path}' tidak ditemukan.")
        instansi = resolve_instansi(options["instansi"])
        actor = None
        if options["actor"]:
            actor = get_user_model().objects.filter(username=options["actor"]).first()
            if actor is None:
                raise CommandError(f"Pengguna '{options['actor']}' tidak ditemukan.")
        show_progress = options["verbosity"] >= 1 and sys.stderr.isatty()

        def progress(phase: str, done: int, total: int) -> None:
            if show_progress and total:
                label = "memeriksa" if phase == "checking" else "menyimpan"
                self.stderr.write(f"\r{label}: {done}/{total}", ending="")

        try:
            outcome = import_file(
                path, filename=path.name, instansi=instansi, actor=actor,
                dry_run=options["dry_run"], skip_invalid=options["skip_invalid"],
                on_progress=progress,
            )  # fmt: skip
        except SpreadsheetError as exc:
            raise CommandError(str(exc)) from None
        if show_progress:
            self.stderr.write("")
        counts = outcome.counts
        verb = "akan " if options["dry_run"] else ""
        self.stdout.write(
            f"{counts['total']} baris: {counts['created']} {verb}dibuat, "
            f"{counts['updated']} {verb}diubah, {counts['unchanged']} tidak berubah, "
            f"{counts['rejected']} ditolak; {counts['positions_created']} jabatan baru."
        )
        for rejection in outcome.rejections:
            self.stdout.write(f"baris {rejection.row}: {rejection.reason}")
        if options["dry_run"]:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
            if outcome.rejections:
                raise CommandError(f"{len(outcome.rejections)} baris ditolak.")
            return
        if not outcome.applied:
            raise CommandError(outcome.refused)
        self.stdout.write(self.style.SUCCESS("Impor selesai dan tercatat di jejak audit."))
