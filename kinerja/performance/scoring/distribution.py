"""Organisational predikat and the allowed distribution of employee predikat (SE MenPANRB 3/2023).

The regulation describes each curve in words ("most, at most 70 % Sangat Baik"); each phrase is a
:class:`Clause` here, and the table is configurable. The readings are documented in
docs/scoring.md. A check reports; it never moves anybody into a box.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from types import MappingProxyType

from ._common import HUNDRED, SCORING_VERSION, Predikat, format_pct, require_decimal


class OrgPredikat(StrEnum):
    """Predikat kinerja organisasi of a unit (SE MenPANRB 3/2023)."""

    ISTIMEWA = "istimewa"
    BAIK = "baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan"
    KURANG = "kurang"
    SANGAT_KURANG = "sangat_kurang"

    @property
    def label(self) -> str:
        """The official name in Bahasa Indonesia."""
        return _ORG_LABELS[self]


_ORG_LABELS = {
    OrgPredikat.ISTIMEWA: "Istimewa",
    OrgPredikat.BAIK: "Baik",
    OrgPredikat.BUTUH_PERBAIKAN: "Butuh Perbaikan (Cukup)",
    OrgPredikat.KURANG: "Kurang",
    OrgPredikat.SANGAT_KURANG: "Sangat Kurang",
}


class ClauseKind(StrEnum):
    """What a clause asks of the share of a group of predikat."""

    AT_LEAST = "at_least"  # share ≥ threshold %
    AT_MOST = "at_most"  # share ≤ threshold % (0 means "none")
    SOME = "some"  # at least one employee
    MOST = "most"  # the group is "most" of the unit, see MostReading


class MostReading(StrEnum):
    """How "most" (sebagian besar) is read."""

    #: More than half of the unit's employees.
    MAJORITY = "majority"
    #: Strictly more employees than any other single predikat (ties are not "most").
    PLURALITY = "plurality"


class Outcome(StrEnum):
    """Result of one clause."""

    PASSED = "passed"
    FAILED = "failed"
    NOT_APPLICABLE = "not_applicable"  # a unit without employees


@dataclass(frozen=True)
class Clause:
    """One requirement on the share of ``group`` (one or more predikat, counted together)."""

    kind: ClauseKind
    group: frozenset[Predikat]
    threshold: Decimal = Decimal(0)

    def __post_init__(self) -> None:
        if not self.group:
            raise ValueError("klausul harus menyebut paling sedikit satu predikat")
        threshold = require_decimal(self.threshold, "threshold")
        if not 0 <= threshold <= HUNDRED:
            raise ValueError("threshold harus antara 0 dan 100 (persen)")
        object.__setattr__(self, "threshold", threshold)

    @property
    def group_label(self) -> str:
        """The group's names joined with "dan/atau", in national code order."""
        return " dan/atau ".join(p.label for p in sorted(self.group, key=lambda p: p.code))

    def text(self, most_reading: MostReading = MostReading.MAJORITY) -> str:
        """The clause in Bahasa Indonesia, as shown on the penetapan page."""
        g, t = self.group_label, format_pct(self.threshold)
        if self.kind is ClauseKind.AT_LEAST:
            return f"{g} paling sedikit {t}"
        if self.kind is ClauseKind.AT_MOST:
            return f"tidak ada {g}" if self.threshold == 0 else f"{g} paling banyak {t}"
        if self.kind is ClauseKind.SOME:
            return f"harus ada {g}"
        if most_reading is MostReading.MAJORITY:
            return f"{g} merupakan sebagian besar (lebih dari 50%)"
        return f"{g} merupakan kelompok terbanyak"


@dataclass(frozen=True)
class DistributionRule:
    """The allowed distribution for one organisational predikat: all clauses must hold."""

    unit_predikat: OrgPredikat
    clauses: tuple[Clause, ...]


def _g(*predikat: Predikat) -> frozenset[Predikat]:
    return frozenset(predikat)


_SB, _B, _BP, _K, _SK = (
    Predikat.SANGAT_BAIK,
    Predikat.BAIK,
    Predikat.BUTUH_PERBAIKAN,
    Predikat.KURANG,
    Predikat.SANGAT_KURANG,
)

#: Defaults of SE MenPANRB 3/2023. "The rest any" and "the rest Sangat Baik and/or Sangat Kurang"
#: (Baik) allow every remaining predikat, so they add no clause.
DEFAULT_DISTRIBUTION_RULES: Mapping[OrgPredikat, DistributionRule] = MappingProxyType(
    {
        OrgPredikat.ISTIMEWA: DistributionRule(
            OrgPredikat.ISTIMEWA,
            (
                Clause(ClauseKind.MOST, _g(_SB)),
                Clause(ClauseKind.AT_MOST, _g(_SB), Decimal(70)),
            ),
        ),
        OrgPredikat.BAIK: DistributionRule(
            OrgPredikat.BAIK,
            (
                Clause(ClauseKind.MOST, _g(_B)),
                Clause(ClauseKind.AT_MOST, _g(_B), Decimal(70)),
                Clause(ClauseKind.SOME, _g(_BP, _K)),
            ),
        ),
        OrgPredikat.BUTUH_PERBAIKAN: DistributionRule(
            OrgPredikat.BUTUH_PERBAIKAN,
            (
                Clause(ClauseKind.AT_LEAST, _g(_BP), Decimal(60)),
                Clause(ClauseKind.AT_MOST, _g(_SB), Decimal(10)),
            ),
        ),
        OrgPredikat.KURANG: DistributionRule(
            OrgPredikat.KURANG,
            (
                Clause(ClauseKind.AT_LEAST, _g(_K), Decimal(60)),
                Clause(ClauseKind.AT_LEAST, _g(_BP), Decimal(10)),
                Clause(ClauseKind.AT_MOST, _g(_SB), Decimal(10)),
            ),
        ),
        OrgPredikat.SANGAT_KURANG: DistributionRule(
            OrgPredikat.SANGAT_KURANG,
            (
                Clause(ClauseKind.AT_LEAST, _g(_SK), Decimal(60)),
                Clause(ClauseKind.AT_LEAST, _g(_K, _BP), Decimal(10)),
                Clause(ClauseKind.AT_MOST, _g(_SB), Decimal(0)),
            ),
        ),
    }
)

#: Units with fewer employees than this are flagged: one person moves a share by more than 25 %.
DEFAULT_SMALL_UNIT_SIZE = 4


@dataclass(frozen=True)
class ClauseResult:
    """One clause checked against the counts."""

    clause: Clause
    text: str
    count: int
    total: int
    share: Decimal | None  # percent, two decimals; None for a unit without employees
    outcome: Outcome
    message: str

    @property
    def passed(self) -> bool:
        """True unless the clause failed (not applicable counts as passed)."""
        return self.outcome is not Outcome.FAILED


@dataclass(frozen=True)
class DistributionCheck:
    """The distribution of a unit checked against the rule of its organisational predikat."""

    unit_predikat: OrgPredikat
    counts: Mapping[Predikat, int]
    total: int
    results: tuple[ClauseResult, ...]
    too_small: bool
    empty: bool
    most_reading: MostReading
    small_unit_size: int
    message: str
    version: str = field(default=SCORING_VERSION)

    @property
    def ok(self) -> bool:
        """True when no clause failed."""
        return all(r.passed for r in self.results)

    @property
    def failures(self) -> tuple[ClauseResult, ...]:
        """The clauses that failed: each needs a written reason (an exception) at penetapan."""
        return tuple(r for r in self.results if not r.passed)


def _evaluate(
    clause: Clause, counts: Mapping[Predikat, int], total: int, most: MostReading
) -> bool:
    count = sum(counts[p] for p in clause.group)
    # Shares are compared exactly (count × 100 against threshold × total), never rounded.
    if clause.kind is ClauseKind.AT_LEAST:
        return count * HUNDRED >= clause.threshold * total
    if clause.kind is ClauseKind.AT_MOST:
        return count * HUNDRED <= clause.threshold * total
    if clause.kind is ClauseKind.SOME:
        return count >= 1
    if most is MostReading.MAJORITY:
        return count * 2 > total
    others = [n for p, n in counts.items() if p not in clause.group]
    return count > 0 and all(count > n for n in others)


def check_distribution(
    unit_predikat: OrgPredikat | str,
    counts_by_predikat: Mapping[Predikat, int] | Mapping[str, int],
    rules: Mapping[OrgPredikat, DistributionRule] = DEFAULT_DISTRIBUTION_RULES,
    *,
    most_reading: MostReading = MostReading.MAJORITY,
    small_unit_size: int = DEFAULT_SMALL_UNIT_SIZE,
) -> DistributionCheck:
    """Check a unit's employee predikat counts against its distribution rule (SE MenPANRB 3/2023).

    ``counts_by_predikat`` maps Predikat (or SIASN code) to a count ≥ 0; missing predikat count
    as 0. Every clause is evaluated and reported with its text, the actual share, the outcome and
    a message. A unit with no employees has nothing to distribute: every clause is not
    applicable. A unit with fewer than ``small_unit_size`` employees is still checked but flagged
    ``too_small``: its shares move in steps too large to mean much. Negative or non-integer
    counts raise ``ValueError``/``TypeError``; any other input is answered.
    """
    org = OrgPredikat(unit_predikat)
    counts: dict[Predikat, int] = dict.fromkeys(Predikat, 0)
    for key, value in counts_by_predikat.items():
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("jumlah pegawai harus bilangan bulat")
        if value < 0:
            raise ValueError("jumlah pegawai tidak boleh negatif")
        counts[Predikat(key)] += value
    total = sum(counts.values())
    rule = rules[org]
    results = []
    for clause in rule.clauses:
        text = clause.text(most_reading)
        count = sum(counts[p] for p in clause.group)
        if total == 0:
            results.append(
                ClauseResult(
                    clause,
                    text,
                    0,
                    0,
                    None,
                    Outcome.NOT_APPLICABLE,
                    f"{text}: tidak dapat dinilai, unit tidak memiliki pegawai.",
                )
            )
            continue
        share = (Decimal(count) * HUNDRED / total).quantize(Decimal("0.01"))
        passed = _evaluate(clause, counts, total, most_reading)
        actual = f"{clause.group_label} {count} dari {total} pegawai ({format_pct(share)})"
        verdict = "terpenuhi" if passed else "tidak terpenuhi"
        results.append(
            ClauseResult(
                clause,
                text,
                count,
                total,
                share,
                Outcome.PASSED if passed else Outcome.FAILED,
                f"{text}: {verdict}; {actual}.",
            )
        )
    too_small = 0 < total < small_unit_size
    failed = sum(1 for r in results if not r.passed)
    if total == 0:
        message = f"Unit berpredikat {org.label} tidak memiliki pegawai; distribusi tidak dinilai."
    elif failed:
        message = (
            f"Distribusi predikat unit berpredikat {org.label}: {failed} ketentuan tidak "
            "terpenuhi; setiap pengecualian memerlukan alasan tertulis."
        )
    else:
        message = f"Distribusi predikat sesuai ketentuan untuk unit berpredikat {org.label}."
    if too_small:
        message += (
            f" Unit hanya memiliki {total} pegawai (kurang dari {small_unit_size}); persentase "
            "kurang bermakna."
        )
    return DistributionCheck(
        unit_predikat=org,
        counts=MappingProxyType(counts),
        total=total,
        results=tuple(results),
        too_small=too_small,
        empty=total == 0,
        most_reading=most_reading,
        small_unit_size=small_unit_size,
        message=message,
    )


# --- The rule table as plain JSON (per-instansi configuration and stored snapshots) ---------

_CLAUSE_FIELDS = frozenset({"kind", "group", "threshold"})


def clause_key(index: int, clause: Clause) -> str:
    """A stable key for the clause at ``index`` of a rule: position, kind and group (SIASN
    codes), e.g. ``"1-at_most-1"``. Written reasons for exceptions are stored under it; the group
    is part of the key so that a reason never silently moves to another clause when the table is
    edited."""
    codes = "".join(sorted(p.value for p in clause.group))
    return f"{index}-{clause.kind.value}-{codes}"


def keyed_results(check: DistributionCheck) -> tuple[tuple[str, ClauseResult], ...]:
    """The check's clause results with their :func:`clause_key` (results follow rule order)."""
    return tuple((clause_key(i, r.clause), r) for i, r in enumerate(check.results))


def _threshold_text(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def clause_to_dict(clause: Clause) -> dict[str, object]:
    """A clause as plain JSON: kind, group (SIASN codes in code order), threshold as a string."""
    return {
        "kind": clause.kind.value,
        "group": sorted(p.value for p in clause.group),
        "threshold": _threshold_text(clause.threshold),
    }


def rule_to_dict(rule: DistributionRule) -> dict[str, object]:
    """One rule as plain JSON (stored with an approved penetapan)."""
    return {
        "unit_predikat": rule.unit_predikat.value,
        "clauses": [clause_to_dict(c) for c in rule.clauses],
    }


def rules_to_dict(
    rules: Mapping[OrgPredikat, DistributionRule],
) -> dict[str, list[dict[str, object]]]:
    """The whole table as plain JSON: organisational predikat → list of clauses, in the order of
    :class:`OrgPredikat`."""
    return {
        org.value: [clause_to_dict(c) for c in rules[org].clauses]
        for org in OrgPredikat
        if org in rules
    }


def _parse_threshold(value: object, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise ValueError(f'{where}: ambang harus berupa angka dalam teks, misalnya "70"')
    try:
        threshold = Decimal(value.strip() if isinstance(value, str) else value)
    except ArithmeticError:
        raise ValueError(f"{where}: ambang {value!r} bukan angka") from None
    if not threshold.is_finite():
        raise ValueError(f"{where}: ambang harus bilangan terhingga")
    if not 0 <= threshold <= HUNDRED:
        raise ValueError(f"{where}: ambang harus antara 0 dan 100 (persen)")
    exponent = threshold.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        raise ValueError(f"{where}: ambang paling banyak dua angka di belakang koma")
    return threshold


def clause_from_dict(data: object, where: str = "ketentuan") -> Clause:
    """A clause from plain JSON, validated; ``ValueError`` (Indonesian, prefixed with ``where``)
    for anything else: unknown fields, kind or predikat, an empty group, a threshold outside
    0–100 or a threshold on a "some"/"most" clause."""
    if not isinstance(data, Mapping):
        raise ValueError(f"{where}: harus berupa objek dengan kind, group dan threshold")
    unknown = sorted(str(k) for k in data if k not in _CLAUSE_FIELDS)
    if unknown:
        raise ValueError(f"{where}: kolom tidak dikenal: {', '.join(unknown)}")
    try:
        kind = ClauseKind(str(data.get("kind")))
    except ValueError:
        raise ValueError(f"{where}: jenis ketentuan tidak dikenal: {data.get('kind')!r}") from None
    raw_group = data.get("group")
    if not isinstance(raw_group, list | tuple) or not raw_group:
        raise ValueError(f"{where}: sebutkan paling sedikit satu predikat pegawai")
    group = set()
    for code in raw_group:
        try:
            group.add(Predikat(code))
        except ValueError:
            raise ValueError(f"{where}: predikat pegawai tidak dikenal: {code!r}") from None
    threshold = _parse_threshold(data.get("threshold", "0"), where)
    if kind in (ClauseKind.SOME, ClauseKind.MOST) and threshold != 0:
        raise ValueError(f"{where}: ketentuan jenis {kind.value} tidak memakai ambang")
    return Clause(kind, frozenset(group), threshold)


def _clauses_from(org: OrgPredikat, data: object) -> tuple[Clause, ...]:
    if not isinstance(data, list | tuple):
        raise ValueError(f"{org.label}: daftar ketentuan harus berupa list")
    return tuple(
        clause_from_dict(item, f"{org.label}, ketentuan {number}")
        for number, item in enumerate(data, start=1)
    )


def rule_from_dict(data: object) -> DistributionRule:
    """One rule from :func:`rule_to_dict`'s form (other keys, e.g. the stored reading, are
    ignored)."""
    if not isinstance(data, Mapping):
        raise ValueError("aturan harus berupa objek dengan unit_predikat dan clauses")
    try:
        org = OrgPredikat(str(data.get("unit_predikat")))
    except ValueError:
        raise ValueError(
            f"predikat organisasi tidak dikenal: {data.get('unit_predikat')!r}"
        ) from None
    return DistributionRule(org, _clauses_from(org, data.get("clauses")))


def rules_from_dict(data: object) -> Mapping[OrgPredikat, DistributionRule]:
    """The rule table from plain JSON (organisational predikat → list of clauses), validated.

    An organisational predikat the data does not mention keeps its default rule, so empty data
    gives :data:`DEFAULT_DISTRIBUTION_RULES`. Unknown predikat, kinds or fields, thresholds
    outside 0–100 and malformed values raise ``ValueError`` with an Indonesian message naming
    the place.
    """
    if data is None:
        return DEFAULT_DISTRIBUTION_RULES
    if not isinstance(data, Mapping):
        raise ValueError("tabel aturan distribusi harus berupa objek JSON")
    rules = dict(DEFAULT_DISTRIBUTION_RULES)
    for key, clauses in data.items():
        try:
            org = OrgPredikat(key)
        except ValueError:
            raise ValueError(f"predikat organisasi tidak dikenal: {key!r}") from None
        rules[org] = DistributionRule(org, _clauses_from(org, clauses))
    return MappingProxyType({org: rules[org] for org in OrgPredikat})
