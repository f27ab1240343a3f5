"""`reseau init --ci github|gitlab`: CI files that install the reseau the user runs.

How the running reseau was installed comes from its distribution's `direct_url.json`
(PEP 610): a VCS URL and commit, an archive URL, or a local folder. A runner can reach a
VCS or http(s) URL, and a folder inside the repository; for anything else (an editable
checkout elsewhere, a local wheel) the file gets a step that fails with what to fill in,
and `init` says so.
"""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote, urlparse

from reseau import __version__
from reseau.errors import FatalError
from reseau.i18n import ENGLISH, Translator, msg

FILL_IN = "FILL-IN"  # marks the line to edit in a generated file


@dataclass(frozen=True)
class Install:
    """What the CI file's install step runs: a pip requirement, or None (to fill in)."""

    requirement: str | None
    origin: str  # said in a comment and on the terminal


def direct_url() -> dict[str, object] | None:
    """The installed reseau's PEP 610 record (None: from an index, or not installed)."""
    from importlib import metadata

    try:
        text = metadata.distribution("reseau").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return {}
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def install_source(top: Path, record: dict[str, object] | None) -> Install:
    """The requirement a runner can install, from a PEP 610 record (see direct_url)."""
    if record is None:
        return Install(f"reseau=={__version__}", "the package index reseau was installed from")
    url = str(record.get("url", ""))
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and url:
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        at = f"@{commit}" if commit else ""
        scheme = urlparse(url).scheme
        if scheme in ("http", "https", "ssh", "git") or url.startswith("git@"):
            return Install(f"reseau @ {vcs.get('vcs', 'git')}+{url}{at}", f"{url}{at}")
    parsed = urlparse(url)
    if parsed.scheme in ("http", "https") and "archive_info" in record:
        return Install(f"reseau @ {url}", url)
    if parsed.scheme == "file":
        folder = Path(unquote(parsed.path))
        try:
            inside = folder.resolve().relative_to(top.resolve())
        except ValueError:
            return _checkout(folder) or Install(None, f"{folder}, a path on this machine only")
        if "dir_info" in record:
            spec = "." if inside == Path(".") else f"./{inside.as_posix()}"
            return Install(spec, "a folder of this repository")
        return Install(None, f"{folder}, a path on this machine only")
    return Install(None, "an unknown source" if url else "no installed distribution")


def _checkout(folder: Path) -> Install | None:
    """A local folder that is a Git checkout with a remote a runner can reach: its commit."""
    from reseau.gitsource import open_repo

    repo = open_repo(folder)
    if repo is None or repo.bare:
        return None
    try:
        commit = repo.head.commit.hexsha
        for remote in repo.remotes:
            for url in remote.urls:
                if urlparse(url).scheme in ("https", "http", "ssh") or url.startswith("git@"):
                    url = "ssh://" + url.replace(":", "/", 1) if url.startswith("git@") else url
                    where = f"your checkout {folder} ({remote.name}, commit {commit[:12]}: push it)"
                    return Install(f"reseau @ git+{url}@{commit}", where)
    except (ValueError, OSError):
        return None
    return None


def choose_install(top: Path, given: str | None) -> Install:
    if given is not None:
        if not given.strip() or "\n" in given or "\r" in given:
            raise FatalError(msg("--ci-install: give one pip requirement, on one line"))
        return Install(given, "--ci-install")
    return install_source(top, direct_url())


def install_lines(install: Install, indent: str) -> str:
    """The body of the install step's `run: |` block."""
    if install.requirement is not None:
        return f"{indent}python -m pip install {shlex.quote(install.requirement)}"
    return "\n".join(
        [
            f"{indent}# {FILL_IN}: reseau init could not tell how a runner installs reseau",
            f"{indent}# (it was installed from {install.origin}). Write the pip requirement,",
            f'{indent}# e.g. "reseau @ git+https://github.com/OWNER/reseau@TAG", or run',
            f"{indent}# `reseau init --ci ... --ci-install SPEC` again in a fresh clone.",
            f'{indent}echo "{FILL_IN}: say how to install reseau in this file" >&2',
            f"{indent}exit 1",
        ]
    )


def _url_part(ledger: str) -> str:
    """The ledger's folder in a URL: percent-encoded, so safe inside shell double quotes."""
    return "/" + quote(ledger) if ledger else ""


def ledger_arg(ledger: str) -> str:
    return f" --ledger {shlex.quote(ledger)}" if ledger else ""


def github_workflow(ledger: str, as_of: str | None, install: Install) -> str:
    from reseau.commands.init import template

    env = (
        f'env:\n  RESEAU_AS_OF: "{as_of}"   # the example story is judged on its own day\n'
        if as_of
        else ""
    )
    link_base = f'"$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA{_url_part(ledger)}"'
    return (
        template("workflow-github.yml")
        .replace("@INSTALL@", install_lines(install, " " * 10))
        .replace("@ORIGIN@", install.origin)
        .replace("@LEDGER_ARG@", ledger_arg(ledger))
        .replace("@LINK_BASE@", link_base)
        .replace("@ENV@\n", env)
    )


def gitlab_ci(ledger: str, as_of: str | None, install: Install) -> str:
    from reseau.commands.init import template

    variables = (
        f'variables:\n  RESEAU_AS_OF: "{as_of}"   # the example story is judged on its own day\n'
        if as_of
        else ""
    )
    link_base = f'"$CI_PROJECT_URL/-/blob/$CI_COMMIT_SHA{_url_part(ledger)}"'
    return (
        template("gitlab-ci.yml")
        .replace("@INSTALL@", install_lines(install, " " * 6))
        .replace("@ORIGIN@", install.origin)
        .replace("@LEDGER_ARG@", ledger_arg(ledger))
        .replace("@LINK_BASE@", link_base)
        .replace("@VARIABLES@\n", variables)
    )


def shown_origin(install: Install, tr: Translator = ENGLISH) -> str:
    """What init says on the terminal about the install step."""
    if install.requirement is None:
        return tr(
            "note: the CI file's install step is a line to fill in ({fill}): reseau was "
            "installed from {origin}, which a runner cannot reach; or pass --ci-install SPEC",
            fill=FILL_IN,
            origin=install.origin,
        )
    return tr(
        "note: the CI file installs {requirement} ({origin})",
        requirement=install.requirement,
        origin=install.origin,
    )
