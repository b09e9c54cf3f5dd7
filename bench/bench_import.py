"""Benchmark: import a large SIASN-style CSV, then import it again (which must change nothing).

Usage::

    .venv/bin/python bench/bench_import.py [--rows 100000] [--keep]

Uses a fresh database: with ``DATABASE_URL`` unset, a temporary SQLite file (with the same
settings as production SQLite: WAL, foreign keys); otherwise a new test database next to the
one ``DATABASE_URL`` names (created and dropped by Django's test machinery).
Goals: first import ≤ 30 s, re-import with no change ≤ 10 s, for 100,000 rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OPDS = 40
SUBUNITS = 9  # per OPD: one secretariat-like and eight bidang/seksi
STAFF_NAMES = ["Pengadministrasi Umum", "Pengelola Data", "Analis Kebijakan Ahli Muda"]
NEW_NAMES = ["Pengolah Data", "Pranata Komputer Ahli Pertama"]  # created by the import


def _setup(temp_dir: Path) -> str:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kinerja.settings")
    os.environ.setdefault("KINERJA_VAR_DIR", str(temp_dir))
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{temp_dir / 'bench.sqlite3'}"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor == "sqlite":
        call_command("migrate", verbosity=0)
        return "sqlite"
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    return connection.vendor


def _build_org() -> tuple[Any, list[tuple[str, str]], list[tuple[str, str, str]]]:
    """An instansi with units and positions. Returns it, (unit code, head name), staff slots."""
    from kinerja.org import services
    from kinerja.org.models import JabatanLevel, JabatanType, UnitType

    instansi = services.create_instansi(actor=None, code="bench", name="Pemerintah Kota Bench")
    heads: list[tuple[str, str]] = []
    slots: list[tuple[str, str, str]] = []  # (unit code, jabatan name, jenis jabatan)
    for o in range(1, OPDS + 1):
        opd = services.create_unit(
            actor=None, instansi=instansi, name=f"Dinas {o}", code=f"OPD{o:02d}",
            type=UnitType.DINAS, audit=False,
        )  # fmt: skip
        head = services.create_position(
            actor=None, unit=opd, name=f"Kepala Dinas {o}", jabatan_type=JabatanType.JPT,
            level=JabatanLevel.JPT_PRATAMA, eselon="II.b", is_unit_head=True, audit=False,
        )  # fmt: skip
        heads.append((opd.code, head.name))
        for s in range(1, SUBUNITS + 1):
            sub = services.create_unit(
                actor=None, instansi=instansi, parent=opd, name=f"Bidang {o}.{s}",
                code=f"OPD{o:02d}B{s}", type=UnitType.BIDANG, audit=False,
            )  # fmt: skip
            sub_head = services.create_position(
                actor=None, unit=sub, parent=head, name=f"Kepala Bidang {o}.{s}",
                jabatan_type=JabatanType.ADMINISTRATOR, level=JabatanLevel.ADMINISTRATOR,
                eselon="III.b", is_unit_head=True, audit=False,
            )  # fmt: skip
            heads.append((sub.code, sub_head.name))
            for name in STAFF_NAMES:
                kind = JabatanType.FUNGSIONAL if "Ahli" in name else JabatanType.PELAKSANA
                level = JabatanLevel.AHLI_MUDA if "Ahli" in name else JabatanLevel.KLEREK
                services.create_position(
                    actor=None, unit=sub, parent=sub_head, name=name, jabatan_type=kind,
                    level=level, capacity=50, audit=False,
                )  # fmt: skip
                slots.append((sub.code, name, "Fungsional" if "Ahli" in name else "Pelaksana"))
            for name in NEW_NAMES:
                slots.append((sub.code, name, "Fungsional" if "Ahli" in name else "Pelaksana"))
    return instansi, heads, slots


def _write_csv(path: Path, rows: int, heads: list, slots: list) -> None:
    from kinerja.employees.importing.columns import column
    from kinerja.employees.nip import make_nip

    rng = random.Random(20260101)
    keys = [
        "nip", "name", "gelar_belakang", "birth_place", "birth_date", "gender", "status",
        "kedudukan", "tmt_cpns", "golongan", "tmt_golongan", "jenis_jabatan", "jabatan",
        "tmt_jabatan", "unor_id", "education_level", "graduation_year", "email", "phone",
    ]  # fmt: skip
    used: set[str] = set()
    golongan = ["II/a", "II/c", "III/a", "III/b", "III/c", "III/d", "IV/a"]
    education = ["SLTA", "D-III", "S-1", "S-2"]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=";")
        writer.writerow([column(k).header for k in keys])
        for i in range(rows):
            while True:
                born = date(1965, 1, 1) + timedelta(days=rng.randrange(365 * 35))
                gender = rng.choice("LP")
                tmt_year = born.year + rng.randint(20, 28)
                tmt_month = rng.randint(1, 12)
                nip = make_nip(born, min(tmt_year, 2024), tmt_month, gender, rng.randint(1, 999))
                if nip not in used:
                    used.add(nip)
                    break
            if i < len(heads):
                unit, jabatan = heads[i]
                jenis = "Struktural"
            else:
                unit, jabatan, jenis = slots[i % len(slots)]
            tmt_cpns = date(min(tmt_year, 2024), tmt_month, 1)
            writer.writerow([
                nip, f"Pegawai {i}", "S.Kom." if i % 3 == 0 else "", "Surakarta",
                born.strftime("%d-%m-%Y"), gender, "PNS", "Aktif", tmt_cpns.strftime("%d-%m-%Y"),
                rng.choice(golongan), "01-04-2022", jenis, jabatan, "01-01-2024", unit,
                rng.choice(education), str(rng.randint(1985, 2015)), f"pegawai{i}@contoh.go.id",
                f"08{rng.randrange(10**9, 10**10)}",
            ])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    args = parser.parse_args()
    temp_dir = Path(tempfile.mkdtemp(prefix="kinerja-bench-"))
    vendor = _setup(temp_dir)

    from kinerja.employees.importing import import_file
    from kinerja.employees.models import Employee

    instansi, heads, slots = _build_org()
    path = temp_dir / "pegawai.csv"
    started = time.perf_counter()
    _write_csv(path, args.rows, heads, slots)
    print(f"database: {vendor}; rows: {args.rows}; file: {path.stat().st_size / 1e6:.1f} MB "
          f"(generated in {time.perf_counter() - started:.1f} s)")  # fmt: skip

    runs = [("first import", 30.0), ("re-import (no change)", 10.0)]
    for label, goal in runs:
        marks: dict[str, float] = {}

        def phase(name: str, done: int, total: int, marks: dict[str, float] = marks) -> None:
            marks.setdefault(name, time.perf_counter())

        started = time.perf_counter()
        outcome = import_file(
            path, filename=path.name, instansi=instansi, actor=None, dry_run=False,
            on_progress=phase,
        )  # fmt: skip
        ended = time.perf_counter()
        elapsed = ended - started
        checked = marks.get("writing", ended) - started
        c = outcome.counts
        verdict = "ok" if elapsed <= goal else "OVER GOAL"
        print(
            f"{label:>22}: {elapsed:6.1f} s (goal ≤ {goal:.0f} s, {verdict}; reading and checking "
            f"{checked:.1f} s, writing {elapsed - checked:.1f} s) — created {c['created']}, "
            f"updated {c['updated']}, unchanged {c['unchanged']}, rejected {c['rejected']}, "
            f"new positions {c['positions_created']}"
        )
        if not outcome.applied:
            print(f"  not applied: {outcome.refused}")
            for rejection in outcome.rejections[:5]:
                print(f"  row {rejection.row}: {rejection.reason}")
            break
    print(f"employees in database: {Employee.objects.count()}")
    if vendor != "sqlite":
        from django.db import connection

        connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
    if args.keep:
        print(f"kept: {temp_dir}")
    else:
        for item in temp_dir.iterdir():
            item.unlink()
        temp_dir.rmdir()


if __name__ == "__main__":
    main()
