"""Penetapan of the organisational predikat (issue 3 §4; DOMAIN.md §1.4): counts over a
subtree (confirmed evaluations only), who decides, reasons for exceptions, approval with its
snapshot, reopening, locked periods and stale versions."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.core.models import AuditEvent
from kinerja.employees import services as employee_services
from kinerja.employees.models import AssignmentKind
from kinerja.performance import scoring
from kinerja.performance.access_penetapan import penetapan_scope
from kinerja.performance.models import (
    EvaluationState,
    PenetapanState,
    PerformanceYear,
    Period,
    PeriodKind,
)
from kinerja.performance.scoring.distribution import (
    rule_to_dict,
)
from kinerja.performance.selectors_distribution import (
    predikat_counts,
    unevaluated_skp_count,
    unit_rows,
)
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services import penetapan as services
from kinerja.performance.tests.factories_during import approved_employee_skp
from kinerja.performance.tests.factories_penetapan import (
    baik_seksi_all_sangat_baik,
    current_period,
    finals,
    lock,
)

DEFAULTS = scoring.DEFAULT_DISTRIBUTION_RULES
OrgP = scoring.OrgPredikat


# --- Counts ---------------------------------------------------------------------------------


def test_counts_cover_the_subtree_and_only_final_evaluations(city: Any) -> None:
    period = current_period(city)
    finals(city, period, city.seksi, "112")
    finals(city, period, city.bidang, "3")
    finals(city, period, city.other_dinas, "5")
    finals(city, period, city.seksi, "1", state=EvaluationState.DRAFT)
    assert predikat_counts(city.dinas, period) == {"1": 2, "2": 1, "3": 1, "4": 0, "5": 0}
    assert predikat_counts(city.seksi, period) == {"1": 2, "2": 1, "3": 0, "4": 0, "5": 0}
    rows = {r.unit.pk: r for r in unit_rows([city.dinas, city.bidang, city.other_dinas], period)}
    assert rows[city.dinas.pk].counts == predikat_counts(city.dinas, period)
    assert rows[city.bidang.pk].counts == predikat_counts(city.bidang, period)
    assert rows[city.other_dinas.pk].evaluated == 1
    assert rows[city.dinas.pk].approved_skps == 5  # the draft evaluation's SKP is approved too
    assert rows[city.dinas.pk].has_children and not rows[city.other_dinas.pk].has_children
    assert unevaluated_skp_count(city.dinas, period) == 1


# --- Who decides ----------------------------------------------------------------------------


def test_the_leader_above_the_unit_head_or_bkpsdm_sets_the_predikat(city: Any) -> None:
    period = current_period(city)
    # Seksi: head Kasi, reporting to the Kabid.
    done = services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    assert done.state == PenetapanState.DRAFT and done.set_by == city.kabid.user
    for person in (city.kasi, city.kadis, city.unit_admin, city.auditor, city.employee):
        with pytest.raises(PermissionDenied):
            services.set_org_predikat(
                actor=person.user, unit=city.seksi, period=period, org_predikat="baik", version=None
            )
    services.set_org_predikat(
        actor=city.bkpsdm.user, unit=city.seksi, period=period, org_predikat="kurang", version=None
    )
    services.set_org_predikat(
        actor=city.kadis.user, unit=city.bidang, period=period, org_predikat="baik", version=0
    )
    # The dinas head reports to nobody in the tree: only BKPSDM decides it.
    with pytest.raises(PermissionDenied):
        services.set_org_predikat(
            actor=city.kadis.user, unit=city.dinas, period=period, org_predikat="baik", version=0
        )
    services.set_org_predikat(
        actor=city.bkpsdm.user, unit=city.dinas, period=period, org_predikat="istimewa", version=0
    )
    with pytest.raises(PermissionDenied):
        services.set_org_predikat(
            actor=city.foreign.user, unit=city.dinas, period=period, org_predikat="baik", version=1
        )
    assert AuditEvent.objects.filter(action="penetapan.set_predikat").count() == 4


def test_an_acting_leader_decides(city: Any) -> None:
    period = current_period(city)
    employee_services.assign_position(
        actor=None,
        employee=city.colleague,
        position=city.kabid_pos,
        kind=AssignmentKind.PLH,
        start_date=date(2020, 1, 1),
    )
    services.set_org_predikat(
        actor=city.colleague.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    scope = penetapan_scope(city.colleague.user, city.instansi.pk)
    assert scope.may_decide(city.seksi) and scope.reads(city.bidang)
    assert not scope.reads(city.other_dinas)


def test_unknown_predikat_and_foreign_period_are_refused(city: Any) -> None:
    period = current_period(city)
    with pytest.raises(ValidationError, match="Pilih predikat"):
        services.set_org_predikat(
            actor=city.bkpsdm.user, unit=city.seksi, period=period, org_predikat="x", version=0
        )
    foreign_year = PerformanceYear.objects.create(
        instansi=city.other_instansi, year=2026, cadence="quarterly", skp_deadline=date(2026, 1, 31)
    )
    foreign = Period.objects.create(
        performance_year=foreign_year,
        instansi=city.other_instansi,
        kind=PeriodKind.ANNUAL,
        number=0,
        starts=date(2026, 1, 1),
        ends=date(2026, 12, 31),
        evaluation_deadline=date(2027, 1, 31),
    )
    with pytest.raises(ValidationError, match="bukan milik instansi"):
        services.set_org_predikat(
            actor=city.superadmin, unit=city.seksi, period=foreign, org_predikat="baik", version=0
        )


# --- Reasons, approval, reopening -------------------------------------------------------------


def test_approval_needs_a_reason_for_each_broken_clause(city: Any) -> None:
    assessment = baik_seksi_all_sangat_baik(city)[1]
    with pytest.raises(ValidationError) as refused:
        services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=1)
    assert set(refused.value.message_dict) == {"0-most-2", "2-some-34"}
    assert "tidak terpenuhi" in refused.value.message_dict["0-most-2"][0]
    assessment.refresh_from_db()
    assert assessment.state == PenetapanState.DRAFT and assessment.version == 1

    with pytest.raises(ValidationError) as short:
        services.record_exceptions(
            actor=city.kabid.user,
            assessment=assessment,
            version=1,
            reasons={"0-most-2": "singkat"},
        )
    assert "terlalu singkat" in short.value.message_dict["0-most-2"][0]
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.record_exceptions(
            actor=city.kabid.user, assessment=assessment, version=1, reasons={"9-most-1": "x" * 20}
        )
    services.record_exceptions(
        actor=city.kabid.user,
        assessment=assessment,
        version=1,
        reasons={"0-most-2": "Seluruh staf melampaui target layanan pengaduan."},
    )
    with pytest.raises(ValidationError) as still:
        services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=2)
    assert set(still.value.message_dict) == {"2-some-34"}

    services.record_exceptions(
        actor=city.kabid.user,
        assessment=assessment,
        version=2,
        reasons={"2-some-34": "Tidak ada pegawai dengan kinerja di bawah ekspektasi."},
    )
    approval = services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=3)
    assessment.refresh_from_db()
    assert assessment.state == PenetapanState.APPROVED
    assert assessment.approved_by == city.kabid.user and assessment.approved_at
    assert assessment.counts == {"1": 4, "2": 0, "3": 0, "4": 0, "5": 0}
    assert assessment.rule == {
        **rule_to_dict(DEFAULTS[OrgP.BAIK]),
        "most_reading": "majority",
        "small_unit_size": 4,
    }
    assert assessment.scoring_version == scoring.SCORING_VERSION
    assert set(assessment.exceptions) == {"0-most-2", "2-some-34"}
    assert not approval.check.ok and approval.unevaluated == 0 and approval.warning == ""
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"penetapan.set_predikat", "penetapan.exceptions", "penetapan.approve"} <= actions


def test_approval_warns_about_approved_skps_without_a_final_evaluation(city: Any) -> None:
    data = approved_employee_skp(city)
    assessment = services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=data.period, org_predikat="baik", version=0
    )
    approval = services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=1)
    # The employee's and the Kasi's own approved SKPs are in the seksi, neither evaluated.
    assert approval.check.empty and approval.unevaluated == 2
    assert "2 SKP yang disetujui" in approval.warning


def test_a_confirmed_evaluation_counts(city: Any) -> None:
    data = approved_employee_skp(city)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    evaluation_services.save_evaluation(
        actor=city.kasi.user,
        evaluation=evaluation,
        version=None,
        hasil_kerja=evaluation.recommended or "2",
        perilaku="2",
        confirm=True,
    )
    assert sum(predikat_counts(city.dinas, data.period).values()) == 1
    assert unevaluated_skp_count(city.seksi, data.period) == 1  # the Kasi's own SKP


def test_approved_penetapan_is_frozen_until_reopened(city: Any) -> None:
    period = current_period(city)
    finals(city, period, city.seksi, "22233")
    assessment = services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=0
    )
    services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=1)
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.set_org_predikat(
            actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="kurang", version=2
        )
    with pytest.raises(ValidationError, match="sudah disetujui"):
        services.record_exceptions(
            actor=city.kabid.user, assessment=assessment, version=2, reasons={}
        )
    with pytest.raises(PermissionDenied):
        services.reopen_penetapan(actor=city.kasi.user, assessment=assessment, version=2)
    services.reopen_penetapan(actor=city.kabid.user, assessment=assessment, version=2)
    assessment.refresh_from_db()
    assert assessment.state == PenetapanState.DRAFT
    assert assessment.counts == {} and assessment.approved_by is None
    with pytest.raises(ValidationError, match="belum disetujui"):
        services.reopen_penetapan(actor=city.kabid.user, assessment=assessment, version=3)
    services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="kurang", version=3
    )
    assert AuditEvent.objects.filter(action="penetapan.reopen").count() == 1


def test_changing_the_unit_predikat_drops_the_old_reasons(city: Any) -> None:
    period, assessment = baik_seksi_all_sangat_baik(city)
    services.record_exceptions(
        actor=city.kabid.user,
        assessment=assessment,
        version=1,
        reasons={"0-most-2": "Seluruh staf melampaui target."},
    )
    services.set_org_predikat(
        actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="istimewa", version=2
    )
    assessment.refresh_from_db()
    assert assessment.exceptions == {} and assessment.org_predikat == "istimewa"


def test_a_locked_period_refuses_every_change(city: Any) -> None:
    period, assessment = baik_seksi_all_sangat_baik(city)
    lock(city, period)
    assessment.period.refresh_from_db()
    message = "sudah dikunci"
    with pytest.raises(ValidationError, match=message):
        services.set_org_predikat(
            actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=1
        )
    with pytest.raises(ValidationError, match=message):
        services.record_exceptions(
            actor=city.kabid.user, assessment=assessment, version=1, reasons={}
        )
    with pytest.raises(ValidationError, match=message):
        services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=1)
    with pytest.raises(ValidationError, match=message):
        services.reopen_penetapan(actor=city.kabid.user, assessment=assessment, version=1)


def test_stale_versions_are_refused(city: Any) -> None:
    period, assessment = baik_seksi_all_sangat_baik(city)
    with pytest.raises(services.StalePenetapan):
        services.set_org_predikat(
            actor=city.kabid.user, unit=city.seksi, period=period, org_predikat="baik", version=0
        )
    with pytest.raises(services.StalePenetapan):
        services.set_org_predikat(
            actor=city.kadis.user, unit=city.bidang, period=period, org_predikat="baik", version=4
        )
    services.record_exceptions(actor=city.kabid.user, assessment=assessment, version=1, reasons={})
    with pytest.raises(services.StalePenetapan):
        services.approve_penetapan(actor=city.kabid.user, assessment=assessment, version=1)
