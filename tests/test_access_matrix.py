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


def _employee_skp_with_rhk(city: Any) -> list[Any]:
    """The draft SKP of ``city.employee``, with one RHK supporting the Kasi's approved RHK."""
    from kinerja.performance.services import skp as skp_services
    from kinerja.performance.tests.factories import add_rhk, approved_cascade

    cascade = approved_cascade(city)
    skp = skp_services.start_skp(
        actor=city.employee.user, employee=city.employee, performance_year=cascade.year
    )
    add_rhk(skp, "Terverifikasinya berkas aduan", supports=cascade.kasi_rhk)
    return [skp.pk]


def _kasi_cascade(city: Any) -> list[Any]:
    """Approved SKPs Kepala Dinas → Kabid → Kasi: the Kasi (supervisor) may use the matrix."""
    from kinerja.performance.tests.factories import approved_cascade

    approved_cascade(city)
    return []


def _draft_for_employee(city: Any) -> dict[str, Any]:
    from kinerja.performance.models import Rhk

    rhk = Rhk.objects.get(skp__employee=city.kasi)
    return {f"rhk_{rhk.pk}": [city.employee.pk]}


def _skp_of(person_attr: str, instansi_attr: str) -> Callable[[Any], list[Any]]:
    """A draft SKP for 2026 of the given person, started by themself."""

    def make(city: Any) -> list[Any]:
        from datetime import date

        from kinerja.performance import services
        from kinerja.performance.services.skp import start_skp

        year = services.create_year(
            actor=city.superadmin,
            instansi=getattr(city, instansi_attr),
            year=2026,
            cadence="quarterly",
            skp_deadline=date(2026, 1, 31),
        )
        person = getattr(city, person_attr)
        return [start_skp(actor=person.user, employee=person, performance_year=year).pk]

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
    Case("performance:matrix", lambda c: [], everyone()),
    Case("performance:matrix", _kasi_cascade, everyone()),
    # Only the owner of an approved SKP with direct reports drafts from the matrix.
    Case("performance:matrix", lambda c: [], only({}, 403), method="post"),
    Case(
        "performance:matrix",
        _kasi_cascade,
        only({"supervisor": 302}, 403),
        method="post",
        data=_draft_for_employee,
    ),
    # Admin OPD sees their own units' employees; BKPSDM, the Inspektorat and superadmin all.
    Case("performance:cannot_plan", lambda c: [], only({"unit_admin": 200, **ADMINS_A}, 403)),
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
    Case(
        "performance:skp_pdf",
        _employee_skp_with_rhk,
        only({"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}, 404),
    ),
]


def _all(code: int, personas: dict[str, int]) -> dict[str, int]:
    return dict.fromkeys(personas, code)


def _submitted_employee_skp(city: Any) -> list[Any]:
    from kinerja.performance.models import Skp
    from kinerja.performance.services import skp as skp_services

    [pk] = _employee_skp_with_rhk(city)
    skp_services.submit_skp(actor=city.employee.user, skp=Skp.objects.get(pk=pk), version=None)
    return [pk]


def _current_version(city: Any) -> dict[str, Any]:
    from kinerja.performance.models import Skp

    return {"version": Skp.objects.get(employee=city.employee).version}


def _year_of(instansi_attr: str) -> Callable[[Any], dict[str, Any]]:
    def make(city: Any) -> dict[str, Any]:
        from kinerja.performance.tests.factories import make_year

        year = make_year(city)
        if instansi_attr != "instansi":
            year.instansi = getattr(city, instansi_attr)
            year.save(update_fields=["instansi"])
        return {"year": year.pk}

    return make


OWN_SKP_READERS = {"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}
CASES += [
    Case("performance:skp_list", lambda c: [], everyone()),
    Case("performance:skp_team", lambda c: [], everyone()),
    # Everyone with an employee record starts their own SKP in their own instansi's year.
    Case(
        "performance:skp_start",
        lambda c: [],
        everyone(302, foreign=404, superadmin=404),
        method="post",
        data=_year_of("instansi"),
    ),
    Case(
        "performance:skp_start",
        lambda c: [],
        everyone(404, foreign=302),
        method="post",
        data=_year_of("other_instansi"),
    ),
    Case("performance:skp_detail", _employee_skp_with_rhk, only(OWN_SKP_READERS, 404)),
    Case(
        "performance:skp_plan",
        _employee_skp_with_rhk,
        only({"employee": 302, "supervisor": 403, "unit_admin": 403, **_all(403, ADMINS_A)}, 404),
        method="post",
        data=lambda c: {"op": "submit", **_current_version(c)},
    ),
    Case(
        "performance:skp_decide",
        _submitted_employee_skp,
        only({"employee": 403, "supervisor": 302, "unit_admin": 403, **_all(403, ADMINS_A)}, 404),
        method="post",
        data=lambda c: {"op": "approve", **_current_version(c)},
    ),
]


def _evaluation_args(city: Any) -> list[Any]:
    from kinerja.performance.tests.factories_during import approved_employee_skp

    data = approved_employee_skp(city)
    return [data.skp.pk, data.period.pk]


CASES += [
    Case("performance:dashboard", lambda c: [], only({"unit_admin": 200, **ADMINS_A}, 403)),
    Case("performance:evaluations", lambda c: [], everyone()),
    Case("performance:evaluation", _evaluation_args, only(OWN_SKP_READERS, 404)),
    # Only the assessor (the Kasi) rates; readers get 403, others 404.
    Case(
        "performance:evaluation",
        _evaluation_args,
        only({**OWN_SKP_READERS, **_all(403, OWN_SKP_READERS), "supervisor": 302}, 404),
        method="post",
        data=lambda c: {"op": "save", "version": 0, "hasil_kerja": "2", "perilaku": "2"},
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
    Case("api-skp-list", lambda c: [], api(everyone())),
    Case("api-skp-list", lambda c: [], api(everyone(405)), method="post"),
    Case(
        "api-skp-detail",
        _skp_of("employee", "instansi"),
        api(only({"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}, 404)),
    ),
    Case(
        "api-skp-detail",
        _skp_of("outsider", "instansi"),
        api(only({"outsider": 200, **ADMINS_A}, 404)),
    ),
    Case(
        "api-skp-detail",
        _skp_of("foreign", "other_instansi"),
        api(only({"foreign": 200, "superadmin": 200}, 404)),
    ),
    Case("api-skp-detail", _skp_of("employee", "instansi"), api(everyone(405)), method="delete"),
]


def _employee_evaluation(final: bool) -> Callable[[Any], list[Any]]:
    """The employee's evaluation of the current period by the Kasi: confirmed, or a draft."""

    def make(city: Any) -> list[Any]:
        from kinerja.performance.services import evaluation as evaluation_services
        from kinerja.performance.tests.factories_during import approved_employee_skp

        data = approved_employee_skp(city)
        evaluation = evaluation_services.open_evaluation(
            actor=city.kasi.user, skp=data.skp, period=data.period
        )
        if final:
            evaluation_services.save_evaluation(
                actor=city.kasi.user,
                evaluation=evaluation,
                version=None,
                hasil_kerja="2",
                perilaku="2",
                confirm=True,
            )
        return [evaluation.pk]

    return make


def _period_query(city: Any) -> dict[str, Any]:
    """``?period=`` with a period of Kota A (the units' instansi in the distribution cases)."""
    from datetime import date

    from kinerja.performance import services

    year = services.create_year(
        actor=city.superadmin,
        instansi=city.instansi,
        year=2026,
        cadence="quarterly",
        skp_deadline=date(2026, 1, 31),
    )
    return {"period": year.periods.get(kind="periodic", number=1).pk}


# A distribution is read as the penetapan page: instansi-wide readers, the Admin OPD of the unit
# and the leaders of its positions (the Kasi leads the seksi, not the bidang); 403 for others of
# the instansi, 404 for another instansi.
DISTRIBUTION_NOT_READERS = {"employee": 403, "outsider": 403}
CASES += [
    Case("api-evaluation-list", lambda c: [], api(everyone())),
    Case("api-evaluation-list", lambda c: [], api(everyone(405)), method="post"),
    Case(
        "api-evaluation-detail",
        _employee_evaluation(final=True),
        api(only({"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}, 404)),
    ),
    # A draft is the assessor's (the Kasi's) alone, until it is confirmed.
    Case(
        "api-evaluation-detail",
        _employee_evaluation(final=False),
        api(only({"supervisor": 200}, 404)),
    ),
    Case(
        "api-evaluation-detail",
        _employee_evaluation(final=True),
        api(everyone(405)),
        method="delete",
    ),
    Case(
        "api-unit-distribution",
        lambda c: [c.seksi.pk],
        api(only({**INSTANSI_A, **DISTRIBUTION_NOT_READERS}, 404)),
        data=_period_query,
    ),
    Case(
        "api-unit-distribution",
        lambda c: [c.bidang.pk],
        api(only({**INSTANSI_A, **DISTRIBUTION_NOT_READERS, "supervisor": 403}, 404)),
        data=_period_query,
    ),
    Case(
        "api-unit-distribution",
        lambda c: [c.foreign_dinas.pk],
        api(only({"foreign": 403, "superadmin": 400}, 404)),  # Kota A's period: 400
        data=_period_query,
    ),
    Case("api-unit-distribution", lambda c: [c.seksi.pk], api(everyone(405)), method="post"),
]

# --- During the period (issue 3 §3): realisasi, evidence, feedback, dialog kinerja ------------


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Any) -> None:
    """Files uploaded by the cases (evidence, imports) go to a fresh MEDIA_ROOT."""
    settings.MEDIA_ROOT = tmp_path / "media"


def _approved_employee_skp(city: Any) -> list[Any]:
    from kinerja.performance.tests.factories_during import approved_employee_skp

    return [approved_employee_skp(city).skp.pk]


def _employee_evidence_file(city: Any) -> list[Any]:
    from kinerja.performance.tests.factories_during import file_evidence

    return [file_evidence(city).pk]


def _link_on_employee_iki(city: Any) -> dict[str, Any]:
    from kinerja.performance.models import Iki

    iki = Iki.objects.get(rhk__skp__employee=city.employee, target__isnull=False)
    return {"op": "link", "iki": iki.pk, f"l{iki.pk}-url": "https://example.org/bukti"}


def _dialog_record(city: Any) -> dict[str, Any]:
    from django.utils import timezone

    return {"op": "record", "version": "0", "date": timezone.localdate(), "notes": "Dialog"}


EMPLOYEE_SKP_READERS = {"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}
NOT_WRITING = {p: 403 for p in ("employee", "supervisor", "unit_admin", "bkpsdm", "auditor")}

CASES += [
    Case("performance:realisasi", _approved_employee_skp, only(EMPLOYEE_SKP_READERS, 404)),
    Case(
        "performance:realisasi",
        _approved_employee_skp,
        only({**NOT_WRITING, "superadmin": 403, "employee": 302}, 404),
        method="post",
        data=_link_on_employee_iki,
    ),
    Case("performance:feedback", _approved_employee_skp, only(EMPLOYEE_SKP_READERS, 404)),
    Case("performance:dialog", _approved_employee_skp, only(EMPLOYEE_SKP_READERS, 404)),
    Case(
        "performance:dialog",
        _approved_employee_skp,
        only({**NOT_WRITING, "superadmin": 403, "supervisor": 302}, 404),
        method="post",
        data=_dialog_record,
    ),
    Case(
        "performance:evidence_download",
        _employee_evidence_file,
        only(EMPLOYEE_SKP_READERS, 404),
    ),
]

# --- Penetapan of the organisational predikat (issue 3 §4) -----------------------------------


def _penetapan(unit_attr: str, instansi_attr: str = "instansi") -> Callable[[Any], list[Any]]:
    """A unit and the first periodic period of a 2026 year of the given instansi."""

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
        return [getattr(city, unit_attr).pk, year.periods.get(kind="periodic", number=1).pk]

    return make


def _penetapan_draft(city: Any) -> list[Any]:
    """The seksi's penetapan in draft (unit predikat Baik, set by BKPSDM)."""
    from kinerja.org.models import Unit
    from kinerja.performance.models import Period
    from kinerja.performance.services import penetapan as penetapan_services

    unit_id, period_id = _penetapan("seksi")(city)
    penetapan_services.set_org_predikat(
        actor=city.bkpsdm.user,
        unit=Unit.objects.get(pk=unit_id),
        period=Period.objects.get(pk=period_id),
        org_predikat="baik",
        version=0,
    )
    return [unit_id, period_id]


# Readers: instansi-wide readers, the Admin OPD of the unit, the head of the unit (the Kasi heads
# the seksi) and the leader above it; deciders: the leader above the unit head and BKPSDM.
SEKSI_PENETAPAN_READERS = {"supervisor": 200, "unit_admin": 200, **ADMINS_A}
NOT_DECIDING = {p: 403 for p in ("employee", "supervisor", "unit_admin", "auditor", "outsider")}
CASES += [
    Case(
        "performance:penetapan_list",
        lambda c: [],
        only({**SEKSI_PENETAPAN_READERS, "employee": 403, "outsider": 403}, 403),
    ),
    Case(
        "performance:penetapan",
        _penetapan("seksi"),
        only({**SEKSI_PENETAPAN_READERS, "foreign": 404}, 403),
    ),
    Case(
        "performance:penetapan", _penetapan("other_dinas"), only({**ADMINS_A, "foreign": 404}, 403)
    ),
    Case(
        "performance:penetapan",
        _penetapan("foreign_dinas", "other_instansi"),
        only({"foreign": 403, "superadmin": 200}, 404),
    ),
    Case(
        "performance:penetapan",
        _penetapan("seksi"),
        only({**NOT_DECIDING, "bkpsdm": 302, "superadmin": 302}, 404),
        method="post",
        data=lambda c: {"op": "set", "version": 0, "org_predikat": "baik"},
    ),
    Case(
        "performance:penetapan",
        _penetapan_draft,
        only({**NOT_DECIDING, "bkpsdm": 302, "superadmin": 302}, 404),
        method="post",
        data=lambda c: {"op": "approve", "version": 1},
    ),
    Case(
        "performance:penetapan_pdf",
        _penetapan("seksi"),
        only({**SEKSI_PENETAPAN_READERS, "foreign": 404}, 403),
    ),
    # The rule table: read by instansi-wide readers, changed by BKPSDM.
    Case("performance:distribution_rules", lambda c: [], only(ADMINS_A, 403)),
    Case(
        "performance:distribution_rules",
        lambda c: [],
        only({"bkpsdm": 302, "superadmin": 302}, 403),
        method="post",
        data=lambda c: {"op": "reset"},
    ),
]

# --- Keberatan and Mengapa? (issue 3 §4) ------------------------------------------------------


def _final_evaluation(city: Any) -> list[Any]:
    from kinerja.performance.tests.factories_objection import final_evaluation

    return [final_evaluation(city).pk]


def _employee_objection(city: Any) -> list[Any]:
    """An open keberatan of the employee; the Kabid (no persona) decides it."""
    from kinerja.performance.tests.factories_objection import filed_objection

    return [filed_objection(city).pk]


def _kabid_objection(city: Any) -> list[Any]:
    """An open keberatan of the Kabid, whose assessor has no post above: Admin BKPSDM decides."""
    from kinerja.performance.services.objection import file_objection
    from kinerja.performance.tests.factories_objection import final_kabid_evaluation

    evaluation = final_kabid_evaluation(city)
    reason = "Realisasi sudah dicatat di aplikasi lain."
    return [file_objection(actor=city.kabid.user, evaluation=evaluation, reason=reason).pk]


def _reject(city: Any) -> dict[str, Any]:
    return {"version": 1, "decision": "reject", "decision_reason": "Penilaian sudah sesuai."}


KABID_SKP_READERS = {"unit_admin": 200, **ADMINS_A}

CASES += [
    Case("performance:why", _final_evaluation, only(OWN_SKP_READERS, 404)),
    Case("performance:objections", lambda c: [], everyone()),
    # Only the evaluated employee files; other readers 403, everyone else 404.
    Case(
        "performance:objection_file",
        _final_evaluation,
        only({**_all(403, OWN_SKP_READERS), "employee": 302}, 404),
        method="post",
        data=lambda c: {"reason": "Target triwulan sudah terlampaui."},
    ),
    Case("performance:objection", _employee_objection, only(OWN_SKP_READERS, 404)),
    Case(
        "performance:objection",
        _employee_objection,
        only(_all(403, OWN_SKP_READERS), 404),
        method="post",
        data=_reject,
    ),
    Case("performance:objection", _kabid_objection, only(KABID_SKP_READERS, 404)),
    Case(
        "performance:objection",
        _kabid_objection,
        only({**_all(403, KABID_SKP_READERS), "bkpsdm": 302, "superadmin": 302}, 404),
        method="post",
        data=_reject,
    ),
]

# --- Realisasi computed from complaint indicators (issue 4 §6) ------------------------------------


def _linked_realisasi(city: Any) -> list[Any]:
    """The computed realisasi of the employee's IKI linked to the follow-up share."""
    from kinerja.performance.models import Realisasi
    from kinerja.performance.services.indicator_link import fill_period
    from kinerja.performance.tests.test_indicator_link import linked_skp

    linked = linked_skp(city)
    fill_period(period=linked.period)
    return [Realisasi.objects.get(iki=linked.followup, period=linked.period).pk]


def _figure_post(op: str, prefix: str, **fields: Any) -> Callable[[Any], dict[str, Any]]:
    def make(city: Any) -> dict[str, Any]:
        from kinerja.performance.models import Realisasi

        row = Realisasi.objects.get(
            skp__employee=city.employee, iki__indicator_source="tindak_lanjut_tepat"
        )
        data = {"op": op, f"{prefix}{row.pk}-version": row.version}
        return {**data, **{f"{prefix}{row.pk}-{k}": v for k, v in fields.items()}}

    return make


def _indicator_query(city: Any) -> dict[str, Any]:
    from django.utils import timezone

    return {"employee": city.employee.nip, "period": f"{timezone.localdate():%Y-%m}"}


CASES += [
    Case(
        "performance:realisasi_complaints",
        _linked_realisasi,
        only(EMPLOYEE_SKP_READERS, 404),
    ),
    # Only the owner contests; only the assessor (the Kasi) overrides; other readers 403.
    Case(
        "performance:realisasi_figure",
        _linked_realisasi,
        only({**_all(403, EMPLOYEE_SKP_READERS), "employee": 302}, 404),
        method="post",
        data=_figure_post("contest", "c", reason="Dua aduan bukan tugas saya."),
    ),
    Case(
        "performance:realisasi_figure",
        _linked_realisasi,
        only({**_all(403, EMPLOYEE_SKP_READERS), "supervisor": 302}, 404),
        method="post",
        data=_figure_post("override", "o", value="90", reason="Gangguan sistem."),
    ),
    Case(
        "api-indicators",
        lambda c: [],
        api(only({"employee": 200, "supervisor": 200, "unit_admin": 200, **ADMINS_A}, 404)),
        data=_indicator_query,
    ),
    Case("api-indicators", lambda c: [], api(everyone(405)), method="post"),
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
    from tests.test_access_matrix_complaints import COMPLAINT_CASES

    covered = {case.name for case in CASES + COMPLAINT_CASES}
    missing = [
        name
        for name in _all_names(get_resolver())
        if name not in covered
        and not name.startswith(PUBLIC_PREFIXES)
        and name.split(":")[0] not in PUBLIC_NAMESPACES
    ]
    assert not missing, f"URL patterns neither in the access matrix nor public: {missing}"
