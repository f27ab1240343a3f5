"""Measure reseau side by side with check-jsonschema on a synthetic ledger.

    python benchmarks/run.py [--contacts N --interactions N --opportunities N]
        [--runs 3] [--seed 1] [--quick]

For each size (by default both of SIZES: 10,000 contacts, 50,000 interactions and
1,000 opportunities, then 2,000 / 10,000 / 200), generates the ledger into
benchmarks/out/ (git-ignored; reused when a stamp file says it was made with the
same sizes, seed and generator version) and commits it to a Git repository of its
own, plus a ten times smaller one for the scaling measure, then times every command
``--runs`` times (at least 3) and prints a Markdown table of medians, ratios and
the targets (issues 6 and 11).

Each measurement runs in a fresh wrapper process that starts the command with
``subprocess``, times it with ``time.perf_counter`` and reports
``getrusage(RUSAGE_CHILDREN).ru_maxrss``: the wrapper's own start-up is not
counted and peak memory is that of the measured command alone.

It is a benchmark, not a test: it exits 0 even when a target is missed (and
says which ones are), and a command that fails shows as "failed: <last line
of its stderr>" in its row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
SCHEMA = ROOT / "schema"
AS_OF = "2026-11-27"
KINDS = (("contacts", "contact"), ("interactions", "interaction"), ("opportunities", "opportunity"))

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.generate import GENERATOR_VERSION, generate

# Runs the commands of a JSON spec one after another; prints a JSON result.
WRAPPER = r"""
import json, resource, subprocess, sys, time
with open(sys.argv[1], encoding="utf-8") as fh:
    spec = json.load(fh)
total, rcs, error = 0.0, [], ""
for cmd in spec["cmds"]:
    t0 = time.perf_counter()
    try:
        p = subprocess.run(cmd, cwd=spec["cwd"], env=spec["env"],
                           stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    except OSError as e:
        rcs.append(127); error = error or f"{type(e).__name__}: {e}"; continue
    total += time.perf_counter() - t0
    rcs.append(p.returncode)
    if p.returncode not in spec["ok"] and not error:
        for stream in (p.stderr, p.stdout):
            lines = [l for l in stream.decode("utf-8", "replace").splitlines() if l.strip()]
            if lines:
                error = lines[-1].strip()
                break
        error = error or f"exit status {p.returncode}"
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": total, "maxrss_kib": ru.ru_maxrss, "rcs": rcs, "error": error}))
"""


@dataclass
class Result:
    walls: list[float] = field(default_factory=list)
    rss_kib: list[int] = field(default_factory=list)
    error: str = ""
    rcs: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error and bool(self.walls)

    @property
    def median(self) -> float:
        return statistics.median(self.walls)

    @property
    def peak_mib(self) -> float:
        return max(self.rss_kib) / 1024


# --------------------------------------------------------------------------
# commands


def _tool(name: str) -> tuple[list[str], str]:
    """The venv's executable ``name`` next to sys.executable, and a note."""
    exe = Path(sys.executable).parent / name
    if exe.exists():
        return [str(exe)], ""
    found = shutil.which(name)
    if found:
        return [found], f"{name}: not in {exe.parent}, using {found}"
    if name == "reseau":
        note = (
            f"reseau: no executable in {exe.parent}; using `python -m reseau` "
            f"with PYTHONPATH={ROOT} (run `pip install -e .` to measure the script)"
        )
        return [sys.executable, "-m", "reseau"], note
    return [str(exe)], f"{name}: not installed in {exe.parent}"


def _env(cache_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["RESEAU_CACHE_DIR"] = str(cache_dir)
    env.setdefault("PYTHONHASHSEED", "0")
    if not (Path(sys.executable).parent / "reseau").exists():
        env["PYTHONPATH"] = os.pathsep.join(
            [str(ROOT)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else [])
        )
    return env


def _chunks(prefix: list[str], files: list[str], limit: int) -> list[list[str]]:
    """``prefix + files`` split so that no command line exceeds ``limit`` bytes."""
    base = sum(len(a.encode()) + 1 for a in prefix)
    cmds: list[list[str]] = []
    cur: list[str] = []
    size = base
    for f in files:
        n = len(f.encode()) + 1
        if cur and size + n > limit:
            cmds.append(prefix + cur)
            cur, size = [], base
        cur.append(f)
        size += n
    if cur:
        cmds.append(prefix + cur)
    return cmds


def peer_commands(ledger: Path, cjs: list[str]) -> list[list[str]]:
    """check-jsonschema over every record file, in as few invocations as fit."""
    try:
        arg_max = os.sysconf("SC_ARG_MAX")
    except (ValueError, OSError):
        arg_max = 131072
    env_size = sum(len(k) + len(v) + 2 for k, v in os.environ.items())
    limit = max(32768, (arg_max - env_size) // 2)
    cmds: list[list[str]] = []
    for folder, kind in KINDS:
        files = sorted(p.relative_to(ledger).as_posix() for p in (ledger / folder).rglob("*.yaml"))
        if files:
            prefix = cjs + ["--schemafile", str(SCHEMA / f"{kind}.schema.json")]
            cmds += _chunks(prefix, files, limit)
    return cmds


# --------------------------------------------------------------------------
# ledgers


def ledger_name(contacts: int, interactions: int, opportunities: int, seed: int) -> str:
    return f"ledger-c{contacts}-i{interactions}-o{opportunities}-s{seed}"


def ensure_ledger(
    name: str, contacts: int, interactions: int, opportunities: int, seed: int
) -> tuple[Path, float | None]:
    """The ledger ``OUT/name``, generated unless its stamp matches.

    The stamp holds the sizes, the seed and ``GENERATOR_VERSION`` (bumped
    whenever the generator's output changes; a test pins it). The new tree is
    generated aside and swapped in, so a half-written ledger is never reused.
    Returns the path and the generation time (None when reused).
    """
    want = {
        "contacts": contacts,
        "interactions": interactions,
        "opportunities": opportunities,
        "seed": seed,
        "generator_version": GENERATOR_VERSION,
        "in_git": True,
    }
    path, stamp = OUT / name, OUT / f"{name}.stamp.json"
    try:
        if path.is_dir() and json.loads(stamp.read_text("utf-8")) == want:
            return path, None
    except (OSError, ValueError):
        pass
    OUT.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=OUT))
    t0 = time.perf_counter()
    generate(tmp / "ledger", contacts, interactions, opportunities, seed)
    took = time.perf_counter() - t0
    stamp.unlink(missing_ok=True)
    if path.exists():
        path.rename(tmp / "old")
    _commit_all(tmp / "ledger")
    (tmp / "ledger").rename(path)
    shutil.rmtree(tmp, ignore_errors=True)
    stamp.write_text(json.dumps(want, indent=1) + "\n", "utf-8")
    return path, took


GIT_ENV = {
    "GIT_AUTHOR_NAME": "Bench",
    "GIT_AUTHOR_EMAIL": "bench@example.org",
    "GIT_COMMITTER_NAME": "Bench",
    "GIT_COMMITTER_EMAIL": "bench@example.org",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def _commit_all(ledger: Path) -> None:
    """Track the generated ledger in Git, as users keep theirs (reseau lists it through Git)."""
    env = {**os.environ, **GIT_ENV}
    for cmd in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "generated ledger"]):
        subprocess.run(["git", *cmd], cwd=ledger, env=env, check=True, stdout=subprocess.DEVNULL)


# --------------------------------------------------------------------------
# measuring


class Runner:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.tmp = Path(tempfile.mkdtemp(prefix="reseau-bench-"))
        self.wrapper = self.tmp / "wrapper.py"
        self.wrapper.write_text(WRAPPER, "utf-8")
        self.n = 0

    def once(
        self, cmds: list[list[str]], cwd: Path, ok: tuple[int, ...], into: Result | None = None
    ) -> Result:
        """Run ``cmds`` in a fresh wrapper; add the measure to ``into``."""
        res = into if into is not None else Result()
        self.n += 1
        spec = self.tmp / f"spec{self.n}.json"
        spec.write_text(
            json.dumps({"cmds": cmds, "cwd": str(cwd), "env": self.env, "ok": list(ok)}), "utf-8"
        )
        p = subprocess.run(
            [sys.executable, str(self.wrapper), str(spec)],
            capture_output=True,
            text=True,
            check=False,
        )
        spec.unlink()
        try:
            out = json.loads(p.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            res.error = res.error or f"wrapper failed: {p.stderr.strip()[-200:]}"
            return res
        res.rcs += out["rcs"]
        if out["error"]:
            res.error = res.error or out["error"]
            took = f"failed: {out['error']}"
        else:
            res.walls.append(out["wall"])
            res.rss_kib.append(out["maxrss_kib"])
            took = f"{out['wall']:.3f} s, {out['maxrss_kib'] / 1024:.0f} MiB"
        print(f"      {_brief(cmds)}: {took}", file=sys.stderr, flush=True)
        return res

    def close(self) -> None:
        shutil.rmtree(self.tmp, ignore_errors=True)


def _brief(cmds: list[list[str]]) -> str:
    """A short name for a measured command, for progress lines."""
    first = cmds[0]
    words = [Path(first[0]).name] + [
        a for a in first[1:] if not a.startswith("/") and a != "--ledger"
    ]
    if first[1:3] == ["-m", "reseau"]:
        words = ["reseau"] + words[3:]
    text = " ".join(words if len(cmds) == 1 else words[:1])
    return text if len(cmds) == 1 else f"{text} ×{len(cmds)} invocations"


def _touch_target(ledger: Path) -> Path:
    files = sorted((ledger / "interactions").rglob("*.yaml"))
    return files[len(files) // 2]


def _edit_summary(original: str, i: int) -> str:
    lines = original.splitlines(keepends=True)
    for k, line in enumerate(lines):
        if line.startswith("summary: "):
            lines[k] = f'summary: "Benchmark edit {i}: summary rewritten."\n'
            return "".join(lines)
    return original + f"x-bench: edit {i}\n"


def measure(args: argparse.Namespace) -> int:
    sizes = (args.contacts, args.interactions, args.opportunities)
    small = (
        max(1, args.contacts // 10),
        max(1, args.interactions // 10),
        max(1, args.opportunities // 10),
    )
    runs = max(3, args.runs)
    reseau, note_r = _tool("reseau")
    cjs, note_c = _tool("check-jsonschema")
    notes = [n for n in (note_r, note_c) if n]

    print(
        f"# reseau benchmark — {platform.python_implementation()} "
        f"{platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs, {runs} runs each, as-of {AS_OF}\n",
        flush=True,
    )
    big_name = ledger_name(*sizes, args.seed)
    big, t_big = ensure_ledger(big_name, *sizes, args.seed)
    small_l, t_small = ensure_ledger(ledger_name(*small, args.seed), *small, args.seed)
    for label, path, took, sz in (
        ("ledger", big, t_big, sizes),
        ("smaller ledger", small_l, t_small, small),
    ):
        how = f"generated in {took:.1f} s" if took is not None else "reused"
        print(
            f"- {label}: {sz[0]} contacts, {sz[1]} interactions, {sz[2]} "
            f"opportunities ({how}) — {path.relative_to(ROOT)}"
        )

    # a fresh cache per run, so that concurrent runs do not share one
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=OUT))
    runner = Runner(_env(cache))
    ok_check = (0, 1)  # 1 = the ledger has problems at the failing level
    peer = peer_commands(big, cjs)
    print(
        f"- check-jsonschema: {len(peer)} invocations "
        f"(contacts, interactions, opportunities; argv split to fit ARG_MAX)"
    )
    for n in notes:
        print(f"- note: {n}")
    print(flush=True)

    def rs(ledger: Path, *cmd: str) -> list[list[str]]:
        return [reseau + ["--ledger", str(ledger), *cmd, "--as-of", AS_OF]]

    R: dict[str, Result] = {
        k: Result()
        for k in (
            "peer",
            "cold",
            "warm",
            "touched",
            "report",
            "version",
            "peer_version",
            "cold_small",
            "git_status",
        )
    }

    def step(msg: str) -> None:
        print(f"  … {msg}", file=sys.stderr, flush=True)

    step("check-jsonschema vs cold reseau check --no-cache")
    for _ in range(runs):
        runner.once(peer, big, (0,), R["peer"])
        runner.once(rs(big, "check", "--no-cache"), big, ok_check, R["cold"])

    step("cold check on the smaller ledger")
    for _ in range(runs):
        runner.once(rs(small_l, "check", "--no-cache"), small_l, ok_check, R["cold_small"])

    step("warm check (first run fills the cache)")
    fill = runner.once(rs(big, "check"), big, ok_check)
    R["fill"] = fill  # the run that fills the (fresh) store: its peak memory is a row
    if fill.error:
        R["warm"].error = fill.error
    else:
        for _ in range(runs):
            runner.once(rs(big, "check"), big, ok_check, R["warm"])

    step("git status --porcelain vs the warm check, on the same repository")
    for _ in range(max(runs, 5)):
        runner.once([["git", "status", "--porcelain"]], big, (0,), R["git_status"])
    R["warm_git"] = Result()
    for _ in range(max(runs, 5)):
        runner.once(rs(big, "check"), big, ok_check, R["warm_git"])

    step("warm check after one interaction file changed")
    target = _touch_target(big)
    original = target.read_bytes()
    stamp = OUT / f"{big_name}.stamp.json"
    try:
        stamp_text: str | None = stamp.read_text("utf-8")
    except OSError:
        stamp_text = None
    stamp.unlink(missing_ok=True)  # the ledger is not pristine while we edit it
    try:
        for i in range(runs):
            target.write_text(_edit_summary(original.decode("utf-8"), i), "utf-8")
            runner.once(rs(big, "check"), big, ok_check, R["touched"])
    finally:
        target.write_bytes(original)
        if stamp_text is not None:
            stamp.write_text(stamp_text, "utf-8")

    step("warm report")
    fill = runner.once(rs(big, "report"), big, (0,))
    if fill.error:
        R["report"].error = fill.error
    else:
        for _ in range(runs):
            runner.once(rs(big, "report"), big, (0,), R["report"])

    step("--version")
    for _ in range(max(runs, 5)):
        runner.once([reseau + ["--version"]], ROOT, (0,), R["version"])
        runner.once([cjs + ["--version"]], ROOT, (0,), R["peer_version"])
    runner.close()
    shutil.rmtree(cache, ignore_errors=True)

    # -- the table ---------------------------------------------------------
    rows: list[tuple[str, str, str, str, str, str]] = []
    missed: list[str] = []

    def cell(r: Result) -> str:
        return f"{r.median:.3f}" if r.ok else f"failed: {r.error}"

    def ratio_row(name: str, a: Result, b: Result, target: float, unit: str = "") -> None:
        if a.ok and b.ok and b.median > 0:
            ratio = a.median / b.median
            met = ratio <= target
            rows.append(
                (
                    name,
                    cell(a),
                    cell(b),
                    f"{ratio:.3f}{unit}",
                    f"≤ {target:g}{unit}",
                    "yes" if met else "**NO**",
                )
            )
            if not met:
                missed.append(f"{name}: {ratio:.3f}{unit} > {target:g}{unit}")
        else:
            rows.append((name, cell(a), cell(b), "–", f"≤ {target:g}{unit}", "**n/a**"))
            missed.append(f"{name}: not measured (a command failed)")

    ratio_row("cold `check --no-cache` / check-jsonschema", R["cold"], R["peer"], 0.5)
    ratio_row("warm `check`, nothing changed / check-jsonschema", R["warm"], R["peer"], 0.05)
    ratio_row(
        "warm `check`, nothing changed / `git status --porcelain`",
        R["warm_git"],
        R["git_status"],
        4,
        "×",
    )
    ratio_row("warm `check`, one interaction changed / cold check", R["touched"], R["cold"], 0.1)
    ratio_row("warm `report` / cold check", R["report"], R["cold"], 0.1)
    ratio_row("`--version` / `check-jsonschema --version`", R["version"], R["peer_version"], 0.5)
    cold = R["cold"]
    if cold.ok:
        met = cold.peak_mib <= 400
        peer_mem = (
            f"{R['peer'].peak_mib:.0f} MiB (check-jsonschema)" if R["peer"].ok else cell(R["peer"])
        )
        rows.append(
            (
                "peak memory, cold check",
                f"{cold.peak_mib:.0f} MiB",
                peer_mem,
                "–",
                "≤ 400 MiB",
                "yes" if met else "**NO**",
            )
        )
        if not met:
            missed.append(f"peak memory, cold check: {cold.peak_mib:.0f} MiB > 400 MiB")
    else:
        rows.append(("peak memory, cold check", cell(cold), "", "–", "≤ 400 MiB", "**n/a**"))
        missed.append("peak memory, cold check: not measured (a command failed)")
    first = R["fill"]
    if first.ok:
        met = first.peak_mib <= 400
        rows.append(
            (
                "peak memory, first check (fills the store)",
                f"{first.peak_mib:.0f} MiB",
                f"{cold.peak_mib:.0f} MiB (`--no-cache`)" if cold.ok else cell(cold),
                "–",
                "≤ 400 MiB",
                "yes" if met else "**NO**",
            )
        )
        if not met:
            missed.append(f"peak memory, first check: {first.peak_mib:.0f} MiB > 400 MiB")
    else:
        rows.append(
            (
                "peak memory, first check (fills the store)",
                cell(first),
                "",
                "–",
                "≤ 400 MiB",
                "**n/a**",
            )
        )
        missed.append("peak memory, first check: not measured (a command failed)")
    ratio_row(
        f"cold check, {sizes[1]} vs {small[1]} interactions", R["cold"], R["cold_small"], 11, "×"
    )

    head = ("measure", "reseau (median s)", "reference (median s)", "ratio", "target", "met?")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for row in rows:
        print("| " + " | ".join(c.replace("|", "\\|") for c in row) + " |")
    print()
    print(
        "References: check-jsonschema over the same files (rows 1–2), "
        "`git status --porcelain` in the ledger's repository (row 3), the "
        "cold check (rows 4–5), `check-jsonschema --version` (row 6), the "
        f"cold check of the smaller ledger (last row). Medians of {runs} runs "
        "(--version and git status rows: of at least 5)."
    )
    rc_cold = sorted(set(R["cold"].rcs))
    if rc_cold:
        print(
            f"`reseau check` exit status on the generated ledger: {rc_cold} "
            "(1 = problems at the failing level; counted as a successful run)."
        )
    if missed:
        print("\n**Targets missed:**")
        for m in missed:
            print(f"- {m}")
    else:
        print("\nAll targets met.")
    return 0


SIZES = ((10000, 50000, 1000), (2000, 10000, 200))  # the project's ledger, then a real size


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Benchmark reseau against check-jsonschema and git.")
    p.add_argument("--contacts", type=int, help="one size only (default: both sizes of SIZES)")
    p.add_argument("--interactions", type=int)
    p.add_argument("--opportunities", type=int)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--runs", type=int, default=3, help="runs per measure (at least 3)")
    p.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 500 contacts, 2500 interactions, 50 opportunities",
    )
    args = p.parse_args(argv)
    if args.quick:
        sizes: tuple[tuple[int, int, int], ...] = ((500, 2500, 50),)
    elif args.contacts or args.interactions or args.opportunities:
        sizes = ((args.contacts or 1000, args.interactions or 5000, args.opportunities or 100),)
    else:
        sizes = SIZES
    for size in sizes:
        args.contacts, args.interactions, args.opportunities = size
        measure(args)
        print(flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
