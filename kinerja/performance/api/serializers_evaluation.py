"""Serializers for evaluations and a unit's distribution of predikat.

Ratings and predikat are SIASN codes; each is sent as ``{code, label}`` (``label`` in the
language of the request), or ``null`` while it is not set (a draft). Everything comes from rows
the view loaded with ``select_related`` or from the stored recommendation, so serializing never
queries the database.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.org.api.serializers import UnitRefSerializer
from kinerja.performance import scoring
from kinerja.performance.api.serializers import (
    ExpectationSerializer,
    SkpPersonSerializer,
    SkpUnitSerializer,
    named_choice_field,
)
from kinerja.performance.models import (
    Berakhlak,
    Evaluation,
    EvaluationState,
    OrgPredikatValue,
    PenetapanState,
    Period,
    PeriodKind,
    PredikatValue,
    RatingValue,
)
from kinerja.performance.scoring.distribution import keyed_results
from kinerja.performance.selectors_distribution import Distribution

# --- Coded values: {code, label} or null -----------------------------------------------------


def _again(field: Any, choices: Any) -> serializers.ChoiceField:
    """Another instance of an annotated choice field (see ``named_choice_field``), so that every
    use of the enum is one schema component."""
    field_class: type[serializers.ChoiceField] = type(field)
    return field_class(choices=choices, read_only=True)


_PREDIKAT_CODE = named_choice_field(PredikatValue.choices, "PredikatCodeEnum")


class _CodedSerializer(serializers.Serializer):
    """A stored choice as ``{code, label}``; ``null`` for an empty (not yet set) value."""

    choices: ClassVar[type[models.TextChoices]]

    def to_representation(self, instance: Any) -> dict[str, str] | None:  # type: ignore[override]
        code = str(instance or "")
        if code not in self.choices.values:
            return None
        return {"code": code, "label": str(self.choices(code).label)}


class EvaluationRatingSerializer(_CodedSerializer):
    """A rating of Hasil Kerja or Perilaku Kerja: SIASN code 1 Di Atas, 2 Sesuai, 3 Di Bawah."""

    choices = RatingValue
    code = named_choice_field(RatingValue.choices, "RatingCodeEnum")
    # ``Field.label`` is DRF's own attribute; the class attribute declares the output field.
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]


class EvaluationPredikatSerializer(_CodedSerializer):
    """A predikat kinerja pegawai: SIASN code 1 Sangat Baik … 5 Sangat Kurang."""

    choices = PredikatValue
    code = _again(_PREDIKAT_CODE, PredikatValue.choices)
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]


class OrgPredikatSerializer(_CodedSerializer):
    """A predikat kinerja organisasi (SE MenPANRB 3/2023)."""

    choices = OrgPredikatValue
    code = named_choice_field(OrgPredikatValue.choices, "OrgPredikatEnum")
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]


class PenetapanStateSerializer(_CodedSerializer):
    """The state of a unit's penetapan: ``draft`` or ``approved``."""

    choices = PenetapanState
    code = named_choice_field(PenetapanState.choices, "PenetapanStateEnum")
    label = serializers.CharField(read_only=True)  # type: ignore[assignment]


# --- Evaluations -----------------------------------------------------------------------------


class PeriodRefSerializer(serializers.ModelSerializer):
    """An evaluation period: periodic (a month or a quarter) or annual."""

    kind = named_choice_field(PeriodKind.choices, "PeriodKindEnum")
    number = serializers.IntegerField(
        read_only=True, help_text=_("1–12 (bulanan) atau 1–4 (triwulanan); 0 untuk tahunan.")
    )
    # ``Field.label`` is DRF's own attribute; the class attribute declares the output field.
    label = serializers.CharField(  # type: ignore[assignment]
        source="__str__", read_only=True, help_text=_("Nama periode, mis. “Triwulan I 2026”.")
    )

    class Meta:
        model = Period
        fields = ["id", "kind", "number", "label", "starts", "ends"]
        read_only_fields = fields


class PerilakuValueSerializer(serializers.Serializer):
    """The rating of one BerAKHLAK value."""

    value = _again(ExpectationSerializer._declared_fields["value"], Berakhlak.choices)
    label = serializers.CharField(  # type: ignore[assignment]
        read_only=True, help_text=_("Nama nilai BerAKHLAK.")
    )
    rating = EvaluationRatingSerializer(read_only=True)


def _rating_field(help_text: Any) -> EvaluationRatingSerializer:
    return EvaluationRatingSerializer(read_only=True, allow_null=True, help_text=help_text)


class EvaluationSerializer(serializers.ModelSerializer):
    """One row of the evaluation list."""

    period = PeriodRefSerializer(read_only=True)
    employee = SkpPersonSerializer(read_only=True)
    unit = SkpUnitSerializer(
        read_only=True, help_text=_("Unit SKP (penempatan pegawai saat SKP dibuat).")
    )
    skp_id = serializers.IntegerField(read_only=True)
    state = named_choice_field(EvaluationState.choices, "EvaluationStateEnum")
    recommended = _rating_field(
        _("Rekomendasi sistem untuk hasil kerja; kosong bila tidak ada IKI kuantitatif berdata.")
    )
    hasil_kerja = _rating_field(_("Rating hasil kerja dari pejabat penilai."))
    perilaku = _rating_field(_("Rating perilaku kerja dari pejabat penilai."))
    predikat = EvaluationPredikatSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Predikat kinerja; kosong selama evaluasi masih draf."),
    )
    override_reason = serializers.CharField(
        read_only=True,
        help_text=_("Alasan penilai bila rating hasil kerja berbeda dari rekomendasi."),
    )
    perilaku_values = serializers.SerializerMethodField(
        help_text=_("Rating per nilai BerAKHLAK yang diisi penilai, urut nilai BerAKHLAK.")
    )
    scoring_version = serializers.CharField(
        read_only=True, help_text=_("Versi aturan penilaian yang dipakai rekomendasi.")
    )
    decided_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("Waktu predikat ditetapkan.")
    )

    class Meta:
        model = Evaluation
        fields = [
            "id",
            "period",
            "employee",
            "unit",
            "skp_id",
            "state",
            "recommended",
            "hasil_kerja",
            "perilaku",
            "predikat",
            "override_reason",
            "perilaku_values",
            "scoring_version",
            "decided_at",
        ]
        read_only_fields = fields

    @extend_schema_field(PerilakuValueSerializer(many=True))
    def get_perilaku_values(self, evaluation: Evaluation) -> list[dict[str, Any]]:
        stored = evaluation.perilaku_values or {}
        return [
            {
                "value": value,
                "label": str(label),
                "rating": EvaluationRatingSerializer().to_representation(stored[value]),
            }
            for value, label in Berakhlak.choices
            if stored.get(value) in RatingValue.values
        ]


class RecommendationRuleSerializer(serializers.Serializer):
    """The rule the recommendation applied, as stored (percentages as decimal strings)."""

    di_atas_min = serializers.CharField(
        read_only=True, help_text=_("Capaian minimal (persen) untuk IKI di atas ekspektasi.")
    )
    sesuai_min = serializers.CharField(
        read_only=True, help_text=_("Capaian minimal (persen) untuk IKI sesuai ekspektasi.")
    )
    most_pct = serializers.CharField(
        read_only=True, help_text=_("Batas “sebagian besar” (persen).")
    )
    utama_short_max_pct = serializers.CharField(
        read_only=True, help_text=_("Batas IKI utama di bawah ekspektasi (persen).")
    )


class RecommendationLineSerializer(serializers.Serializer):
    """One IKI as the recommendation saw it."""

    iki_id = serializers.IntegerField(read_only=True, allow_null=True)
    text = serializers.CharField(read_only=True)
    utama = serializers.BooleanField(read_only=True, help_text=_("IKI dari RHK utama."))
    target = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Target periode sebagai teks desimal.")
    )
    realisasi = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Realisasi sebagai teks desimal.")
    )
    lower_is_better = serializers.BooleanField(read_only=True)
    capaian = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Capaian (persen) sebagai teks desimal.")
    )
    status = serializers.CharField(
        read_only=True, allow_null=True, help_text=_("Status capaian (ok, no_data, …).")
    )
    explanation = serializers.CharField(read_only=True)


class ExcludedIkiSerializer(serializers.Serializer):
    """An IKI left out of the recommendation, with the reason."""

    iki_id = serializers.IntegerField(read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True)


class RecommendationSerializer(serializers.Serializer):
    """The system's recommendation stored with the evaluation: its reason, rule and inputs."""

    reason = serializers.CharField(read_only=True)
    needs_review = serializers.BooleanField(
        read_only=True, help_text=_("Kasus yang perlu ditinjau penilai.")
    )
    drivers = serializers.ListField(
        child=serializers.IntegerField(),
        read_only=True,
        help_text=_("ID IKI yang menentukan rekomendasi."),
    )
    rule = RecommendationRuleSerializer(read_only=True)
    version = serializers.CharField(read_only=True, help_text=_("Versi aturan penilaian."))
    lines = RecommendationLineSerializer(many=True, read_only=True)
    excluded = ExcludedIkiSerializer(many=True, read_only=True)


def _iki_id(value: Any) -> int | None:
    text = str(value) if value is not None else ""
    return int(text) if text.isascii() and text.isdigit() else None


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def stored_recommendation(data: Any) -> dict[str, Any] | None:
    """The stored recommendation JSON in the API's shape; ``None`` when nothing was stored."""
    if not isinstance(data, dict) or not data:
        return None
    rule = data["rule"] if isinstance(data.get("rule"), dict) else {}
    return {
        "reason": str(data.get("reason", "")),
        "needs_review": bool(data.get("needs_review", False)),
        "drivers": [i for i in map(_iki_id, data.get("drivers") or []) if i is not None],
        "rule": {
            key: str(rule.get(key, ""))
            for key in ("di_atas_min", "sesuai_min", "most_pct", "utama_short_max_pct")
        },
        "version": str(data.get("version", "")),
        "lines": [
            {
                "iki_id": _iki_id(line.get("id")),
                "text": str(line.get("text", "")),
                "utama": bool(line.get("utama", False)),
                "target": _text(line.get("target")),
                "realisasi": _text(line.get("realisasi")),
                "lower_is_better": bool(line.get("lower_is_better", False)),
                "capaian": _text(line.get("capaian")),
                "status": _text(line.get("status")),
                "explanation": str(line.get("explanation", "")),
            }
            for line in data.get("iki") or []
            if isinstance(line, dict)
        ],
        "excluded": [
            {"iki_id": _iki_id(item.get("iki")), "reason": str(item.get("reason", ""))}
            for item in data.get("excluded") or []
            if isinstance(item, dict)
        ],
    }


class EvaluationDetailSerializer(EvaluationSerializer):
    """An evaluation with the system's stored recommendation."""

    recommendation = serializers.SerializerMethodField(
        help_text=_(
            "Rekomendasi sistem yang disimpan bersama evaluasi: alasan, aturan, dan capaian per"
            " IKI; kosong bila belum pernah dihitung."
        )
    )

    class Meta(EvaluationSerializer.Meta):
        fields = [*EvaluationSerializer.Meta.fields, "recommendation"]
        read_only_fields = fields

    @extend_schema_field(RecommendationSerializer(allow_null=True))
    def get_recommendation(self, evaluation: Evaluation) -> dict[str, Any] | None:
        return stored_recommendation(evaluation.recommendation)


# --- Distribution ----------------------------------------------------------------------------

_PCT = Decimal("0.01")


def _share(count: int, total: int) -> str | None:
    return None if not total else str((Decimal(count) * 100 / total).quantize(_PCT))


@extend_schema_field({"type": "string", "format": "decimal", "pattern": r"^[0-9]+\.[0-9]{2}$"})
class DecimalTextField(serializers.CharField):
    """A percentage as a decimal string with two places (``"70.00"``)."""


def _decimal_text_field(help_text: Any) -> DecimalTextField:
    return DecimalTextField(read_only=True, allow_null=True, help_text=help_text)


class PredikatCountSerializer(EvaluationPredikatSerializer):
    """How many confirmed evaluations in the unit have one predikat."""

    count = serializers.IntegerField(read_only=True)
    share = _decimal_text_field(_("Persentase dari total (dua desimal); kosong bila total 0."))

    def to_representation(self, instance: Any) -> dict[str, Any]:
        code, count, total = instance
        return {
            **(super().to_representation(code) or {}),
            "count": count,
            "share": _share(count, total),
        }


class ClauseResultSerializer(serializers.Serializer):
    """One clause of the distribution rule checked against the counts."""

    key = serializers.CharField(
        read_only=True, help_text=_("Kunci ketentuan; alasan pengecualian disimpan dengannya.")
    )
    kind = named_choice_field([(k.value, k.value) for k in scoring.ClauseKind], "ClauseKindEnum")
    group = serializers.ListField(
        child=_again(_PREDIKAT_CODE, PredikatValue.choices),
        read_only=True,
        help_text=_("Kode predikat yang dihitung bersama."),
    )
    text = serializers.CharField(read_only=True)
    threshold = _decimal_text_field(
        _("Ambang (persen); kosong untuk “harus ada” dan “sebagian besar”.")
    )
    count = serializers.IntegerField(read_only=True)
    share = _decimal_text_field(_("Persentase kelompok (dua desimal); kosong bila unit kosong."))
    outcome = named_choice_field([(o.value, o.value) for o in scoring.Outcome], "ClauseOutcomeEnum")
    message = serializers.CharField(read_only=True)


class DistributionCheckSerializer(serializers.Serializer):
    """The distribution checked against the rule of the unit's organisational predikat."""

    ok = serializers.BooleanField(read_only=True, help_text=_("Benar bila tidak ada yang gagal."))
    too_small = serializers.BooleanField(
        read_only=True, help_text=_("Unit terlalu kecil; persentase kurang bermakna.")
    )
    empty = serializers.BooleanField(read_only=True, help_text=_("Unit tanpa predikat pegawai."))
    message = serializers.CharField(read_only=True)
    scoring_version = serializers.CharField(read_only=True)
    clauses = ClauseResultSerializer(many=True, read_only=True)


def _check(check: scoring.DistributionCheck) -> dict[str, Any]:
    thresholded = {scoring.ClauseKind.AT_LEAST, scoring.ClauseKind.AT_MOST}
    return {
        "ok": check.ok,
        "too_small": check.too_small,
        "empty": check.empty,
        "message": check.message,
        "scoring_version": check.version,
        "clauses": [
            {
                "key": key,
                "kind": result.clause.kind.value,
                "group": sorted(p.value for p in result.clause.group),
                "text": result.text,
                "threshold": str(result.clause.threshold.quantize(_PCT))
                if result.clause.kind in thresholded
                else None,
                "count": result.count,
                "share": None if result.share is None else str(result.share.quantize(_PCT)),
                "outcome": result.outcome.value,
                "message": result.message,
            }
            for key, result in keyed_results(check)
        ],
    }


class DistributionSerializer(serializers.Serializer):
    """A unit's confirmed employee predikat in one period, and the check of its rule."""

    unit = UnitRefSerializer(read_only=True)
    period = PeriodRefSerializer(read_only=True)
    org_predikat = OrgPredikatSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Predikat kinerja organisasi unit; kosong bila belum ditetapkan."),
    )
    penetapan_state = PenetapanStateSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Status penetapan distribusi; kosong bila predikat unit belum ada."),
    )
    total = serializers.IntegerField(
        read_only=True, help_text=_("Jumlah predikat pegawai yang sudah ditetapkan.")
    )
    counts = serializers.SerializerMethodField(
        help_text=_("Jumlah per predikat (kode 1–5), termasuk yang nol.")
    )
    check = serializers.SerializerMethodField(
        help_text=_("Pemeriksaan aturan distribusi; kosong bila predikat unit belum ada.")
    )

    def to_representation(self, instance: Distribution) -> dict[str, Any]:
        assessment = instance.assessment
        return {
            "unit": UnitRefSerializer(instance.unit).data,
            "period": PeriodRefSerializer(instance.period).data,
            "org_predikat": OrgPredikatSerializer().to_representation(
                assessment.org_predikat if assessment else None
            ),
            "penetapan_state": PenetapanStateSerializer().to_representation(
                assessment.state if assessment else None
            ),
            "total": instance.total,
            "counts": self.get_counts(instance),
            "check": self.get_check(instance),
        }

    @extend_schema_field(PredikatCountSerializer(many=True))
    def get_counts(self, instance: Distribution) -> list[dict[str, Any]]:
        total = instance.total
        serializer = PredikatCountSerializer()
        return [
            serializer.to_representation((code, instance.counts.get(code, 0), total))
            for code in PredikatValue.values
        ]

    @extend_schema_field(DistributionCheckSerializer(allow_null=True))
    def get_check(self, instance: Distribution) -> dict[str, Any] | None:
        return None if instance.check is None else _check(instance.check)
