"""Demo decisions on the evaluations: a few keberatan, and each OPD's organisational predikat with
the penetapan of its distribution.

Keberatan are drawn from the current year's completed quarters and last year's annual
evaluations: some still open, some granted (the evaluation changed as
``services.objection.decide_objection`` changes it) and some rejected; the post above the
assessor's decides. Then, per OPD and completed period, the organisational predikat is the one
whose distribution rule the unit's final predikat meet, Baik first; a unit that meets none keeps
the closest and carries a written reason for each broken clause, under the keys the penetapan
page uses (``scoring.distribution.clause_key``). Penetapan are approved by the demo's BKPSDM
admin after the period's keberatan were decided, so the stored counts are the current ones.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import F
from django.utils import timezone

from kinerja.accounts import services as account_services
from kinerja.core import bulk
from kinerja.demo.assessment_texts import (
    BASIS,
    GRANT_REASONS,
    MANY_ABOVE,
    MANY_BELOW,
    NONE_BELOW,
    OBJECTION_REASONS,
    REJECT_REASONS,
    SMALL_UNIT,
    VERIFIED,
)
from kinerja.demo.evaluations import (
    ABOVE,
    BELOW,
    MEETS,
    DemoEvaluation,
    DemoPeriod,
    EvaluationSeed,
    seed_evaluations,
)
from kinerja.employees.models import Employee
from kinerja.org import paths
from kinerja.org.models import Instansi, Position, Unit
from kinerja.performance import scoring
from kinerja.performance.models import (
    Evaluation,
    Objection,
    ObjectionState,
    PenetapanState,
    PredikatValue,
    UnitAssessment,
)
from kinerja.performance.scoring.distribution import clause_key
from kinerja.performance.selectors_distribution import distribution_rules
from kinerja.performance.services.evaluation import settings_for
from kinerja.performance.services.penetapan import check_rule

#: The order in which an organisational predikat is tried: Baik first.
ORG_ORDER = [
    scoring.OrgPredikat.BAIK,
    scoring.OrgPredikat.ISTIMEWA,
    scoring.OrgPredikat.BUTUH_PERBAIKAN,
    scoring.OrgPredikat.KURANG,
    scoring.OrgPredikat.SANGAT_KURANG,
]
#: (state, pool, how many): "recent" is the current year's completed quarters ("latest" the
#: last of them), "annual" last year's annual evaluations.
OBJECTION_PLAN = [
    (ObjectionState.FILED, "latest", 2),
    (ObjectionState.GRANTED, "recent", 2),
    (ObjectionState.REJECTED, "recent", 1),
    (ObjectionState.GRANTED, "annual", 1),
    (ObjectionState.REJECTED, "annual", 2),
]
SMALL_SIZE = 20


def _exception(result: scoring.ClauseResult, counts: Mapping[str, int]) -> str:
    """Why the unit's leader accepts the broken clause ``result``."""
    total = sum(counts.values())
    if result.clause.kind is scoring.ClauseKind.SOME:
        return NONE_BELOW
    if total < SMALL_SIZE:
        return SMALL_UNIT
    if result.clause.kind is scoring.ClauseKind.MOST:
        above = counts[PredikatValue.SANGAT_BAIK]
        below = total - above - counts[PredikatValue.BAIK]
        return MANY_ABOVE if above >= below else MANY_BELOW
    return VERIFIED


@dataclass
class DemoObjection:
    evaluation: DemoEvaluation
    state: str
    reason: str
    filed_at: datetime
    deadline: date
    decider_position: int | None
    decision_reason: str = ""
    decided_at: datetime | None = None
    decided_by: int | None = None
    before: dict[str, str] = field(default_factory=dict)
    after: dict[str, str] = field(default_factory=dict)


@dataclass
class AssessmentSeed:
    """What the evaluation part of the demo wrote for one instansi."""

    realisasi: int = 0
    evaluations: int = 0
    final: int = 0
    drafts: int = 0
    overrides: int = 0
    penetapan: int = 0
    exceptions: int = 0
    keberatan: Counter[str] = field(default_factory=Counter)

    def merge(self, other: AssessmentSeed) -> AssessmentSeed:
        return AssessmentSeed(
            self.realisasi + other.realisasi,
            self.evaluations + other.evaluations,
            self.final + other.final,
            self.drafts + other.drafts,
            self.overrides + other.overrides,
            self.penetapan + other.penetapan,
            self.exceptions + other.exceptions,
            self.keberatan + other.keberatan,
        )

    def counts(self) -> dict[str, int]:
        return {
            "realisasi": self.realisasi,
            "evaluations": self.evaluations,
            "evaluation_drafts": self.drafts,
            "overrides": self.overrides,
            "penetapan": self.penetapan,
            "penetapan_exceptions": self.exceptions,
            "keberatan": self.keberatan.total(),
            **{f"keberatan_{state}": n for state, n in sorted(self.keberatan.items())},
        }


def _snapshot(evaluation: DemoEvaluation) -> dict[str, str]:
    return {
        "hasil_kerja": evaluation.hasil_kerja,
        "perilaku": evaluation.perilaku,
        "predikat": evaluation.predikat,
    }


def _local(moment: datetime) -> date:
    return timezone.localdate(moment)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=timezone.get_current_timezone())


class _Objections:
    """Draws the keberatan and applies the granted ones to their evaluations."""

    def __init__(
        self,
        rng: random.Random,
        now: datetime,
        days: int,
        parent_of: Mapping[int, int | None],
        position_users: dict[int, int],
    ) -> None:
        self.rng, self.now, self.days = rng, now, days
        self.parent_of, self.position_users = parent_of, position_users
        self.taken: set[int] = set()

    def _grant(self, evaluation: DemoEvaluation) -> None:
        """Raise the rating the objection was about by one step, as the decider would."""
        if evaluation.hasil_kerja == BELOW:
            evaluation.hasil_kerja = MEETS
        elif evaluation.perilaku == BELOW:
            evaluation.perilaku = MEETS
        elif evaluation.hasil_kerja == MEETS:
            evaluation.hasil_kerja = ABOVE
        else:
            evaluation.perilaku = ABOVE
        evaluation.predikat = scoring.predikat(evaluation.hasil_kerja, evaluation.perilaku).value

    def file(self, evaluation: DemoEvaluation, state: str) -> DemoObjection | None:
        assert evaluation.decided_at is not None
        deadline = _local(evaluation.decided_at) + timedelta(days=self.days)
        first = _local(evaluation.decided_at) + timedelta(days=1)
        last = min(deadline, _local(self.now) - timedelta(days=1))
        if last < first:
            return None
        filed_at = _at(first + timedelta(days=self.rng.randint(0, (last - first).days)), 9)
        about = "perilaku" if evaluation.perilaku == BELOW else "hasil"
        decider = self.parent_of.get(evaluation.plan.assessor_position_id or 0)
        objection = DemoObjection(
            evaluation,
            ObjectionState.FILED,
            self.rng.choice(OBJECTION_REASONS[about]),
            filed_at,
            deadline,
            decider,
            before=_snapshot(evaluation),
            after={},
        )
        decided_at = filed_at + timedelta(days=self.rng.randint(3, 12), hours=5)
        if state == ObjectionState.FILED or decided_at >= self.now:
            return objection
        if state == ObjectionState.GRANTED:
            self._grant(evaluation)
        objection.state = state
        objection.decided_at = decided_at
        objection.decided_by = self.position_users.get(decider or 0)
        objection.decision_reason = self.rng.choice(
            GRANT_REASONS if state == ObjectionState.GRANTED else REJECT_REASONS
        )
        objection.after = _snapshot(evaluation)
        return objection

    def draw(
        self, pools: dict[str, list[DemoEvaluation]], excluded: set[int]
    ) -> list[DemoObjection]:
        found = []
        for state, pool, count in OBJECTION_PLAN:
            candidates = [
                e
                for e in pools.get(pool, [])
                if e.plan.employee_id not in excluded
                and id(e) not in self.taken
                and e.plan.assessor_position_id is not None
                and e.predikat != PredikatValue.SANGAT_BAIK
            ]
            # Those rated low object first; a few with Baik hope for Sangat Baik.
            low = [e for e in candidates if e.predikat != PredikatValue.BAIK]
            chosen = self.rng.sample(low, min(len(low), count))
            if len(chosen) < count:
                rest = [e for e in candidates if e.predikat == PredikatValue.BAIK]
                chosen += self.rng.sample(rest, min(len(rest), count - len(chosen)))
            for evaluation in chosen:
                objection = self.file(evaluation, state)
                if objection is not None:
                    self.taken.add(id(evaluation))
                    excluded.add(evaluation.plan.employee_id)
                    found.append(objection)
        return found


def _pools(seed: EvaluationSeed, current_year: int, today: date) -> dict[str, list[Any]]:
    completed = [
        p for p in seed.periods.get(current_year, []) if not p.annual and p.deadline < today
    ]
    annual = [p for p in seed.periods.get(current_year - 1, []) if p.annual]
    by_period: dict[int, list[DemoEvaluation]] = defaultdict(list)
    for evaluation in seed.evaluations:
        if evaluation.final:
            by_period[evaluation.period.pk].append(evaluation)
    latest = completed[-1:] if completed else []
    return {
        "latest": [e for p in latest for e in by_period[p.pk]],
        "recent": [e for p in completed[:-1] or latest for e in by_period[p.pk]],
        "annual": [e for p in annual for e in by_period[p.pk]],
    }


def _choose(
    counts: dict[str, int], rules: Mapping[scoring.OrgPredikat, scoring.DistributionRule]
) -> scoring.DistributionCheck:
    """The check of the first organisational predikat whose rule the counts meet (Baik first);
    when none is met, of the one with the fewest broken clauses."""
    checks = [scoring.check_distribution(org, counts, rules) for org in ORG_ORDER]
    return next((c for c in checks if c.ok), min(checks, key=lambda c: len(c.failures)))


def _penetapan(
    instansi: Instansi,
    seed: EvaluationSeed,
    objections: list[DemoObjection],
    rng: random.Random,
    today: date,
    now: datetime,
    approver: int | None,
) -> list[UnitAssessment]:
    rules = distribution_rules(instansi.pk)
    opds = list(
        Unit.objects.filter(instansi=instansi, depth=0)
        .order_by("path")
        .values_list("pk", "path", "name")
    )
    counts: dict[tuple[int, str], Counter[str]] = defaultdict(Counter)
    for evaluation in seed.evaluations:
        if evaluation.final:
            key = (evaluation.period.pk, evaluation.plan.unit_path[: paths.SEGMENT])
            counts[key][evaluation.predikat] += 1
    settled: dict[tuple[int, str], datetime] = {}
    for objection in objections:
        if objection.decided_at is not None:
            evaluation = objection.evaluation
            key = (evaluation.period.pk, evaluation.plan.unit_path[: paths.SEGMENT])
            settled[key] = max(settled.get(key, objection.decided_at), objection.decided_at)
    periods: list[DemoPeriod] = [
        p for year in sorted(seed.periods) for p in seed.periods[year] if p.deadline < today
    ]
    rows = []
    for period in periods:
        for unit_id, path, name in opds:
            key = (period.pk, path)
            found = counts.get(key)
            if not found or key in seed.pending:
                continue
            approved = _at(period.deadline + timedelta(days=rng.randint(2, 8)), 10)
            if key in settled:
                approved = max(approved, settled[key] + timedelta(days=1))
            if approved >= now:
                continue
            values = {code: found.get(code, 0) for code in PredikatValue.values}
            check = _choose(values, rules)
            exceptions = {
                clause_key(index, result.clause): _exception(result, values)
                for index, result in enumerate(check.results)
                if not result.passed
            }
            rows.append(
                UnitAssessment(
                    instansi=instansi,
                    unit_id=unit_id,
                    unit_path=path,
                    period_id=period.pk,
                    org_predikat=check.unit_predikat.value,
                    basis=BASIS.format(unit=name, period=_period_label(period)),
                    set_by_id=approver,
                    set_at=approved - timedelta(days=1),
                    state=PenetapanState.APPROVED,
                    exceptions=exceptions,
                    counts=values,
                    rule=check_rule(check, rules),
                    scoring_version=check.version,
                    approved_by_id=approver,
                    approved_at=approved,
                )
            )
    return rows


def _period_label(period: DemoPeriod) -> str:
    if period.annual:
        return f"tahun {period.year}"
    return f"triwulan {('I', 'II', 'III', 'IV')[period.number - 1]} {period.year}"


def _objectors(instansi: Instansi, objections: list[DemoObjection]) -> dict[int, int]:
    """A login for each objecting employee (an objection is filed by a user); unusable
    passwords: only the personas log in to the demo."""
    wanted = {o.evaluation.plan.employee_id for o in objections}
    users = {}
    for employee in Employee.objects.filter(pk__in=wanted).order_by("pk"):
        if employee.user_id is None:
            employee.user = account_services.create_user(
                actor=None,
                username=employee.nip,
                email=employee.email,
                instansi=instansi,
                display_name=employee.full_name,
                audit=False,
            )
            employee.save(update_fields=["user"])
        assert employee.user_id is not None
        users[employee.pk] = employee.user_id
    return users


def _write_objections(
    instansi: Instansi, objections: list[DemoObjection], users: dict[int, int]
) -> None:
    """The keberatan, and the granted ones' change to their evaluation (as the decision writes
    it: ratings, predikat and a new version)."""
    evaluations = {
        (skp, period): pk
        for skp, period, pk in Evaluation.objects.filter(
            instansi=instansi,
            skp_id__in={o.evaluation.plan.pk for o in objections},
            period_id__in={o.evaluation.period.pk for o in objections},
        ).values_list("skp_id", "period_id", "pk")
    }
    pks = [evaluations[(o.evaluation.plan.pk, o.evaluation.period.pk)] for o in objections]
    for objection, pk in zip(objections, pks, strict=True):
        if objection.state == ObjectionState.GRANTED:
            Evaluation.objects.filter(pk=pk).update(
                **objection.after, version=F("version") + 1, updated_at=objection.decided_at
            )
    bulk.insert_rows(
        Objection,
        [
            "instansi_id", "evaluation_id", "filed_by_id", "filed_at", "reason", "deadline",
            "decider_position_id", "state", "decision_reason", "decided_by_id", "decided_at",
            "before", "after", "version",
        ],
        [
            (
                instansi.pk, pk, users[o.evaluation.plan.employee_id], o.filed_at, o.reason,
                o.deadline, o.decider_position, o.state, o.decision_reason, o.decided_by,
                o.decided_at, o.before, o.after, 1 if o.state == ObjectionState.FILED else 2,
            )
            for o, pk in zip(objections, pks, strict=True)
        ],
    )  # fmt: skip


def seed_assessments(
    instansi: Instansi,
    *,
    rng: random.Random,
    current_year: int,
    today: date,
    story_assessor: int | None = None,
    approver: int | None = None,
    keberatan: bool = True,
) -> AssessmentSeed:
    """Realisasi, evaluations, keberatan and penetapan of ``instansi`` (after its SKPs).

    ``story_assessor`` (the demo atasan) keeps an evaluation to do; ``approver`` (the demo's
    BKPSDM admin) sets and approves the penetapan; ``keberatan`` draws a few objections.
    Employees with a login (the personas) file no keberatan, so their pages show the plain
    story.
    """
    users = dict(
        Employee.objects.filter(instansi=instansi, user__isnull=False).values_list("pk", "user_id")
    )
    drawn = seed_evaluations(
        instansi,
        rng=rng,
        current_year=current_year,
        today=today,
        users=users,
        story_assessor=story_assessor,
    )
    now = timezone.now()
    parent_of = dict(Position.objects.filter(instansi=instansi).values_list("pk", "parent_id"))
    position_users = {
        position: user
        for position, user in Employee.objects.filter(
            instansi=instansi, user__isnull=False, current_position__isnull=False
        ).values_list("current_position_id", "user_id")
    }
    days = settings_for(instansi.pk).objection_days
    # Objectors get a login below; those who assess others are left out so that the evaluations
    # they decided keep the decider they were written with.
    excluded = set(users) | {e.plan.assessor_id for e in drawn.evaluations if e.plan.assessor_id}
    objections = (
        _Objections(rng, now, days, parent_of, position_users).draw(
            _pools(drawn, current_year, today), excluded
        )
        if keberatan
        else []
    )
    assessments = _penetapan(instansi, drawn, objections, rng, today, now, approver)
    _write_objections(instansi, objections, _objectors(instansi, objections))
    bulk.insert(UnitAssessment, assessments)
    final = [e for e in drawn.evaluations if e.final]
    return AssessmentSeed(
        realisasi=drawn.realisasi,
        evaluations=len(drawn.evaluations),
        final=len(final),
        drafts=len(drawn.evaluations) - len(final),
        overrides=drawn.overrides,
        penetapan=len(assessments),
        exceptions=sum(1 for a in assessments if a.exceptions),
        keberatan=Counter(o.state for o in objections),
    )
