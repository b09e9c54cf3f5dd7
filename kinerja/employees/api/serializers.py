"""Serializers for the employee directory.

What is exposed, and why:

- The list carries what the HTML directory shows (name with gelar, NIP, status, golongan and
  pangkat, kedudukan hukum, jabatan, unit) and nothing personal beyond that: no birth data,
  no contact details.
- The detail adds the derived atasan and atasan's atasan. E-mail and phone are filled only for
  the employee themself and for users who may change that employee's record (Admin OPD of the
  unit, Admin BKPSDM, superadmin); for anyone else they are ``null``.
- Identity numbers other than the NIP (such as the NIK) are never exposed.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.employees.models import AssignmentKind, Employee
from kinerja.employees.reference import GOLONGAN_CHOICES, EmployeeStatus, KedudukanHukum
from kinerja.employees.selectors import Holder, Superiors
from kinerja.org.api.serializers import PositionRefSerializer, UnitRefSerializer


class EmployeeSerializer(serializers.ModelSerializer):
    """One row of the employee directory."""

    full_name = serializers.CharField(read_only=True, help_text=_("Nama lengkap dengan gelar."))
    status = serializers.ChoiceField(choices=EmployeeStatus.choices, read_only=True)
    golongan = serializers.ChoiceField(
        choices=GOLONGAN_CHOICES,
        read_only=True,
        allow_blank=True,
        help_text=_("Golongan/ruang (PNS) atau golongan PPPK; kosong bila belum diisi."),
    )
    pangkat = serializers.CharField(read_only=True, help_text=_("Pangkat PNS; kosong untuk PPPK."))
    kedudukan_hukum = serializers.ChoiceField(choices=KedudukanHukum.choices, read_only=True)
    jabatan = PositionRefSerializer(source="current_position", read_only=True, allow_null=True)
    unit = UnitRefSerializer(source="current_unit", read_only=True, allow_null=True)

    class Meta:
        model = Employee
        fields = [
            "nip",
            "name",
            "gelar_depan",
            "gelar_belakang",
            "full_name",
            "status",
            "golongan",
            "pangkat",
            "kedudukan_hukum",
            "jabatan",
            "unit",
        ]
        read_only_fields = fields


class SuperiorSerializer(serializers.Serializer):
    """An atasan derived from the position tree, definitive or acting (Plt/Plh)."""

    nip = serializers.CharField(source="employee.nip", read_only=True)
    full_name = serializers.CharField(source="employee.full_name", read_only=True)
    kind = serializers.ChoiceField(choices=AssignmentKind.choices, read_only=True)
    kind_label = serializers.CharField(read_only=True)
    jabatan = PositionRefSerializer(source="position", read_only=True)


class EmployeeDetailSerializer(EmployeeSerializer):
    """An employee with the derived superiors and, where allowed, contact details."""

    # The view passes ``superiors`` (from ``selectors.superiors_of``) and ``show_contact`` in
    # the serializer context, so serializing never queries the database.

    instansi = serializers.IntegerField(source="instansi_id", read_only=True)
    atasan = serializers.SerializerMethodField(
        help_text=_(
            "Atasan langsung (pejabat penilai kinerja); kosong bila jabatan atasannya kosong."
        )
    )
    atasan_atasan = serializers.SerializerMethodField(help_text=_("Atasan dari atasan langsung."))
    atasan_chain_broken = serializers.SerializerMethodField(
        help_text=_(
            "Benar bila jabatan atasan ada tetapi tidak ada pejabat definitif, Plt, atau Plh."
        )
    )
    email = serializers.SerializerMethodField(
        help_text=_("Hanya untuk pegawai itu sendiri dan pengelola datanya; selain itu kosong.")
    )
    phone = serializers.SerializerMethodField(
        help_text=_("Hanya untuk pegawai itu sendiri dan pengelola datanya; selain itu kosong.")
    )

    class Meta(EmployeeSerializer.Meta):
        fields = [
            *EmployeeSerializer.Meta.fields,
            "instansi",
            "atasan",
            "atasan_atasan",
            "atasan_chain_broken",
            "email",
            "phone",
        ]
        read_only_fields = fields

    def _superiors(self) -> Superiors | None:
        return self.context.get("superiors")

    @staticmethod
    def _holder(holder: Holder | None) -> dict[str, Any] | None:
        return SuperiorSerializer(holder).data if holder is not None else None

    @extend_schema_field(SuperiorSerializer(allow_null=True))
    def get_atasan(self, employee: Employee) -> dict[str, Any] | None:
        superiors = self._superiors()
        return self._holder(superiors.atasan if superiors else None)

    @extend_schema_field(SuperiorSerializer(allow_null=True))
    def get_atasan_atasan(self, employee: Employee) -> dict[str, Any] | None:
        superiors = self._superiors()
        return self._holder(superiors.atasan_atasan if superiors else None)

    def get_atasan_chain_broken(self, employee: Employee) -> bool:
        superiors = self._superiors()
        return bool(superiors and superiors.chain_broken)

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_email(self, employee: Employee) -> str | None:
        return employee.email if self.context.get("show_contact") else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_phone(self, employee: Employee) -> str | None:
        return employee.phone if self.context.get("show_contact") else None
