"""Serializers of the complaint API: records sent by other channels, and complaints read back.

What is exposed, and why:

- Lists carry what a staff list shows: channel, ids, times, category, OPD, officer, status and the
  service-level figures; never the complainant.
- The detail adds the description, the steps taken (events), the public responses (internal notes
  are left out) and the complainant. The complainant's name, phone and e-mail are personal data:
  given only to those who handle the complaint (its verifiers, the target OPD's dispatchers and
  its officer). Everyone else who may read the complaint (BKPSDM, the auditor) gets the name
  masked to initials (``S*** A***``) and ``null`` for phone and e-mail.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from kinerja.complaints.importing import MAX_EXTERNAL_ID
from kinerja.complaints.masking import mask_name
from kinerja.complaints.models import (
    Channel,
    Classification,
    Complaint,
    ComplaintEvent,
    Response,
    ResponseKind,
    Status,
    Verdict,
)
from kinerja.complaints.services.intake import LIMITS
from kinerja.complaints.worktime import SlaState
from kinerja.org.api.serializers import UnitRefSerializer

#: A date-time as the schema's ``format: date-time`` means it: date, time and offset.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$")
RESULTS = ("created", "updated", "unchanged", "rejected")
MAX_RECORDS = 500


_ENUM_FIELDS: dict[str, type[serializers.ChoiceField]] = {}


def named_choice(choices: Any, component: str, **kwargs: Any) -> serializers.ChoiceField:
    """A choice field whose enum is the schema component ``component``.

    Left to itself the generator names an enum after its field ("status", "kind") and renames
    every enum of that name once two apps use the same field name for different choices. One
    annotated class per component, so that every use is the same component.
    """
    field_class = _ENUM_FIELDS.get(component)
    if field_class is None:
        schema = serializers.ChoiceField(choices=choices)
        field_class = type(f"{component}Field", (serializers.ChoiceField,), {})
        field_class = extend_schema_field(schema, component_name=component)(field_class)
        _ENUM_FIELDS[component] = field_class
    return field_class(choices=choices, **kwargs)


class StrictCharField(serializers.CharField):
    """Text only: DRF's CharField would turn a number or a boolean into text silently."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return str(super().to_internal_value(data))


def _text(help_text: Any, max_length: int, **kwargs: Any) -> StrictCharField:
    kwargs.setdefault("required", False)
    if not kwargs["required"]:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
    return StrictCharField(
        max_length=max_length, help_text=help_text, trim_whitespace=False, **kwargs
    )


@extend_schema_field(OpenApiTypes.DATETIME)
class MomentField(StrictCharField):
    """A time as RFC 3339 text with its offset (``2026-03-02T09:00:00+07:00``).

    Kept as text: the service checks that it lies between 2000 and now, per record.
    """

    def to_internal_value(self, data: Any) -> str:
        text = super().to_internal_value(data)
        if text and not RFC3339.match(text):
            raise serializers.ValidationError(
                _("Gunakan format RFC 3339 dengan zona waktu, misalnya 2026-03-02T09:00:00+07:00.")
            )
        text = text.upper()
        if text:
            try:
                datetime.fromisoformat(text)
            except ValueError:
                raise serializers.ValidationError(_("Tanggal atau jam tidak ada.")) from None
        return text


def _moment(help_text: Any, **kwargs: Any) -> MomentField:
    kwargs.setdefault("required", False)
    if not kwargs["required"]:
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("allow_null", True)
    return MomentField(max_length=40, help_text=help_text, **kwargs)


class ComplaintRecordSerializer(serializers.Serializer):
    """One complaint as another channel sends it. Absent fields of a known record stay as they
    are; ``status``, ``unit``, ``response``, ``responded_at`` and ``closed_at`` are the channel's
    own handling, applied to a new record only."""

    external_id = _text(
        _("ID aduan di kanal asal; bersama kanal menjadi kunci impor."),
        MAX_EXTERNAL_ID,
        required=True,
        min_length=1,
    )
    received_at = _moment(_("Waktu aduan diterima (RFC 3339, dengan zona waktu)."), required=True)
    category = _text(_("Kode atau nama kategori aduan."), 150)
    classification = named_choice(
        Classification.choices,
        "ComplaintClassificationEnum",
        required=False,
        allow_null=True,
        help_text=_("Tanpa nilai berarti pengaduan."),
    )
    title = _text(_("Judul; bila kosong diambil dari awal uraian."), LIMITS["title"])
    description = _text(_("Uraian aduan."), LIMITS["description"], required=True, min_length=1)
    location = _text(_("Lokasi kejadian."), LIMITS["location"])
    complainant_name = _text(_("Nama pelapor (data pribadi)."), LIMITS["complainant_name"])
    complainant_phone = _text(_("Nomor HP pelapor (data pribadi)."), 30)
    complainant_email = _text(_("E-mail pelapor (data pribadi)."), 254)
    unit = _text(_("OPD yang menangani di kanal asal: kode unit atau nama persisnya."), 200)
    status = named_choice(
        Status.choices,
        "ComplaintStatusEnum",
        required=False,
        allow_null=True,
        help_text=_("Status di kanal asal (hanya untuk aduan baru)."),
    )
    response = _text(_("Jawaban atau tindak lanjut di kanal asal."), 5000)
    responded_at = _moment(_("Waktu jawaban di kanal asal."))
    closed_at = _moment(_("Waktu aduan selesai atau ditutup di kanal asal."))


class IntakeEnvelopeSerializer(serializers.Serializer):
    """The channel (and instansi) that every record of a POST shares."""

    channel = named_choice(
        Channel.choices, "ComplaintChannelEnum", help_text=_("Kanal asal semua data dalam kiriman.")
    )
    instansi = _text(
        _("Kode instansi; wajib bila Anda memverifikasi aduan lebih dari satu instansi."), 64
    )


class ComplaintIntakeSerializer(IntakeEnvelopeSerializer, ComplaintRecordSerializer):
    """One complaint, with its channel."""


class ComplaintBatchSerializer(IntakeEnvelopeSerializer):
    """Several complaints of one channel."""

    records = serializers.ListField(
        child=ComplaintRecordSerializer(),
        min_length=1,
        max_length=MAX_RECORDS,
        help_text=_("1 sampai 500 data."),
    )


class ComplaintRecordResultSerializer(serializers.Serializer):
    """What became of one record."""

    index = serializers.IntegerField(help_text=_("Urutan data dalam kiriman, mulai 0."))
    external_id = serializers.CharField()
    result = named_choice([(r, r) for r in RESULTS], "ComplaintIntakeResultEnum")
    tracking_code = serializers.CharField(help_text=_("Kode pelacakan; kosong bila ditolak."))
    # DRF removes declared fields from the class, so this does not hide ``Serializer.errors``;
    # stubs cannot tell the two apart.
    errors = serializers.DictField(  # type: ignore[assignment]
        child=serializers.ListField(child=serializers.CharField()),
        help_text=_("Pesan per field bila ditolak; `non_field_errors` untuk data secara utuh."),
    )


class ComplaintIntakeResultSerializer(serializers.Serializer):
    """Counts and per-record results of one POST."""

    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rejected = serializers.IntegerField()
    results = ComplaintRecordResultSerializer(many=True)


# --- Reading ------------------------------------------------------------------------------


class ComplaintCategorySerializer(serializers.Serializer):
    """The category of a complaint."""

    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)


class ComplaintOfficerSerializer(serializers.Serializer):
    """The officer a complaint is assigned to."""

    nip = serializers.CharField(read_only=True)
    name = serializers.CharField(source="full_name", read_only=True)


class ComplaintSerializer(serializers.ModelSerializer):
    """One row of the complaint list; no personal data."""

    channel = named_choice(Channel.choices, "ComplaintChannelEnum", read_only=True)
    classification = named_choice(
        Classification.choices, "ComplaintClassificationEnum", read_only=True
    )
    status = named_choice(Status.choices, "ComplaintStatusEnum", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    category = ComplaintCategorySerializer(read_only=True, allow_null=True)
    unit = UnitRefSerializer(read_only=True, allow_null=True)
    officer = ComplaintOfficerSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Complaint
        fields = [
            "id", "tracking_code", "channel", "external_id", "received_at", "category",
            "classification", "title", "location", "unit", "officer", "status", "status_label",
            "response_due_at", "followup_due_at", "first_response_at", "followed_up_at",
            "closed_at", "response_minutes", "followup_minutes", "reopen_count",
            "rejected_answers", "rating", "solved", "version",
        ]  # fmt: skip
        read_only_fields = fields


class ComplaintEventSerializer(serializers.ModelSerializer):
    """One step taken on a complaint."""

    from_status = named_choice(
        Status.choices,
        "ComplaintStatusEnum",
        read_only=True,
        allow_null=True,
        help_text=_("Kosong untuk langkah pertama (aduan diterima)."),
    )
    to_status = named_choice(Status.choices, "ComplaintStatusEnum", read_only=True)
    unit = serializers.IntegerField(source="unit_id", read_only=True, allow_null=True)

    class Meta:
        model = ComplaintEvent
        fields = ["at", "action", "from_status", "to_status", "actor_label", "unit", "note"]
        read_only_fields = fields

    def to_representation(self, instance: ComplaintEvent) -> dict[str, Any]:
        data = dict(super().to_representation(instance))
        data["from_status"] = data["from_status"] or None
        return data


class ComplaintResponseSerializer(serializers.ModelSerializer):
    """An answer the citizen sees (internal notes are never listed)."""

    kind = named_choice(
        [(k, label) for k, label in ResponseKind.choices if k != ResponseKind.INTERNAL],
        "ComplaintResponseKindEnum",
        read_only=True,
    )
    verdict = named_choice(Verdict.choices, "ComplaintVerdictEnum", read_only=True)

    class Meta:
        model = Response
        fields = ["at", "kind", "body", "author_label", "verdict"]
        read_only_fields = fields


class ComplaintStepSerializer(serializers.Serializer):
    """A service-level step: when it is due, when it was done, and how it stands."""

    label = serializers.CharField(read_only=True)  # type: ignore[assignment]
    due = serializers.DateTimeField(read_only=True, allow_null=True)
    done_at = serializers.DateTimeField(read_only=True, allow_null=True)
    state = named_choice(
        [(s.value, s.value) for s in SlaState],
        "ComplaintSlaStateEnum",
        read_only=True,
        allow_null=True,
    )


class ComplaintDetailSerializer(ComplaintSerializer):
    """A complaint with its description, steps, public responses and (when allowed) the
    complainant. The view passes ``show_personal``, ``events``, ``responses`` and ``steps`` in
    the context, so serializing never queries the database."""

    complainant_name = serializers.SerializerMethodField(
        help_text=_("Lengkap bagi yang menangani aduan; selain itu hanya inisial.")
    )
    complainant_phone = serializers.SerializerMethodField(
        help_text=_("Hanya bagi yang menangani aduan; selain itu kosong.")
    )
    complainant_email = serializers.SerializerMethodField(
        help_text=_("Hanya bagi yang menangani aduan; selain itu kosong.")
    )
    personal_data_masked = serializers.SerializerMethodField(
        help_text=_("Benar bila data pelapor disamarkan untuk Anda.")
    )
    events = serializers.SerializerMethodField()
    responses = serializers.SerializerMethodField()
    steps = serializers.SerializerMethodField()

    class Meta(ComplaintSerializer.Meta):
        fields = [
            *ComplaintSerializer.Meta.fields,
            "description",
            "complainant_name",
            "complainant_phone",
            "complainant_email",
            "personal_data_masked",
            "events",
            "responses",
            "steps",
        ]
        read_only_fields = fields

    def _shows(self) -> bool:
        return bool(self.context.get("show_personal"))

    def get_complainant_name(self, complaint: Complaint) -> str:
        return (
            complaint.complainant_name if self._shows() else mask_name(complaint.complainant_name)
        )

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_complainant_phone(self, complaint: Complaint) -> str | None:
        return complaint.complainant_phone if self._shows() else None

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_complainant_email(self, complaint: Complaint) -> str | None:
        return complaint.complainant_email if self._shows() else None

    def get_personal_data_masked(self, complaint: Complaint) -> bool:
        return not self._shows()

    @extend_schema_field(ComplaintEventSerializer(many=True))
    def get_events(self, complaint: Complaint) -> list[Any]:
        return list(ComplaintEventSerializer(self.context.get("events", []), many=True).data)

    @extend_schema_field(ComplaintResponseSerializer(many=True))
    def get_responses(self, complaint: Complaint) -> list[Any]:
        return list(ComplaintResponseSerializer(self.context.get("responses", []), many=True).data)

    @extend_schema_field(ComplaintStepSerializer(many=True))
    def get_steps(self, complaint: Complaint) -> list[Any]:
        return list(ComplaintStepSerializer(self.context.get("steps", []), many=True).data)
