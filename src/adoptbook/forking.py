"""Work done in a forked child process while this one goes on.

`adoptbook check` filters each view and expands its pages in a child while the parent runs
the content checks, so a check uses every core; `adoptbook diff` checks a revision's pages
in a child while the parent renders its editions. A fork shares the loaded playbook with the
child for free (the loader freezes it out of the garbage collector, so its pages are not
copied); only the result comes back, pickled through a pipe.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import threading
from collections.abc import Callable
from typing import Generic, Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


def can_fork() -> bool:
    """Whether work can go to a child: the system forks, and no other thread is running
    (a thread holding a lock at the fork would leave it held forever in the child, as in
    `mkdocs serve`, whose server threads run while it rebuilds)."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Pending(Protocol[T_co]):
    """A result that may still be under way."""

    def result(self) -> T_co: ...

    def cancel(self) -> None: ...


class Ready(Generic[T]):
    """A result already there, for when no child could be forked."""

    def __init__(self, value: T) -> None:
        self.value = value

    def result(self) -> T:
        return self.value

    def cancel(self) -> None:
        pass


class Forked(Generic[T]):
    """`work()` started in a child process; `result()` waits for it.

    What the work raises is raised again by `result()`. Should the child die without an
    answer (killed, or its result cannot be pickled or unpickled), the work is done again
    here, so a result or an error never goes missing.
    """

    def __init__(self, work: Callable[[], T]) -> None:
        self.work = work
        read, write = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:
            os.close(read)
            _answer(work, write)  # never returns
        os.close(write)
        self.pipe = os.fdopen(read, "rb")

    def result(self) -> T:
        with self.pipe:
            data = self.pipe.read()
        os.waitpid(self.pid, 0)
        try:
            ok, value = pickle.loads(data)
        except Exception:  # no answer, or one that does not unpickle (an exception class
            return self.work()  # whose constructor takes other arguments): do it here
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child and forget its result."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        self.pipe.close()
        os.waitpid(self.pid, 0)


def _answer(work: Callable[[], object], write: int) -> None:
    """In the child: do the work, send back (True, result) or (False, exception), exit."""
    try:
        try:
            outcome = (True, work())
        except Exception as exc:  # sent to the parent, which raises it
            outcome = (False, exc)
        try:
            data = pickle.dumps(outcome)
        except Exception:  # the parent does the work itself
            data = b""
        with os.fdopen(write, "wb") as out:
            out.write(data)
    finally:
        os._exit(0)  # no atexit handlers, no flushing the parent's buffers twice
