"""Start-up and memory at 1,000, 10,000 and 100,000 recommendations, each beside its baseline
measured in the same run: a bare QTableView over the same rows read with plain SQL
(benchmarks/bare_table.py). Also `tracker list --json` on an empty register.

    python benchmarks/scale.py [N ...]

Targets (issue "100,000 recommendations feel instant"): start-up within 2x of the bare table and
under 1.5 s on a quiet machine; under 250 MB at first paint; `list --json` under 100 ms.
Registers are made once through the core and kept in the temp folder between runs.
"""

from __future__ import annotations

import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from make_register import make_register  # noqa: E402

from tracker.core.opening import open_store  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
RUNS = 3


def register(n: int) -> Path:
    """A register of n recommendations, made once per generator and schema."""
    # Remade when the generator or the schema changes: an older file would be migrated (and
    # backed up) inside the first timed start-up.
    made_by = [ROOT / "benchmarks" / "make_register.py", *sorted((ROOT / "db" / "migrations").glob("*.sql"))]
    version = hashlib.sha1(b"".join(p.name.encode() + p.read_bytes() for p in made_by)).hexdigest()[:8]
    path = Path(tempfile.gettempdir()) / "tracker-bench" / f"register-{n}-{version}.sqlite"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"  (making a register of {n:,} recommendations once; kept in {path.parent})", flush=True)
        partial = path.with_suffix(".part")
        partial.unlink(missing_ok=True)
        make_register(partial, n)
        partial.rename(path)
    return path


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds to the line "painted T" (or to exit) and the process's peak MB."""
    start = time.time()
    with tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        out = proc.stdout.read()
        # wait4, not wait: it gives this child's own peak resident size.
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed:\n{out}\n{err.read()}")
    painted = [line.split() for line in out.splitlines() if line.startswith("painted ")]
    end = float(painted[0][1]) if painted else time.time()
    return end - start, usage.ru_maxrss / 1024


def startup(n: int, env: dict[str, str]) -> None:
    db = register(n)
    bare, program = [], []
    for _ in range(RUNS):  # interleaved, so a busy moment hits both alike
        bare.append(run([sys.executable, str(ROOT / "benchmarks" / "bare_table.py"), str(db)], env))
        program.append(run([sys.executable, str(ROOT / "main.py"), "--db", str(db)], env))
    b = statistics.median(s for s, _ in bare)
    p = statistics.median(s for s, _ in program)
    b_mb = max(m for _, m in bare)
    p_mb = max(m for _, m in program)
    print(f"{n:>8,} rows  start-up to painted rows: program {p:.2f} s, bare table {b:.2f} s, "
          f"ratio {p / b:.1f} (target < 2); peak at first paint: program {p_mb:.0f} MB, "
          f"bare table {b_mb:.0f} MB (target < 250 MB)", flush=True)  # fmt: skip


def list_json(env: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "tomt.sqlite"
        tracker = [sys.executable, str(ROOT / "main.py"), "--db", str(db)]
        open_store(db).close()  # an empty register, as a new office has
        run([*tracker, "list", "--json"], env)  # writes the bytecode, as installing the program does
        times, bare = [], []
        for _ in range(5):
            times.append(run([*tracker, "list", "--json"], env)[0])
            bare.append(run([sys.executable, "-c", "pass"], env)[0])
        print(f"`tracker list --json` on an empty register: {statistics.median(times) * 1000:.0f} ms "
              f"(a bare `python -c pass`: {statistics.median(bare) * 1000:.0f} ms; target < 100 ms)")  # fmt: skip


def main() -> int:
    sizes = [int(a) for a in sys.argv[1:]] or SIZES
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRACKER_BENCH_EXIT_AFTER_PAINT": "1"}
    # An installed program runs from compiled bytecode (pip compiles it); a shell that sets
    # PYTHONDONTWRITEBYTECODE would make every timed start compile each module from source.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryDirectory() as config:
        # A settings file of its own, so the user's window layout is neither used nor changed.
        env["XDG_CONFIG_HOME"] = config
        list_json(env)
        for n in sizes:
            startup(n, env)
    return 0


if __name__ == "__main__":
    sys.exit(main())
