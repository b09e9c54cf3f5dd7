"""Issue, rotate or revoke the API token of one user.

A token is a long-lived credential for machine clients (reports, integrations), so it is issued
only from the server's command line. It is shown once and never written to the audit log or to
any log line; whoever loses it rotates it.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from rest_framework.authtoken.models import Token

from kinerja.accounts.models import User
from kinerja.core.audit import record_event


def find_user(login: str) -> User:
    """The user whose username is ``login``; a NIP may be typed with spaces."""
    login = login.strip()
    compact = login.replace(" ", "")
    candidate = compact if compact.isdigit() else login
    try:
        return User.objects.get(username=candidate)
    except User.DoesNotExist:
        raise CommandError(
            f"Pengguna dengan NIP atau nama pengguna '{login}' tidak ditemukan."
        ) from None


class Command(BaseCommand):
    help = (
        "Membuat token API untuk satu pengguna (NIP atau nama pengguna) dan menampilkannya sekali."
        " Dengan --rotate token lama diganti; dengan --revoke token dicabut."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("login", help="NIP atau nama pengguna")
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--rotate",
            action="store_true",
            help="Ganti token yang sudah ada; token lama langsung tidak berlaku.",
        )
        group.add_argument(
            "--revoke", action="store_true", help="Cabut token tanpa membuat yang baru."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = find_user(options["login"])
        if options["revoke"]:
            self._revoke(user)
            return
        if not user.is_active:
            raise CommandError(f"Akun '{user.username}' tidak aktif; token tidak dibuat.")
        with transaction.atomic():
            existing = Token.objects.select_for_update().filter(user=user).first()
            if existing is not None and not options["rotate"]:
                raise CommandError(
                    f"Pengguna '{user.username}' sudah memiliki token API. Gunakan --rotate untuk"
                    " menggantinya (token lama langsung tidak berlaku)."
                )
            if existing is not None:
                existing.delete()
            token = Token.objects.create(user=user)
            # The key itself never enters the audit trail: the event only says one was issued.
            record_event(
                actor=None,
                action="api_token.create",
                target=user,
                instansi_id=user.instansi_id,
                after={"rotated": existing is not None},
            )
        self.stderr.write(
            f"Token API untuk '{user.username}' (simpan sekarang; tidak akan ditampilkan lagi):"
        )
        # Alone on stdout so that scripts can capture it: TOKEN=$(manage.py create_api_token …)
        self.stdout.write(token.key)

    def _revoke(self, user: User) -> None:
        with transaction.atomic():
            deleted, _detail = Token.objects.filter(user=user).delete()
            if not deleted:
                raise CommandError(f"Pengguna '{user.username}' tidak memiliki token API.")
            record_event(
                actor=None,
                action="api_token.revoke",
                target=user,
                instansi_id=user.instansi_id,
            )
        self.stderr.write(f"Token API untuk '{user.username}' telah dicabut.")
