"""systemd's notify protocol (sd_notify), without a dependency.

Each message is one datagram of `KEY=value` lines sent to the socket named by $NOTIFY_SOCKET.
Outside systemd (no $NOTIFY_SOCKET) every call is a no-op, so the daemon runs the same in a
terminal, in tests and under `Type=notify`.
"""

from __future__ import annotations

import logging
import os
import socket
import time
from collections.abc import Mapping

log = logging.getLogger(__name__)


def _address(value: str) -> str | bytes | None:
    """The socket address: a path, or an abstract name given as `@name`."""
    if not value:
        return None
    if value.startswith("@"):
        # Abstract namespace: a leading NUL byte instead of the '@'.
        return b"\0" + value[1:].encode()
    if value.startswith("/"):
        return value
    return None  # vsock and other schemes are not used by user/system units


class Notifier:
    """Sends state changes to systemd. Cheap to create; never raises."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self._address = _address(env.get("NOTIFY_SOCKET", ""))
        self._watchdog_usec = _watchdog_usec(env)

    @property
    def enabled(self) -> bool:
        return self._address is not None

    @property
    def watchdog_interval(self) -> float | None:
        """Seconds between WATCHDOG=1 pings (half of WATCHDOG_USEC), or None if not asked."""
        if self._watchdog_usec is None:
            return None
        return self._watchdog_usec / 2_000_000

    def send(self, fields: Mapping[str, str]) -> bool:
        """Send one datagram; True if it left. Values must be one line each."""
        if self._address is None:
            return False
        payload = "\n".join(f"{key}={_one_line(value)}" for key, value in fields.items())
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as sock:
                sock.sendto(payload.encode(), self._address)
        except OSError as exc:
            # A vanished socket must never take the daemon down; say it once at debug level.
            log.debug("sd_notify failed: %s", exc)
            return False
        return True

    def ready(self, status: str | None = None) -> bool:
        fields = {"READY": "1"}
        if status:
            fields["STATUS"] = status
        return self.send(fields)

    def status(self, text: str) -> bool:
        return self.send({"STATUS": text})

    def watchdog(self) -> bool:
        return self.send({"WATCHDOG": "1"})

    def reloading(self) -> bool:
        # MONOTONIC_USEC lets newer systemd versions match the reload to the READY=1 after it.
        now_usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
        return self.send({"RELOADING": "1", "MONOTONIC_USEC": str(now_usec)})

    def stopping(self) -> bool:
        return self.send({"STOPPING": "1"})


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def _watchdog_usec(env: Mapping[str, str]) -> int | None:
    raw = env.get("WATCHDOG_USEC", "").strip()
    if not raw.isdigit() or int(raw) <= 0:
        return None
    pid = env.get("WATCHDOG_PID", "").strip()
    # The watchdog is meant for one process; a forked child must not ping for its parent.
    if pid and pid.isdigit() and int(pid) != os.getpid():
        return None
    return int(raw)
