"""The evaluation services' pure functions, memoised for the demo's 80,000 evaluations.

Both give exactly what the services give (tested in ``kinerja/demo/tests``); they only skip
computing again what depends on a few recurring values.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from kinerja.performance import scoring
from kinerja.performance.models import PerformanceSettings
from kinerja.performance.services.evaluation import IkiFacts, IkiLine, line_for, recommend, rule_of


class Recommender:
    """``services.evaluation.recommend``, memoised for the stored form.

    Apart from the IKI keys, what ``stored_recommendation`` keeps of a recommendation (rating,
    reason, drivers, exclusions) depends only on each IKI's level under the rule (or why it is
    left out) and whether it is Utama, in order. The first SKP with a given pattern is computed
    by the service; later ones take that result with their own keys, which gives exactly the
    stored form the service gives (tested). ``assessed`` (the per-IKI values, which the stored
    form does not keep) is left empty on those.
    """

    def __init__(self, config: PerformanceSettings) -> None:
        self.config = config
        self.rule = rule_of(config)
        self.cache: dict[tuple[object, ...], tuple[scoring.Recommendation, dict[str, int]]] = {}

    def signature(self, lines: list[IkiLine]) -> tuple[object, ...]:
        """Per IKI: Utama or not, and its level (or why it is left out)."""
        classify = self.rule.classify
        return tuple(
            (
                line.iki.utama,
                None
                if line.capaian is None
                else line.capaian.explanation
                if line.capaian.value is None
                else classify(line.capaian.value),
            )
            for line in lines
        )

    def __call__(self, lines: list[IkiLine]) -> scoring.Recommendation:
        signature = self.signature(lines)
        keys = [str(line.iki.pk) for line in lines]
        hit = self.cache.get(signature)
        if hit is None:
            rec = recommend(lines, self.config)
            self.cache[signature] = (rec, {key: n for n, key in enumerate(keys)})
            return rec
        rec, index = hit
        return dataclasses.replace(
            rec,
            drivers=tuple(keys[index[key]] for key in rec.drivers),
            assessed=(),
            excluded=tuple(scoring.ExcludedIki(keys[index[e.key]], e.reason) for e in rec.excluded),
        )


class Lines:
    """``services.evaluation.line_for`` memoised on what the line's numbers depend on (the
    kind of target, the target, the direction, the values and the share)."""

    def __init__(self, cap: Decimal) -> None:
        self.cap = cap
        self.cache: dict[tuple[object, ...], IkiLine] = {}

    def __call__(self, facts: IkiFacts, values: tuple[Decimal, ...], share: Decimal) -> IkiLine:
        key = (facts.aspek, facts.target, facts.lower_is_better, values, share)
        found = self.cache.get(key)
        if found is None:
            bare = IkiFacts(0, "", "", True, facts.aspek, facts.target, "", facts.lower_is_better)
            found = self.cache[key] = line_for(bare, list(values), share, self.cap)
        return IkiLine(facts, found.target, found.realisasi, "", 0, found.capaian)
