"""Runs the rules over the index: options and levels from reseau.yaml, waivers, stamping."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Collection, Iterable
from typing import Any

from reseau.i18n import ENGLISH, Msg
from reseau.ledger import Ledger
from reseau.loops import Loop, compute_loops
from reseau.problems import Level, Problem, sort_key
from reseau.records import Waiver
from reseau.rules import RULES
from reseau.rules.base import Finding, RuleContext, overdue_by_kind


def rule_options(ledger: Ledger, rule_id: str) -> dict[str, Any]:
    options = dict(RULES[rule_id].OPTIONS)
    conf = ledger.settings.rules.get(rule_id)
    if conf is not None:
        options.update(conf.options)
    return options


def ledger_loops(ledger: Ledger, as_of: dt.date) -> list[Loop]:
    """The loops, with the referral and update delays configured for R004 and R005."""
    return compute_loops(
        ledger,
        as_of,
        int(rule_options(ledger, "R004")["days"]),
        int(rule_options(ledger, "R005")["days"]),
    )


def _active(waivers: Iterable[Waiver], rule: str, as_of: dt.date) -> bool:
    return any(w.rule == rule and as_of <= w.until for w in waivers)


def waived(ledger: Ledger, rule: str, finding: Finding, as_of: dt.date) -> bool:
    record = ledger.by_path.get(finding.path)
    if record is not None and record.waive and _active(record.waive, rule, as_of):
        return True
    for cid in finding.about:
        contact = ledger.contacts.get(cid)
        if contact is not None and contact.waive and _active(contact.waive, rule, as_of):
            return True
    return False


def configured_level(ledger: Ledger, rule: str) -> str | None:
    conf = ledger.settings.rules.get(rule)
    return conf.level if conf is not None else None


def run_rules(
    ledger: Ledger,
    as_of: dt.date,
    loops: list[Loop] | None = None,
    rules: Collection[str] | None = None,
) -> list[Problem]:
    """Every rule's problems (or those of `rules`), waivers applied, levels from reseau.yaml."""
    cached = functools.cache(lambda: loops if loops is not None else ledger_loops(ledger, as_of))
    overdue = functools.cache(lambda: overdue_by_kind(cached(), as_of))
    problems: list[Problem] = []
    archived = {cid for cid, c in ledger.contacts.items() if c.status == "archived"}
    for rule_id, module in RULES.items():
        if rules is not None and rule_id not in rules:
            continue
        level_conf = configured_level(ledger, rule_id)
        if level_conf == "off":
            continue
        ctx = RuleContext(as_of, rule_options(ledger, rule_id), cached, overdue)
        for finding in module.check(ledger, ctx):
            if waived(ledger, rule_id, finding, as_of):
                continue
            if (
                archived
                and rule_id[0] == "R"
                and finding.about
                and archived.issuperset(finding.about)
            ):
                continue  # an archived contact: no method rule reports about them (DESIGN §3)
            level: Level = level_conf or finding.level or module.LEVEL  # type: ignore[assignment]
            problems.append(
                Problem(
                    finding.path,
                    finding.line,
                    finding.column,
                    rule_id,
                    module.NAME,
                    level,
                    ENGLISH.render(finding.message),
                    finding.message if isinstance(finding.message, Msg) else None,
                )
            )
    return problems


def relevel(ledger: Ledger, problems: Iterable[Problem]) -> list[Problem]:
    """Apply reseau.yaml's levels (and `off`) to the file-level problems Y001, Y002, S001."""
    out = []
    for problem in problems:
        level = configured_level(ledger, problem.rule)
        if level == "off" and problem.path != "reseau.yaml":
            continue
        if level in ("error", "warning", "info") and problem.path != "reseau.yaml":
            problem = Problem(
                problem.path,
                problem.line,
                problem.column,
                problem.rule,
                problem.name,
                level,  # type: ignore[arg-type]
                problem.message,
                problem.msg,
            )
        out.append(problem)
    return out


def check_ledger(
    ledger: Ledger,
    file_problems: Iterable[Problem],
    as_of: dt.date,
    loops: list[Loop] | None = None,
) -> list[Problem]:
    """All problems of a ledger, sorted by path and position (loops: already computed)."""
    problems = relevel(ledger, file_problems) + run_rules(ledger, as_of, loops)
    return sorted(set(problems), key=sort_key)


def findings(
    ledger: Ledger, file_problems: Iterable[Problem], as_of: dt.date
) -> tuple[list[Problem], list[Loop]]:
    """check_ledger's problems and the open loops (computed once for both)."""
    loops = ledger_loops(ledger, as_of)
    return check_ledger(ledger, file_problems, as_of, loops), [lp for lp in loops if lp.is_open()]
