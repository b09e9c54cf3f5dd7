"""Every write to a unit's organisational predikat and the penetapan of its distribution
(SE MenPANRB 3/2023; DOMAIN.md §1.4), and to the instansi's rule table.

State table of a penetapan (``UnitAssessment``):

| From     | Action             | To       | Who                                        |
|----------|--------------------|----------|--------------------------------------------|
| (none)   | set_org_predikat   | draft    | the leader above the unit head, or BKPSDM  |
| draft    | set_org_predikat   | draft    | same                                       |
| draft    | record_exceptions  | draft    | same                                       |
| draft    | approve_penetapan  | approved | same; every broken clause has a reason     |
| approved | reopen_penetapan   | draft    | same                                       |

Nothing changes once the period is locked. Each change bumps ``version`` (a stale version is
refused) and writes an audit event. The check of the distribution only reports: nobody's
predikat is moved by it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.accounts.roles import principal_for
from kinerja.core.audit import record_event
from kinerja.org.models import Instansi, Unit
from kinerja.performance import scoring
from kinerja.performance.access_penetapan import may_decide_unit
from kinerja.performance.models import (
    OrgPredikatValue,
    PenetapanState,
    PerformanceSettings,
    Period,
    PeriodState,
    UnitAssessment,
)
from kinerja.performance.scoring.distribution import (
    clause_key,
    keyed_results,
    rule_to_dict,
    rules_from_dict,
    rules_to_dict,
)
from kinerja.performance.selectors_distribution import (
    distribution_rules,
    predikat_counts,
    unevaluated_skp_count,
)

#: Shortest written reason accepted for an exception to the distribution rule.
MIN_REASON = 10


class StalePenetapan(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Penetapan ini baru saja diubah oleh orang lain. Isian Anda masih ada di "
                "formulir; periksa lalu simpan lagi."
            ),
            code="stale",
        )


@dataclass(frozen=True)
class Approval:
    """The approved penetapan, the check it was approved against, and a warning (not an error)
    when approved SKPs in the unit still lack a confirmed evaluation for the period."""

    assessment: UnitAssessment
    check: scoring.DistributionCheck
    unevaluated: int

    @property
    def warning(self) -> str:
        if not self.unevaluated:
            return ""
        return _(
            "%(n)s SKP yang disetujui di unit ini belum memiliki evaluasi yang ditetapkan untuk "
            "periode ini; jumlah per predikat belum mencakup mereka."
        ) % {"n": self.unevaluated}


def _ensure_open(unit: Unit, period: Period) -> None:
    if period.instansi_id != unit.instansi_id:
        raise ValidationError(_("Periode ini bukan milik instansi unit tersebut."))
    if period.state == PeriodState.LOCKED:
        raise ValidationError(_("Periode ini sudah dikunci; penetapan tidak dapat diubah lagi."))


def _ensure_decider(actor: Any, unit: Unit) -> None:
    if not may_decide_unit(actor, unit):
        raise PermissionDenied


def _ensure_draft(assessment: UnitAssessment) -> None:
    if assessment.state != PenetapanState.DRAFT:
        raise ValidationError(
            _("Penetapan ini sudah disetujui; buka kembali terlebih dahulu untuk mengubahnya.")
        )


def _bump(assessment: UnitAssessment, version: int | None) -> None:
    query = UnitAssessment.objects.filter(pk=assessment.pk)
    if version is not None:
        query = query.filter(version=version)
    if not query.update(version=F("version") + 1):
        raise StalePenetapan
    assessment.version = (version or assessment.version) + 1


def _audit(actor: Any, action: str, assessment: UnitAssessment, **kw: Any) -> None:
    record_event(
        actor=actor,
        action=action,
        target=assessment,
        instansi_id=assessment.instansi_id,
        target_label=str(assessment),
        **kw,
    )


def set_org_predikat(
    *,
    actor: Any,
    unit: Unit,
    period: Period,
    org_predikat: str,
    basis: str = "",
    version: int | None,
) -> UnitAssessment:
    """Set (or change, while in draft) the unit's organisational predikat for ``period``.

    ``version`` 0 means the caller saw no penetapan yet; ``None`` skips the check. Changing the
    predikat changes the rule, so the reasons written for the old rule's exceptions are dropped
    (they stay in the audit trail).
    """
    _ensure_decider(actor, unit)
    _ensure_open(unit, period)
    if org_predikat not in OrgPredikatValue.values:
        raise ValidationError({"org_predikat": [_("Pilih predikat kinerja organisasi.")]})
    basis = (basis or "").strip()
    now = timezone.now()
    with transaction.atomic():
        current = UnitAssessment.objects.filter(unit=unit, period=period).first()
        if current is None:
            if version:
                raise StalePenetapan
            try:
                with transaction.atomic():
                    created = UnitAssessment.objects.create(
                        instansi_id=unit.instansi_id,
                        unit=unit,
                        unit_path=unit.path,
                        period=period,
                        org_predikat=org_predikat,
                        basis=basis,
                        set_by=actor,
                        set_at=now,
                    )
            except IntegrityError:
                raise StalePenetapan from None
            _audit(
                actor,
                "penetapan.set_predikat",
                created,
                after={"org_predikat": org_predikat, "basis": basis},
            )
            return created
        if version == 0:
            raise StalePenetapan
        _ensure_draft(current)
        _bump(current, version)
        before = {
            "org_predikat": current.org_predikat,
            "basis": current.basis,
            "exceptions": current.exceptions,
        }
        if current.org_predikat != org_predikat:
            current.exceptions = {}
        current.org_predikat, current.basis = org_predikat, basis
        current.set_by, current.set_at = actor, now
        current.save()
        _audit(
            actor,
            "penetapan.set_predikat",
            current,
            before=before,
            after={
                "org_predikat": org_predikat,
                "basis": basis,
                "exceptions": current.exceptions,
            },
        )
    return current


def _live_check(assessment: UnitAssessment) -> scoring.DistributionCheck:
    return scoring.check_distribution(
        assessment.org_predikat,
        predikat_counts(assessment.unit, assessment.period),
        distribution_rules(assessment.instansi_id),
    )


def record_exceptions(
    *, actor: Any, assessment: UnitAssessment, version: int | None, reasons: Mapping[str, str]
) -> UnitAssessment:
    """Save the written reasons for exceptions, by clause key (``scoring.clause_key``) of the
    unit's current rule. An empty reason removes it; a reason shorter than ``MIN_REASON``
    characters is refused (errors keyed by clause key). Reasons for clauses of an older rule
    are dropped."""
    _ensure_decider(actor, assessment.unit)
    _ensure_open(assessment.unit, assessment.period)
    _ensure_draft(assessment)
    rule = distribution_rules(assessment.instansi_id)[scoring.OrgPredikat(assessment.org_predikat)]
    keys = {clause_key(i, c) for i, c in enumerate(rule.clauses)}
    errors: dict[str, list[str]] = {}
    cleaned: dict[str, str] = {}
    for key, text in reasons.items():
        if key not in keys:
            raise ValidationError(_("Ketentuan distribusi tidak dikenal: %(key)s.") % {"key": key})
        text = (text or "").strip()
        if text and len(text) < MIN_REASON:
            errors[key] = [
                _("Alasan terlalu singkat (paling sedikit %(n)s karakter).") % {"n": MIN_REASON}
            ]
        cleaned[key] = text
    with transaction.atomic():
        _bump(assessment, version)
        if errors:
            raise ValidationError(errors)
        before = dict(assessment.exceptions)
        merged = {k: v for k, v in before.items() if k in keys}
        for key, text in cleaned.items():
            if text:
                merged[key] = text
            else:
                merged.pop(key, None)
        assessment.exceptions = merged
        assessment.save()
        _audit(
            actor,
            "penetapan.exceptions",
            assessment,
            before={"exceptions": before},
            after={"exceptions": merged},
        )
    return assessment


def approve_penetapan(*, actor: Any, assessment: UnitAssessment, version: int | None) -> Approval:
    """Approve the penetapan against the live distribution: every failed clause needs a written
    reason of at least ``MIN_REASON`` characters (errors keyed by clause key). Stores the counts,
    the rule with its readings and the scoring version, so the document can be reproduced."""
    _ensure_decider(actor, assessment.unit)
    _ensure_open(assessment.unit, assessment.period)
    _ensure_draft(assessment)
    if not assessment.org_predikat:
        raise ValidationError({"org_predikat": [_("Tetapkan dahulu predikat kinerja unit.")]})
    with transaction.atomic():
        _bump(assessment, version)
        check = _live_check(assessment)
        errors = {
            key: [
                _(
                    "%(clause)s Tuliskan alasan pengecualian (paling sedikit %(n)s karakter) "
                    "sebelum penetapan disetujui."
                )
                % {"clause": result.message, "n": MIN_REASON}
            ]
            for key, result in keyed_results(check)
            if not result.passed and len(assessment.exceptions.get(key, "").strip()) < MIN_REASON
        }
        if errors:
            raise ValidationError(errors)
        rule = check_rule(check, distribution_rules(assessment.instansi_id))
        assessment.counts = {p.value: n for p, n in check.counts.items()}
        assessment.rule = rule
        assessment.scoring_version = check.version
        assessment.state = PenetapanState.APPROVED
        assessment.approved_by, assessment.approved_at = actor, timezone.now()
        assessment.save()
        _audit(
            actor,
            "penetapan.approve",
            assessment,
            after={
                "org_predikat": assessment.org_predikat,
                "counts": assessment.counts,
                "rule": rule,
                "failed": [k for k, r in keyed_results(check) if not r.passed],
                "exceptions": assessment.exceptions,
                "scoring_version": check.version,
            },
        )
    return Approval(assessment, check, unevaluated_skp_count(assessment.unit, assessment.period))


def check_rule(
    check: scoring.DistributionCheck,
    rules: Mapping[scoring.OrgPredikat, scoring.DistributionRule],
) -> dict[str, Any]:
    """The rule a check applied, with its readings, as stored with an approved penetapan."""
    return {
        **rule_to_dict(rules[check.unit_predikat]),
        "most_reading": check.most_reading.value,
        "small_unit_size": check.small_unit_size,
    }


def reopen_penetapan(
    *, actor: Any, assessment: UnitAssessment, version: int | None
) -> UnitAssessment:
    """Take an approved penetapan back to draft, before the period is locked. The stored
    snapshot is cleared (it stays in the audit trail); the reasons are kept."""
    _ensure_decider(actor, assessment.unit)
    _ensure_open(assessment.unit, assessment.period)
    if assessment.state != PenetapanState.APPROVED:
        raise ValidationError(_("Penetapan ini belum disetujui."))
    with transaction.atomic():
        _bump(assessment, version)
        before = {
            "counts": assessment.counts,
            "rule": assessment.rule,
            "scoring_version": assessment.scoring_version,
            "approved_by": assessment.approved_by_id,
            "approved_at": assessment.approved_at,
        }
        assessment.state = PenetapanState.DRAFT
        assessment.counts, assessment.rule, assessment.scoring_version = {}, {}, ""
        assessment.approved_by, assessment.approved_at = None, None
        assessment.save()
        _audit(actor, "penetapan.reopen", assessment, before=before)
    return assessment


def set_distribution_rules(
    *, actor: Any, instansi: Instansi, rules: Mapping[str, Any] | None
) -> PerformanceSettings:
    """Replace the instansi's distribution rule table (Admin BKPSDM). ``rules`` is the JSON of
    ``scoring.rules_to_dict``; organisational predikat it leaves out keep their defaults, and
    an empty table means the SE MenPANRB 3/2023 defaults. Invalid tables are refused with the
    place of the error. Approved penetapan keep the rule they were approved with."""
    if not principal_for(actor).writes_instansi(instansi.pk):
        raise PermissionDenied
    try:
        parsed = rules_from_dict(rules or {})
    except ValueError as exc:
        raise ValidationError({"distribution_rules": [str(exc)]}) from None
    stored = rules_to_dict(parsed)
    if stored == rules_to_dict(scoring.DEFAULT_DISTRIBUTION_RULES):
        stored = {}
    with transaction.atomic():
        config, _created = PerformanceSettings.objects.select_for_update().get_or_create(
            instansi=instansi
        )
        before = config.distribution_rules
        config.distribution_rules = stored
        config.save()
        record_event(
            actor=actor,
            action="performance.distribution_rules",
            target=config,
            instansi_id=instansi.pk,
            target_label=str(config),
            before={"distribution_rules": before},
            after={"distribution_rules": stored},
        )
    return config
