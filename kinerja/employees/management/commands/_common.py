"""Helpers shared by the employee import and export commands."""

from __future__ import annotations

from django.core.management.base import CommandError

from kinerja.org.models import Instansi


def resolve_instansi(code: str | None) -> Instansi:
    """The instansi with ``code``, or the only one when no code is given."""
    if code:
        instansi = Instansi.objects.filter(code=code).first()
        if instansi is None:
            raise CommandError(f"Instansi dengan kode '{code}' tidak ditemukan.")
        return instansi
    choices = list(Instansi.objects.all()[:2])
    if len(choices) == 1:
        return choices[0]
    if not choices:
        raise CommandError("Belum ada instansi; buat instansi terlebih dahulu.")
    raise CommandError("Ada lebih dari satu instansi: pilih dengan --instansi KODE.")
