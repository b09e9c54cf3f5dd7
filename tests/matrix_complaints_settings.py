"""Access cases of the complaint pages: settings (see tests/test_access_matrix_complaints.py).

The settings are read by those who read complaints instansi-wide (the verifier, BKPSDM, the
auditor, the superadmin) and written by BKPSDM and the superadmin. Employees of Kota A get 403;
the Kota B persona gets 403 on the list pages (it sees only its own instansi, whose settings it
may not read) and 404 for any row of Kota A.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tests.test_access_matrix import Case, only

READERS = {"bkpsdm": 200, "auditor": 200, "superadmin": 200, "verifier": 200}
#: A valid write by a writer redirects; a reader's write is refused.
WRITES = {"bkpsdm": 302, "superadmin": 302, "auditor": 403, "verifier": 403}
OF_A = {"foreign": 404}
YEAR = 2026


def _holiday(instansi_attr: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        from kinerja.complaints.models import Holiday

        holiday = Holiday.objects.create(
            instansi=getattr(city, instansi_attr),
            date=date(YEAR, 5, 4),
            name="Libur daerah",
            kind="daerah",
        )
        return [holiday.pk]

    return make


def _policy(instansi_attr: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        from kinerja.complaints.models import SlaPolicy

        policy = SlaPolicy.objects.create(
            instansi=getattr(city, instansi_attr),
            channel="telepon",
            response_minutes=450,
            followup_minutes=900,
        )
        return [policy.pk]

    return make


def _category(instansi_attr: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        from kinerja.complaints.models import Category

        category = Category.objects.create(
            instansi=getattr(city, instansi_attr), code="parkir", name="Parkir"
        )
        return [category.pk]

    return make


def _holiday_data(city: Any) -> dict[str, Any]:
    return {"date": f"{YEAR}-05-05", "name": "Libur daerah", "kind": "daerah", "version": 1}


def _rules_data(city: Any) -> dict[str, Any]:
    days = {f"schedule_{d}": "07:00-12:00,12:30-15:30" for d in range(5)}
    return {
        "version": 1,
        **days,
        "at_risk_percent": 30,
        "reopen_days": 14,
        "low_rating": 2,
        "count_reopened": "on",
    }


def _policy_data(city: Any) -> dict[str, Any]:
    return {"channel": "email", "unit": "hari", "response": "1", "followup": "2", "version": 1}


def _category_data(city: Any) -> dict[str, Any]:
    return {"code": "pju", "name": "Penerangan jalan umum", "active": "on", "version": 1}


def _version(city: Any) -> dict[str, Any]:
    """A removal drawn from the row as it was made (version 1)."""
    return {"version": 1}


LIST_GET = only(READERS, 403)
LIST_POST = only(WRITES, 403)
ROW_GET = only({**READERS, **OF_A}, 403)
ROW_POST = only({**WRITES, **OF_A}, 403)
#: Rows of Kota B: the superadmin reaches them, the Kota B persona may not read settings
#: (403), and nobody of Kota A learns they exist (404).
B_GET = only({"superadmin": 200, "foreign": 403, "verifier": 404}, 404)
B_POST = only({"superadmin": 302, "foreign": 403, "verifier": 404}, 404)

CASES: list[Case] = [
    Case("complaints:settings", lambda c: [], LIST_GET),
    Case("complaints:settings_holidays", lambda c: [YEAR], LIST_GET),
    Case("complaints:settings_holidays", lambda c: [1999], only({}, 404)),
    Case(
        "complaints:settings_holidays",
        lambda c: [YEAR],
        LIST_POST,
        method="post",
        data=_holiday_data,
    ),
    Case("complaints:settings_holidays_load", lambda c: [YEAR], LIST_POST, method="post"),
    Case("complaints:settings_holiday_edit", _holiday("instansi"), ROW_GET),
    Case(
        "complaints:settings_holiday_edit",
        _holiday("instansi"),
        ROW_POST,
        method="post",
        data=_holiday_data,
    ),
    Case("complaints:settings_holiday_edit", _holiday("other_instansi"), B_GET),
    Case(
        "complaints:settings_holiday_edit",
        _holiday("other_instansi"),
        B_POST,
        method="post",
        data=_holiday_data,
    ),
    Case(
        "complaints:settings_holiday_delete",
        _holiday("instansi"),
        ROW_POST,
        method="post",
        data=_version,
    ),
    Case(
        "complaints:settings_holiday_delete",
        _holiday("other_instansi"),
        B_POST,
        method="post",
        data=_version,
    ),
    Case("complaints:settings_rules", lambda c: [], LIST_GET),
    Case("complaints:settings_rules", lambda c: [], LIST_POST, method="post", data=_rules_data),
    Case("complaints:settings_sla", lambda c: [], LIST_GET),
    Case("complaints:settings_sla", lambda c: [], LIST_POST, method="post", data=_policy_data),
    Case("complaints:settings_sla_edit", _policy("instansi"), ROW_GET),
    Case(
        "complaints:settings_sla_edit",
        _policy("instansi"),
        ROW_POST,
        method="post",
        data=_policy_data,
    ),
    Case("complaints:settings_sla_edit", _policy("other_instansi"), B_GET),
    Case(
        "complaints:settings_sla_delete",
        _policy("instansi"),
        ROW_POST,
        method="post",
        data=_version,
    ),
    Case(
        "complaints:settings_sla_delete",
        _policy("other_instansi"),
        B_POST,
        method="post",
        data=_version,
    ),
    Case("complaints:settings_categories", lambda c: [], LIST_GET),
    Case(
        "complaints:settings_categories",
        lambda c: [],
        LIST_POST,
        method="post",
        data=_category_data,
    ),
    Case("complaints:settings_category_edit", _category("instansi"), ROW_GET),
    Case(
        "complaints:settings_category_edit",
        _category("instansi"),
        ROW_POST,
        method="post",
        data=_category_data,
    ),
    Case("complaints:settings_category_edit", _category("other_instansi"), B_GET),
    Case(
        "complaints:settings_category_delete",
        _category("instansi"),
        ROW_POST,
        method="post",
        data=_version,
    ),
    Case(
        "complaints:settings_category_delete",
        _category("other_instansi"),
        B_POST,
        method="post",
    ),
]
