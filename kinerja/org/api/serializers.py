"""Serializers for units, plus the error shapes every API endpoint documents.

The error serializers live here because ``org`` is the leftmost app with an API; apps to the
right (employees and later ones) import them so that the schema has one ``Error`` component.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema_field
from rest_framework import serializers

from kinerja.org.models import JabatanLevel, JabatanType, Unit, UnitType


class ErrorSerializer(serializers.Serializer):
    """The body DRF sends for 401, 403, 404 and 405: one human-readable message."""

    detail = serializers.CharField(help_text=_("Pesan kesalahan."))


#: 400 body of a list endpoint: each rejected query parameter with its messages.
VALIDATION_ERROR_SCHEMA = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "description": "Parameter yang ditolak beserta pesannya.",
}

AUTH_ERRORS = {
    401: OpenApiResponse(
        ErrorSerializer, description=_("Belum terautentikasi (token tidak ada atau salah).")
    ),
    403: OpenApiResponse(ErrorSerializer, description=_("Tidak berwenang.")),
}
LIST_ERRORS = {
    400: OpenApiResponse(VALIDATION_ERROR_SCHEMA, description=_("Parameter filter tidak valid.")),
    **AUTH_ERRORS,
    404: OpenApiResponse(ErrorSerializer, description=_("Halaman tidak ada.")),
}
DETAIL_ERRORS = {
    **AUTH_ERRORS,
    404: OpenApiResponse(
        ErrorSerializer,
        description=_("Tidak ada, atau berada di luar lingkup akses Anda (keduanya dijawab sama)."),
    ),
}


class UnitRefSerializer(serializers.Serializer):
    """A unit named inside another object (an employee's unit, a breadcrumb step)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)


class UnitSerializer(serializers.ModelSerializer):
    """One row of the unit list."""

    type = serializers.ChoiceField(choices=UnitType.choices, read_only=True)
    type_label = serializers.CharField(source="get_type_display", read_only=True)
    instansi = serializers.IntegerField(source="instansi_id", read_only=True)
    # ``Field.parent`` is DRF's own attribute (the enclosing serializer); the class attribute
    # only declares the output field named "parent", which stubs cannot tell apart.
    parent = serializers.IntegerField(  # type: ignore[assignment]
        source="parent_id",
        read_only=True,
        allow_null=True,
        help_text=_("ID unit induk; kosong untuk perangkat daerah (tingkat teratas)."),
    )
    depth = serializers.IntegerField(
        read_only=True, help_text=_("Kedalaman dalam pohon unit; 0 untuk perangkat daerah.")
    )
    children_count = serializers.IntegerField(
        read_only=True, help_text=_("Jumlah unit langsung di bawahnya.")
    )

    class Meta:
        model = Unit
        fields = [
            "id",
            "instansi",
            "parent",
            "depth",
            "name",
            "short_name",
            "code",
            "type",
            "type_label",
            "active_from",
            "active_until",
            "children_count",
        ]
        read_only_fields = fields


class UnitDetailSerializer(UnitSerializer):
    """A unit with its instansi and the chain of units above it."""

    instansi_name = serializers.CharField(source="instansi.name", read_only=True)
    ancestors = serializers.SerializerMethodField(
        help_text=_("Unit-unit di atasnya, dari perangkat daerah sampai induk langsung.")
    )

    class Meta(UnitSerializer.Meta):
        fields = [*UnitSerializer.Meta.fields, "instansi_name", "ancestors"]
        read_only_fields = fields

    @extend_schema_field(UnitRefSerializer(many=True))
    def get_ancestors(self, unit: Unit) -> list[dict[str, Any]]:
        # Loaded once by the view (one query) and passed in, so the serializer never queries.
        ancestors = self.context.get("ancestors", [])
        return UnitRefSerializer(ancestors, many=True).data  # type: ignore[return-value]


class PositionRefSerializer(serializers.Serializer):
    """A jabatan named inside another object (an employee's position)."""

    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(read_only=True)
    jabatan_type = serializers.ChoiceField(choices=JabatanType.choices, read_only=True)
    level = serializers.ChoiceField(choices=JabatanLevel.choices, read_only=True)
