"""Builders for the tests of the period: an approved SKP of the test employee and evidence."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kinerja.performance.models import Aspek, Evidence, Iki, Period, Realisasi, Rhk, Skp
from kinerja.performance.selectors_during import period_on, realisasi_for
from kinerja.performance.services import during
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tests.factories import add_rhk, approve, approved_cascade

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class EmployeeSkp:
    skp: Skp
    rhk: Rhk
    iki: Iki  # quantitative, target 12 dokumen
    quali: Iki  # qualitative
    period: Period  # the periodic period containing today
    leader_rhk: Rhk  # the kasi's RHK (another SKP)


def approved_employee_skp(city: Any) -> EmployeeSkp:
    """The test employee's SKP for this year, approved by the kasi, with one RHK carrying a
    quantitative and a qualitative IKI."""
    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    rhk = add_rhk(skp, "Tercatatnya aduan masyarakat", supports=cascade.kasi_rhk)
    quali = skp_services.save_iki(
        actor=city.employee.user,
        rhk=rhk,
        version=None,
        text="Laporan aduan tersusun rapi",
        aspek=Aspek.KUALITAS,
    )
    approve(skp, city.kasi)
    skp = Skp.objects.with_people().get(pk=skp.pk)
    iki = Iki.objects.select_related("rhk").get(rhk=rhk, target__isnull=False)
    quali = Iki.objects.select_related("rhk").get(pk=quali.pk)
    period = period_on(skp, timezone.localdate())
    assert period is not None
    return EmployeeSkp(skp, rhk, iki, quali, period, cascade.kasi_rhk)


def pdf_upload(name: str = "Laporan Dewi Lestari.pdf", content: bytes = PDF) -> Any:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def file_evidence(city: Any, data: EmployeeSkp | None = None) -> Evidence:
    """A PDF bukti dukung on the quantitative IKI in the current period, uploaded by its owner."""
    data = data or approved_employee_skp(city)
    return during.add_evidence_file(
        actor=city.employee.user,
        realisasi=realisasi_for(data.iki, data.period, data.skp),
        upload=pdf_upload(),
        description="Rekap aduan",
    )


def numeric_realisasi(city: Any, data: EmployeeSkp, value: str = "5") -> Realisasi:
    return during.record_realisasi(
        actor=city.employee.user,
        iki=data.iki,
        period=data.period,
        version=None,
        value=Decimal(value),
        note="",
    )
