"""The built wheel carries the schemas and the example ledger, and the installed package finds them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.mark.slow
def test_installed_wheel_loads_its_schemas(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(dist),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next(dist.glob("reseau-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for kind in ("contact", "interaction", "opportunity", "settings"):
        assert f"reseau/_data/schema/{kind}.schema.json" in names
    assert "reseau/_data/story/reseau.yaml" in names
    assert "reseau/locale/fr/LC_MESSAGES/reseau.po" in names  # for translators
    assert "reseau/locale/fr/LC_MESSAGES/reseau.mo" in names  # compiled by hatch_build.py
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    probe = (
        "import reseau.schema as s; d = s.schema_dir(); "
        "print(d); print(len({s.load_schema(k)['title'] for k in s.KINDS})); "
        "from reseau.i18n import Translator; print(Translator('fr').days(2)); "
        "import sys; print('babel.messages' in sys.modules)"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=True,
    )
    folder, titles, french, babel_read_it = done.stdout.splitlines()
    assert Path(folder).is_relative_to(target)
    assert titles == "4"
    assert french == "2 jours"
    assert babel_read_it == "False"  # the .mo, read by the standard library
