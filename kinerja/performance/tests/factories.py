"""Builders for performance tests: years, SKPs in any state, and an approved cascade."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from kinerja.employees.models import Employee
from kinerja.performance import services
from kinerja.performance.models import Aspek, PerformanceYear, Perspektif, Rhk, RhkKind, Skp
from kinerja.performance.services import skp as skp_services


def this_year() -> int:
    return timezone.localdate().year


def make_year(city: Any, year: int | None = None, cadence: str = "quarterly") -> PerformanceYear:
    year = year or this_year()
    return services.create_year(
        actor=city.bkpsdm.user,
        instansi=city.instansi,
        year=year,
        cadence=cadence,
        skp_deadline=date(year, 1, 31),
    )


def add_rhk(
    skp: Skp, text: str, supports: Rhk | None = None, kind: str = RhkKind.UTAMA, target: int = 12
) -> Rhk:
    """An RHK with one quantitative IKI, saved through the services as the SKP's owner."""
    actor = skp.employee.user
    rhk = skp_services.save_rhk(
        actor=actor, skp=skp, version=None, kind=kind, text=text, supports=supports
    )
    skp_services.save_iki(
        actor=actor,
        rhk=rhk,
        version=None,
        text=f"Jumlah {text.lower()}",
        aspek="" if skp.is_jpt else Aspek.KUANTITAS,
        perspektif=Perspektif.PROSES_BISNIS if skp.is_jpt else "",
        target=Decimal(target),
        unit="dokumen",
    )
    return rhk


def approve(skp: Skp, assessor: Employee | None) -> Skp:
    skp_services.submit_skp(actor=skp.employee.user, skp=skp, version=None)
    actor = assessor.user if assessor else None
    return skp_services.approve_skp(actor=actor, skp=skp, version=None)


@dataclass
class Cascade:
    year: PerformanceYear
    kadis: Skp
    kabid: Skp
    kasi: Skp
    kadis_rhk: Rhk
    kabid_rhk: Rhk
    kasi_rhk: Rhk


def approved_cascade(city: Any, year: PerformanceYear | None = None) -> Cascade:
    """Approved SKPs down the chain Kepala Dinas → Kabid → Kasi, each RHK supporting the one above.

    The Kepala Dinas (JPT) has no assessor in the test city, so BKPSDM approves that SKP.
    """
    year = year or make_year(city)
    kadis = skp_services.start_skp(
        actor=city.kadis.user, employee=city.kadis, performance_year=year
    )
    kadis_rhk = add_rhk(kadis, "Meningkatnya kualitas layanan pengaduan")
    skp_services.submit_skp(actor=city.kadis.user, skp=kadis, version=None)
    skp_services.approve_skp(actor=city.bkpsdm.user, skp=kadis, version=None)
    kabid = skp_services.start_skp(
        actor=city.kabid.user, employee=city.kabid, performance_year=year
    )
    kabid_rhk = add_rhk(kabid, "Tertanganinya pengaduan tepat waktu", supports=kadis_rhk)
    approve(kabid, city.kadis)
    kasi = skp_services.start_skp(actor=city.kasi.user, employee=city.kasi, performance_year=year)
    kasi_rhk = add_rhk(kasi, "Terverifikasinya aduan masuk", supports=kabid_rhk)
    approve(kasi, city.kabid)
    return Cascade(year, kadis, kabid, kasi, kadis_rhk, kabid_rhk, kasi_rhk)
