"""Waiting in tests for something that happens in another process, bounded by progress rather than the clock.

A busy machine (eight people's test runs on two cores) can make a step take ten times longer than usual; a test
that gives up after a fixed number of seconds then fails although nothing is wrong. These helpers wait as long as
the thing waited for is still getting somewhere — its counter grows, or its process is still using CPU — and fail
only after STALL seconds without any progress, which means it is stuck, dead or deadlocked.
"""

import os
import subprocess
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest

# Long enough that a starved process on a loaded machine gets some CPU in the meantime; a stuck one fails after it.
STALL = float(os.environ.get("SUPPORTDESK_TEST_STALL", "180"))
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def cpu_seconds(pid: int) -> float:
    """CPU time a process (and its waited-for children) has used so far; 0 when it is gone.

    Read from /proc, so that a process that is working but slow is told apart from one that is stuck.
    """
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except (FileNotFoundError, ProcessLookupError, PermissionError):
        return 0.0
    # After the command name: state ppid … utime(14) stime(15) cutime(16) cstime(17), counted from field 3.
    return sum(int(value) for value in fields[11:15]) / _TICKS


def _parents() -> dict[int, int]:
    """Every process's parent, read from /proc/*/stat."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rpartition(")")[2].split()[1])
        except (FileNotFoundError, ProcessLookupError, PermissionError, ValueError, IndexError):
            continue
    return parents


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of a process and every process below it (a server and the app processes it started).

    Found through every process's parent (/proc/PID/task/*/children needs a kernel option this machine lacks).
    """
    parents = _parents()
    family, todo = {pid}, [pid]
    while todo:
        parent = todo.pop()
        for child in [child for child, of in parents.items() if of == parent and child not in family]:
            family.add(child)
            todo.append(child)
    return sum(cpu_seconds(member) for member in family)


def processes_progress(processes: Iterable[subprocess.Popen[bytes] | subprocess.Popen[str]]) -> Callable[[], object]:
    """A progress reading for wait_until: the CPU time of each process still running."""
    procs = list(processes)
    return lambda: tuple(cpu_seconds(p.pid) if p.poll() is None else -1.0 for p in procs)


def wait_until(
    done: Callable[[], bool],
    *,
    progress: Callable[[], object],
    what: str,
    stall: float = STALL,
    poll: float = 0.01,
    sleep: Callable[[float], object] = time.sleep,
) -> None:
    """Poll `done()` until it is true; fail when `progress()` has returned the same value for `stall` seconds.

    `sleep` waits between polls (a browser driver's own wait, so that its events keep arriving).
    """
    last = progress()
    since = time.monotonic()
    while not done():
        sleep(poll)
        now = progress()
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since > stall:
            pytest.fail(f"no progress for {stall:.0f} s while waiting for {what} (last progress: {last!r})")


def wait_for_exit(
    proc: subprocess.Popen[bytes] | subprocess.Popen[str],
    what: str,
    extra: Callable[[], object] = lambda: None,
    poll: float = 0.01,
) -> int:
    """Wait for a process to end while it keeps using CPU (or `extra()` keeps changing); its exit code."""
    cpu = processes_progress([proc])
    wait_until(lambda: proc.poll() is not None, progress=lambda: (cpu(), extra()), what=what, poll=poll)
    return proc.returncode


def run_process(
    args: list[str] | list[bytes],
    *,
    what: str = "",
    text: bool = True,
    input: str | bytes = b"",
    errors: str = "strict",
    **popen: object,
) -> subprocess.CompletedProcess:
    """subprocess.run without a wall-clock timeout: waits while the process uses CPU, fails after STALL without.

    Input and output go through temporary files, so a chatty process can never block on a full pipe while we wait.
    A process that waits for a child (bash running a pipeline) counts its children's CPU too.
    """
    import tempfile

    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        stdin.write(input.encode("utf-8") if isinstance(input, str) else input)
        stdin.seek(0)
        proc = subprocess.Popen(args, stdin=stdin, stdout=out, stderr=err, **popen)  # type: ignore[call-overload]
        try:
            # A shell running a pipeline uses no CPU itself while its commands work: count the whole family.
            code = wait_for_exit(
                proc, what or " ".join(map(str, args))[:200], extra=lambda: tree_cpu_seconds(proc.pid), poll=0.05
            )
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if text:
        return subprocess.CompletedProcess(args, code, stdout.decode("utf-8", errors), stderr.decode("utf-8", errors))
    return subprocess.CompletedProcess(args, code, stdout, stderr)
