"""Work done on the second core while the pages render: a forked child with the same catalogue.

The child shares the parent's memory copy-on-write (the catalogue read once), runs one function
and sends back its result (pickled) through a pipe; the parent collects it when it is done with
its own work. A failure in the child is raised in the parent with the child's message.
"""

from __future__ import annotations

import os
import pickle
import threading
import traceback
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def fork_allowed() -> bool:
    """Whether work may go to a forked child: a second core, and no other thread in this process
    (a fork copies the locks other threads may hold; tests that serve pages from a thread run inline)."""
    return (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class ChildFailed(RuntimeError):
    """The work run in the child raised; the message is the child's traceback's last line."""


class Beside(Generic[T]):
    """``work()`` running in a forked child; :meth:`result` waits for it."""

    def __init__(self, work: Callable[[], T]) -> None:
        read, write = os.pipe()
        self._pid = os.fork()
        if self._pid == 0:  # the child: run, report, leave without the parent's exit handlers
            os.close(read)
            _run_and_report(work, write)
        os.close(write)
        self._read = read

    def result(self) -> T:
        """The child's return value (raises :class:`ChildFailed` if it raised)."""
        with os.fdopen(self._read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        ok, value = pickle.loads(data) if data else (False, "the child ended without a result")
        if not ok:
            raise ChildFailed(value)
        return value


def _run_and_report(work: Callable[[], object], fd: int) -> None:
    code = 0
    try:
        try:
            outcome = (True, work())
        except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
            outcome = (False, "".join(traceback.format_exception_only(exc)).strip())
            code = 1
        with os.fdopen(fd, "wb") as pipe:
            pipe.write(pickle.dumps(outcome))
    finally:
        os._exit(code)
