"""Import complaints from a ULAS or SP4N-LAPOR! export (.csv or .xlsx); see docs/import.md.

Exit status, for scheduled runs: 0 when every row was applied (or, with ``--dry-run``, would
be); 2 when some rows were rejected, the others being applied; 1 when nothing could be done
(unreadable file, missing column, unknown instansi or user).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.complaints.importing import FILE_CHANNELS, ComplaintFileError, read_complaint_file
from kinerja.complaints.services.external import NON_FIELD, SOURCE_IMPORT, upsert
from kinerja.employees.management.commands._common import resolve_instansi

#: Exit status when some rows were rejected and the others applied.
PARTIAL = 2


class Command(BaseCommand):
    help = (
        "Mengimpor aduan dari berkas ekspor ULAS atau SP4N-LAPOR! (.csv atau .xlsx). Aduan yang"
        " sudah ada (kanal dan ID yang sama) tidak diduplikasi: yang sama dilewati, yang berubah"
        " diperbarui. Baris yang salah dilaporkan dan baris lain tetap disimpan (kode keluar 2)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="berkas .csv atau .xlsx")
        parser.add_argument(
            "--channel", required=True, choices=FILE_CHANNELS, help="kanal asal berkas"
        )
        parser.add_argument("--instansi", help="kode instansi (wajib bila ada lebih dari satu)")
        parser.add_argument(
            "--dry-run", action="store_true", help="Hanya periksa dan laporkan; tidak menyimpan."
        )
        parser.add_argument("--actor", help="nama pengguna yang dicatat di riwayat dan jejak audit")

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
        channel = options["channel"]
        try:
            parsed = read_complaint_file(path, channel=channel, filename=path.name)
        except ComplaintFileError as exc:
            raise CommandError(str(exc)) from None
        dry_run = options["dry_run"]
        outcome = upsert(
            actor=actor,
            instansi_id=instansi.pk,
            channel=channel,
            records=parsed.records,
            source=SOURCE_IMPORT,
            numbers=parsed.numbers,
            dry_run=dry_run,
        )
        counts = outcome.counts
        verb = "akan " if dry_run else ""
        self.stdout.write(
            f"{len(outcome.results)} baris: {counts['created']} {verb}dibuat, "
            f"{counts['updated']} {verb}diubah, {counts['unchanged']} tidak berubah, "
            f"{counts['rejected']} ditolak."
        )
        for rejected in outcome.rejected:
            for name, messages in rejected.errors.items():
                for message in messages:
                    if name == NON_FIELD:
                        self.stdout.write(f"baris {rejected.index}: {message}")
                    else:
                        column = parsed.labels.get(name, name)
                        self.stdout.write(f"baris {rejected.index}: {column}: {message}")
        if parsed.ignored:
            self.stdout.write("Kolom yang tidak dibaca: " + ", ".join(parsed.ignored) + ".")
        if dry_run:
            self.stdout.write("Uji coba (--dry-run): tidak ada yang disimpan.")
        if counts["rejected"]:
            rest = "akan disimpan" if dry_run else "sudah disimpan"
            raise CommandError(
                f"{counts['rejected']} baris ditolak; baris lainnya {rest}.", returncode=PARTIAL
            )
        if not dry_run:
            self.stdout.write(self.style.SUCCESS("Impor selesai dan tercatat di jejak audit."))
