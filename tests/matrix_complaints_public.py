"""Access cases of the complaint pages: public (see tests/test_access_matrix_complaints.py).

Every persona, anonymous included, gets the same answer: these pages need no login and show
nothing that depends on who asks. Posts send incomplete data (400): the harness reads a 302 to
an anonymous user as a redirect to the login page; the successful posts are covered in
kinerja/complaints/tests/test_public.py and test_survey.py. Each ``args`` empties the
rate-limit counters (the cache outlives a test) and gives Kota A a category, which makes it the
site's public instansi.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.core.cache import cache

from tests.test_access_matrix import Case, P

EVERYONE = [*P, "verifier"]


def _all(code: int) -> dict[str, int]:
    return {persona: code for persona in EVERYONE}


def _fresh(city: Any) -> None:
    from kinerja.complaints.tests import factories as f

    cache.clear()
    f.category(city)


def _none(city: Any) -> list[Any]:
    _fresh(city)
    return []


def _code(state: str) -> Callable[[Any], list[Any]]:
    """The tracking code of a complaint in ``state`` (a factory name)."""

    def make(city: Any) -> list[Any]:
        from kinerja.complaints.tests import factories as f

        _fresh(city)
        return [getattr(f, state)(city).tracking_code]

    return make


def _unknown_code(city: Any) -> list[Any]:
    _fresh(city)
    return ["ZZZZZ-ZZZZZ"]


def _unit(attr: str) -> Callable[[Any], list[Any]]:
    def make(city: Any) -> list[Any]:
        _fresh(city)
        return [getattr(city, attr).pk]

    return make


def _complaint_without_consent(city: Any) -> dict[str, Any]:
    from kinerja.complaints import spam
    from kinerja.complaints.tests import factories as f

    return {
        "title": "Lampu jalan mati",
        "description": "Lampu PJU di gang tiga mati.",
        "category": f.category(city).pk,
        "classification": "pengaduan",
        "no_contact": "on",
        "form_ts": spam.issue_stamp(at=time.time() - 10),
    }


def _reopen_without_reason(city: Any) -> dict[str, Any]:
    from kinerja.complaints.models import Complaint

    return {"version": Complaint.objects.latest("id").version, "reason": ""}


def _survey_missing_u9(city: Any) -> dict[str, Any]:
    from kinerja.complaints import spam

    return {
        **{f"u{i}": 3 for i in range(1, 9)},
        "form_ts": spam.issue_stamp(at=time.time() - 10),
    }


CASES: list[Case] = [
    Case("layanan:index", _none, _all(200)),
    Case("layanan:complaint_new", _none, _all(200)),
    Case("layanan:complaint_new", _none, _all(400), method="post", data=_complaint_without_consent),
    # Without a complaint filed in this session there is no code to show, only a hint.
    Case("layanan:complaint_thanks", _none, _all(200)),
    Case("layanan:track_lookup", _none, _all(200)),
    Case(
        "layanan:track_lookup",
        _none,
        _all(404),
        method="post",
        data=lambda c: {"code": "ZZZZZ-ZZZZZ"},
    ),
    Case("layanan:track", _code("new_complaint"), _all(200)),
    Case("layanan:track", _unknown_code, _all(404)),
    Case(
        "layanan:rate",
        _code("done"),
        _all(400),
        method="post",
        data=lambda c: {"rating": 4},
    ),
    Case(
        "layanan:rate",
        _unknown_code,
        _all(404),
        method="post",
        data=lambda c: {"rating": 4, "solved": "ya"},
    ),
    Case(
        "layanan:reopen",
        _code("done"),
        _all(400),
        method="post",
        data=_reopen_without_reason,
    ),
    Case("layanan:complaint_survey", _code("done"), _all(200)),
    Case("layanan:complaint_survey", _unknown_code, _all(404)),
    Case("layanan:skm_units", _none, _all(200)),
    Case("layanan:skm", _unit("dinas"), _all(200)),
    Case("layanan:skm", _unit("dinas"), _all(400), method="post", data=_survey_missing_u9),
    Case("layanan:skm", _unit("seksi"), _all(404)),
    Case("layanan:skm", _unit("foreign_dinas"), _all(404)),
    Case("layanan:skm_thanks", _none, _all(200)),
    Case("layanan:transparency", _none, _all(200)),
]
