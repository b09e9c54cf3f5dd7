"""Serializers for SKPs: a list row with the people and placement, and the full plan.

The list row carries what identifies an SKP and its workflow (year, state, employee, position,
unit, assessors, timestamps, version). The detail adds the plan itself: the lampiran, the
assessor's return comment, the RHK with the leader's RHK each supports and its IKI, and the
Ekspektasi Khusus Pimpinan per BerAKHLAK value. Everything comes from rows the view loaded with
``select_related``/``prefetch_related``, so serializing never queries the database.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.performance.models import (
    Aspek,
    BehaviourExpectation,
    Berakhlak,
    Iki,
    Perspektif,
    Rhk,
    RhkKind,
    Skp,
    SkpApproach,
    SkpState,
)


def named_choice_field(choices: Any, component: str, **kwargs: Any) -> serializers.ChoiceField:
    """A read-only choice field whose enum is the schema component ``component``.

    Left to itself the generator names an enum after its field ("state", "kind", "value") and
    renames every enum of that name once another app uses the same field name for other
    choices, which would change the published schema of existing endpoints.
    """
    # The annotation goes on a subclass: DRF rebuilds declared field instances from their
    # arguments for every serializer, which would drop an annotation set on the instance.
    schema = serializers.ChoiceField(choices=choices, **kwargs)
    field_class = type(f"{component}Field", (serializers.ChoiceField,), {})
    annotated = extend_schema_field(schema, component_name=component)(field_class)
    return annotated(choices=choices, read_only=True, **kwargs)


class SkpPersonSerializer(serializers.Serializer):
    """An employee named inside an SKP (its owner, assessor or the assessor's superior)."""

    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class SkpPositionSerializer(serializers.Serializer):
    """The jabatan an SKP is for."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class SkpUnitSerializer(serializers.Serializer):
    """The unit the employee was placed in when the SKP was started."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class SkpSerializer(serializers.ModelSerializer):
    """One row of the SKP list."""

    year = serializers.IntegerField(source="performance_year.year", read_only=True)
    state = named_choice_field(SkpState.choices, "SkpStateEnum")
    approach = named_choice_field(SkpApproach.choices, "SkpApproachEnum")
    is_jpt = serializers.BooleanField(
        read_only=True, help_text=_("Benar untuk SKP Jabatan Pimpinan Tinggi (IKI per perspektif).")
    )
    employee = SkpPersonSerializer(read_only=True)
    position = SkpPositionSerializer(read_only=True)
    unit = SkpUnitSerializer(read_only=True)
    assessor = SkpPersonSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Pejabat penilai kinerja saat SKP dibuat; kosong bila tidak ada."),
    )
    assessor_superior = SkpPersonSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("Atasan pejabat penilai saat SKP dibuat; kosong bila tidak ada."),
    )
    submitted_at = serializers.DateTimeField(
        read_only=True, allow_null=True, help_text=_("Waktu terakhir diajukan.")
    )
    decided_at = serializers.DateTimeField(
        read_only=True,
        allow_null=True,
        help_text=_("Waktu terakhir disetujui atau dikembalikan."),
    )
    version = serializers.IntegerField(
        read_only=True, help_text=_("Naik setiap kali SKP atau isinya berubah.")
    )

    class Meta:
        model = Skp
        fields = [
            "id",
            "year",
            "state",
            "approach",
            "is_jpt",
            "starts",
            "ends",
            "employee",
            "position",
            "unit",
            "assessor",
            "assessor_superior",
            "submitted_at",
            "decided_at",
            "version",
        ]
        read_only_fields = fields


class LampiranSerializer(serializers.Serializer):
    """The SKP's lampiran (attachment): resources, accountability scheme and consequences."""

    dukungan_sumber_daya = serializers.CharField(read_only=True)
    skema_pertanggungjawaban = serializers.CharField(read_only=True)
    konsekuensi = serializers.CharField(read_only=True)


class SupportedRhkSerializer(serializers.Serializer):
    """The leader's RHK that an RHK supports (intervenes in)."""

    id = serializers.IntegerField(read_only=True)
    text = serializers.CharField(read_only=True)
    skp_id = serializers.IntegerField(read_only=True, help_text=_("ID SKP pimpinan."))


class IkiSerializer(serializers.ModelSerializer):
    """An Indikator Kinerja Individu: a numeric target with its unit, or a qualitative one."""

    aspek = serializers.ChoiceField(
        choices=Aspek.choices,
        read_only=True,
        allow_blank=True,
        help_text=_("Aspek (SKP non-JPT, pendekatan kuantitatif); kosong bila tidak dipakai."),
    )
    perspektif = serializers.ChoiceField(
        choices=Perspektif.choices,
        read_only=True,
        allow_blank=True,
        help_text=_("Perspektif (SKP JPT); kosong bila tidak dipakai."),
    )
    target = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        read_only=True,
        allow_null=True,
        coerce_to_string=True,
        help_text=_("Target angka sebagai teks desimal; kosong untuk IKI kualitatif."),
    )
    unit = serializers.CharField(read_only=True, help_text=_("Satuan target."))

    class Meta:
        model = Iki
        fields = ["id", "text", "aspek", "perspektif", "target", "unit", "lower_is_better"]
        read_only_fields = fields


class RhkSerializer(serializers.ModelSerializer):
    """A Rencana Hasil Kerja with its indicators."""

    kind = named_choice_field(RhkKind.choices, "RhkKindEnum")
    supports = SupportedRhkSerializer(
        read_only=True,
        allow_null=True,
        help_text=_("RHK pimpinan yang diintervensi; kosong untuk SKP JPT."),
    )
    iki = IkiSerializer(source="ikis", many=True, read_only=True)

    class Meta:
        model = Rhk
        fields = ["id", "kind", "text", "supports", "iki"]
        read_only_fields = fields


class ExpectationSerializer(serializers.ModelSerializer):
    """Ekspektasi Khusus Pimpinan for one BerAKHLAK value."""

    value = named_choice_field(Berakhlak.choices, "BerakhlakEnum")
    # ``Field.label`` is DRF's own attribute (the field's caption); the class attribute only
    # declares the output field named "label", which stubs cannot tell apart.
    label = serializers.CharField(  # type: ignore[assignment]
        source="get_value_display", read_only=True, help_text=_("Nama nilai BerAKHLAK.")
    )

    class Meta:
        model = BehaviourExpectation
        fields = ["value", "label", "text"]
        read_only_fields = fields


#: BerAKHLAK values in their canonical order, for listing expectations.
_BERAKHLAK_ORDER = {value: index for index, value in enumerate(Berakhlak.values)}


class SkpDetailSerializer(SkpSerializer):
    """An SKP with its lampiran, RHK and IKI, and the leader's expectations."""

    lampiran = serializers.SerializerMethodField()
    return_comment = serializers.CharField(
        read_only=True, help_text=_("Catatan penilai saat terakhir mengembalikan SKP.")
    )
    rhk = RhkSerializer(source="rhks", many=True, read_only=True)
    expectations = serializers.SerializerMethodField(
        help_text=_("Ekspektasi khusus pimpinan, urut nilai BerAKHLAK.")
    )

    class Meta(SkpSerializer.Meta):
        fields = [*SkpSerializer.Meta.fields, "lampiran", "return_comment", "rhk", "expectations"]
        read_only_fields = fields

    @extend_schema_field(LampiranSerializer)
    def get_lampiran(self, skp: Skp) -> dict[str, Any]:
        return LampiranSerializer(skp).data

    @extend_schema_field(ExpectationSerializer(many=True))
    def get_expectations(self, skp: Skp) -> list[dict[str, Any]]:
        expectations = sorted(
            skp.expectations.all(), key=lambda e: _BERAKHLAK_ORDER.get(e.value, 99)
        )
        return ExpectationSerializer(expectations, many=True).data  # type: ignore[return-value]
