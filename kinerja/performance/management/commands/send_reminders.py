"""Mail each user their reminders before deadlines, once a day (run daily, e.g. from cron)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.core.mail import mail_backend
from kinerja.performance.services.reminders import send_reminders


def _day(raw: str) -> date:
    try:
        return date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError("--date harus berformat YYYY-MM-DD.") from exc


class Command(BaseCommand):
    help = (
        "Mengirim surel pengingat batas waktu kepada setiap pengguna, paling banyak sekali sehari."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan yang akan dikirim tanpa mengirim"
        )
        parser.add_argument("--date", help="hitung pengingat untuk tanggal ini (YYYY-MM-DD)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = _day(options["date"]) if options["date"] else None
        run = send_reminders(today=today, dry_run=options["dry_run"])
        if not run.configured:
            self.stdout.write(
                f"Surel belum dikonfigurasi ({mail_backend()}; setel EMAIL_HOST): "
                "tidak ada yang dikirim."
            )
        for mail in run.unsent:
            self.stdout.write(f"--- {mail.email}: {mail.subject}\n{mail.body}")
        self.stdout.write(
            f"{run.sent} surel dikirim, {len(run.unsent)} tidak dikirim, "
            f"{run.already_sent} sudah dikirim hari ini, {run.failed} gagal."
        )
        if run.failed:
            raise CommandError(f"{run.failed} surel pengingat gagal dikirim.")
