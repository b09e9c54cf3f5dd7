"""The access matrix of complaint handling, with the complaint verifier as an extra persona.

The cases live beside the parts they cover (``tests/matrix_complaints_*.py``). A persona a case
does not name gets what the outsider gets: the verifier is, apart from the role, an employee of
another OPD of Kota A.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from tests import (
    matrix_complaints_api,
    matrix_complaints_public,
    matrix_complaints_settings,
    matrix_complaints_staff,
)
from tests.test_access_matrix import LOGIN, Case, P

PERSONAS = [*P, "verifier"]

COMPLAINT_CASES: list[Case] = [
    *matrix_complaints_public.CASES,
    *matrix_complaints_staff.CASES,
    *matrix_complaints_settings.CASES,
    *matrix_complaints_api.CASES,
]


@pytest.mark.django_db
@pytest.mark.parametrize("case", COMPLAINT_CASES, ids=lambda case: case.name)
@pytest.mark.parametrize("persona", PERSONAS)
def test_complaint_matrix(case: Case, persona: str, city: Any, login: Any) -> None:
    client = login(persona)
    url = reverse(case.name, args=case.args(city))
    data = case.data(city) if case.data else {}
    response = getattr(client, case.method)(url, data)
    expected = case.expected.get(persona, case.expected["outsider"])
    assert response.status_code == expected, (
        f"{persona} {case.method.upper()} {case.name}: {response.status_code} != {expected}"
    )
    if expected == LOGIN and persona == "anonymous" and not case.name.startswith("api-"):
        assert reverse("account_login") in response["Location"]
