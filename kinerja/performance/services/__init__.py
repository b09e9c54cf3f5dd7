"""Every write of the performance cycle, one module per sub-domain.

The period services are re-exported here because views and tests call them as
``services.create_year``; the SKP services live in :mod:`kinerja.performance.services.skp` and
:mod:`kinerja.performance.services.skp_drafting`.
"""

from kinerja.performance.services.periods import (
    ANNUAL_EVALUATION_DAYS,
    TRANSITIONS,
    allowed_transitions,
    create_year,
    period_bounds,
    set_period_state,
)

__all__ = [
    "ANNUAL_EVALUATION_DAYS",
    "TRANSITIONS",
    "allowed_transitions",
    "create_year",
    "period_bounds",
    "set_period_state",
]
