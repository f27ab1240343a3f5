"""The rule catalogue: an explicit registry, in id order (no discovery: add a rule here).

Each rule is a module that satisfies `reseau.rules.base.Rule` (ID, NAME, LEVEL,
OPTIONS, a docstring and `check`): listing it in `MODULES` is what makes mypy
check it.
"""

from __future__ import annotations

from reseau.rules import (
    l001_unknown_reference,
    l002_introduction_cycle,
    l003_misplaced_file,
    l004_duplicate_contact,
    l005_future_interaction,
    l006_referral_mismatch,
    r001_cold_approach,
    r002_job_ask,
    r003_give_first,
    r004_referral_not_followed,
    r005_referrer_not_informed,
    r006_promise_overdue,
    r007_next_step_overdue,
    r008_no_next_step,
    r009_reconnect,
)
from reseau.rules.base import Rule

MODULES: tuple[Rule, ...] = (
    l001_unknown_reference,
    l002_introduction_cycle,
    l003_misplaced_file,
    l004_duplicate_contact,
    l005_future_interaction,
    l006_referral_mismatch,
    r001_cold_approach,
    r002_job_ask,
    r003_give_first,
    r004_referral_not_followed,
    r005_referrer_not_informed,
    r006_promise_overdue,
    r007_next_step_overdue,
    r008_no_next_step,
    r009_reconnect,
)

RULES: dict[str, Rule] = {module.ID: module for module in MODULES}
