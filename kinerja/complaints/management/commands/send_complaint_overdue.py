"""Mail each officer their late and at-risk complaints and each atasan their team's, once a day,
and the complainants' mails that could not be sent earlier."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kinerja.complaints.services.citizen_mail import resend_pending
from kinerja.complaints.services.overdue import send_overdue_notifications
from kinerja.core.mail import mail_backend
from kinerja.org.models import Instansi

#: With ``--date``, the lists are computed as at this hour of that day (the morning run).
RUN_HOUR = time(7, 0)


def _moment(raw: str) -> datetime:
    try:
        day = date.fromisoformat(raw)
    except ValueError as exc:
        raise CommandError("--date harus berformat YYYY-MM-DD.") from exc
    return timezone.make_aware(datetime.combine(day, RUN_HOUR))


class Command(BaseCommand):
    help = (
        "Mengirim daftar aduan terlambat dan berisiko kepada petugas dan atasannya, paling banyak"
        " sekali sehari per penerima."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan yang akan dikirim tanpa mengirim"
        )
        parser.add_argument("--date", help="hitung daftar per pukul 07.00 tanggal ini (YYYY-MM-DD)")
        parser.add_argument("--instansi", help="kode instansi (bawaan: semua instansi)")

    def handle(self, *args: Any, **options: Any) -> None:
        now = _moment(options["date"]) if options["date"] else None
        instansi = Instansi.objects.order_by("pk")
        if options["instansi"]:
            instansi = instansi.filter(code=options["instansi"])
            if not instansi.exists():
                raise CommandError(f"Instansi {options['instansi']} tidak ditemukan.")
        failed = 0
        for found in instansi:
            run = send_overdue_notifications(found.pk, now, dry_run=options["dry_run"])
            if not run.configured and not options["dry_run"]:
                self.stdout.write(
                    f"Surel belum dikonfigurasi ({mail_backend()}; setel EMAIL_HOST): "
                    "tidak ada yang dikirim."
                )
            for mail in run.unsent:
                self.stdout.write(f"--- {mail.email}: {mail.subject}\n{mail.body}")
            self.stdout.write(
                f"{found.name}: {run.late} aduan terlambat, {run.at_risk} berisiko; "
                f"{run.sent} surel dikirim, {len(run.unsent)} tidak dikirim, "
                f"{run.already_sent} sudah dikirim hari ini, {run.no_address} tanpa alamat, "
                f"{run.failed} gagal."
            )
            failed += run.failed
        if not options["dry_run"]:
            resent, refailed = resend_pending()
            if resent or refailed:
                self.stdout.write(
                    f"Surel kepada pelapor yang tertunda: {resent} dikirim, {refailed} gagal."
                )
            failed += refailed
        if failed:
            raise CommandError(f"{failed} surel gagal dikirim.")
