"""Access cases of the complaint pages: staff (see tests/test_access_matrix_complaints.py).

The complaint of Dinas Satu is assigned to the employee persona, whose atasan (the supervisor)
reads it masked. Readers who may not take a step get 403; a complaint outside the scope 404.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.test_access_matrix import Case, everyone, only

#: Who reads a complaint of Dinas Satu assigned to the employee persona.
READERS = {
    "employee": 200, "supervisor": 200, "unit_admin": 200, "bkpsdm": 200, "auditor": 200,
    "superadmin": 200, "verifier": 200,
}  # fmt: skip
#: Readers of a new (not yet routed) complaint of Kota A, each with the code for a step they
#: may not take.
INSTANSI_READERS_403 = {"bkpsdm": 403, "auditor": 403}


def _complaint(state: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        from kinerja.complaints.tests import factories

        return [getattr(factories, state)(city).pk]

    return make


def _foreign_complaint(city: Any) -> list[Any]:
    from kinerja.complaints.models import Channel
    from kinerja.complaints.services.intake import Intake, file_complaint

    complaint = file_complaint(
        actor=None,
        instansi_id=city.other_instansi.pk,
        channel=Channel.ULAS,
        data=Intake(title="Aduan Kota B", description="Trotoar rusak.", complainant_name="Ani"),
    )
    return [complaint.pk]


def _step(state: str, action: str) -> Callable[[Any], list[Any]]:
    make = _complaint(state)

    def args(city: Any) -> list[Any]:
        return [*make(city), action]

    return args


def _data(action: str, **fields: Callable[[Any], Any] | str) -> Callable[[Any], dict[str, Any]]:
    """The step form's data with the version of the complaint just made."""

    def make(city: Any) -> dict[str, Any]:
        from kinerja.complaints.models import Complaint

        data: dict[str, Any] = {f"{action}-version": Complaint.objects.latest("pk").version}
        for name, value in fields.items():
            data[f"{action}-{name}"] = value(city) if callable(value) else value
        return data

    return make


def _entry(city: Any) -> dict[str, Any]:
    return {
        "instansi": city.instansi.pk,
        "channel": "telepon",
        "received_at": (timezone.localtime() - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        "title": "Saluran tersumbat",
        "description": "Air meluap ke jalan.",
        "classification": "pengaduan",
    }


def _dinas(city: Any) -> int:
    return int(city.dinas.pk)


def _employee(city: Any) -> int:
    return int(city.employee.pk)


VERIFIERS_302 = {"verifier": 302, "superadmin": 302}
#: Who may read the employee persona in the employee directory.
EMPLOYEE_READERS = {
    "employee": 200, "supervisor": 200, "unit_admin": 200, "bkpsdm": 200, "auditor": 200,
    "superadmin": 200,
}  # fmt: skip
ENTRY_200 = {"unit_admin": 200, "superadmin": 200, "verifier": 200}

CASES: list[Case] = [
    # Everyone logged in has an inbox (possibly empty), an export and an overdue list.
    Case("complaints:inbox", lambda c: [], everyone()),
    Case("complaints:export", lambda c: [], everyone()),
    Case("complaints:overdue", lambda c: [], everyone()),
    # Everyone logged in has an indicator page (their own figures, the officers they may read);
    # one officer's figures are for those who may read that employee.
    Case("complaints:indicators", lambda c: [], everyone()),
    Case(
        "complaints:officer_indicators",
        lambda c: [c.employee.pk],
        only(EMPLOYEE_READERS, 404),
    ),
    Case(
        "complaints:officer_indicators",
        lambda c: [c.foreign.pk],
        only({"foreign": 200, "superadmin": 200}, 404),
    ),
    # Staff entry: verifiers and the OPD's admins.
    Case("complaints:entry", lambda c: [], only(ENTRY_200, 403)),
    Case(
        "complaints:entry",
        lambda c: [],
        only({"unit_admin": 302, "superadmin": 302, "verifier": 302}, 403),
        method="post",
        data=_entry,
    ),
    # One complaint of Dinas Satu, assigned to the employee; and one of Kota B.
    Case("complaints:detail", _complaint("assigned"), only(READERS, 404)),
    Case(
        "complaints:detail",
        _complaint("new_complaint"),
        only({"bkpsdm": 200, "auditor": 200, "superadmin": 200, "verifier": 200}, 404),
    ),
    Case("complaints:detail", _foreign_complaint, only({"superadmin": 200}, 404)),
    # Steps: who may take each, who reads but may not (403), who does not see it (404).
    Case(
        "complaints:act",
        _step("new_complaint", "verify"),
        only({**INSTANSI_READERS_403, **VERIFIERS_302}, 404),
        method="post",
        data=_data("verify", classification="pengaduan"),
    ),
    Case(
        "complaints:act",
        _step("new_complaint", "route"),
        only({**INSTANSI_READERS_403, **VERIFIERS_302}, 404),
        method="post",
        data=_data("route", unit=_dinas),
    ),
    Case(
        "complaints:act",
        _step("new_complaint", "reject"),
        only({**INSTANSI_READERS_403, **VERIFIERS_302}, 404),
        method="post",
        data=_data("reject", note="Bukan aduan"),
    ),
    Case(
        "complaints:act",
        _step("new_complaint", "not_ours"),
        only({**INSTANSI_READERS_403, **VERIFIERS_302}, 404),
        method="post",
        data=_data("not_ours", note="Wewenang provinsi"),
    ),
    Case(
        "complaints:act",
        _step("dispatched", "assign"),
        only({**INSTANSI_READERS_403, "unit_admin": 302, "verifier": 403, "superadmin": 302}, 404),
        method="post",
        data=_data("assign", officer=_employee),
    ),
    Case(
        "complaints:act",
        _step("dispatched", "return"),
        only({**INSTANSI_READERS_403, "unit_admin": 302, "verifier": 403, "superadmin": 302}, 404),
        method="post",
        data=_data("return", note="Bukan urusan kami"),
    ),
    Case(
        "complaints:act",
        _step("assigned", "respond"),
        only(
            {
                **INSTANSI_READERS_403,
                "employee": 302,
                "unit_admin": 302,
                "supervisor": 403,
                **VERIFIERS_302,
            },
            404,
        ),
        method="post",
        data=_data("respond", body="Sedang dicek"),
    ),
    Case(
        "complaints:act",
        _step("assigned", "follow_up"),
        only(
            {
                **INSTANSI_READERS_403,
                "employee": 302,
                "unit_admin": 302,
                "supervisor": 403,
                "verifier": 403,
                "superadmin": 302,
            },
            404,
        ),
        method="post",
        data=_data("follow_up", body="Sudah diperbaiki"),
    ),
    Case(
        "complaints:act",
        _step("answered", "accept"),
        only(
            {
                **INSTANSI_READERS_403,
                "employee": 403,
                "unit_admin": 403,
                "supervisor": 403,
                **VERIFIERS_302,
            },
            404,
        ),
        method="post",
        data=_data("accept"),
    ),
    Case(
        "complaints:act",
        _step("answered", "reject_answer"),
        only(
            {
                **INSTANSI_READERS_403,
                "employee": 403,
                "unit_admin": 403,
                "supervisor": 403,
                **VERIFIERS_302,
            },
            404,
        ),
        method="post",
        data=_data("reject_answer", note="Kurang lengkap"),
    ),
    Case(
        "complaints:act",
        _step("done", "reopen"),
        only(
            {
                **INSTANSI_READERS_403,
                "employee": 403,
                "unit_admin": 403,
                "supervisor": 403,
                **VERIFIERS_302,
            },
            404,
        ),
        method="post",
        data=_data("reopen", note="Masalah muncul lagi"),
    ),
    # Another instansi's complaint is 404 for everyone of Kota A.
    Case(
        "complaints:act",
        lambda c: [*_foreign_complaint(c), "route"],
        only({"superadmin": 400}, 404),
        method="post",
        data=_data("route", unit=_dinas),
    ),
]
