"""Read functions of the Mengapa? page: a predikat reproduced from what was stored with it.

The recommendation is recomputed from the stored target and realisasi of each IKI with the stored
rule (docs/scoring.md, "Reproducing a result") and compared with the stored result; the ratings,
the matrix cell, the unit's organisational predikat and distribution, and who decided what and
when (from the audit trail) complete the explanation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kinerja.core.models import AuditEvent
from kinerja.employees.models import Employee
from kinerja.org import paths
from kinerja.performance import scoring
from kinerja.performance.models import (
    Evaluation,
    Objection,
    PredikatValue,
    RatingValue,
    UnitAssessment,
)
from kinerja.performance.selectors_distribution import Distribution, distribution_of
from kinerja.performance.services.evaluation import settings_for


@dataclass(frozen=True)
class WhyLine:
    """One stored IKI beside its capaian computed again from the stored target and realisasi."""

    id: Any
    text: str
    utama: bool
    target: str | None
    realisasi: str | None
    lower_is_better: bool
    stored_capaian: str | None
    capaian: scoring.Capaian | None  # None: qualitative, left to the assessor
    matches: bool


@dataclass(frozen=True)
class Reproduction:
    """The stored recommendation computed again; ``problems`` lists every difference found."""

    lines: list[WhyLine]
    stored_rating: str
    rating: str
    stored_reason: str
    reason: str
    rule: Mapping[str, str]
    cap: Decimal
    cap_stored: bool
    stored_version: str
    needs_review: bool
    problems: list[str] = field(default_factory=list)

    @property
    def matches(self) -> bool:
        return not self.problems

    @property
    def same_version(self) -> bool:
        return self.stored_version == scoring.SCORING_VERSION

    @property
    def stored_label(self) -> str:
        return str(RatingValue(self.stored_rating).label) if self.stored_rating else ""

    @property
    def label(self) -> str:
        return str(RatingValue(self.rating).label) if self.rating else ""


def _decimal(value: Any) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


def _same(stored: str | None, computed: Decimal | None) -> bool:
    if stored in (None, ""):
        return computed is None
    return computed is not None and Decimal(str(stored)) == computed


def _cap_of(evaluation: Evaluation, stored: Mapping[str, Any]) -> tuple[Decimal, bool]:
    """The capaian cap stored with the recommendation, or the instansi's current one."""
    found = stored.get("cap")
    if found is not None:
        return Decimal(str(found)), True
    return settings_for(evaluation.instansi_id).capaian_cap, False


def reproduce(evaluation: Evaluation) -> Reproduction | None:
    """Recompute the stored recommendation of ``evaluation``; ``None`` when none was stored."""
    stored: Mapping[str, Any] = evaluation.recommendation or {}
    if not stored:
        return None
    problems: list[str] = []
    try:
        cap, cap_stored = _cap_of(evaluation, stored)
        rule = scoring.RecommendationRule.from_dict(stored.get("rule") or {})
        lines: list[WhyLine] = []
        inputs: list[scoring.IkiResult] = []
        for item in stored.get("iki", []):
            result = None
            if item.get("status") is not None:
                line_cap = _decimal(item.get("cap")) or cap
                result = scoring.capaian(
                    _decimal(item.get("target")),
                    _decimal(item.get("realisasi")),
                    lower_is_better=bool(item.get("lower_is_better")),
                    cap=line_cap,
                )
            matches = (
                item.get("capaian") in (None, "")
                if result is None
                else _same(item.get("capaian"), result.value)
                and item.get("status") == result.status.value
            )
            if not matches:
                problems.append(
                    _("Capaian IKI “%(iki)s” tersimpan %(stored)s, dihitung ulang %(now)s.")
                    % {
                        "iki": str(item.get("text", ""))[:80],
                        "stored": item.get("capaian") or "—",
                        "now": "—" if result is None or result.value is None else result.value,
                    }
                )
            lines.append(
                WhyLine(
                    item.get("id"),
                    str(item.get("text", "")),
                    bool(item.get("utama")),
                    item.get("target"),
                    item.get("realisasi"),
                    bool(item.get("lower_is_better")),
                    item.get("capaian"),
                    result,
                    matches,
                )
            )
            inputs.append(
                scoring.IkiResult(
                    key=str(item.get("id")),
                    capaian=result,
                    utama=bool(item.get("utama")),
                    nama=str(item.get("text", ""))[:80],
                )
            )
        rec = scoring.recommend_hasil_kerja(inputs, rule)
    except (ArithmeticError, InvalidOperation, KeyError, TypeError, ValueError) as exc:
        return Reproduction(
            lines=[],
            stored_rating=str(stored.get("rating") or ""),
            rating="",
            stored_reason=str(stored.get("reason", "")),
            reason="",
            rule=stored.get("rule") or {},
            cap=Decimal(0),
            cap_stored=False,
            stored_version=str(stored.get("version", "")),
            needs_review=False,
            problems=[_("Rincian rekomendasi tersimpan tidak dapat dibaca (%(e)s).") % {"e": exc}],
        )
    stored_rating = str(stored.get("rating") or "")
    rating = rec.rating.value if rec.rating else ""
    if rating != stored_rating:
        problems.append(
            _("Rekomendasi tersimpan %(stored)s, dihitung ulang %(now)s.")
            % {
                "stored": RatingValue(stored_rating).label
                if stored_rating in RatingValue.values
                else (stored_rating or "—"),
                "now": RatingValue(rating).label if rating else "—",
            }
        )
    if (evaluation.recommended or "") != stored_rating:
        problems.append(_("Rekomendasi pada evaluasi berbeda dari rincian yang tersimpan."))
    if sorted(rec.drivers) != sorted(str(d) for d in stored.get("drivers", [])):
        problems.append(_("IKI penentu rekomendasi berbeda dari yang tersimpan."))
    if bool(stored.get("needs_review")) != rec.needs_review:
        problems.append(_("Tanda “perlu ditinjau” berbeda dari yang tersimpan."))
    if rec.reason != stored.get("reason"):
        problems.append(_("Alasan rekomendasi berbeda dari yang tersimpan."))
    return Reproduction(
        lines=lines,
        stored_rating=stored_rating,
        rating=rating,
        stored_reason=str(stored.get("reason", "")),
        reason=rec.reason,
        rule=rule.to_dict(),
        cap=cap,
        cap_stored=cap_stored,
        stored_version=str(stored.get("version") or evaluation.scoring_version),
        needs_review=rec.needs_review,
        problems=problems,
    )


def matrix(hasil: str, perilaku: str) -> list[dict[str, Any]]:
    """The nine cells of the PermenPANRB 6/2022 matrix, the cell of these ratings marked."""
    order = [scoring.Rating.DI_BAWAH, scoring.Rating.SESUAI, scoring.Rating.DI_ATAS]
    return [
        {
            "hasil": RatingValue(h.value).label,
            "cells": [
                {
                    "predikat": PredikatValue(scoring.predikat(h, p).value).label,
                    "current": (h.value, p.value) == (hasil, perilaku),
                }
                for p in order
            ],
        }
        for h in reversed(order)
    ]


def nearest_distribution(evaluation: Evaluation) -> Distribution | None:
    """The distribution of the nearest unit, from the evaluation's own unit up, that has an
    organisational predikat for the evaluation's period; ``None`` when no unit has one."""
    candidates = [evaluation.unit_path, *paths.ancestor_paths(evaluation.unit_path)]
    assessment = (
        UnitAssessment.objects.filter(
            instansi_id=evaluation.instansi_id,
            period_id=evaluation.period_id,
            unit_path__in=candidates,
        )
        .select_related("unit")
        .order_by("-unit_path")
        .first()
    )
    if assessment is None:
        return None
    return distribution_of(assessment.unit, evaluation.period)


#: Audit actions in plain Indonesian, as "who did what".
ACTIONS = {
    "evaluation.open": gettext_lazy("membuka evaluasi; sistem menghitung rekomendasi"),
    "evaluation.self_assess": gettext_lazy("mengisi penilaian diri"),
    "evaluation.save": gettext_lazy("menyimpan draf penilaian"),
    "evaluation.confirm": gettext_lazy("menetapkan predikat"),
    "evaluation.reopen": gettext_lazy("membuka kembali evaluasi"),
    "evaluation.objection": gettext_lazy("mengubah rating dan predikat karena keberatan"),
    "objection.file": gettext_lazy("mengajukan keberatan"),
    "objection.grant": gettext_lazy("mengabulkan keberatan"),
    "objection.reject": gettext_lazy("menolak keberatan"),
}

#: Actions whose ratings are shown in the timeline (drafts are not a decision).
DECISIONS = {"evaluation.confirm", "evaluation.objection", "objection.grant", "objection.reject"}


@dataclass(frozen=True)
class Step:
    when: Any
    who: str
    what: str
    detail: str


def _detail(action: str, after: Mapping[str, Any] | None) -> str:
    if action not in DECISIONS or not after:
        return ""
    parts = []
    for name, label, choices in (
        ("hasil_kerja", _("Hasil kerja"), RatingValue),
        ("perilaku", _("Perilaku kerja"), RatingValue),
        ("predikat", _("Predikat"), PredikatValue),
    ):
        value = after.get(name)
        if value in choices.values:
            parts.append(f"{label}: {choices(value).label}")
    return "; ".join(parts)


def timeline(evaluation: Evaluation, objections: list[Objection]) -> list[Step]:
    """Who decided what and when on ``evaluation`` and its objections, oldest first."""
    events = list(
        AuditEvent.objects.filter(
            Q(target_type=Evaluation._meta.label_lower, target_id=str(evaluation.pk))
            | Q(
                target_type=Objection._meta.label_lower,
                target_id__in=[str(o.pk) for o in objections],
            )
        )
        .only("created_at", "actor_id", "actor_label", "action", "after")
        .order_by("created_at", "id")
    )
    names = {
        e.user_id: e.full_name
        for e in Employee.objects.filter(
            user_id__in={e.actor_id for e in events if e.actor_id}
        ).only("user_id", "name", "gelar_depan", "gelar_belakang")
    }
    return [
        Step(
            event.created_at,
            names.get(event.actor_id, "") or event.actor_label or _("sistem"),
            str(ACTIONS.get(event.action, event.action)),
            _detail(event.action, event.after),
        )
        for event in events
    ]


def objections_of(evaluation: Evaluation) -> list[Objection]:
    return list(
        Objection.objects.filter(evaluation=evaluation)
        .select_related("decided_by", "decider_position")
        .order_by("filed_at", "pk")
    )
