"""The embedded store's writer lock: one writer at a time per store folder (``writer.lock``, an
flock holding the writer's PID). Readers never take it."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from ..errors import StoreLockedError

LOCK_FILE = "writer.lock"
_LOCK_FDS: set[int] = set()  # writer locks this process holds: closed in forked children (see _forget_locks)


def _forget_locks() -> None:
    """In a forked child (spaCy's worker processes): close the inherited writer-lock descriptors,
    so that only the parent holds the lock and it is released when the parent dies."""
    for fd in list(_LOCK_FDS):
        try:
            os.close(fd)
        except OSError:
            pass
    _LOCK_FDS.clear()


os.register_at_fork(after_in_child=_forget_locks)


def _holders(path: Path) -> list[int]:
    """PIDs of other processes with this file open (Linux /proc; empty elsewhere)."""
    target = str(path.resolve())
    out = []
    for proc in Path("/proc").glob("[0-9]*"):
        if int(proc.name) == os.getpid():
            continue
        try:
            if any(os.readlink(fd) == target for fd in (proc / "fd").iterdir()):
                out.append(int(proc.name))
        except OSError:
            continue
    return sorted(out)


def _alive(pid: int) -> bool:
    """Whether a process runs (a zombie, dead but not yet reaped, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        return " Z " not in Path(f"/proc/{pid}/stat").read_text().split(")", 1)[1][:4]
    except (OSError, IndexError):
        return True


def acquire(folder: Path, timeout: float) -> int:
    """Take the writer lock of a store folder, waiting up to ``timeout`` seconds; the lock file
    holds the PID. A lock left by a dead writer whose leftover processes still hold it is taken over."""
    path = folder / LOCK_FILE
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
            if holder.isdigit() and not _alive(int(holder)) and _take_over(folder, int(holder), path):
                continue
            if time.monotonic() >= deadline:
                os.close(fd)
                raise StoreLockedError(
                    f"{folder}: store is locked by PID {holder or 'unknown'} (another allegraph is writing); "
                    "wait for it to finish or raise lock_timeout_s") from None
            time.sleep(0.2)
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode(), 0)
    _LOCK_FDS.add(fd)
    return fd


def _take_over(folder: Path, dead: int, path: Path) -> bool:
    """The writer that took the lock is dead but processes it started still hold the lock file
    (worker processes of an allegraph killed with -9 before this release): stop them and say so."""
    import signal
    import sys

    leftovers = [pid for pid in _holders(path) if pid != dead]
    if not leftovers:
        return False
    for pid in leftovers:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    for _ in range(50):
        if not any(_alive(p) for p in leftovers):
            break
        time.sleep(0.1)
    print(f"note: {folder}: the writer lock was left by PID {dead}, which is gone; stopped its leftover "
          f"process(es) {', '.join(map(str, leftovers))} and took the lock over", file=sys.stderr)
    return True


def release(fd: int) -> None:
    _LOCK_FDS.discard(fd)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
