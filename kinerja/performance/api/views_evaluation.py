"""Read-only API views for evaluations and a unit's distribution of predikat.

Evaluations are scoped by ``querysets.evaluation_scope_q``: a confirmed (final) evaluation is
read by everyone who reads its SKP (the employee, their atasan, the Admin OPD of their unit, the
instansi's Admin BKPSDM and auditor, a superadmin, and the SKP's assessor); a draft only by the
assessor who is rating it. Anything else answers 404, exactly like an id that does not exist.

A unit's distribution is read by exactly those who read its penetapan page
(``access_penetapan``): Admin BKPSDM, the auditor and a superadmin in the whole instansi, an
Admin OPD in their units, and a leader in the units of the positions they lead and of those
they decide, with their subtrees. Others of the same instansi get 403, another instansi's unit
404.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.accounts.roles import principal_for
from kinerja.org.api.serializers import DETAIL_ERRORS, LIST_ERRORS, VALIDATION_ERROR_SCHEMA
from kinerja.org.api.views import IntegerFilter
from kinerja.org.models import Unit
from kinerja.org.querysets import subtree_q
from kinerja.performance.access_penetapan import get_penetapan_unit_for_user
from kinerja.performance.api.serializers_evaluation import (
    DistributionSerializer,
    EvaluationDetailSerializer,
    EvaluationSerializer,
)
from kinerja.performance.api.views import NIP_PATTERN, NipFilter
from kinerja.performance.models import (
    MAX_YEAR,
    MIN_YEAR,
    Evaluation,
    EvaluationState,
    Period,
    PredikatValue,
)
from kinerja.performance.querysets import evaluation_scope_q
from kinerja.performance.selectors_distribution import distribution_of


def _periods_for(user: Any) -> QuerySet[Period]:
    """Periods of the instansi the user belongs to (every instansi for a superadmin)."""
    principal = principal_for(user)
    if principal.is_superadmin:
        return Period.objects.all()
    return Period.objects.filter(instansi_id__in=sorted(principal.instansi_ids))


class EvaluationFilterSet(django_filters.FilterSet):
    period = django_filters.ModelChoiceFilter(
        label=_("ID periode penilaian"), queryset=Period.objects.none()
    )
    year = extend_schema_field(
        {
            "type": "integer",
            "minimum": MIN_YEAR,
            "maximum": MAX_YEAR,
            "description": "Tahun kinerja",
        }
    )(
        IntegerFilter(
            label=_("Tahun kinerja"),
            field_name="period__performance_year__year",
            min_value=MIN_YEAR,
            max_value=MAX_YEAR,
        )
    )
    employee = extend_schema_field(
        {"type": "string", "pattern": NIP_PATTERN, "description": "NIP pegawai (18 digit)"}
    )(
        NipFilter(
            label=_("NIP pegawai"),
            field_name="employee__nip",
            regex=r"\A[0-9]{18}\Z",
            strip=False,
            error_messages={"invalid": _("NIP harus terdiri atas 18 angka.")},
        )
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit (termasuk di bawahnya)"), queryset=Unit.objects.none(), method="filter_unit"
    )
    predikat = django_filters.ChoiceFilter(
        label=_("Kode predikat (1 Sangat Baik … 5 Sangat Kurang)"), choices=PredikatValue.choices
    )
    state = django_filters.ChoiceFilter(label=_("Status"), choices=EvaluationState.choices)

    class Meta:
        model = Evaluation
        fields = ["period", "year", "employee", "unit", "predikat", "state"]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, request=request, **kwargs)
        # A unit or period of another instansi is "not a valid choice", the same answer as an
        # id that does not exist, so the filters cannot be used to probe other instansi.
        user = getattr(request, "user", None)
        self.filters["unit"].queryset = Unit.objects.visible_to(user).only(
            "pk", "path", "instansi_id"
        )
        self.filters["period"].queryset = _periods_for(user).only("pk")

    def filter_unit(
        self, queryset: QuerySet[Evaluation], name: str, value: Unit
    ) -> QuerySet[Evaluation]:
        # The evaluation's unit is the SKP's (where the employee was placed when it started);
        # ``unit_path`` is stored on the evaluation, so the subtree is one index range.
        return queryset.filter(subtree_q(value.path, "unit_path"), instansi_id=value.instansi_id)


def _evaluations_for(user: Any) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(evaluation_scope_q(user)).select_related(
        "period", "employee", "unit"
    )


@extend_schema_view(
    get=extend_schema(
        operation_id="evaluations_list",
        summary=_("Daftar evaluasi kinerja"),
        description=_(
            "Evaluasi kinerja (periodik dan tahunan) dalam lingkup akses Anda: evaluasi yang"
            " sudah ditetapkan dari SKP yang dapat Anda lihat, ditambah draf evaluasi yang"
            " sedang Anda nilai sebagai pejabat penilai. Urut periode terbaru lalu nama pegawai."
            " `unit` mencakup seluruh unit di bawahnya; `employee` adalah NIP lengkap."
        ),
        parameters=[
            # The unit filter's method hides its type from the schema generator.
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=_("ID unit; mencakup seluruh unit di bawahnya."),
            )
        ],
        responses={200: EvaluationSerializer(many=True), **LIST_ERRORS},
        tags=["evaluations"],
    )
)
class EvaluationListView(generics.ListAPIView):
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationFilterSet

    def get_queryset(self) -> QuerySet[Evaluation]:
        # Newest period first; the annual evaluation before the last periodic one of its year
        # (both end on 31 December; "annual" sorts before "periodic").
        return _evaluations_for(self.request.user).order_by(
            "-period__ends", "period__kind", "employee__name", "employee__nip", "pk"
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="evaluations_retrieve",
        summary=_("Rincian evaluasi kinerja"),
        description=_(
            "Satu evaluasi dengan rekomendasi sistem yang disimpan: alasan, aturan, versi"
            " penilaian, dan capaian setiap IKI."
        ),
        parameters=[
            OpenApiParameter(
                "evaluation_id",
                OpenApiTypes.INT,
                OpenApiParameter.PATH,
                description=_("ID evaluasi."),
            )
        ],
        responses={200: EvaluationDetailSerializer, **DETAIL_ERRORS},
        tags=["evaluations"],
    )
)
class EvaluationDetailView(generics.RetrieveAPIView):
    serializer_class = EvaluationDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        evaluation_id = kwargs["evaluation_id"]
        # ``int()`` also reads other scripts' digits ("１"); only the canonical id is an address.
        if not (evaluation_id.isascii() and evaluation_id.isdigit()):
            raise Http404
        try:
            evaluation = _evaluations_for(request.user).get(pk=int(evaluation_id))
        except Evaluation.DoesNotExist:
            raise Http404 from None
        return Response(self.get_serializer(evaluation).data)


def _period_param(request: Request, unit: Unit) -> Period:
    """The required ``period`` query parameter: a period of the unit's instansi, else 400."""
    raw = request.query_params.get("period", "")
    if raw == "":
        raise ValidationError({"period": [_("Wajib diisi: ID periode penilaian.")]})
    if not (raw.isascii() and raw.isdigit()):
        raise ValidationError({"period": [_("ID periode harus berupa bilangan bulat.")]})
    period = Period.objects.filter(pk=int(raw), instansi_id=unit.instansi_id).first()
    if period is None:
        # Another instansi's period gets the same answer as one that does not exist.
        raise ValidationError({"period": [_("Periode tidak ditemukan pada instansi unit ini.")]})
    return period


@extend_schema_view(
    get=extend_schema(
        operation_id="units_distribution_retrieve",
        summary=_("Distribusi predikat pegawai di unit"),
        description=_(
            "Jumlah predikat kinerja pegawai yang sudah ditetapkan di unit ini dan seluruh unit"
            " di bawahnya untuk satu periode, predikat kinerja organisasi unit beserta status"
            " penetapannya, dan pemeriksaan aturan distribusi (SE MenPANRB 3/2023). Dapat"
            " dibaca oleh yang dapat membuka halaman penetapan unit: Admin BKPSDM, auditor dan"
            " superadmin di seluruh instansi, Admin OPD di unitnya, dan pimpinan (definitif, Plt"
            " atau Plh) di unit jabatan yang dipimpinnya beserta unit di bawahnya; pengguna lain"
            " dari instansi yang sama mendapat 403."
        ),
        parameters=[
            OpenApiParameter(
                "unit_id", OpenApiTypes.INT, OpenApiParameter.PATH, description=_("ID unit.")
            ),
            OpenApiParameter(
                "period",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                required=True,
                description=_("ID periode penilaian (wajib), dari instansi unit."),
            ),
        ],
        responses={
            200: DistributionSerializer,
            400: OpenApiResponse(
                VALIDATION_ERROR_SCHEMA,
                description=_("Periode tidak diisi, tidak valid, atau bukan dari instansi unit."),
            ),
            **DETAIL_ERRORS,
        },
        tags=["evaluations"],
    )
)
class UnitDistributionView(generics.GenericAPIView):
    serializer_class = DistributionSerializer
    filter_backends: list[Any] = []

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        unit_id = kwargs["unit_id"]
        if not (unit_id.isascii() and unit_id.isdigit()):
            raise Http404
        # The same rule as the penetapan pages: 404 for another instansi's unit, 403 for a unit
        # of the user's instansi outside what they lead, administer or read instansi-wide.
        unit, _scope = get_penetapan_unit_for_user(request.user, unit_id)
        period = _period_param(request, unit)
        return Response(self.get_serializer(distribution_of(unit, period)).data)
