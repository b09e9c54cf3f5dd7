"""Access rules as a matrix: persona × object × action.

Another unit's or instansi's object is 404 (never data); a read-only role writing is 403.
``test_every_url_is_covered`` fails when a URL pattern is neither in the matrix nor public.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kinerja.accounts.models import RoleGrant
from kinerja.core.audit import record_event

P = [
    "anonymous",
    "employee",
    "supervisor",
    "unit_admin",
    "bkpsdm",
    "auditor",
    "outsider",
    "foreign",
    "superadmin",
]
LOGIN = 302  # anonymous users are sent to the login page


@dataclass
class Case:
    name: str
    args: Callable[[Any], list[Any]]
    expected: dict[str, int]
    method: str = "get"
    data: Callable[[Any], dict[str, Any]] | None = None


def everyone(code: int = 200, **overrides: int) -> dict[str, int]:
    result = dict.fromkeys(P, code)
    result["anonymous"] = LOGIN
    result.update(overrides)
    return result


def only(allowed: dict[str, int], default: int) -> dict[str, int]:
    result = dict.fromkeys(P, default)
    result["anonymous"] = LOGIN
    result.update(allowed)
    return result


def _event_in(instansi_attr: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        instansi = getattr(city, instansi_attr)
        return [record_event(actor=None, action="test.matrix", instansi_id=instansi.pk).pk]

    return make


def _job_in(instansi_attr: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        from django.core.files.base import ContentFile

        from kinerja.employees.models import ImportJob

        job = ImportJob(
            instansi=getattr(city, instansi_attr), created_by=city.superadmin, original_name="a.csv"
        )
        job.file.save("a.csv", ContentFile(b"Nip Baru;Nama\n"), save=False)
        job.save()
        return [job.pk]

    return make


def _acting(city: Any) -> list[Any]:
    from datetime import date

    from kinerja.employees import services
    from kinerja.employees.models import AssignmentKind

    assignment = services.assign_position(
        actor=None,
        employee=city.kabid,
        position=city.kasi_pos,
        kind=AssignmentKind.PLH,
        start_date=date(2026, 1, 1),
    )
    return [assignment.pk]


def _grant(city: Any) -> list[Any]:
    return [RoleGrant.objects.get(user=city.unit_admin.user).pk]


def _period_in(instansi_attr: str) -> Callable[[Any], list[Any]]:
    """The first periodic period of a performance year created for the given instansi."""

    def make(city: Any) -> list[Any]:
        from datetime import date

        from kinerja.performance import services

        year = services.create_year(
            actor=city.superadmin,
            instansi=getattr(city, instansi_attr),
            year=2026,
            cadence="quarterly",
            skp_deadline=date(2026, 1, 31),
        )
        return [year.periods.get(kind="periodic", number=1).pk]

    return make


ADMINS_A = {"bkpsdm": 200, "auditor": 200, "superadmin": 200}
WRITERS_A = {"bkpsdm": 200, "superadmin": 200}
INSTANSI_A = {p: 200 for p in P if p not in {"anonymous", "foreign"}}

CASES = [
    Case("home", lambda c: [], everyone()),
    Case("accounts:me", lambda c: [], everyone()),
    Case("employees:directory", lambda c: [], everyone()),
    Case(
        "employees:profile",
        lambda c: [c.employee.pk],
        only({"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}, 404),
    ),
    Case("employees:profile", lambda c: [c.outsider.pk], only({"outsider": 200, **ADMINS_A}, 404)),
    Case(
        "employees:profile",
        lambda c: [c.foreign.pk],
        only({"foreign": 200, "superadmin": 200}, 404),
    ),
    Case("employees:profile", lambda c: [999999], only({}, 404)),
    Case("employees:broken_chains", lambda c: [], only(ADMINS_A, 403)),
    Case("employees:grants", lambda c: [], only({"bkpsdm": 200, "superadmin": 200}, 403)),
    Case(
        "employees:revoke_grant",
        _grant,
        only({"bkpsdm": 302, "superadmin": 302}, 403),
        method="post",
    ),
    Case("employees:import", lambda c: [], only(WRITERS_A, 403)),
    Case("employees:import_sample", lambda c: [], only(WRITERS_A, 403)),
    Case("employees:import_detail", _job_in("instansi"), only(WRITERS_A, 403)),
    Case("employees:import_progress", _job_in("instansi"), only(WRITERS_A, 403)),
    Case(
        "employees:import_detail",
        _job_in("other_instansi"),
        only({"bkpsdm": 404, "superadmin": 200}, 403),
    ),
    Case(
        "employees:import_progress",
        _job_in("other_instansi"),
        only({"bkpsdm": 404, "superadmin": 200}, 403),
    ),
    Case(
        "employees:import_apply",
        _job_in("instansi"),
        only({"bkpsdm": 302, "superadmin": 302}, 403),
        method="post",
    ),
    Case("employees:export", lambda c: [], everyone()),
    Case("org:tree", lambda c: [], everyone()),
    Case("org:unit", lambda c: [c.dinas.pk], only({**INSTANSI_A}, 404)),
    Case(
        "org:unit", lambda c: [c.foreign_dinas.pk], only({"foreign": 200, "superadmin": 200}, 404)
    ),
    Case("org:unit_children", lambda c: [c.dinas.pk], only({**INSTANSI_A}, 404)),
    Case(
        "org:unit_children",
        lambda c: [c.foreign_dinas.pk],
        only({"foreign": 200, "superadmin": 200}, 404),
    ),
    Case("org:position", lambda c: [c.kasi_pos.pk], only({**INSTANSI_A}, 404)),
    # An empty form from someone who may name a Plt is a 400 with the errors; others 403/404.
    Case(
        "org:position",
        lambda c: [c.kasi_pos.pk],
        only({"unit_admin": 400, "bkpsdm": 400, "superadmin": 400, "foreign": 404}, 403),
        method="post",
    ),
    Case(
        "org:position",
        lambda c: [c.other_staff_pos.pk],
        only({"bkpsdm": 400, "superadmin": 400, "foreign": 404}, 403),
        method="post",
    ),
    Case(
        "org:end_acting",
        _acting,
        only({"unit_admin": 302, "bkpsdm": 302, "superadmin": 302, "foreign": 404}, 403),
        method="post",
    ),
    Case(
        "org:position",
        lambda c: [c.foreign.current_position_id],
        only({"foreign": 200, "superadmin": 200}, 404),
    ),
    Case("accounts:audit", lambda c: [], only(ADMINS_A, 403)),
    Case("accounts:audit_detail", _event_in("instansi"), only(ADMINS_A, 403)),
    Case(
        "accounts:audit_detail",
        _event_in("other_instansi"),
        only({"bkpsdm": 404, "auditor": 404, "superadmin": 200}, 403),
    ),
    Case("performance:periods", lambda c: [], everyone()),
    Case(
        "performance:period_state",
        _period_in("instansi"),
        only({"bkpsdm": 302, "superadmin": 302, "foreign": 404}, 403),
        method="post",
        data=lambda c: {"state": "closed"},
    ),
    Case(
        "performance:period_state",
        _period_in("other_instansi"),
        only({"superadmin": 302, "foreign": 403}, 404),
        method="post",
        data=lambda c: {"state": "closed"},
    ),
]


def api(expected: dict[str, int]) -> dict[str, int]:
    """The API answers anonymous requests with 401 instead of a login redirect."""
    return {**expected, "anonymous": 401}


CASES += [
    Case("api-employee-list", lambda c: [], api(everyone())),
    Case("api-employee-list", lambda c: [], api(everyone(405)), method="post"),
    Case(
        "api-employee-detail",
        lambda c: [c.employee.nip],
        api(only({"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}, 404)),
    ),
    Case(
        "api-employee-detail",
        lambda c: [c.outsider.nip],
        api(only({"outsider": 200, **ADMINS_A}, 404)),
    ),
    Case(
        "api-employee-detail",
        lambda c: [c.foreign.nip],
        api(only({"foreign": 200, "superadmin": 200}, 404)),
    ),
    Case("api-unit-list", lambda c: [], api(everyone())),
    Case("api-unit-detail", lambda c: [c.dinas.pk], api(only({**INSTANSI_A}, 404))),
    Case(
        "api-unit-detail",
        lambda c: [c.foreign_dinas.pk],
        api(only({"foreign": 200, "superadmin": 200}, 404)),
    ),
    Case("api-unit-detail", lambda c: [c.dinas.pk], api(everyone(405)), method="delete"),
]

# Patterns reachable without the matrix: authentication flows, language switch, health, schema.
PUBLIC_PREFIXES = ("account_", "mfa_", "set_language", "healthz", "api-schema")
PUBLIC_NAMESPACES = ("mfa",)


def _case_id(case: Case) -> str:
    return case.name


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=_case_id)
@pytest.mark.parametrize("persona", P)
def test_matrix(case: Case, persona: str, city: Any, login: Any) -> None:
    client = login(persona)
    url = reverse(case.name, args=case.args(city))
    data = case.data(city) if case.data else {}
    response = getattr(client, case.method)(url, data)
    expected = case.expected[persona]
    assert response.status_code == expected, (
        f"{persona} {case.method.upper()} {case.name}: {response.status_code} != {expected}"
    )
    if expected == LOGIN and persona == "anonymous" and not case.name.startswith("api-"):
        assert reverse("account_login") in response["Location"]


def _all_names(resolver: URLResolver, prefix: str = "") -> list[str]:
    names: list[str] = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names.extend(_all_names(entry, ns))
        elif isinstance(entry, URLPattern):
            names.append(
                f"{prefix}{entry.name}" if entry.name else f"{prefix}<unnamed {entry.pattern}>"
            )
    return names


def test_every_url_is_covered() -> None:
    covered = {case.name for case in CASES}
    missing = [
        name
        for name in _all_names(get_resolver())
        if name not in covered
        and not name.startswith(PUBLIC_PREFIXES)
        and name.split(":")[0] not in PUBLIC_NAMESPACES
    ]
    assert not missing, f"URL patterns neither in the access matrix nor public: {missing}"
