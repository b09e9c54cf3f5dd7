"""Complaint API: intake from other channels, and the scoped read side.

``POST /api/v1/complaints/`` takes one record or ``{"records": [...]}`` from an external channel
and hands them to ``services.external.upsert`` (the same code as the import command). Only the
instansi's complaint verifiers (an integration account is given that role) and superadmins may
post; everyone else gets 403.

Reading follows ``querysets.complaint_scope_q``: verifiers, BKPSDM and auditors read their
instansi, an OPD's Admin and complaint admins what was sent to their units, an officer what is
assigned to them. Anything else answers 404, exactly like an id that does not exist.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import django_filters
from django.conf import settings
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.accounts.roles import Principal, principal_for
from kinerja.complaints.access import get_complaint_for_user
from kinerja.complaints.api.serializers import (
    ComplaintBatchSerializer,
    ComplaintDetailSerializer,
    ComplaintIntakeResultSerializer,
    ComplaintIntakeSerializer,
    ComplaintSerializer,
)
from kinerja.complaints.models import Category, Channel, Complaint, ResponseKind, Status
from kinerja.complaints.models import Response as ComplaintResponse
from kinerja.complaints.querysets import complaint_scope_q, handles_complaint
from kinerja.complaints.services.external import NON_FIELD, SOURCE_API, upsert
from kinerja.complaints.sla import calendar_for, settings_for, steps_of
from kinerja.org.api.serializers import (
    AUTH_ERRORS,
    DETAIL_ERRORS,
    LIST_ERRORS,
    VALIDATION_ERROR_SCHEMA,
)
from kinerja.org.models import Instansi, Unit
from kinerja.org.querysets import subtree_q

_EARLIEST = date(1900, 1, 1)
#: The required fields of a single record; with ``records`` beside them a body is both forms.
ONE_RECORD_KEYS = {"external_id", "received_at", "description"}


class ComplaintFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Status.choices)
    channel = django_filters.ChoiceFilter(label=_("Kanal"), choices=Channel.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("OPD tujuan (termasuk unit di bawahnya)"),
        queryset=Unit.objects.none(),
        method="filter_unit",
    )
    category = django_filters.ModelChoiceFilter(
        label=_("ID kategori"), queryset=Category.objects.none()
    )
    received_from = extend_schema_field(OpenApiTypes.DATE)(
        django_filters.DateFilter(label=_("Diterima sejak tanggal (WIB)"), method="filter_from")
    )
    received_to = extend_schema_field(OpenApiTypes.DATE)(
        django_filters.DateFilter(label=_("Diterima sampai tanggal (WIB)"), method="filter_to")
    )

    class Meta:
        model = Complaint
        fields = ["status", "channel", "unit", "category", "received_from", "received_to"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # Units and categories of another instansi are "not a valid choice", like missing ones.
        user = getattr(request, "user", None)
        principal = principal_for(user)
        self.filters["unit"].queryset = Unit.objects.visible_to(user).only(
            "pk", "path", "instansi_id"
        )
        categories = Category.objects.only("pk")
        if not principal.is_superadmin:
            categories = categories.filter(instansi_id__in=sorted(principal.instansi_ids))
        self.filters["category"].queryset = categories

    def filter_unit(
        self, queryset: QuerySet[Complaint], name: str, value: Unit
    ) -> QuerySet[Complaint]:
        return queryset.filter(subtree_q(value.path, "unit__path"), instansi_id=value.instansi_id)

    @staticmethod
    def _start_of(day: date) -> datetime:
        return datetime.combine(max(day, _EARLIEST), time.min, tzinfo=ZoneInfo(settings.TIME_ZONE))

    def filter_from(
        self, queryset: QuerySet[Complaint], name: str, value: date
    ) -> QuerySet[Complaint]:
        return queryset.filter(received_at__gte=self._start_of(value))

    def filter_to(
        self, queryset: QuerySet[Complaint], name: str, value: date
    ) -> QuerySet[Complaint]:
        if value >= date.max - timedelta(days=1):
            return queryset
        return queryset.filter(received_at__lt=self._start_of(value + timedelta(days=1)))


class IntakeSchema(AutoSchema):
    """Marks the POST body as required: the generator cannot tell for a one-of body."""

    def _get_request_body(self, direction: str = "request") -> dict[str, Any] | None:
        body = super()._get_request_body(direction)
        if body is not None and self.method == "POST":
            body["required"] = True
        return body


INTAKE_REQUEST = PolymorphicProxySerializer(
    component_name="ComplaintIntakeRequest",
    serializers=[ComplaintIntakeSerializer, ComplaintBatchSerializer],
    resource_type_field_name=None,
)
INTAKE_ERRORS = {
    400: OpenApiResponse(
        {
            "oneOf": [
                {"$ref": "#/components/schemas/ComplaintIntakeResult"},
                VALIDATION_ERROR_SCHEMA,
                {"$ref": "#/components/schemas/Error"},
            ]
        },
        description=_(
            "Semua data ditolak (hasil per data seperti 200); kiriman yang tidak sesuai skema"
            " (pesan per field: `channel`, `instansi`, `records`, `non_field_errors`, atau field"
            " data tunggal), tanpa ada yang disimpan; atau JSON rusak (`detail`)."
        ),
    ),
    **AUTH_ERRORS,
}


@extend_schema_view(
    get=extend_schema(
        operation_id="complaints_list",
        summary=_("Daftar aduan"),
        description=_(
            "Aduan dalam lingkup akses Anda, terbaru dulu. Tanpa data pelapor. `unit` mencakup"
            " seluruh unit di bawahnya; tanggal dibaca dalam WIB."
        ),
        parameters=[
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=_("ID unit; mencakup seluruh unit di bawahnya."),
            )
        ],
        responses={200: ComplaintSerializer(many=True), **LIST_ERRORS},
        tags=["complaints"],
    ),
    post=extend_schema(
        operation_id="complaints_intake",
        summary=_("Kirim aduan dari kanal lain"),
        description=_(
            'Satu aduan, atau `{"records": [...]}` berisi 1 sampai 500 aduan dari satu kanal.'
            " Idempoten menurut (instansi, kanal, `external_id`): data yang sama tidak mengubah"
            " apa pun, data yang berubah memperbarui isi aduan. Hanya verifikator aduan"
            " instansi (akun integrasi) dan superadmin. 201 bila ada aduan yang dibuat, 200 bila"
            " tidak, 400 bila semua data ditolak."
        ),
        request={"application/json": INTAKE_REQUEST},
        responses={
            201: OpenApiResponse(
                ComplaintIntakeResultSerializer, description=_("Ada aduan yang dibuat.")
            ),
            200: OpenApiResponse(
                ComplaintIntakeResultSerializer,
                description=_("Tidak ada aduan baru; lihat hasilnya."),
            ),
            **INTAKE_ERRORS,
        },
        tags=["complaints"],
    ),
)
class ComplaintListView(generics.ListAPIView):
    serializer_class = ComplaintSerializer
    filterset_class = ComplaintFilterSet
    # A single record may also come as a form (the JSON body is the documented contract).
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    schema = IntakeSchema()

    def get_queryset(self) -> QuerySet[Complaint]:
        return (
            Complaint.objects.filter(complaint_scope_q(self.request.user))
            .select_related("category", "unit", "officer")
            .order_by("-received_at", "-id")
        )

    def post(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        principal = principal_for(request.user)
        if not (principal.is_superadmin or principal.complaint_verify):
            raise PermissionDenied(gettext("Hanya verifikator aduan yang dapat mengirim aduan."))
        data = request.data.dict() if isinstance(request.data, QueryDict) else request.data
        if not isinstance(data, dict):
            raise ValidationError(
                {NON_FIELD: [gettext('Kirim satu objek aduan atau {"records": [...]}.')]}
            )
        batch = "records" in data
        if batch and set(data) >= ONE_RECORD_KEYS:
            # Both forms at once (the schema's one-of allows only one).
            raise ValidationError(
                {NON_FIELD: [gettext("Kirim satu aduan atau records, tidak keduanya.")]}
            )
        shape = (ComplaintBatchSerializer if batch else ComplaintIntakeSerializer)(data=data)
        if not shape.is_valid():
            raise ValidationError(_flat(shape.errors))
        channel = shape.validated_data["channel"]
        instansi_id = _instansi_for(principal, shape.validated_data.get("instansi") or "")
        if batch:
            records = [dict(item) for item in shape.validated_data["records"]]
        else:
            envelope = {"channel", "instansi"}
            records = [{k: v for k, v in shape.validated_data.items() if k not in envelope}]
        outcome = upsert(
            actor=request.user,
            instansi_id=instansi_id,
            channel=channel,
            records=records,
            source=SOURCE_API,
        )
        counts = outcome.counts
        body = {
            **counts,
            "results": [
                {
                    "index": item.index,
                    "external_id": item.external_id,
                    "result": item.result,
                    "tracking_code": item.tracking_code,
                    "errors": item.errors,
                }
                for item in outcome.results
            ],
        }
        code: int
        if counts["created"]:
            code = status.HTTP_201_CREATED
        elif counts["rejected"] == len(records):
            code = status.HTTP_400_BAD_REQUEST
        else:
            code = status.HTTP_200_OK
        return Response(ComplaintIntakeResultSerializer(body).data, status=code)


def _flat(errors: Any) -> dict[str, list[str]]:
    """DRF's errors with those of each record written out as text, one line per message."""
    flat: dict[str, list[str]] = {}
    for name, value in errors.items():
        if name == "records" and isinstance(value, dict):
            lines = []
            for index, problems in sorted(value.items()):
                for field, messages in _flat(problems).items():
                    lines += [
                        gettext("data %(index)s, %(field)s: %(message)s")
                        % {"index": index, "field": field, "message": message}
                        for message in messages
                    ]
            flat[name] = lines
        elif isinstance(value, dict):
            flat[name] = [f"{k}: {m}" for k, ms in _flat(value).items() for m in ms]
        else:
            flat[name] = [str(message) for message in value]
    return flat


def _instansi_for(principal: Principal, code: str) -> int:
    """The instansi the records belong to: the one named, or the only one the user verifies."""
    if code:
        found = Instansi.objects.filter(code=code).values_list("pk", flat=True).first()
        if found is None or not principal.verifies_complaints(found):
            raise ValidationError(
                {"instansi": [gettext("Instansi tidak dikenal atau bukan wewenang Anda.")]}
            )
        return int(found)
    if principal.is_superadmin:
        choices = list(Instansi.objects.values_list("pk", flat=True)[:2])
    else:
        choices = sorted(principal.complaint_verify)
    if len(choices) == 1:
        return int(choices[0])
    raise ValidationError(
        {"instansi": [gettext("Wajib diisi: Anda memverifikasi aduan lebih dari satu instansi.")]}
    )


@extend_schema_view(
    get=extend_schema(
        operation_id="complaints_retrieve",
        summary=_("Rincian aduan"),
        description=_(
            "Dengan uraian, riwayat langkah, tanggapan publik (catatan internal tidak termasuk)"
            " dan status tiap standar waktu. Nama, nomor HP dan e-mail pelapor hanya lengkap bagi"
            " yang menangani aduan; selain itu nama berupa inisial dan kontak kosong."
        ),
        parameters=[
            OpenApiParameter(
                "complaint_id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description=_("ID aduan."),
            )
        ],
        responses={200: ComplaintDetailSerializer, **DETAIL_ERRORS},
        tags=["complaints"],
    )
)
class ComplaintDetailView(generics.RetrieveAPIView):
    serializer_class = ComplaintDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        complaint = get_complaint_for_user(request.user, kwargs["complaint_id"])
        found = settings_for(complaint.instansi_id)
        unit_path = complaint.unit.path if complaint.unit is not None else ""
        context = {
            **self.get_serializer_context(),
            "show_personal": handles_complaint(request.user, complaint, unit_path),
            "events": list(complaint.events.order_by("at", "id")),
            "responses": list(
                ComplaintResponse.objects.filter(complaint=complaint)
                .exclude(kind=ResponseKind.INTERNAL)
                .order_by("at", "id")
            ),
            "steps": steps_of(
                complaint, calendar_for(complaint.instansi_id, found), found.at_risk_share
            ),
        }
        return Response(self.get_serializer(complaint, context=context).data)
