"""A process that forks a load's extraction workers, made ready while the CLI starts.

A worker cannot read its first file before extraction's rules are imported and its
finders built (about 0.25 s), and the CLI itself takes about as long to start
(typer, rich). ``policygraph load`` starts this process first thing, before those
imports, so that it prepares extraction on the second core while the main process
starts the CLI: the workers, forked from it ready to extract, start sooner, and the
main process never imports the rules. Without it (a library call, one job) the
workers are forked from the main process itself; see
:class:`policygraph.extracting.extractions`.

The main process asks through a socket pair, one request and one answer at a time:
``start DEBUG`` with the worker's end of its pipe (passed as a file descriptor) is
answered with the new worker's pid, ``exit PID`` with a stopped worker's exit code.
It serves one load, which stops it once its extraction is done; it also ends
when the main process's end closes, however the main process ended. Either way
it ends its workers first and reaps them.

>>> start()
>>> server = running()
>>> a, b = socket.socketpair()
>>> pid = server.start_worker(b.fileno(), debug=False)
>>> b.close(); a.close()  # the worker's pipe ends: it stops
>>> server.exit_code(pid)
0
>>> stop(); running() is None
True
"""

from __future__ import annotations

import atexit
import contextlib
import os
import signal
import socket

_server: ForkServer | None = None


def start() -> None:
    """Fork the server now, from a process that has imported little yet."""
    global _server
    if running() is not None:
        return
    ours, theirs = socket.socketpair()
    try:
        pid = os.fork()
    except OSError:  # no process to spare: the load forks its workers itself
        ours.close()
        theirs.close()
        return
    if pid == 0:  # the server: it never returns into the caller's code
        ours.close()
        code = 1
        try:
            code = _serve(theirs)
        finally:
            os._exit(code)
    theirs.close()
    _server = ForkServer(pid, ours)
    atexit.register(stop)


def running() -> ForkServer | None:
    """The server this process started and has not stopped, if any."""
    if _server is not None and _server.owner == os.getpid():  # not a forked child
        return _server
    return None


def stop(*, now: bool = False) -> None:
    """End this process's server once its workers have ended, and reap it: their time
    counts as this process's children's. ``now``: at once, when it has no worker (it
    may still be preparing extraction, which is then not needed)."""
    global _server
    if running() is not None:
        if now:
            with contextlib.suppress(ProcessLookupError):
                os.kill(_server.pid, signal.SIGKILL)
        _server.close()
    _server = None


class ForkServer:
    """The main process's end of the server: it asks, the server forks."""

    def __init__(self, pid: int, sock: socket.socket) -> None:
        self.pid, self.sock, self.owner = pid, sock, os.getpid()

    def start_worker(self, fd: int, debug: bool) -> int:
        """Fork a worker that serves the pipe end ``fd``
        (:func:`policygraph.extracting.serve_pipe`); its pid."""
        return self._ask(f"start {int(debug)}", [fd])

    def exit_code(self, pid: int) -> int:
        """Worker ``pid``'s exit code, once it has stopped (waiting for it)."""
        return self._ask(f"exit {pid}")

    def _ask(self, request: str, fds: list[int] | None = None) -> int:
        """Send ``request``; its answer. OSError when the server has stopped."""
        socket.send_fds(self.sock, [request.encode()], fds or [])
        answer = self.sock.recv(32)
        if not answer:
            raise ConnectionError("the fork server stopped")
        return int(answer)

    def close(self) -> None:
        """End the server, once its workers have ended, and reap it."""
        self.sock.close()  # the server's next read ends, and with it the server
        with contextlib.suppress(ChildProcessError):  # reaped by someone else already
            os.waitpid(self.pid, 0)


def _serve(sock: socket.socket) -> int:
    """The server's life: prepare extraction, then answer requests until the main
    process's end closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's to handle
    from policygraph.extracting import prepare, serve_pipe

    prepare()
    workers: set[int] = set()
    while True:
        request, fds, _, _ = socket.recv_fds(sock, 32, 1)
        if not request:
            break
        verb, value = request.decode().split()
        if verb == "start":
            pid = os.fork()
            if pid == 0:  # a worker
                sock.close()
                os._exit(serve_pipe(fds[0], debug=value == "1"))
            os.close(fds[0])  # the worker's alone: its pipe ends when the main's end does
            workers.add(pid)
            answer = pid
        else:
            workers.discard(int(value))
            answer = _wait(int(value))
        sock.sendall(str(answer).encode())
    for pid in workers:  # told to stop by now (their pipes closed), unless the main
        with contextlib.suppress(ProcessLookupError):  # process died: no waiting on them
            os.kill(pid, signal.SIGTERM)
        _wait(pid)  # their time then counts as the main process's children's
    return 0


def _wait(pid: int) -> int:
    """The exit code of child ``pid``, once it has ended."""
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)
