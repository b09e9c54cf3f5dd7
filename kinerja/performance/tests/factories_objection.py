"""Builders for the keberatan and Mengapa? tests: a confirmed evaluation and a filed objection."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from kinerja.performance.models import Evaluation, Objection, Skp
from kinerja.performance.selectors_during import period_on
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services import objection as objection_services
from kinerja.performance.tests.factories import approved_cascade
from kinerja.performance.tests.factories_during import (
    EmployeeSkp,
    approved_employee_skp,
    numeric_realisasi,
)

SESUAI = "2"


def final_evaluation(
    city: Any,
    data: EmployeeSkp | None = None,
    *,
    hasil_kerja: str = SESUAI,
    perilaku: str = SESUAI,
    realisasi: str = "3",
    override_reason: str = "",
) -> Evaluation:
    """The test employee's evaluation for the current period, confirmed by the Kasi (realisasi 3
    of a quarterly target of 3: capaian 100 %, recommendation Sesuai)."""
    data = data or approved_employee_skp(city)
    numeric_realisasi(city, data, realisasi)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    return evaluation_services.save_evaluation(
        actor=city.kasi.user,
        evaluation=evaluation,
        version=evaluation.version,
        hasil_kerja=hasil_kerja,
        perilaku=perilaku,
        override_reason=override_reason,
        perilaku_values={"pelayanan": perilaku},
        confirm=True,
    )


def filed_objection(city: Any, evaluation: Evaluation | None = None) -> Objection:
    evaluation = evaluation or final_evaluation(city)
    return objection_services.file_objection(
        actor=city.employee.user,
        evaluation=evaluation,
        reason="Target triwulan sudah terlampaui; bukti dukung terlampir.",
    )


def final_kabid_evaluation(city: Any) -> Evaluation:
    """The Kabid's evaluation, confirmed by the Kepala Dinas: the Kepala Dinas's post has no post
    above it, so Admin BKPSDM decides a keberatan against it."""
    cascade = approved_cascade(city)
    skp = Skp.objects.with_people().get(pk=cascade.kabid.pk)
    period = period_on(skp, timezone.localdate())
    assert period is not None
    evaluation = evaluation_services.open_evaluation(actor=city.kadis.user, skp=skp, period=period)
    return evaluation_services.save_evaluation(
        actor=city.kadis.user,
        evaluation=evaluation,
        version=evaluation.version,
        hasil_kerja="3",
        perilaku=SESUAI,
        override_reason="Tidak ada realisasi yang dicatat.",
        confirm=True,
    )
