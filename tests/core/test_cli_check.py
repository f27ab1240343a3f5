"""`reseau check` and `reseau rules` through Click's runner: exact output and exit codes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import STORY, STORY_AS_OF, Result, run_cli

MakeLedger = Callable[[dict[str, str | bytes]], Path]

BROKEN = {
    "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: former-colleague\n",
    "contacts/karim-bonnet.yaml": "name: Karim Bonnet\nintroduced_by: marc-leroy\n",
    "interactions/2016/2016-04-08-meeting-helene-dupre.yaml": """\
        date: 2016-04-08
        with: [marc-leroy]
        channel: meeting
        ask: job
        gave: [interest]
        received:
          - referral: karim-bonnet
        next: {action: Call Karim, due: 2016-05-20}
        """,
    "interactions/2016/2016-04-09-call-nobody.yaml": "date: 2016-04-09\nwith: [nobody]\nchanel: call\n",
}


def broken(make_ledger: MakeLedger) -> Path:
    return make_ledger(dict(BROKEN))


def check(root: Path, *args: str) -> Result:
    return run_cli("--ledger", str(root), "check", "--as-of", "2016-04-25", *args)


def test_text_output_sorted_by_path_and_position(make_ledger: MakeLedger) -> None:
    result = check(broken(make_ledger))
    assert result.out == (
        "interactions/2016/2016-04-08-meeting-helene-dupre.yaml:4:6: warning R002 job-ask: "
        "you asked Marc Leroy for a job: ask for advice or information, which is within their reach\n"
        "interactions/2016/2016-04-08-meeting-helene-dupre.yaml:7:15: warning R004 "
        "referral-not-followed: Marc Leroy referred you to Karim Bonnet on 2016-04-08: get in touch "
        "with them (due 2016-04-22, 3 days late)\n"
        "interactions/2016/2016-04-09-call-nobody.yaml:3:1: error S001 schema: unknown key 'chanel' "
        "in the record: did you mean 'channel'? (keys of your own start with 'x-')\n"
    )
    assert result.code == 1


def test_messages_say_what_to_do(make_ledger: MakeLedger) -> None:
    out = check(broken(make_ledger)).out
    assert "unknown key 'chanel' in the record: did you mean 'channel'?" in out
    assert "Marc Leroy referred you to Karim Bonnet on 2016-04-08: get in touch with them" in out


def test_json_output_matches_design(make_ledger: MakeLedger) -> None:
    result = check(broken(make_ledger), "--format", "json")
    document = json.loads(result.out)
    assert list(document) == ["problems", "summary"]
    first = document["problems"][0]
    assert list(first) == ["path", "line", "column", "rule", "name", "level", "message"]
    assert (
        first["path"],
        first["line"],
        first["column"],
        first["rule"],
        first["name"],
        first["level"],
    ) == (
        "interactions/2016/2016-04-08-meeting-helene-dupre.yaml",
        4,
        6,
        "R002",
        "job-ask",
        "warning",
    )
    assert document["summary"] == {"files": 5, "errors": 1, "warnings": 2, "info": 0}
    assert result.code == 1


def test_json_holds_info_without_verbose(make_ledger: MakeLedger) -> None:
    root = make_ledger(
        {
            "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\ncadence: 10\n",
            "interactions/2016/2016-04-01-call-marc-leroy.yaml": "date: 2016-04-01\nwith: [marc-leroy]\ngave: [interest]\nnext: {action: x, due: 2016-06-01}\n",
        }
    )
    text = check(root)
    assert (text.code, text.out) == (0, "")
    verbose = check(root, "--verbose")
    assert verbose.out == (
        "contacts/marc-leroy.yaml:3:10: info R009 reconnect: last in touch with "
        "Marc Leroy 24 days ago (2016-04-01), beyond your 10-day cadence: reconnect\n"
    )
    document = json.loads(check(root, "--format", "json").out)
    assert document["summary"] == {"files": 3, "errors": 0, "warnings": 0, "info": 1}


def test_strict_makes_warnings_fail(make_ledger: MakeLedger) -> None:
    root = make_ledger(
        {
            "contacts/marc-leroy.yaml": "name: Marc Leroy\nrelation: friend\n",
            "interactions/2016/2016-04-19-call-marc-leroy.yaml": "date: 2016-04-19\nwith: [marc-leroy]\nask: job\n",
        }
    )
    assert check(root).code == 0
    assert check(root, "--strict").code == 1


def test_github_format(make_ledger: MakeLedger) -> None:
    out = check(broken(make_ledger), "--format", "github").out.splitlines()
    assert out[0].startswith(
        "::error file=interactions/2016/2016-04-09-call-nobody.yaml,line=3,col=1,"
        "title=S001 schema::unknown key 'chanel'"
    )
    assert out[-1].startswith(  # errors first
        "::warning file=interactions/2016/2016-04-08-meeting-helene-dupre.yaml,"
        "line=4,col=6,title=R002 job-ask::you asked Marc Leroy for a job"
    )


def test_paths_filter_what_is_shown_not_what_is_indexed(
    make_ledger: MakeLedger, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = broken(make_ledger)
    monkeypatch.chdir(root)
    result = run_cli("check", "--as-of", "2016-04-20", "contacts")
    assert (result.code, result.out) == (0, "")
    result = run_cli(
        "check", "--as-of", "2016-04-20", "interactions/2016/2016-04-09-call-nobody.yaml"
    )
    assert result.code == 1
    assert [line.split(":")[0] for line in result.out.splitlines()] == [
        "interactions/2016/2016-04-09-call-nobody.yaml"
    ]


def test_options_before_or_after_the_command(make_ledger: MakeLedger) -> None:
    root = broken(make_ledger)
    before = run_cli("--ledger", str(root), "--as-of", "2016-04-20", "check")
    after = run_cli("check", "--ledger", str(root), "--as-of", "2016-04-20")
    assert before.out == after.out and before.code == after.code == 1


def test_one_broken_file_does_not_hide_the_others(make_ledger: MakeLedger) -> None:
    files = dict(BROKEN)
    files["contacts/broken.yaml"] = b"name: [unclosed\n"
    files["contacts/binary.yaml"] = b"\x00\x01\x02\xff"
    result = check(make_ledger(files), "--format", "json")
    rules = [(p["path"], p["rule"]) for p in json.loads(result.out)["problems"]]
    assert ("contacts/broken.yaml", "Y001") in rules
    assert ("contacts/binary.yaml", "Y001") in rules
    assert ("interactions/2016/2016-04-09-call-nobody.yaml", "S001") in rules
    assert ("interactions/2016/2016-04-08-meeting-helene-dupre.yaml", "R002") in rules


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["check", "--as-of", "2016-02-30"], "2016-02-30: February 2016 has 29 days"),
        (["check", "--as-of", "2016-6-30"], "'2016-6-30' is not a date: use YYYY-MM-DD"),
        (["check", "--as-of", "tomorrow"], "'tomorrow' is not a date"),
        (["check", "--format", "xml"], "Invalid value for '--format'"),
        (["rules", "R999"], "no rule 'R999'"),
    ],
)
def test_usage_errors_exit_2_without_traceback(args: list[str], message: str) -> None:
    result = run_cli("--ledger", str(STORY), *args)
    assert result.code == 2
    assert message in result.err
    assert "Traceback" not in result.err + result.out


def test_missing_ledger_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli("check")
    assert result.code == 2
    assert result.err.startswith("reseau: no reseau.yaml in ")
    file = tmp_path / "file.txt"
    file.write_text("x")
    assert run_cli("--ledger", str(file), "check").err == f"reseau: --ledger {file}: not a folder\n"
    assert run_cli("--ledger", str(tmp_path / "nope"), "check").code == 2


def test_ledger_root_found_from_a_subfolder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(STORY / "interactions" / "2016")
    result = run_cli("check", "--as-of", STORY_AS_OF)
    assert (result.code, result.out) == (0, "")


def test_broken_settings_is_a_configuration_error(make_ledger: MakeLedger) -> None:
    root = make_ledger({"reseau.yaml": "owner: Camille\nrules: {R005: {level: loud}}\n"})
    result = run_cli("--ledger", str(root), "check", "--as-of", "2016-04-20")
    assert result.code == 2
    assert result.out.startswith(
        "reseau.yaml:2:23: error S001 schema: rules.R005.level: 'loud' is not one of"
    )


def test_rules_lists_every_check_and_prints_one() -> None:
    listing = run_cli("rules")
    assert listing.code == 0
    ids = [line.split()[0] for line in listing.out.splitlines()]
    assert ids == [
        "Y001",
        "Y002",
        "S001",
        "L001",
        "L002",
        "L003",
        "L004",
        "L005",
        "L006",
        "R001",
        "R002",
        "R003",
        "R004",
        "R005",
        "R006",
        "R007",
        "R008",
        "R009",
    ]
    one = run_cli("rules", "R005")
    assert one.out.startswith("R005 referrer-not-informed — P4 Keep people informed.\n")
    assert "tenir au courant" in one.out and "PASS" in one.out and "FAIL" in one.out
    assert "Options in reseau.yaml under rules.R005: days (default 7)." in one.out
    assert run_cli("rules", "referrer-not-informed").out == one.out


def test_rules_y001_documents_the_common_yaml_mistakes() -> None:
    out = run_cli("rules", "Y001").out
    assert "Common mistakes, and how to write them:" in out
    assert '       summary: "Lucas: great talk"        # PASS\n' in out
    assert (
        "          due: 2016-04-15                  # FAIL: indented more than `action:`\n" in out
    )
    assert "`notes: 'l''article'`" in out and "`with: [sarah-cohen]`" in out


def test_version_and_module_entry_point() -> None:
    import subprocess
    import sys

    from reseau import __version__

    done = subprocess.run(
        [sys.executable, "-m", "reseau", "--version"], capture_output=True, text=True
    )
    assert done.stdout == f"reseau {__version__}\n"
