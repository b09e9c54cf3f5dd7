"""``GET /api/v1/indicators/``: an officer's or an OPD's complaint indicators over a range.

The figures are read from the stored indicator rows. A range nobody has computed yet (or a
range still running whose figures are more than a day old) is computed at once for the whole
instansi, set-based, and stored, so that the answer is never "not yet computed". Scope: the
officer must be someone the caller may read (as in the employee directory); an OPD must belong
to the caller's instansi. Anything else is a 404, the same as an unknown NIP or unit.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.complaints.indicators import LOWER_IS_BETTER, UNITS, value_of
from kinerja.complaints.models import Indicator
from kinerja.complaints.selectors_indicators import (
    EMPTY_ROW,
    computed,
    opd_of,
    own_employee,
    stored_row,
)
from kinerja.core.periods import BadRange, parse_range
from kinerja.employees.access import get_employee_by_nip_for_user
from kinerja.employees.models import Employee
from kinerja.org.access import get_unit_for_user
from kinerja.org.api.serializers import DETAIL_ERRORS, VALIDATION_ERROR_SCHEMA
from kinerja.performance.api.serializers_indicators import IndicatorFiguresSerializer

NIP = re.compile(r"\A[0-9]{18}\Z")
PERIOD_PATTERN = r"^[0-9]{4}(-([0-9]{2}|[Qq][1-4]))?$"
#: The largest id a database integer column holds; anything above is an unknown unit.
MAX_ID = 2**63 - 1


def _parse(request: Request) -> tuple[str, date, date, str, str]:
    """The query parameters, or a 400 naming each bad one."""
    params = request.query_params
    raw_period = params.get("period", "")
    nip, unit = params.get("employee", ""), params.get("unit", "")
    errors: dict[str, list[str]] = {}
    starts = ends = date.min
    if not raw_period:
        errors["period"] = [_("Wajib diisi: YYYY-MM, YYYY atau YYYY-Qn.")]
    else:
        try:
            starts, ends = parse_range(raw_period)
        except BadRange as exc:
            errors["period"] = [str(exc)]
        else:
            if starts > timezone.localdate():
                errors["period"] = [_("Rentang ini belum dimulai.")]
    if nip and not NIP.match(nip):
        errors["employee"] = [_("NIP harus terdiri atas 18 angka.")]
    if unit and not (unit.isascii() and unit.isdigit()):
        errors["unit"] = [_("ID unit harus berupa bilangan bulat.")]
    elif nip and unit:
        errors["unit"] = [_("Isi salah satu: employee (NIP) atau unit, tidak keduanya.")]
    if errors:
        raise ValidationError(errors)
    return raw_period, starts, ends, nip, unit


def _entry(indicator: Indicator, row: Any, scope: str) -> dict[str, Any]:
    figure = value_of(row or EMPTY_ROW, indicator)
    return {
        "indicator": indicator.value,
        "name": str(indicator.label),
        "scope": scope,
        "measured_in": UNITS[indicator],
        "lower_is_better": indicator in LOWER_IS_BETTER,
        "value": figure.value,
        "numerator": figure.numerator,
        "denominator": figure.denominator,
    }


def _own_employee(user: Any) -> Employee:
    employee = own_employee(user)
    if employee is None:
        raise NotFound(
            _("Anda tidak terdaftar sebagai pegawai; sebutkan employee (NIP) atau unit.")
        )
    return employee


@extend_schema_view(
    get=extend_schema(
        operation_id="indicators_retrieve",
        summary=gettext_lazy("Indikator layanan aduan pegawai atau OPD"),
        description=gettext_lazy(
            "Angka indikator aduan untuk satu rentang: jumlah aduan ditangani, median dan persentil"
            " ke-90 waktu respons pertama (jam kerja), persentase ditindaklanjuti sesuai standar"
            " waktu, persentase dibuka kembali dan tidak akurat, rata-rata penilaian warga, dan IKM"
            " OPD; masing-masing dengan pembilang dan penyebutnya. `employee` (NIP) memberi angka"
            " pegawai itu (IKM dari OPD tempatnya bertugas); `unit` memberi angka OPD dari unit"
            " itu; tanpa keduanya, angka Anda sendiri. Angka dibaca dari hasil perhitungan yang"
            " tersimpan; rentang yang belum pernah dihitung (atau yang masih berjalan dan hasilnya"
            " lebih dari sehari) dihitung saat itu juga (`computed_now`). Pegawai yang tidak dapat"
            " Anda lihat dan unit instansi lain dijawab 404."
        ),
        parameters=[
            OpenApiParameter(
                "period",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                required=True,
                pattern=PERIOD_PATTERN,
                description=gettext_lazy("Rentang: YYYY-MM (bulan), YYYY (tahun) atau YYYY-Qn."),
            ),
            OpenApiParameter(
                "employee",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                pattern=r"^[0-9]{18}$",
                description=gettext_lazy("NIP pegawai (18 digit)."),
            ),
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=gettext_lazy("ID unit; angka OPD (perangkat daerah) tempat unit itu."),
            ),
        ],
        responses={
            200: IndicatorFiguresSerializer,
            400: OpenApiResponse(
                VALIDATION_ERROR_SCHEMA,
                description=gettext_lazy(
                    "Rentang tidak valid atau belum dimulai, NIP tidak valid, atau employee dan"
                    " unit diisi bersamaan."
                ),
            ),
            **DETAIL_ERRORS,
        },
        tags=["indicators"],
    )
)
class IndicatorView(generics.GenericAPIView):
    serializer_class = IndicatorFiguresSerializer
    filter_backends: list[Any] = []
    pagination_class = None

    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raw, starts, ends, nip, unit_id = _parse(request)
        employee: Employee | None = None
        if unit_id:
            if int(unit_id) > MAX_ID:
                raise NotFound
            unit = get_unit_for_user(request.user, unit_id)
            instansi_id = unit.instansi_id
            opd = opd_of(instansi_id, unit)
        else:
            if nip:
                employee = get_employee_by_nip_for_user(request.user, nip)
            else:
                employee = _own_employee(request.user)
            instansi_id = employee.instansi_id
            opd = opd_of(instansi_id, employee.current_unit)
        at, now = computed(instansi_id, starts, ends)
        opd_row = (
            stored_row(instansi_id, starts, ends, employee__isnull=True, unit=opd) if opd else None
        )
        if employee is not None:
            officer_row = stored_row(instansi_id, starts, ends, employee=employee)
            figures = [
                _entry(i, opd_row, "opd")
                if i == Indicator.IKM
                else _entry(i, officer_row, "officer")
                for i in Indicator
            ]
        else:
            figures = [_entry(i, opd_row, "opd") for i in Indicator]
        data = {
            "period": raw,
            "starts": starts,
            "ends": ends,
            "employee": {"nip": employee.nip, "name": employee.name} if employee else None,
            "unit": {"id": opd.pk, "name": opd.name} if opd else None,
            "computed_at": at,
            "computed_now": now,
            "figures": figures,
        }
        return Response(self.get_serializer(data).data)
