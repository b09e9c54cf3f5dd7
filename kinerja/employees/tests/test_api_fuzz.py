"""Fuzz the API against the committed OpenAPI file with schemathesis, in-process.

Requests go through Django's WSGI handler with a persona's API token. Every response must be
a non-5xx that conforms to docs/openapi.yaml (status code, content type, body schema); the
default schemathesis checks also probe that authentication is enforced and that undocumented
methods answer 405. Examples are few so that the suite stays fast; raise ``MAX_EXAMPLES``
locally to search harder.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import CheckFunction, GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

SCHEMA_FILE = Path(settings.BASE_DIR) / "docs" / "openapi.yaml"
MAX_EXAMPLES = 20

schema = schemathesis.openapi.from_path(SCHEMA_FILE)
schema.app = WSGIHandler()
# Credentials are the persona's token, sent with every request. Generated cookies or headers for
# the documented schemes would mix a random session with a valid token and blur what the
# authentication probes (no credentials, invalid credentials → 401/403) are testing.
schema.config.generation.update(with_security_parameters=False)

OPERATIONS = [
    ("GET", "/api/v1/units/"),
    ("GET", "/api/v1/units/{unit_id}/"),
    ("GET", "/api/v1/employees/"),
    ("GET", "/api/v1/employees/{nip}/"),
    ("GET", "/api/v1/skp/"),
    ("GET", "/api/v1/skp/{skp_id}/"),
    ("GET", "/api/v1/evaluations/"),
    ("GET", "/api/v1/evaluations/{evaluation_id}/"),
    ("GET", "/api/v1/units/{unit_id}/distribution/"),
    ("GET", "/api/v1/indicators/"),
    ("GET", "/api/v1/complaints/"),
    ("POST", "/api/v1/complaints/"),
    ("GET", "/api/v1/complaints/{complaint_id}/"),
]


def test_every_documented_operation_is_fuzzed():
    paths = schema.raw_schema["paths"]
    documented = {(method.upper(), path) for path, item in paths.items() for method in item}
    assert documented == set(OPERATIONS), "Tambahkan operasi baru ke OPERATIONS di berkas ini."


@contextmanager
def in_test_transaction() -> Iterator[None]:
    """Keep Django from closing the test's connection at the end of each WSGI request.

    The test database lives in a transaction that is rolled back after the test; the handler's
    per-request connection cleanup would close it (Django's test client does the same).
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _token(username: str) -> str:
    out = StringIO()
    call_command("create_api_token", username, stdout=out, stderr=StringIO())
    return out.getvalue().strip()


#: Filters that name another object by id. An id that is not visible (or does not exist) is
#: "not a valid choice": 400, although any integer is valid by the schema.
REFERENCE_FILTERS = {"parent", "unit", "period", "category"}


def check(case: schemathesis.Case, headers: dict[str, str]) -> None:
    response = case.call(headers=headers)
    assert response.status_code < 500, response.text
    negative = bool(case.meta and case.meta.generation.mode.is_negative)
    excluded: list[CheckFunction] = []
    if response.status_code == 400 and not negative:
        # A NUL character is refused by Django's form fields, although a plain string in the
        # schema allows it; any other 400 must come from a filter naming another object.
        with_nul = {k for k, v in (case.query or {}).items() if "\x00" in str(v)}
        assert set(response.json()) <= REFERENCE_FILTERS | with_nul, response.text
        excluded.append(positive_data_acceptance)
    if negative and any(value == "" for value in (case.query or {}).values()):
        # An empty query parameter means "not given" (HTML forms send empty fields), so
        # ``?page=`` is page 1 and ``?status=`` is no filter; that is accepted by design.
        excluded.append(negative_data_rejection)
    case.validate_response(response, headers=headers, excluded_checks=excluded)


def fuzz(strategy: Any, headers: dict[str, str], max_examples: int) -> None:
    @hypothesis_settings(
        max_examples=max_examples,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(case=strategy)
    def run(case: schemathesis.Case) -> None:
        check(case, headers)

    run()


def _skp_with_plan(city: Any) -> Any:
    """The employee's SKP with an RHK supporting the Kasi's approved one (readable by both
    personas), so that the SKP endpoints answer with RHK, IKI and their leader's RHK."""
    from kinerja.performance.services.skp import start_skp
    from kinerja.performance.tests.factories import add_rhk, approved_cascade

    cascade = approved_cascade(city)
    skp = start_skp(actor=city.employee.user, employee=city.employee, performance_year=cascade.year)
    add_rhk(skp, "Tercatatnya aduan masuk", supports=cascade.kasi_rhk)
    return skp


def _final_evaluation(city: Any) -> Any:
    """The employee's evaluation of the current period, confirmed by the Kasi, and the seksi's
    organisational predikat for that period, so that the evaluation endpoints answer with
    content and the distribution with its check."""
    from kinerja.performance.models import UnitAssessment
    from kinerja.performance.services import evaluation as evaluation_services
    from kinerja.performance.tests.factories_during import approved_employee_skp

    data = approved_employee_skp(city)
    evaluation = evaluation_services.open_evaluation(
        actor=city.kasi.user, skp=data.skp, period=data.period
    )
    evaluation_services.save_evaluation(
        actor=city.kasi.user,
        evaluation=evaluation,
        version=None,
        hasil_kerja="2",
        perilaku="1",
        perilaku_values={"pelayanan": "1"},
        confirm=True,
    )
    UnitAssessment.objects.create(
        instansi=city.instansi,
        unit=city.seksi,
        unit_path=city.seksi.path,
        period=data.period,
        org_predikat="baik",
    )
    return evaluation


def _assigned_complaint(city: Any) -> Any:
    """A complaint of Dinas Satu assigned to the employee (read by both personas, the employee
    with the complainant's data, BKPSDM masked)."""
    from kinerja.complaints.tests.factories import assigned

    return assigned(city)


EVALUATION_PATHS = ("/api/v1/evaluations/", "/api/v1/units/{unit_id}/distribution/")


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
@pytest.mark.parametrize("persona", ["employee", "bkpsdm"])
def test_api_conforms_to_schema(city, method, path, persona):
    user = {"employee": city.employee.user, "bkpsdm": city.bkpsdm.user}[persona]
    headers = {"Authorization": f"Token {_token(user.username)}"}
    operation = schema[path][method]
    # SKPs exist only when made; with one in place the list and detail answer with content.
    skp = _skp_with_plan(city) if path.startswith("/api/v1/skp/") else None
    evaluation = _final_evaluation(city) if path.startswith(EVALUATION_PATHS) else None
    complaint = _assigned_complaint(city) if path.startswith("/api/v1/complaints/") else None
    with in_test_transaction():
        fuzz(operation.as_strategy(GenerationMode.POSITIVE), headers, MAX_EXAMPLES)
        fuzz(operation.as_strategy(GenerationMode.NEGATIVE), headers, MAX_EXAMPLES // 2)
        # Real identifiers, so that the 200 branch of the detail endpoints is exercised too.
        known = {
            "{unit_id}": {"unit_id": city.seksi.pk},
            "{nip}": {"nip": city.employee.nip},
            "{skp_id}": {"skp_id": skp.pk if skp else 0},
            "{evaluation_id}": {"evaluation_id": evaluation.pk if evaluation else 0},
            "{complaint_id}": {"complaint_id": complaint.pk if complaint else 0},
        }
        for marker, path_parameters in known.items():
            if marker in path:
                fuzz(operation.as_strategy(path_parameters=path_parameters), headers, 3)
        if path.endswith("/distribution/") and evaluation is not None:
            # A real unit and period: the 200 branch with counts and the check.
            strategy = operation.as_strategy(
                path_parameters={"unit_id": city.seksi.pk},
                query={"period": evaluation.period_id},
            )
            fuzz(strategy, headers, 3)


def check_intake(case: schemathesis.Case, headers: dict[str, str]) -> None:
    """As :func:`check`, for complaints posted by a verifier: a request that follows the schema
    may still have every record rejected for its content (a category that does not exist, a
    date before 2000): 400 with the per-record results, which the schema documents; or name an
    instansi code that does not exist (400 on ``instansi``)."""
    response = case.call(headers=headers)
    assert response.status_code < 500, response.text
    negative = bool(case.meta and case.meta.generation.mode.is_negative)
    excluded: list[CheckFunction] = []
    if response.status_code == 400 and not negative:
        body = response.json()
        # An instansi code that does not exist is like a bad id; a NUL character is refused by
        # DRF's text fields although a plain string in the schema allows it.
        if set(body) != {"instansi"} and "\\u0000" not in json.dumps(case.body):
            assert body.get("results") and body["created"] == 0, response.text
            assert all(r["result"] == "rejected" for r in body["results"]), response.text
        excluded.append(positive_data_acceptance)
    case.validate_response(response, headers=headers, excluded_checks=excluded)


def test_complaint_intake_conforms_to_schema_for_a_verifier(city):
    """The POST with a persona allowed to post, so that records are really checked and filed."""
    from kinerja.complaints.tests.factories import category

    category(city)
    headers = {"Authorization": f"Token {_token(city.verifier.user.username)}"}
    operation = schema["/api/v1/complaints/"]["POST"]
    with in_test_transaction():
        for mode, examples in ((GenerationMode.POSITIVE, MAX_EXAMPLES),
                               (GenerationMode.NEGATIVE, MAX_EXAMPLES // 2)):  # fmt: skip

            @hypothesis_settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
            )
            @given(case=operation.as_strategy(mode))
            def run(case: schemathesis.Case) -> None:
                check_intake(case, headers)

            run()
