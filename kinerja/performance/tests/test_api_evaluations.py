"""The evaluation API and a unit's distribution: scope per persona (final evaluations to the
SKP's readers, drafts to the assessor only), filters and their 400s, the fields with ratings,
override reason and stored recommendation, JSON 404s, token authentication, the distribution's
counts and check, and bounded queries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kinerja.employees.tests.factories import make_employee
from kinerja.performance import scoring, services
from kinerja.performance.models import Evaluation, Period, Skp, UnitAssessment
from kinerja.performance.services import evaluation as evaluation_services
from kinerja.performance.services import skp as skp_services
from kinerja.performance.tests.factories import this_year
from kinerja.performance.tests.factories_during import (
    EmployeeSkp,
    approved_employee_skp,
    numeric_realisasi,
)
from kinerja.performance.tests.test_api_skp import token_client

LIST = "/api/v1/evaluations/"
DI_ATAS, SESUAI, DI_BAWAH = "1", "2", "3"
OVERRIDE = "Menangani lonjakan aduan banjir di luar target."

# Final: Dewi (employee, by the Kasi), Sri (Kabid, by the Kadis), Rina (Dinas Dua), Bambang
# (Kota B). Drafts: Agus (Kasi, being rated by the Kabid) and Hartono (Kadis, by BKPSDM, the
# assessor of an SKP with no position above it).
FINAL_A = {"Dewi Lestari", "Sri Wahyuni", "Rina Marlina"}
EXPECTED = {
    "employee": {"Dewi Lestari"},
    "supervisor": {"Dewi Lestari"},  # the Kasi's own evaluation is still the Kabid's draft
    "unit_admin": {"Dewi Lestari", "Sri Wahyuni"},
    "bkpsdm": FINAL_A | {"Hartono"},
    "auditor": FINAL_A,
    "outsider": {"Rina Marlina"},
    "foreign": {"Bambang Sutrisno"},
    "superadmin": FINAL_A | {"Hartono", "Bambang Sutrisno"},
}


@dataclass
class Evaluations:
    data: EmployeeSkp
    period: Period
    own: Evaluation  # Dewi, final, rated above the recommendation with a reason
    kabid: Evaluation  # Sri, final
    kasi_draft: Evaluation  # Agus, draft of the Kabid
    kadis_draft: Evaluation  # Hartono, draft of BKPSDM
    outsider: Evaluation
    foreign: Evaluation
    foreign_period: Period


def final_evaluation(
    skp: Skp, period: Period, hasil: str = SESUAI, perilaku: str = SESUAI
) -> Evaluation:
    """A confirmed evaluation written directly (for SKPs nobody in the test city assesses)."""
    return Evaluation.objects.create(
        instansi_id=skp.instansi_id,
        skp=skp,
        period=period,
        employee_id=skp.employee_id,
        unit_id=skp.unit_id,
        unit_path=skp.unit.path,
        state="final",
        hasil_kerja=hasil,
        perilaku=perilaku,
        predikat=scoring.predikat(hasil, perilaku).value,
        decided_at=timezone.now(),
    )


def confirm(actor: Any, skp: Skp, period: Period, **ratings: Any) -> Evaluation:
    evaluation = evaluation_services.open_evaluation(actor=actor, skp=skp, period=period)
    return evaluation_services.save_evaluation(
        actor=actor, evaluation=evaluation, version=None, confirm=True, **ratings
    )


@pytest.fixture
def evals(city: Any) -> Evaluations:
    data = approved_employee_skp(city)
    period = data.period
    numeric_realisasi(city, data, "3")  # 3 of the quarter's 3 → 100 % → Sesuai recommended
    own = confirm(
        city.kasi.user,
        data.skp,
        period,
        hasil_kerja=DI_ATAS,
        perilaku=SESUAI,
        override_reason=OVERRIDE,
        perilaku_values={"loyal": SESUAI, "pelayanan": DI_ATAS},
    )
    skps = {s.employee_id: s for s in Skp.objects.with_people().exclude(pk=data.skp.pk)}
    kabid = confirm(
        city.kadis.user, skps[city.kabid.pk], period, hasil_kerja=SESUAI, perilaku=DI_ATAS
    )
    kasi_draft = evaluation_services.open_evaluation(
        actor=city.kabid.user, skp=skps[city.kasi.pk], period=period
    )
    kadis_draft = evaluation_services.open_evaluation(
        actor=city.bkpsdm.user, skp=skps[city.kadis.pk], period=period
    )
    outsider_skp = skp_services.start_skp(
        actor=city.outsider.user, employee=city.outsider, performance_year=data.skp.performance_year
    )
    outsider = final_evaluation(outsider_skp, period, DI_BAWAH, DI_BAWAH)
    foreign_year = services.create_year(
        actor=city.superadmin,
        instansi=city.other_instansi,
        year=this_year(),
        cadence="quarterly",
        skp_deadline=date(this_year(), 1, 31),
    )
    foreign_period = foreign_year.periods.get(kind="periodic", number=1)
    foreign_skp = skp_services.start_skp(
        actor=city.foreign.user, employee=city.foreign, performance_year=foreign_year
    )
    foreign = final_evaluation(foreign_skp, foreign_period)
    return Evaluations(
        data,
        period,
        own,
        kabid,
        kasi_draft,
        kadis_draft,
        outsider,
        foreign,
        foreign_period,
    )


def detail(evaluation: Evaluation | int | str) -> str:
    pk = evaluation.pk if isinstance(evaluation, Evaluation) else evaluation
    return f"/api/v1/evaluations/{pk}/"


def distribution(unit: Any) -> str:
    return f"/api/v1/units/{unit.pk if hasattr(unit, 'pk') else unit}/distribution/"


def names(response: Any) -> set[str]:
    assert response.status_code == 200, response.content
    return {row["employee"]["name"] for row in response.json()["results"]}


def as_user(user: Any) -> Client:
    client = Client()
    client.force_login(user, backend="kinerja.accounts.backends.NipOrEmailBackend")
    return client


# --- Authentication ---------------------------------------------------------------------------


def test_anonymous_is_refused(login, city, evals):
    client = login("anonymous")
    for url in (LIST, detail(evals.own), distribution(city.dinas)):
        response = client.get(url, {"period": evals.period.pk})
        assert response.status_code == 401
        assert "Dewi" not in response.content.decode()


def test_token_authentication(city, evals):
    client = token_client(city.kasi.user.username)
    assert names(client.get(LIST)) == EXPECTED["supervisor"]
    assert client.get(detail(evals.own)).json()["predikat"]["code"] == evals.own.predikat
    seksi = client.get(distribution(city.seksi), {"period": evals.period.pk})
    assert seksi.status_code == 200 and seksi.json()["total"] == 1
    bad = Client(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert bad.get(LIST).status_code == 401


# --- Scope ------------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_each_persona_lists_exactly_its_scope(login, evals, persona):
    response = login(persona).get(LIST)
    assert names(response) == EXPECTED[persona]
    assert response.json()["count"] == len(EXPECTED[persona])


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_detail_matrix(login, evals, persona):
    """Every evaluation, read by every persona: 200 inside the scope, a JSON 404 outside."""
    client = login(persona)
    for evaluation in (
        evals.own,
        evals.kabid,
        evals.kasi_draft,
        evals.kadis_draft,
        evals.outsider,
        evals.foreign,
    ):
        response = client.get(detail(evaluation))
        expected = 200 if evaluation.employee.name in EXPECTED[persona] else 404
        assert response.status_code == expected, (persona, evaluation.employee.name)
        if expected == 404:
            assert response.json().keys() == {"detail"}
            assert evaluation.employee.name not in response.content.decode()


def test_the_assessor_reads_their_drafts_and_the_team(city, evals):
    # The Kabid rates the Kasi (draft), was rated by the Kadis (own, final) and reads the
    # team's final evaluations below.
    client = as_user(city.kabid.user)
    assert names(client.get(LIST)) == {"Sri Wahyuni", "Agus Prasetyo", "Dewi Lestari"}
    assert names(client.get(LIST, {"state": "draft"})) == {"Agus Prasetyo"}
    assert client.get(detail(evals.kasi_draft)).json()["state"] == "draft"


def test_a_draft_is_hidden_from_the_employee_until_confirmed(login, city, evals):
    client = login("supervisor")  # the Kasi is the evaluated employee of the draft
    assert client.get(detail(evals.kasi_draft)).status_code == 404
    evaluation_services.save_evaluation(
        actor=city.kabid.user,
        evaluation=evals.kasi_draft,
        version=None,
        hasil_kerja=SESUAI,
        perilaku=SESUAI,
        confirm=True,
    )
    assert client.get(detail(evals.kasi_draft)).json()["predikat"] == {
        "code": "2",
        "label": "Baik",
    }
    assert "Agus Prasetyo" in names(client.get(LIST))


def test_outsider_and_foreign_see_nothing_of_the_employee(login, city, evals):
    for persona in ("outsider", "foreign"):
        client = login(persona)
        assert names(client.get(LIST, {"employee": city.employee.nip})) == set()
        assert client.get(detail(evals.own)).status_code == 404


@pytest.mark.parametrize("bad_id", ["abc", "-1", "0", "99999999", "1.5", "１", "1e3", "9" * 30])
def test_malformed_or_unknown_id_is_json_404(login, evals, bad_id):
    response = login("bkpsdm").get(detail(bad_id))
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


# --- Content ----------------------------------------------------------------------------------


def test_list_row(login, city, evals):
    [row] = login("employee").get(LIST).json()["results"]
    period = evals.period
    assert row == {
        "id": evals.own.pk,
        "period": {
            "id": period.pk,
            "kind": "periodic",
            "number": period.number,
            "label": str(period),
            "starts": period.starts.isoformat(),
            "ends": period.ends.isoformat(),
        },
        "employee": {"nip": city.employee.nip, "name": "Dewi Lestari"},
        "unit": {"id": city.seksi.pk, "name": "Seksi Pengaduan"},
        "skp_id": evals.data.skp.pk,
        "state": "final",
        "recommended": {"code": SESUAI, "label": "Sesuai Ekspektasi"},
        "hasil_kerja": {"code": DI_ATAS, "label": "Di Atas Ekspektasi"},
        "perilaku": {"code": SESUAI, "label": "Sesuai Ekspektasi"},
        "predikat": {"code": "2", "label": "Baik"},
        "override_reason": OVERRIDE,
        # In BerAKHLAK order, whatever order they were given in.
        "perilaku_values": [
            {
                "value": "pelayanan",
                "label": "Berorientasi Pelayanan",
                "rating": {"code": DI_ATAS, "label": "Di Atas Ekspektasi"},
            },
            {
                "value": "loyal",
                "label": "Loyal",
                "rating": {"code": SESUAI, "label": "Sesuai Ekspektasi"},
            },
        ],
        "scoring_version": scoring.SCORING_VERSION,
        "decided_at": row["decided_at"],
    }
    assert row["decided_at"] is not None


def test_detail_has_the_stored_recommendation(login, evals):
    data = login("employee").get(detail(evals.own)).json()
    assert data["id"] == evals.own.pk and data["override_reason"] == OVERRIDE
    rec = data["recommendation"]
    assert rec["version"] == scoring.SCORING_VERSION and rec["needs_review"] is False
    assert rec["reason"]
    assert set(rec["rule"]) == {"di_atas_min", "sesuai_min", "most_pct", "utama_short_max_pct"}
    assert rec["drivers"] == [evals.data.iki.pk]
    lines = {line["iki_id"]: line for line in rec["lines"]}
    assert lines[evals.data.iki.pk] == {
        "iki_id": evals.data.iki.pk,
        "text": evals.data.iki.text,
        "utama": True,
        "target": "3.00",
        "realisasi": "3.00",
        "lower_is_better": False,
        "capaian": "100.00",
        "status": "ok",
        "explanation": lines[evals.data.iki.pk]["explanation"],
    }
    assert lines[evals.data.quali.pk]["target"] is None
    assert [e["iki_id"] for e in rec["excluded"]] == [evals.data.quali.pk]


def test_draft_detail_for_the_assessor(city, evals):
    data = as_user(city.kabid.user).get(detail(evals.kasi_draft)).json()
    assert data["state"] == "draft"
    assert data["predikat"] is None and data["perilaku"] is None and data["decided_at"] is None
    assert data["perilaku_values"] == []
    assert data["recommendation"]["lines"]  # computed when the assessor opened it


def test_an_evaluation_without_a_stored_recommendation(login, evals):
    Evaluation.objects.filter(pk=evals.outsider.pk).update(recommendation={})
    data = login("bkpsdm").get(detail(evals.outsider)).json()
    assert data["recommendation"] is None and data["recommended"] is None
    assert data["predikat"] == {"code": "5", "label": "Sangat Kurang"}


# --- Filters ----------------------------------------------------------------------------------


def test_filters(login, city, evals):
    client = login("bkpsdm")
    year = this_year()
    everyone = EXPECTED["bkpsdm"]
    assert names(client.get(LIST, {"period": evals.period.pk})) == everyone
    assert names(client.get(LIST, {"year": year})) == everyone
    assert names(client.get(LIST, {"year": year - 1})) == set()
    assert names(client.get(LIST, {"employee": city.kabid.nip})) == {"Sri Wahyuni"}
    assert names(client.get(LIST, {"employee": "0" * 18})) == set()
    assert names(client.get(LIST, {"predikat": "2"})) == {"Dewi Lestari", "Sri Wahyuni"}
    assert names(client.get(LIST, {"predikat": "5"})) == {"Rina Marlina"}
    assert names(client.get(LIST, {"predikat": "1"})) == set()
    assert names(client.get(LIST, {"state": "draft"})) == {"Hartono"}
    assert names(client.get(LIST, {"state": "final"})) == FINAL_A
    # ``unit`` takes the unit's whole subtree.
    assert names(client.get(LIST, {"unit": city.dinas.pk})) == {
        "Hartono",
        "Sri Wahyuni",
        "Dewi Lestari",
    }
    assert names(client.get(LIST, {"unit": city.bidang.pk})) == {"Sri Wahyuni", "Dewi Lestari"}
    assert names(client.get(LIST, {"unit": city.seksi.pk})) == {"Dewi Lestari"}
    assert names(client.get(LIST, {"unit": city.other_dinas.pk})) == {"Rina Marlina"}
    assert names(client.get(LIST, {"unit": city.bidang.pk, "predikat": "3"})) == set()
    assert names(client.get(LIST, {"predikat": ""})) == everyone  # empty means not given


def test_filters_never_widen_the_scope(login, city, evals):
    client = login("employee")
    assert names(client.get(LIST, {"unit": city.dinas.pk})) == {"Dewi Lestari"}
    assert names(client.get(LIST, {"employee": city.kabid.nip})) == set()
    assert names(client.get(LIST, {"state": "draft"})) == set()


@pytest.mark.parametrize("param", ["unit", "period"])
def test_reference_of_another_instansi_is_rejected_like_a_missing_one(login, city, evals, param):
    client = login("bkpsdm")
    other = {"unit": city.foreign_dinas.pk, "period": evals.foreign_period.pk}[param]
    foreign = client.get(LIST, {param: other})
    missing = client.get(LIST, {param: 99999999})
    assert foreign.status_code == missing.status_code == 400
    assert foreign.json() == missing.json()
    assert set(foreign.json()) == {param}


@pytest.mark.parametrize(
    "params",
    [
        {"period": "abc"},
        {"period": "1.5"},
        {"period": str(10**30)},
        {"unit": str(10**30)},
        {"year": "abc"},
        {"year": "1999"},
        {"year": "2101"},
        {"employee": "123"},
        {"employee": "19850412 201003 1 001"},
        {"unit": "x"},
        {"predikat": "6"},
        {"predikat": "0"},
        {"predikat": "Baik"},
        {"state": "ditetapkan"},
        {"predikat": "x", "year": "x"},
    ],
)
def test_invalid_filters_are_400(login, evals, params):
    response = login("bkpsdm").get(LIST, params)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == set(params)
    assert all(isinstance(m, str) and m for messages in body.values() for m in messages)


def test_order_is_newest_period_then_name(login, city, evals):
    annual = evals.period.performance_year.periods.get(kind="annual")
    first = evals.period.performance_year.periods.get(kind="periodic", number=1)
    skp = Skp.objects.with_people().get(employee=city.outsider)
    later = final_evaluation(skp, annual)
    earlier = None if first.pk == evals.period.pk else final_evaluation(skp, first)
    rows = login("bkpsdm").get(LIST).json()["results"]
    ids = [r["id"] for r in rows]
    assert ids[0] == later.pk
    if earlier is not None:
        assert ids[-1] == earlier.pk
    current = [r["employee"]["name"] for r in rows if r["period"]["id"] == evals.period.pk]
    assert current == sorted(EXPECTED["bkpsdm"])


# --- Read-only --------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only(login, city, evals, method):
    client = login("bkpsdm")
    for url in (LIST, detail(evals.own), distribution(city.dinas)):
        response = getattr(client, method)(url, {"state": "x"}, content_type="application/json")
        assert response.status_code == 405
    evals.own.refresh_from_db()
    assert evals.own.state == "final"


# --- Distribution -----------------------------------------------------------------------------


def test_distribution_counts_without_an_org_predikat(login, city, evals):
    data = login("bkpsdm").get(distribution(city.dinas), {"period": evals.period.pk}).json()
    assert data["unit"] == {"id": city.dinas.pk, "name": "Dinas Satu"}
    assert data["period"]["id"] == evals.period.pk and data["period"]["label"] == str(evals.period)
    assert data["org_predikat"] is None and data["penetapan_state"] is None
    assert data["check"] is None
    # Final only: Dewi (Baik) in the seksi, Sri (Baik) in the bidang; drafts do not count.
    assert data["total"] == 2
    assert data["counts"] == [
        {"code": "1", "label": "Sangat Baik", "count": 0, "share": "0.00"},
        {"code": "2", "label": "Baik", "count": 2, "share": "100.00"},
        {"code": "3", "label": "Butuh Perbaikan", "count": 0, "share": "0.00"},
        {"code": "4", "label": "Kurang/Misconduct", "count": 0, "share": "0.00"},
        {"code": "5", "label": "Sangat Kurang", "count": 0, "share": "0.00"},
    ]


def test_distribution_check_of_the_org_predikat(login, city, evals):
    UnitAssessment.objects.create(
        instansi=city.instansi,
        unit=city.dinas,
        unit_path=city.dinas.path,
        period=evals.period,
        org_predikat="baik",
    )
    data = login("auditor").get(distribution(city.dinas), {"period": evals.period.pk}).json()
    assert data["org_predikat"] == {"code": "baik", "label": "Baik"}
    assert data["penetapan_state"] == {"code": "draft", "label": "Draf"}
    check = data["check"]
    assert check["ok"] is False and check["too_small"] is True and check["empty"] is False
    assert check["scoring_version"] == scoring.SCORING_VERSION and check["message"]
    most, at_most, some = check["clauses"]
    assert (most["kind"], most["group"], most["threshold"]) == ("most", ["2"], None)
    assert (most["count"], most["share"], most["outcome"]) == (2, "100.00", "passed")
    assert (at_most["kind"], at_most["threshold"], at_most["outcome"]) == (
        "at_most",
        "70.00",
        "failed",
    )
    assert (some["kind"], some["group"], some["count"], some["share"], some["outcome"]) == (
        "some",
        ["3", "4"],
        0,
        "0.00",
        "failed",
    )
    assert at_most["text"] and "tidak terpenuhi" in at_most["message"]
    assert len({c["key"] for c in check["clauses"]}) == 3


def test_distribution_of_an_empty_unit(login, city, evals):
    UnitAssessment.objects.create(
        instansi=city.instansi,
        unit=city.other_dinas,
        unit_path=city.other_dinas.path,
        period=evals.period,
        org_predikat="istimewa",
    )
    Evaluation.objects.filter(pk=evals.outsider.pk).delete()
    data = login("bkpsdm").get(distribution(city.other_dinas), {"period": evals.period.pk})
    body = data.json()
    assert body["total"] == 0 and all(c["share"] is None for c in body["counts"])
    assert body["check"]["empty"] is True and body["check"]["ok"] is True
    assert {c["outcome"] for c in body["check"]["clauses"]} == {"not_applicable"}
    assert {c["share"] for c in body["check"]["clauses"]} == {None}


@pytest.mark.parametrize(
    ("persona", "unit", "expected"),
    [
        ("employee", "seksi", 403),
        ("supervisor", "seksi", 200),  # the Kasi leads the seksi
        ("supervisor", "bidang", 403),
        ("unit_admin", "bidang", 200),
        ("unit_admin", "other_dinas", 403),
        ("bkpsdm", "other_dinas", 200),
        ("auditor", "seksi", 200),
        ("outsider", "other_dinas", 403),
        ("outsider", "foreign_dinas", 404),
        ("foreign", "dinas", 404),
        ("foreign", "foreign_dinas", 403),  # no role there, whatever the period
        ("superadmin", "foreign_dinas", 400),
    ],
)
def test_who_reads_a_distribution(login, city, evals, persona, unit, expected):
    response = login(persona).get(distribution(getattr(city, unit)), {"period": evals.period.pk})
    assert response.status_code == expected, response.content
    if expected != 200:
        assert "Dewi" not in response.content.decode()
        assert "count" not in response.json()


def test_leaders_above_read_the_units_below(city, evals):
    for user, unit in ((city.kabid.user, city.seksi), (city.kadis.user, city.dinas)):
        response = as_user(user).get(distribution(unit), {"period": evals.period.pk})
        assert response.status_code == 200


@pytest.mark.parametrize(
    "period", [None, "", "abc", "-1", "1.5", "99999999", "9" * 30, "foreign", "１"], ids=str
)
def test_period_is_required_and_of_the_units_instansi(login, city, evals, period):
    params = {} if period is None else {"period": period}
    if period == "foreign":
        params = {"period": evals.foreign_period.pk}
    response = login("bkpsdm").get(distribution(city.dinas), params)
    assert response.status_code == 400
    assert set(response.json()) == {"period"}


def test_foreign_period_answers_like_a_missing_one(login, city, evals):
    client = login("bkpsdm")
    foreign = client.get(distribution(city.dinas), {"period": evals.foreign_period.pk})
    missing = client.get(distribution(city.dinas), {"period": 99999999})
    assert foreign.json() == missing.json()


@pytest.mark.parametrize("bad_id", ["abc", "-1", "99999999", "１", "9" * 30])
def test_distribution_of_a_malformed_unit_is_json_404(login, evals, bad_id):
    response = login("bkpsdm").get(distribution(bad_id), {"period": evals.period.pk})
    assert response.status_code == 404
    assert response.json().keys() == {"detail"}


# --- Bounded queries --------------------------------------------------------------------------


def _count_queries(client: Client, url: str, params: dict[str, Any] | None = None) -> int:
    """Queries of a request after a first one (which also loads the session's extras)."""
    client.get(url, params or {})
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params or {}).status_code == 200
    return len(ctx.captured_queries)


def _add_evaluations(city: Any, evals: Evaluations, n: int) -> None:
    """``n`` more staff under the Kasi, each with an SKP and a final evaluation."""
    for i in range(n):
        person = make_employee(city.instansi, f"Pegawai Tambahan {i:02d}", position=city.staff_pos)
        skp = skp_services.start_skp(
            actor=city.kasi.user,
            employee=person,
            performance_year=evals.data.skp.performance_year,
            audit=False,
        )
        final_evaluation(Skp.objects.with_people().get(pk=skp.pk), evals.period)


@pytest.mark.parametrize("persona", ["employee", "supervisor", "unit_admin", "bkpsdm"])
@pytest.mark.parametrize(
    "params", [{}, {"unit": "bidang", "period": "now", "year": "this", "predikat": "2"}]
)
def test_list_query_count_does_not_grow(
    login, city, evals, persona, params, django_assert_max_num_queries
):
    values = {"bidang": city.bidang.pk, "now": evals.period.pk, "this": this_year()}
    params = {k: values.get(v, v) for k, v in params.items()}
    client = login(persona)
    one = _count_queries(client, LIST, params)
    _add_evaluations(city, evals, 20)
    with django_assert_max_num_queries(one):
        response = client.get(LIST, params)
    if persona != "employee":
        assert len(response.json()["results"]) >= 20


@pytest.mark.parametrize("persona", ["supervisor", "unit_admin", "bkpsdm"])
def test_distribution_query_count_does_not_grow(
    login, city, evals, persona, django_assert_max_num_queries
):
    UnitAssessment.objects.create(
        instansi=city.instansi,
        unit=city.seksi,
        unit_path=city.seksi.path,
        period=evals.period,
        org_predikat="istimewa",
    )
    client = login(persona)
    url, params = distribution(city.seksi), {"period": evals.period.pk}
    one = _count_queries(client, url, params)
    _add_evaluations(city, evals, 20)
    with django_assert_max_num_queries(one):
        data = client.get(url, params).json()
    assert data["total"] == 21 and data["counts"][1]["count"] == 21


def test_token_client_query_counts(city, evals, django_assert_max_num_queries):
    client = token_client(city.bkpsdm.user.username)
    # token + user, grants, held positions (assessor and subordinates), count, page.
    with django_assert_max_num_queries(6):
        assert client.get(LIST).status_code == 200
    with django_assert_max_num_queries(5):
        assert client.get(detail(evals.own)).status_code == 200
    # token + user, grants, unit, held positions, period, unit predikat, rules, counts.
    with django_assert_max_num_queries(8):
        assert client.get(distribution(city.dinas), {"period": evals.period.pk}).status_code == 200
