"""Load the deterministic demo data: Kota Surakarta, a second instansi and the demo logins."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kinerja.demo.builder import (
    DEFAULT_SEED,
    AlreadySeeded,
    SeedResult,
    already_seeded,
    conflicts,
    database_is_empty,
    seed_demo,
)
from kinerja.demo.personas import DEMO_LOGINS
from kinerja.performance.models import ObjectionState

MAX_SCALE = 100.0


def _scale(value: str) -> float:
    scale = float(value)
    if not 0 < scale <= MAX_SCALE:
        raise ValueError(value)
    return scale


class Command(BaseCommand):
    help = (
        "Memuat data demo Pemerintah Kota Surakarta (perangkat daerah, jabatan, ±6.500 ASN, "
        "akun demo). Hasilnya sama persis untuk --seed yang sama. Hanya untuk mode demo."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--scale",
            type=_scale,
            default=1.0,
            help=(
                "Pengali jumlah pegawai (mis. 15 ≈ 100.000 pegawai untuk benchmark; "
                "0,05 untuk uji cepat)."
            ),
        )
        parser.add_argument(
            "--seed", type=int, default=DEFAULT_SEED, help="Benih acak (bawaan 2026)."
        )
        parser.add_argument(
            "--no-evaluations",
            dest="evaluations",
            action="store_false",
            help=(
                "Tanpa realisasi, evaluasi, penetapan dan keberatan (jauh lebih cepat pada skala "
                "besar, untuk benchmark halaman lain)."
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if already_seeded():
            self.stdout.write("Data demo sudah dimuat; tidak ada yang diubah.")
            self._logins()
            return
        # The demo accounts share a published password: never add them to a real installation.
        # A fresh, empty database (a benchmark run) is fine; anything else needs demo mode.
        if not (settings.DEMO_MODE or settings.DEBUG or database_is_empty()):
            raise CommandError(
                "seed_demo hanya untuk mode demo atau basis data kosong: "
                "jalankan dengan KINERJA_DEMO=1 (atau DEBUG=1)."
            )
        taken = conflicts()
        if taken:
            raise CommandError("Data demo bentrok dengan data yang sudah ada: " + ", ".join(taken))
        try:
            result = seed_demo(
                seed=options["seed"], scale=options["scale"], evaluations=options["evaluations"]
            )
        except AlreadySeeded:
            self.stdout.write("Data demo sudah dimuat; tidak ada yang diubah.")
            self._logins()
            return
        self._summary(result)

    def _summary(self, r: SeedResult) -> None:
        out = self.stdout.write
        a = r.assessments
        out(
            self.style.SUCCESS(
                f"Data demo dimuat dalam {r.seconds:.1f} detik (seed {r.seed}, skala {r.scale:g})."
            )
        )
        rows = [
            (r.instansi.name, ""),
            ("  unit organisasi", f"{r.units:,}"),
            ("  jabatan", f"{r.positions:,}"),
            ("  pegawai", f"{r.employees:,}"),
            ("  riwayat jabatan", f"{r.assignments:,}"),
            ("  jabatan struktural kosong", f"{r.vacancies:,}"),
            ("  pelaksana tugas (Plt)", f"{r.acting:,}"),
            ("  pegawai tanpa atasan (rantai putus)", f"{r.broken_chains:,}"),
            ("SKP (tiga tahun, kedua instansi)", f"{r.skps:,}"),
            ("  realisasi IKI per triwulan", f"{a.realisasi:,}"),
            ("  evaluasi kinerja (periodik, tahunan)", f"{a.evaluations:,}"),
            ("    masih draf", f"{a.drafts:,}"),
            ("    berbeda dari rekomendasi (beralasan)", f"{a.overrides:,}"),
            ("  penetapan predikat unit (OPD)", f"{a.penetapan:,}"),
            ("    dengan pengecualian beralasan", f"{a.exceptions:,}"),
            ("  keberatan", f"{a.keberatan.total():,}"),
            *(
                (f"    {ObjectionState(state).label.lower()}", f"{n:,}")
                for state, n in sorted(a.keberatan.items())
            ),
            ("Aduan masyarakat (empat tahun)", f"{r.complaints.complaints:,}"),
            *((f"  {year}", f"{n:,}") for year, n in sorted(r.complaints.by_year.items())),
            ("  kategori", f"{r.complaints.categories:,}"),
            ("  petugas layanan aduan", f"{r.complaints.officers:,}"),
            ("  langkah dan tanggapan", f"{r.complaints.events + r.complaints.responses:,}"),
            ("  jawaban survei kepuasan (SKM)", f"{r.complaints.surveys:,}"),
            ("  IKI tertaut ke indikator aduan", f"{r.complaints.linked_iki:,}"),
            ("  realisasi terisi dari data aduan", f"{r.complaints.filled:,}"),
            (r.other_instansi.name, ""),
            ("  pegawai", f"{r.other_employees:,}"),
        ]
        for label, value in rows:
            out(f"{label:<40} {value:>10}".rstrip())
        self._logins()

    def _logins(self) -> None:
        out = self.stdout.write
        out("")
        out("Akun demo (masuk dengan NIP atau e-mail):")
        width = max(len(login.label) for login in DEMO_LOGINS)
        for login in DEMO_LOGINS:
            label, username, email = login.label, login.username, login.email
            out(f"  {label:<{width}}  {username:<18}  {email:<36}  {login.password}")
