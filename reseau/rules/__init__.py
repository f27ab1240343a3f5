"""The rule catalogue: an explicit registry, in id order (no discovery: add a rule here)."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

MODULES = (
    "l001_unknown_reference",
    "l002_introduction_cycle",
    "l003_misplaced_file",
    "l004_duplicate_contact",
    "l005_future_interaction",
    "l006_referral_mismatch",
    "r001_cold_approach",
    "r002_job_ask",
    "r003_give_first",
    "r004_referral_not_followed",
    "r005_referrer_not_informed",
    "r006_promise_overdue",
    "r007_next_step_overdue",
    "r008_no_next_step",
    "r009_reconnect",
)

RULES: dict[str, ModuleType] = {
    module.ID: module for module in (import_module(f"reseau.rules.{name}") for name in MODULES)
}
