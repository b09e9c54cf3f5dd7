"""Export employees in the format that import_employees reads (see docs/import.md)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.core.spreadsheets import format_from_name
from kinerja.employees.exporting import export_instansi
from kinerja.employees.management.commands._common import resolve_instansi


class Command(BaseCommand):
    help = (
        "Mengekspor pegawai satu instansi ke .csv atau .xlsx dalam format yang sama dengan impor."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas tujuan (.csv atau .xlsx)")
        parser.add_argument("--instansi", help="kode instansi (wajib bila ada lebih dari satu)")
        parser.add_argument(
            "--format", choices=["csv", "xlsx"],
            help="format berkas; bila kosong ditentukan dari akhiran nama berkas",
        )  # fmt: skip

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.parent.is_dir():
            raise CommandError(f"Folder '{path.parent}' tidak ada.")
        fmt = options["format"] or format_from_name(path.name)
        instansi = resolve_instansi(options["instansi"])
        count = export_instansi(path, instansi=instansi, fmt=fmt)
        self.stdout.write(f"{count} pegawai diekspor ke {path} ({fmt.upper()}).")
