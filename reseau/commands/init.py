"""`reseau init`: a new ledger (folders, settings, schemas, Git and pre-commit set-up); never overwrites."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from reseau.discover import FOLDERS
from reseau.errors import FatalError
from reseau.i18n import ENGLISH, Translator, msg
from reseau.store import Refused, create_exclusive, make_folder, read_snapshot, replace_atomic

FOLDERS_MADE = (*FOLDERS, "reports")
STORY_AS_OF = "2016-05-03"  # the story is frozen on the article's day
FILES_PATTERN = r"(reseau\.yaml|(contacts|interactions|opportunities)/.*\.ya?ml)$"


@dataclass(frozen=True)
class InitOptions:
    folder: str = "."
    example: bool = False
    ci: str | None = None
    ci_install: str | None = None
    upgrade: bool = False


def templates_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "_templates"


def story_dir() -> Path:
    """The example ledger shipped in the wheel, or the checkout's examples/story/."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "_data" / "story"
    if packaged.is_dir():
        return packaged
    return package.parent / "examples" / "story"


def template(name: str) -> str:
    return (templates_dir() / name).read_text(encoding="utf-8")


def run(cwd: Path, options: InitOptions, out: TextIO, tr: Translator = ENGLISH) -> int:
    if options.ci not in (None, "github", "gitlab"):
        raise FatalError(msg("--ci {ci}: unknown CI (known: github, gitlab)", ci=options.ci))
    if options.ci_install is not None and options.ci is None:
        raise FatalError(msg("--ci-install: give --ci github or --ci gitlab too"))
    root = (cwd / options.folder).absolute()
    if root.exists() and not root.is_dir():
        raise FatalError(msg("{folder}: exists and is not a folder", folder=options.folder))
    writer = Writer(cwd, out, tr)
    writer.folder(root)
    writer.bases.append(root)
    top = git_top(root) or git_init(root, writer)
    writer.bases.append(top)
    for name in FOLDERS_MADE:
        writer.folder(root / name)
    if options.example:
        story = story_dir()
        for path in sorted(story.rglob("*")):
            rel = path.relative_to(story)
            # the schemas come from this reseau, below, whatever the story ships
            if path.is_file() and rel.as_posix() != "README.md" and rel.parts[0] != "schema":
                writer.file(root / rel, path.read_bytes())
    if not options.example:  # the story brings its own reseau.yaml
        writer.file(root / "reseau.yaml", template("reseau.yaml").encode())
    from reseau.schema import schema_dir

    writer.folder(root / "schema")
    for schema in sorted(schema_dir().glob("*.schema.json")):
        if options.upgrade:
            writer.refresh(root / "schema" / schema.name, schema.read_bytes())
        else:
            writer.file(root / "schema" / schema.name, schema.read_bytes())
    writer.file(root / ".gitignore", template("gitignore").encode())
    ledger = "" if top == root.resolve() else root.resolve().relative_to(top).as_posix()
    config = pre_commit_config(ledger, STORY_AS_OF if options.example else None)
    if not writer.file(top / ".pre-commit-config.yaml", config.encode()) and ledger:
        out.write(
            tr(
                "note: to check this ledger before each commit, add this hook to {path}:",
                path=writer.shown(top / ".pre-commit-config.yaml"),
            )
            + "\n"
        )
        out.write(config.split("repos:\n", 1)[1])
    if options.ci is not None:
        write_ci(options, top, ledger, writer)
    return 0


def write_ci(options: InitOptions, top: Path, ledger: str, writer: Writer) -> None:
    from reseau.commands import ci

    install = ci.choose_install(top, options.ci_install)
    as_of = STORY_AS_OF if options.example else None
    if options.ci == "github":
        writer.folder(top / ".github" / "workflows")
        text = ci.github_workflow(ledger, as_of, install)
        written = writer.file(top / ".github" / "workflows" / "reseau.yml", text.encode())
    else:
        written = writer.file(top / ".gitlab-ci.yml", ci.gitlab_ci(ledger, as_of, install).encode())
    if written:
        writer.out.write(ci.shown_origin(install, writer.tr) + "\n")


class Writer:
    """Creates folders and files, never replacing one; says what it did, paths relative to cwd.

    Inside the ledger (root) and the repository (top, once known), every folder and file
    goes through the write rule of reseau.store: nothing is written through a link a
    shared folder may already hold."""

    def __init__(self, cwd: Path, out: TextIO, tr: Translator = ENGLISH) -> None:
        self.cwd = cwd
        self.out = out
        self.tr = tr
        self.bases: list[Path] = []  # the ledger, then the repository's top

    def shown(self, path: Path) -> str:
        rel = os.path.relpath(path, self.cwd)
        return path.as_posix() if rel.startswith("..") else Path(rel).as_posix()

    def _place(self, path: Path) -> tuple[Path, str] | None:
        for base in self.bases:
            if path != base and path.is_relative_to(base):
                return base, path.relative_to(base).as_posix()
        return None

    def folder(self, path: Path) -> None:
        place = self._place(path)
        try:
            if place is not None:
                if not make_folder(*place):
                    return
            elif path.is_dir():
                return
            else:
                path.mkdir(parents=True)  # the ledger's own folder, where the user said
        except Refused:
            raise
        except OSError as exc:
            raise FatalError(
                msg(
                    "cannot create {shown}: {strerror}",
                    shown=str(self.shown(path)),
                    strerror=str(exc.strerror),
                )
            ) from None
        self.out.write(self.tr("created {path}/", path=self.shown(path)) + "\n")

    def _where(self, path: Path) -> tuple[Path, str]:
        place = self._place(path)
        if place is None:  # every file init writes is inside the ledger or the repository
            raise FatalError(
                msg("{path}: outside the ledger and its repository", path=self.shown(path))
            )
        return place

    def file(self, path: Path, data: bytes) -> bool:
        """Write data at path unless something is there already (a link included); True when
        written."""
        base, rel = self._where(path)
        try:
            create_exclusive(base, rel, data)  # atomic, and fails rather than replace a file
        except FileExistsError:
            self.out.write(self.tr("kept {path}", path=self.shown(path)) + "\n")
            return False
        self.out.write(self.tr("created {path}", path=self.shown(path)) + "\n")
        return True

    def refresh(self, path: Path, data: bytes) -> None:
        """`init --upgrade`: replace a file whose content differs, saying what changed."""
        base, rel = self._where(path)
        try:
            old = read_snapshot(base, rel)
        except FileNotFoundError:
            self.file(path, data)
            return
        except OSError as exc:
            raise FatalError(
                msg(
                    "cannot read {shown}: {strerror}",
                    shown=str(self.shown(path)),
                    strerror=str(exc.strerror),
                )
            ) from None
        if old.data == data:
            self.out.write(self.tr("up to date {path}", path=self.shown(path)) + "\n")
            return
        replace_atomic(base, rel, data, expected=old)
        changes = schema_changes(old.data, data)
        self.out.write(
            self.tr("updated {path}: {changes}", path=self.shown(path), changes=changes) + "\n"
        )


def schema_changes(old: bytes, new: bytes) -> str:
    """What differs between two versions of a schema, in a few words: the fields added,
    removed and changed, else how many lines."""
    import difflib
    import json

    try:
        before, after = json.loads(old), json.loads(new)
    except ValueError:
        before, after = None, None
    if isinstance(before, dict) and isinstance(after, dict):
        fields_before = before.get("properties") or {}
        fields_after = after.get("properties") or {}
        if isinstance(fields_before, dict) and isinstance(fields_after, dict):
            added = sorted(set(fields_after) - set(fields_before))
            removed = sorted(set(fields_before) - set(fields_after))
            changed = sorted(
                k
                for k in set(fields_before) & set(fields_after)
                if fields_before[k] != fields_after[k]
            )
            parts = [
                f"{label} {', '.join(names)}"
                for label, names in (("added", added), ("removed", removed), ("changed", changed))
                if names
            ]
            rest = {k: v for k, v in after.items() if k != "properties"}
            if rest != {k: v for k, v in before.items() if k != "properties"}:
                parts.append("definitions and constraints changed")
            if parts:
                return "; ".join(parts)
    lines = difflib.unified_diff(
        old.decode("utf-8", "replace").splitlines(),
        new.decode("utf-8", "replace").splitlines(),
        lineterm="",
        n=0,
    )
    count = sum(1 for line in lines if line[:1] in "+-" and line[:3] not in ("+++", "---"))
    return f"{count} lines changed"


def git_top(folder: Path) -> Path | None:
    from reseau.gitsource import open_repo, top_of

    repo = open_repo(folder)
    return None if repo is None else top_of(repo)


def git_init(root: Path, writer: Writer) -> Path:
    try:
        from git import GitCommandError, Repo
    except ImportError:
        raise FatalError(msg("cannot run `git init`: the git program was not found")) from None
    try:
        Repo.init(root)  # runs `git init` inside root: no path reaches Git as an argument
    except GitCommandError as exc:
        raise FatalError(msg("git init failed: {exc}", exc=str(exc))) from None
    shown = writer.shown(root)
    writer.out.write(writer.tr("initialised a Git repository in {path}/", path=shown) + "\n")
    return root.resolve()


def _hook(
    hook_id: str,
    name: str,
    entry: str,
    files: str,
    args: list[str],
    comment: str,
    verbose: bool = False,
) -> str:
    lines = [
        f"      - id: {hook_id}",
        f"        name: {name}",
        f"        entry: {entry}",
        "        language: system",
        "        pass_filenames: false",
        "        require_serial: true",
        f"        files: {files}",
    ]
    if verbose:  # pre-commit prints a passing hook's output only when verbose
        lines.append(
            "        verbose: true   # show what is late on every commit, also when it passes"
        )
    if args:
        lines.append(f"        args: [{', '.join(_flow(a) for a in args)}]{comment}")
    return "\n".join(lines)


def _flow(value: str) -> str:
    return (
        value
        if re.fullmatch(r"[A-Za-z0-9_./-]+", value) and not value[0].isdigit()
        else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    )


def pre_commit_config(ledger: str, as_of: str | None) -> str:
    """The .pre-commit-config.yaml for a ledger at the top ('') or in a subfolder of the repository.

    reseau-fmt is offered commented out: a formatting gate is the user's choice.
    """
    files = "^" + (re.escape(ledger + "/") if ledger else "") + FILES_PATTERN
    where = ["--ledger", ledger] if ledger else []
    dated = ["--as-of", as_of] if as_of else []
    comment = "   # the example story is judged on its own day" if as_of else ""
    check = _hook(
        "reseau-check", "reseau check", "reseau check --hook", files, where + dated, comment, True
    )
    fmt = _hook("reseau-fmt", "reseau fmt --check", "reseau fmt --check", files, where, "")
    fmt = "\n".join("      # " + line[6:] for line in fmt.splitlines())
    optional = (
        "      # Optional: refuse files not in reseau's canonical layout (fix: `reseau fmt`).\n"
    )
    return template("pre-commit-config.yaml").replace("@HOOKS@", check + "\n" + optional + fmt)
