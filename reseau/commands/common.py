"""What every command needs: the ledger root, the as-of day, the loaded ledger."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from reseau.discover import SETTINGS_FILE, FileSource, WorkTree, find_root
from reseau.errors import FatalError
from reseau.load import Loaded, load_ledger
from reseau.problems import FILE_CHECKS, Problem

if TYPE_CHECKING:
    from reseau.cache import Store
    from reseau.i18n import Translator
    from reseau.loops import Loop


@dataclass(frozen=True)
class Env:
    """Global options: --ledger, --as-of, the working directory."""

    ledger: Path | None
    as_of: dt.date
    cwd: Path
    no_cache: bool = False
    lang: str | None = None  # --lang

    def translator(self, setting: str | None = None, root: Path | None = None) -> Translator:
        """The language of the output: --lang, else reseau.yaml's `lang` (setting, or read
        from root's reseau.yaml), else the locale, else English."""
        from reseau.i18n import Translator, resolve

        if self.lang is None and setting is None and root is not None:
            setting = settings_lang(root)
        return Translator(resolve(self.lang, setting))

    def tr(self) -> Translator:
        """The language of a command that may run before or without loading the ledger:
        --lang, else the found ledger's reseau.yaml `lang`, else the locale."""
        return error_translator(self.lang, self.ledger, self.cwd)

    def root(self) -> Path:
        from reseau.discover import LedgerNotFound

        try:
            return find_root(self.cwd, self.ledger)
        except LedgerNotFound as exc:
            raise FatalError(exc.args[0]) from None


def _sources(env: Env, staged: bool) -> tuple[Path, FileSource, Store | None]:
    """The ledger root, where its files come from (work tree, Git-aware, or Git's index)
    and its store (None with --no-cache)."""
    from reseau.cache import open_store
    from reseau.gitsource import ledger_source

    root = env.root()
    source = ledger_source(root, staged) or WorkTree(root)
    return root, source, None if env.no_cache else open_store(root)


def open_ledger(env: Env, staged: bool = False) -> Loaded:
    """Index the whole ledger, from the work tree (Git-aware) or from Git's index."""
    return load_ledger(*_sources(env, staged))


def check_findings(env: Env, staged: bool = False) -> tuple[list[Problem], int, bool]:
    """What `check` reports: every problem as of the day, the number of files read, and
    whether reseau.yaml is sound. An unchanged work tree whose findings the store keeps is
    answered without decoding a record (the hook's usual case)."""
    from reseau.load import known_digest

    root, source, store = _sources(env, staged)
    if store is not None:
        known = known_digest(source, store)
        kept = store.results(known[0], env.as_of.isoformat()) if known is not None else None
        if kept is not None and known is not None:
            sound = not any(p.path == SETTINGS_FILE and p.rule in FILE_CHECKS for p in kept[0])
            return kept[0], known[1], sound
    loaded = load_ledger(root, source, store)
    return findings(loaded, env.as_of)[0], loaded.files_read, loaded.settings_ok


def findings(loaded: Loaded, as_of: dt.date) -> tuple[list[Problem], list[Loop]]:
    """Every problem of the ledger as of a day (engine.check_ledger) and its open loops,
    reused from the store when this very content was checked as of this day."""
    from reseau import engine
    from reseau.loops import from_rows, open_rows

    ledger, store, digest, day = loaded.ledger, loaded.store, loaded.digest, as_of.isoformat()
    if store is not None and digest is not None:
        kept = store.results(digest, day)
        if kept is not None:
            try:
                return kept[0], from_rows(ledger, kept[1])
            except KeyError:  # rows of another ledger content: run the rules
                pass
    problems, open_loops = engine.findings(ledger, loaded.problems, as_of)
    if store is not None and digest is not None:
        store.keep_results(digest, day, problems, open_rows(open_loops))
    return problems, open_loops


def settings_lang(root: Path) -> str | None:
    """reseau.yaml's `lang`, read on its own (for output the store answers without the
    settings, and for errors); None when it is missing or unreadable."""
    from reseau.parse import parse_document

    try:
        value = parse_document((root / SETTINGS_FILE).read_bytes()).value
    except OSError:
        return None
    lang = value.get("lang") if isinstance(value, dict) else None
    return lang if isinstance(lang, str) else None


def error_translator(option: str | None, ledger: Path | None, cwd: Path) -> Translator:
    """The language of an error message, whether or not a ledger was found."""
    from reseau.discover import LedgerNotFound
    from reseau.i18n import Translator, resolve

    setting = None
    if option is None:
        try:
            setting = settings_lang(find_root(cwd, ledger))
        except (LedgerNotFound, OSError):
            pass
    return Translator(resolve(option, setting))
