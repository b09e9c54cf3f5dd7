"""Check the audit log's hash chain and name the first broken event."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from kinerja.core.audit import verify_chain


class Command(BaseCommand):
    help = "Memeriksa rantai hash jejak audit dan menyebut peristiwa pertama yang rusak."

    def handle(self, *args: Any, **options: Any) -> None:
        count, broken = verify_chain()
        if broken is not None:
            raise CommandError(
                f"Rantai audit rusak pada peristiwa #{broken.event_id}: {broken.reason} "
                f"({count} peristiwa diperiksa)."
            )
        self.stdout.write(self.style.SUCCESS(f"Rantai audit utuh: {count} peristiwa diperiksa."))
