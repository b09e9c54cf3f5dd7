"""Every write to evaluations: opening one with the system's recommendation, the employee's
optional self-assessment, the assessor's ratings (with a reason for any override) and the
assessor's confirmation of the predikat.

The recommendation is recomputed from stored realisasi whenever a draft is opened or saved and is
stored with its inputs, its rule and the scoring version (docs/scoring.md). The predikat is
looked up in the PermenPANRB 6/2022 matrix only when the assessor confirms.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from kinerja.core.audit import record_event
from kinerja.performance import scoring
from kinerja.performance.access import is_skp_assessor, is_skp_owner
from kinerja.performance.models import (
    Aspek,
    Berakhlak,
    Evaluation,
    EvaluationState,
    Iki,
    PerformanceSettings,
    Period,
    PeriodKind,
    PeriodState,
    Realisasi,
    RhkKind,
    Skp,
    SkpState,
)
from kinerja.performance.models.evaluation import RatingValue

#: Shortest written reason accepted for a rating that differs from the recommendation.
MIN_REASON = 10


class StaleEvaluation(ValidationError):
    def __init__(self) -> None:
        super().__init__(
            _(
                "Evaluasi ini baru saja disimpan oleh orang lain. Isian Anda masih ada di "
                "formulir; periksa lalu simpan lagi."
            ),
            code="stale",
        )


def settings_for(instansi_id: int) -> PerformanceSettings:
    """The instansi's evaluation rules (the documented defaults until BKPSDM changes them)."""
    found = PerformanceSettings.objects.filter(instansi_id=instansi_id).first()
    return found or PerformanceSettings(instansi_id=instansi_id)


def rule_of(config: PerformanceSettings) -> scoring.RecommendationRule:
    return scoring.RecommendationRule(
        di_atas_min=config.di_atas_min,
        sesuai_min=config.sesuai_min,
        most_pct=config.most_pct,
        utama_short_max_pct=config.utama_short_max_pct,
    )


def period_share(period: Period) -> Decimal:
    """The share of a year's quantity target due in ``period`` (months ÷ 12; the whole year for
    the annual evaluation)."""
    if period.kind == PeriodKind.ANNUAL:
        return Decimal(1)
    months = (period.ends.year - period.starts.year) * 12 + period.ends.month - period.starts.month
    return Decimal(months + 1) / Decimal(12)


@dataclass(frozen=True)
class IkiFacts:
    """What an evaluation needs to know of one IKI, without the ORM (closing a period builds
    these for a whole city from a few queries)."""

    pk: int
    text: str
    rhk_text: str
    utama: bool
    aspek: str
    target: Decimal | None
    unit: str
    lower_is_better: bool

    @classmethod
    def of(cls, iki: Iki) -> IkiFacts:
        return cls(
            iki.pk,
            iki.text,
            iki.rhk.text,
            iki.rhk.kind == RhkKind.UTAMA,
            iki.aspek,
            iki.target,
            iki.unit,
            iki.lower_is_better,
        )


def facts_by_skp(**skp_filter: Any) -> dict[int, list[IkiFacts]]:
    """The IKI facts of every approved SKP matching ``skp_filter`` (lookups on Skp), by SKP, in
    plan order (utama first) — one query, for work over a whole instansi."""
    lookups = {f"rhk__skp__{name}": value for name, value in skp_filter.items()}
    rows = (
        Iki.objects.filter(rhk__skp__state=SkpState.APPROVED, **lookups)
        .order_by("rhk__skp_id", "-rhk__kind", "rhk__order", "order", "pk")
        .values_list(
            "pk", "rhk__skp_id", "text", "rhk__text", "rhk__kind", "aspek", "target", "unit",
            "lower_is_better",
        )
    )  # fmt: skip
    by_skp: dict[int, list[IkiFacts]] = defaultdict(list)
    for pk, skp_id, text, rhk_text, kind, aspek, target, unit, lower in rows.iterator(5000):
        by_skp[skp_id].append(
            IkiFacts(pk, text, rhk_text, kind == RhkKind.UTAMA, aspek, target, unit, lower)
        )
    return by_skp


@dataclass(frozen=True)
class IkiLine:
    """One IKI as the assessor sees it: target for the period, realisasi, evidence and capaian."""

    iki: IkiFacts
    target: Decimal | None
    realisasi: Decimal | None
    note: str
    evidence: int
    capaian: scoring.Capaian | None


def line_for(
    iki: IkiFacts,
    values: list[Decimal],
    share: Decimal,
    cap: Decimal,
    note: str = "",
    evidence: int = 0,
) -> IkiLine:
    """The line of one IKI from its realisasi values in the period (several for the annual one).

    A quantity (aspek kuantitas) target accrues over the year, so a periodic evaluation compares
    the period's realisasi with the share of the target due in that period; other targets (a
    percentage, a time limit) hold in every period. For the annual evaluation the realisasi of a
    quantity is the sum of the periods and of anything else their mean.
    """
    quantity = iki.aspek == Aspek.KUANTITAS
    target = iki.target
    if target is not None and quantity:
        target = (target * share).quantize(Decimal("0.01"))
    if not values:
        realisasi = None
    elif quantity or len(values) == 1:
        realisasi = sum(values, Decimal(0))
    else:
        realisasi = (sum(values, Decimal(0)) / len(values)).quantize(Decimal("0.01"))
    result = (
        scoring.capaian(target, realisasi, lower_is_better=iki.lower_is_better, cap=cap)
        if iki.target is not None
        else None
    )
    return IkiLine(iki, target, realisasi, note, evidence, result)


def iki_lines(skp: Skp, period: Period, config: PerformanceSettings) -> list[IkiLine]:
    """Per IKI of ``skp``: the target due in ``period`` and the realisasi recorded for it."""
    ikis = list(
        Iki.objects.filter(rhk__skp=skp)
        .select_related("rhk")
        .order_by("-rhk__kind", "rhk__order", "order", "pk")
    )
    if period.kind == PeriodKind.ANNUAL:
        rows = Realisasi.objects.filter(
            skp=skp, period__performance_year_id=period.performance_year_id
        )
    else:
        rows = Realisasi.objects.filter(skp=skp, period=period)
    values: dict[int, list[Decimal]] = defaultdict(list)
    notes: dict[int, str] = {}
    evidence: dict[int, int] = defaultdict(int)
    for row in rows.prefetch_related("evidence"):
        if row.value is not None:
            values[row.iki_id].append(row.value)
        if row.note:
            notes[row.iki_id] = row.note
        evidence[row.iki_id] += len(row.evidence.all())
    share = period_share(period)
    return [
        line_for(
            IkiFacts.of(iki),
            values.get(iki.pk, []),
            share,
            config.capaian_cap,
            notes.get(iki.pk, ""),
            evidence[iki.pk],
        )
        for iki in ikis
    ]


def recommend(lines: list[IkiLine], config: PerformanceSettings) -> scoring.Recommendation:
    return scoring.recommend_hasil_kerja(
        (
            scoring.IkiResult(
                key=str(line.iki.pk),
                capaian=line.capaian,
                utama=line.iki.utama,
                nama=line.iki.text[:80],
            )
            for line in lines
        ),
        rule_of(config),
    )


def stored_recommendation(
    lines: list[IkiLine], rec: scoring.Recommendation, cap: Decimal | None = None
) -> dict[str, Any]:
    """The recommendation with every input, as plain JSON, for the Mengapa? page and audits."""
    return {
        "rating": rec.rating.value if rec.rating else None,
        "reason": rec.reason,
        "needs_review": rec.needs_review,
        "drivers": list(rec.drivers),
        "rule": rec.rule.to_dict(),
        "cap": None if cap is None else str(cap),
        "version": rec.version,
        "iki": [
            {
                "id": line.iki.pk,
                "text": line.iki.text,
                "utama": line.iki.utama,
                "target": None if line.target is None else str(line.target),
                "realisasi": None if line.realisasi is None else str(line.realisasi),
                "lower_is_better": line.iki.lower_is_better,
                "capaian": None
                if line.capaian is None or line.capaian.value is None
                else str(line.capaian.value),
                "status": None if line.capaian is None else line.capaian.status.value,
                "explanation": "" if line.capaian is None else line.capaian.explanation,
            }
            for line in lines
        ],
        "excluded": [{"iki": e.key, "reason": e.reason} for e in rec.excluded],
    }


def skp_months(skp: Skp) -> int:
    """Calendar months the SKP covers in its year (1–12), for a part-year angka kredit."""
    months = (skp.ends.year - skp.starts.year) * 12 + skp.ends.month - skp.starts.month + 1
    return min(max(months, 1), 12)


def angka_kredit_of(evaluation: Evaluation) -> Decimal | None:
    """The angka kredit a confirmed annual evaluation earns a functional employee (PerBKN
    3/2023: months ÷ 12 × the predikat's percentage × the jenjang's yearly koefisien); None for
    anything else."""
    if evaluation.state != EvaluationState.FINAL or evaluation.period.kind != PeriodKind.ANNUAL:
        return None
    try:
        jenjang = scoring.Jenjang(evaluation.skp.position.level)
    except ValueError:
        return None  # not a functional position
    return scoring.angka_kredit(evaluation.predikat, jenjang, skp_months(evaluation.skp))


def _check_period(skp: Skp, period: Period) -> None:
    if period.performance_year_id != skp.performance_year_id:
        raise ValidationError(_("Periode ini bukan bagian dari tahun SKP."))
    if period.starts > skp.ends or period.ends < skp.starts:
        raise ValidationError(_("SKP ini tidak berlaku pada periode tersebut."))
    if period.state == PeriodState.LOCKED:
        raise ValidationError(
            _("Periode ini sudah dikunci; predikat hanya dapat berubah melalui keberatan.")
        )


def _refresh(evaluation: Evaluation, config: PerformanceSettings) -> list[IkiLine]:
    lines = iki_lines(evaluation.skp, evaluation.period, config)
    rec = recommend(lines, config)
    evaluation.recommended = rec.rating.value if rec.rating else ""
    evaluation.recommendation = stored_recommendation(lines, rec, config.capaian_cap)
    evaluation.scoring_version = rec.version
    return lines


def open_evaluation(*, actor: Any, skp: Skp, period: Period) -> Evaluation:
    """The draft evaluation of ``skp`` for ``period`` with a fresh recommendation (created on first
    opening by the assessor). A confirmed evaluation is returned as it is."""
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    if skp.state != SkpState.APPROVED:
        raise ValidationError(_("Hanya SKP yang sudah disetujui yang dapat dievaluasi."))
    _check_period(skp, period)
    with transaction.atomic():
        evaluation, created = Evaluation.objects.select_for_update().get_or_create(
            skp=skp,
            period=period,
            defaults={
                "instansi_id": skp.instansi_id,
                "employee_id": skp.employee_id,
                "unit_id": skp.unit_id,
                "unit_path": skp.unit.path,
            },
        )
        if evaluation.state == EvaluationState.DRAFT:
            _refresh(evaluation, settings_for(skp.instansi_id))
            if not evaluation.hasil_kerja and evaluation.recommended:
                evaluation.hasil_kerja = evaluation.recommended
            evaluation.save()
        if created:
            record_event(
                actor=actor,
                action="evaluation.open",
                target=evaluation,
                instansi_id=skp.instansi_id,
                target_label=str(evaluation),
                after={"recommended": evaluation.recommended},
            )
    return evaluation


def _bump(evaluation: Evaluation, version: int | None) -> None:
    query = Evaluation.objects.filter(pk=evaluation.pk)
    if version is not None:
        query = query.filter(version=version)
    if not query.update(version=F("version") + 1):
        raise StaleEvaluation
    evaluation.version = (version or evaluation.version) + 1


def self_assess(
    *,
    actor: Any,
    evaluation: Evaluation,
    version: int | None,
    hasil_kerja: str,
    perilaku: str,
    notes: str = "",
) -> Evaluation:
    """The employee's own view of the period, before the assessor rates (when the instansi uses
    self-assessment). It informs the assessor and never changes the recommendation."""
    if not is_skp_owner(actor, evaluation.skp):
        raise PermissionDenied
    if not settings_for(evaluation.instansi_id).self_assessment:
        raise ValidationError(_("Instansi ini tidak memakai penilaian diri."))
    if evaluation.state != EvaluationState.DRAFT:
        raise ValidationError(_("Evaluasi sudah ditetapkan; penilaian diri ditutup."))
    errors = {
        name: [_("Pilih salah satu rating.")]
        for name, value in (("self_hasil_kerja", hasil_kerja), ("self_perilaku", perilaku))
        if value not in RatingValue.values
    }
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _bump(evaluation, version)
        evaluation.self_hasil_kerja, evaluation.self_perilaku = hasil_kerja, perilaku
        evaluation.self_notes = (notes or "").strip()
        evaluation.self_assessed_at = timezone.now()
        evaluation.save()
        record_event(
            actor=actor,
            action="evaluation.self_assess",
            target=evaluation,
            instansi_id=evaluation.instansi_id,
            target_label=str(evaluation),
            after={"hasil_kerja": hasil_kerja, "perilaku": perilaku},
        )
    return evaluation


RATED_FIELDS = (
    "hasil_kerja",
    "override_reason",
    "perilaku",
    "perilaku_values",
    "notes",
    "predikat",
)


def save_evaluation(
    *,
    actor: Any,
    evaluation: Evaluation,
    version: int | None,
    hasil_kerja: str,
    perilaku: str,
    override_reason: str = "",
    perilaku_values: dict[str, str] | None = None,
    notes: str = "",
    confirm: bool = False,
) -> Evaluation:
    """The assessor's ratings; with ``confirm`` the predikat is set from the matrix and the
    evaluation becomes final. A Hasil Kerja rating other than the recommendation needs a written
    reason; the recommendation is refreshed first, so the reason answers the current one."""
    skp = evaluation.skp
    if not is_skp_assessor(actor, skp):
        raise PermissionDenied
    _check_period(skp, evaluation.period)
    if evaluation.state != EvaluationState.DRAFT:
        raise ValidationError(_("Evaluasi ini sudah ditetapkan; buka kembali untuk mengubahnya."))
    config = settings_for(evaluation.instansi_id)
    values = {k: v for k, v in (perilaku_values or {}).items() if v}
    reason = (override_reason or "").strip()
    errors: dict[str, list[str]] = {}
    if hasil_kerja and hasil_kerja not in RatingValue.values:
        errors["hasil_kerja"] = [_("Rating hasil kerja tidak dikenal.")]
    if perilaku and perilaku not in RatingValue.values:
        errors["perilaku"] = [_("Rating perilaku tidak dikenal.")]
    unknown = [
        v for k, v in values.items() if k not in Berakhlak.values or v not in RatingValue.values
    ]
    if unknown:
        errors["perilaku_values"] = [_("Rating nilai BerAKHLAK tidak dikenal.")]
    if confirm:
        for name, value in (("hasil_kerja", hasil_kerja), ("perilaku", perilaku)):
            if not value:
                errors.setdefault(name, [_("Wajib diisi sebelum predikat ditetapkan.")])
    with transaction.atomic():
        _bump(evaluation, version)
        _refresh(evaluation, config)
        if (
            hasil_kerja
            and evaluation.recommended
            and hasil_kerja != evaluation.recommended
            and len(reason) < MIN_REASON
        ):
            errors["override_reason"] = [
                _(
                    "Rating hasil kerja berbeda dari rekomendasi sistem (%(rec)s); tuliskan "
                    "alasannya (paling sedikit %(n)s karakter)."
                )
                % {"rec": RatingValue(evaluation.recommended).label, "n": MIN_REASON}
            ]
        if errors:
            raise ValidationError(errors)
        before = {name: getattr(evaluation, name) for name in RATED_FIELDS}
        evaluation.hasil_kerja, evaluation.perilaku = hasil_kerja, perilaku
        evaluation.override_reason = reason if hasil_kerja != evaluation.recommended else ""
        evaluation.perilaku_values = values
        evaluation.notes = (notes or "").strip()
        if confirm:
            evaluation.predikat = scoring.predikat(hasil_kerja, perilaku).value
            evaluation.state = EvaluationState.FINAL
            evaluation.decided_by, evaluation.decided_at = actor, timezone.now()
        evaluation.save()
        record_event(
            actor=actor,
            action="evaluation.confirm" if confirm else "evaluation.save",
            target=evaluation,
            instansi_id=evaluation.instansi_id,
            target_label=str(evaluation),
            before=before,
            after={
                **{name: getattr(evaluation, name) for name in RATED_FIELDS},
                "recommended": evaluation.recommended,
                "scoring_version": evaluation.scoring_version,
            },
        )
    return evaluation


def reopen_evaluation(*, actor: Any, evaluation: Evaluation, version: int | None) -> Evaluation:
    """Take a confirmed evaluation back to draft before its period is locked."""
    if not is_skp_assessor(actor, evaluation.skp):
        raise PermissionDenied
    _check_period(evaluation.skp, evaluation.period)
    if evaluation.state != EvaluationState.FINAL:
        raise ValidationError(_("Evaluasi ini belum ditetapkan."))
    with transaction.atomic():
        _bump(evaluation, version)
        before = evaluation.predikat
        evaluation.state, evaluation.predikat = EvaluationState.DRAFT, ""
        evaluation.save()
        record_event(
            actor=actor,
            action="evaluation.reopen",
            target=evaluation,
            instansi_id=evaluation.instansi_id,
            target_label=str(evaluation),
            before={"predikat": before},
        )
    return evaluation
