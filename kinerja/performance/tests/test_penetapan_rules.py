"""The distribution rule table (SE MenPANRB 3/2023): JSON round trip and refusal of bad tables,
stable clause keys, the SVG chart geometry, the instansi's table in its settings and the
BKPSDM page that edits it one clause per row."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.core.models import AuditEvent
from kinerja.performance import charts, scoring
from kinerja.performance.models import (
    PerformanceSettings,
)
from kinerja.performance.scoring.distribution import (
    clause_key,
    keyed_results,
    rule_from_dict,
    rule_to_dict,
    rules_from_dict,
    rules_to_dict,
)
from kinerja.performance.selectors_distribution import (
    distribution_rules,
)
from kinerja.performance.services import penetapan as services

DEFAULTS = scoring.DEFAULT_DISTRIBUTION_RULES
OrgP = scoring.OrgPredikat


# --- The rule table as JSON (pure) ------------------------------------------------------------


def test_default_rules_round_trip_through_json() -> None:
    data = json.loads(json.dumps(rules_to_dict(DEFAULTS)))
    assert data["baik"] == [
        {"kind": "most", "group": ["2"], "threshold": "0"},
        {"kind": "at_most", "group": ["2"], "threshold": "70"},
        {"kind": "some", "group": ["3", "4"], "threshold": "0"},
    ]
    assert dict(rules_from_dict(data)) == dict(DEFAULTS)
    assert rules_to_dict(rules_from_dict(data)) == data


def test_custom_rules_round_trip_and_missing_predikat_keep_defaults() -> None:
    custom = {
        "istimewa": [
            {"kind": "at_most", "group": ["1"], "threshold": "65.5"},
            {"kind": "at_least", "group": ["2", "1"], "threshold": 80},
        ]
    }
    rules = rules_from_dict(custom)
    assert rules[OrgP.ISTIMEWA].clauses[0].threshold == Decimal("65.5")
    assert rules[OrgP.ISTIMEWA].clauses[1].group == frozenset(
        {scoring.Predikat.SANGAT_BAIK, scoring.Predikat.BAIK}
    )
    assert rules[OrgP.BAIK] == DEFAULTS[OrgP.BAIK]
    assert rules_to_dict(rules)["istimewa"][1] == {
        "kind": "at_least",
        "group": ["1", "2"],
        "threshold": "80",
    }
    assert dict(rules_from_dict(json.loads(json.dumps(rules_to_dict(rules))))) == dict(rules)
    assert rules_from_dict({}) == dict(DEFAULTS)
    assert rules_from_dict({"kurang": []})[OrgP.KURANG].clauses == ()


def test_one_rule_round_trip_ignores_stored_readings() -> None:
    rule = DEFAULTS[OrgP.SANGAT_KURANG]
    stored = {**rule_to_dict(rule), "most_reading": "majority", "small_unit_size": 4}
    assert rule_from_dict(json.loads(json.dumps(stored))) == rule


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ([], "objek JSON"),
        ({"luar_biasa": []}, "predikat organisasi tidak dikenal"),
        ({"baik": {"kind": "most"}}, "harus berupa list"),
        ({"baik": ["most"]}, "harus berupa objek"),
        ({"baik": [{"kind": "hampir", "group": ["2"]}]}, "jenis ketentuan tidak dikenal"),
        ({"baik": [{"kind": "most", "group": []}]}, "paling sedikit satu predikat"),
        ({"baik": [{"kind": "most", "group": "2"}]}, "paling sedikit satu predikat"),
        ({"baik": [{"kind": "most", "group": ["6"]}]}, "predikat pegawai tidak dikenal"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": "101"}]}, "antara 0 dan 100"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": -1}]}, "antara 0 dan 100"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": "tujuh"}]}, "bukan angka"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": "NaN"}]}, "terhingga"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": 70.0}]}, "angka dalam teks"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": True}]}, "angka dalam teks"),
        ({"baik": [{"kind": "at_most", "group": ["2"], "threshold": "1.234"}]}, "dua angka"),
        ({"baik": [{"kind": "some", "group": ["3"], "threshold": "10"}]}, "tidak memakai ambang"),
        ({"baik": [{"kind": "most", "group": ["2"], "treshold": "0"}]}, "kolom tidak dikenal"),
    ],
)
def test_bad_rule_tables_are_refused_with_the_place(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        rules_from_dict(data)


def test_bad_rule_names_the_clause() -> None:
    bad = {"kurang": [{"kind": "most", "group": ["4"]}, {"kind": "x", "group": []}]}
    with pytest.raises(ValueError, match="Kurang, ketentuan 2"):
        rules_from_dict(bad)


def test_clause_keys_are_position_kind_and_group() -> None:
    rule = DEFAULTS[OrgP.BAIK]
    keys = [clause_key(i, c) for i, c in enumerate(rule.clauses)]
    assert keys == ["0-most-2", "1-at_most-2", "2-some-34"]
    check = scoring.check_distribution(OrgP.BAIK, {"1": 10})
    assert [k for k, _r in keyed_results(check)] == keys


def test_stacked_bar_fills_the_width_exactly() -> None:
    bar = charts.stacked_bar({"1": 1, "2": 1, "3": 1})
    assert sum(s.width for s in bar.segments) == charts.STACK_WIDTH
    assert [s.x for s in bar.segments] == [0, 333, 666]
    assert charts.stacked_bar({}).segments == ()


def test_bar_chart_marks_single_predikat_thresholds() -> None:
    chart = charts.bar_chart({"2": 3, "3": 1}, DEFAULTS[OrgP.BAIK])
    assert [b.count for b in chart.bars] == [0, 3, 1, 0, 0]
    assert chart.bars[1].share == Decimal("75.00")
    # "Baik is most" at 50 %, "Baik at most 70 %"; the group BP+K gets no marker.
    assert [m.x for m in chart.markers] == [Decimal(350), Decimal("422.0")]


# --- Rules in the settings ------------------------------------------------------------------


def test_instansi_rules_come_from_settings(city: Any) -> None:
    assert distribution_rules(city.instansi.pk) is DEFAULTS
    table = {"istimewa": [{"kind": "at_most", "group": ["1"], "threshold": "60"}]}
    services.set_distribution_rules(actor=city.bkpsdm.user, instansi=city.instansi, rules=table)
    stored = PerformanceSettings.objects.get(instansi=city.instansi).distribution_rules
    assert (
        stored["istimewa"] == table["istimewa"]
        and stored["baik"] == rules_to_dict(DEFAULTS)["baik"]
    )
    assert distribution_rules(city.instansi.pk)[OrgP.ISTIMEWA].clauses[0].threshold == 60
    assert AuditEvent.objects.filter(action="performance.distribution_rules").exists()
    services.set_distribution_rules(actor=city.bkpsdm.user, instansi=city.instansi, rules=None)
    assert PerformanceSettings.objects.get(instansi=city.instansi).distribution_rules == {}
    assert distribution_rules(city.instansi.pk) is DEFAULTS


def test_rule_table_writes_are_validated_and_for_bkpsdm_only(city: Any) -> None:
    with pytest.raises(ValidationError, match="tidak dikenal"):
        services.set_distribution_rules(
            actor=city.bkpsdm.user, instansi=city.instansi, rules={"x": []}
        )
    for person in (city.unit_admin, city.auditor, city.kadis):
        with pytest.raises(PermissionDenied):
            services.set_distribution_rules(actor=person.user, instansi=city.instansi, rules={})


# --- The rule table page --------------------------------------------------------------------


def _rules_post(rows: list[dict[str, Any]], initial: int) -> dict[str, Any]:
    data: dict[str, Any] = {
        "c-TOTAL_FORMS": len(rows),
        "c-INITIAL_FORMS": initial,
        "c-MIN_NUM_FORMS": 0,
        "c-MAX_NUM_FORMS": 60,
    }
    for i, row in enumerate(rows):
        data.update({f"c-{i}-{k}": v for k, v in row.items()})
    return data


def _default_rows() -> list[dict[str, Any]]:
    table: dict[str, Any] = rules_to_dict(DEFAULTS)
    return [
        {
            "org_predikat": org,
            "kind": c["kind"],
            "group": c["group"],
            "threshold": c["threshold"] if c["kind"] in ("at_least", "at_most") else "",
        }
        for org, clauses in table.items()
        for c in clauses
    ]


def test_bkpsdm_edits_the_rule_table_one_clause_per_row(city: Any, login: Any) -> None:
    url = reverse("performance:distribution_rules")
    page = login("bkpsdm").get(url)
    assert page.status_code == 200 and "Baik paling banyak 70%" in page.text
    assert 'name="c-TOTAL_FORMS"' in page.text
    reader = login("auditor").get(url)
    assert reader.status_code == 200 and 'name="c-TOTAL_FORMS"' not in reader.text
    assert login("unit_admin").get(url).status_code == 403

    rows = _default_rows()
    rows[1]["threshold"] = "65.5"  # Istimewa: Sangat Baik at most 65.5 %
    rows[2]["DELETE"] = "on"  # Baik: drop "Baik is most"
    extra = {"org_predikat": "kurang", "kind": "some", "group": ["5"], "threshold": ""}
    blank = {"org_predikat": "", "kind": "", "threshold": ""}
    saved = login("bkpsdm").post(url, _rules_post([*rows, extra, blank], len(rows)))
    assert saved.status_code == 302
    rules = distribution_rules(city.instansi.pk)
    assert rules[OrgP.ISTIMEWA].clauses[1].threshold == Decimal("65.5")
    assert [c.kind for c in rules[OrgP.BAIK].clauses] == ["at_most", "some"]
    assert rules[OrgP.KURANG].clauses[-1] == scoring.Clause(
        scoring.ClauseKind.SOME, frozenset({scoring.Predikat.SANGAT_KURANG})
    )

    bad = _default_rows()
    bad[0]["kind"] = "at_least"  # needs a threshold
    bad[0]["threshold"] = ""
    refused = login("bkpsdm").post(url, _rules_post(bad, len(bad)))
    assert refused.status_code == 400 and "Isi ambang" in refused.text
    assert distribution_rules(city.instansi.pk)[OrgP.ISTIMEWA].clauses[1].threshold == Decimal(
        "65.5"
    )
    assert login("bkpsdm").post(url, {"op": "reset"}).status_code == 302
    assert distribution_rules(city.instansi.pk) is DEFAULTS
    assert login("auditor").post(url, {"op": "reset"}).status_code == 403
