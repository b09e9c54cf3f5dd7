"""Read-only API views for the employee directory: parse → access → selector → serialize.

Scope is the one the HTML directory uses (``Employee.objects.visible_to``): an employee sees
themself, an atasan also their team, an Admin OPD their unit subtree, Admin BKPSDM and the
auditor their whole instansi, a superadmin everything. An employee outside that scope answers
404, exactly like a NIP that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.employees.access import get_employee_by_nip_for_user
from kinerja.employees.api.serializers import EmployeeDetailSerializer, EmployeeSerializer
from kinerja.employees.filters import EmployeeFilterSet
from kinerja.employees.models import Employee
from kinerja.employees.selectors import superiors_of
from kinerja.employees.services import record_profile_view
from kinerja.org.api.serializers import DETAIL_ERRORS, LIST_ERRORS


def may_see_contact(user: Any, employee: Employee) -> bool:
    """Contact details go to the employee themself and to whoever may change their record."""
    if employee.user_id is not None and employee.user_id == user.pk:
        return True
    return Employee.objects.writable_by(user).filter(pk=employee.pk).exists()


@extend_schema_view(
    get=extend_schema(
        operation_id="employees_list",
        summary=_("Daftar pegawai"),
        description=_(
            "Pegawai dalam lingkup akses Anda, urut nama. `q` mencari nama (setiap kata) atau"
            " awalan NIP (hanya angka; spasi diabaikan). `unit` mencakup seluruh unit di bawahnya."
        ),
        parameters=[
            # The FilterSet's unit filter takes a unit id; its method hides that from the
            # schema generator, so the parameter type is stated here.
            OpenApiParameter(
                "unit",
                OpenApiTypes.INT,
                OpenApiParameter.QUERY,
                description=_("ID unit; mencakup seluruh unit di bawahnya."),
            )
        ],
        responses={200: EmployeeSerializer(many=True), **LIST_ERRORS},
        tags=["employees"],
    )
)
class EmployeeListView(generics.ListAPIView):
    serializer_class = EmployeeSerializer
    filterset_class = EmployeeFilterSet

    def get_queryset(self) -> QuerySet[Employee]:
        return (
            Employee.objects.visible_to(self.request.user).with_placement().order_by("name", "nip")
        )


@extend_schema_view(
    get=extend_schema(
        operation_id="employees_retrieve",
        summary=_("Rincian pegawai menurut NIP"),
        description=_(
            "Atasan dan atasan dari atasan diturunkan dari pohon jabatan pada hari ini, termasuk"
            " Plt/Plh. E-mail dan nomor HP hanya diisi untuk pegawai itu sendiri dan pengelola"
            " datanya."
        ),
        parameters=[
            OpenApiParameter(
                "nip",
                OpenApiTypes.STR,
                OpenApiParameter.PATH,
                pattern=r"^[0-9]{18}$",
                description=_("NIP atau NI PPPK, 18 digit tanpa spasi."),
            )
        ],
        responses={200: EmployeeDetailSerializer, **DETAIL_ERRORS},
        tags=["employees"],
    )
)
class EmployeeDetailView(generics.RetrieveAPIView):
    serializer_class = EmployeeDetailSerializer

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        employee = get_employee_by_nip_for_user(request.user, kwargs["nip"])
        record_profile_view(actor=request.user, employee=employee)
        context = {
            **self.get_serializer_context(),
            "superiors": superiors_of(employee),
            "show_contact": may_see_contact(request.user, employee),
        }
        return Response(self.get_serializer(employee, context=context).data)
