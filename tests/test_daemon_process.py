"""The daemon as systemd sees it: a real process, real signals, a real notify socket."""

from __future__ import annotations

import ctypes
import json
import os
import platform
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ENTRY = Path(__file__).with_name("daemon_entry.py")
TIMEOUT = 20.0
# tgkill(2) sends a signal to one thread of another process; os has no wrapper for it.
TGKILL = {"x86_64": 234, "aarch64": 131}


def write_config(path: Path, *, weekday: str, at: str) -> None:
    path.write_text(
        "\n".join(
            [
                "[agent]",
                f'state_dir = "{path.parent / "state"}"',
                'timezone = "Europe/Berlin"',
                "[report]",
                f'weekday = "{weekday}"',
                f'time = "{at}"',
                "[[accounts]]",
                'name = "personal"',
                'type = "maildir"',
                'path = "mail"',
                "",
            ]
        ),
        encoding="utf-8",
    )


def receive_until(sock: socket.socket, wanted: str) -> list[str]:
    seen: list[str] = []
    while True:
        message = sock.recv(4096).decode()  # TimeoutError if the daemon never says it
        seen.append(message)
        if wanted in message:
            return seen


def calls(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return [json.loads(line)[0] for line in lines]


def start(tmp_path: Path) -> tuple[subprocess.Popen[str], socket.socket, Path, Path]:
    config, calls_file = tmp_path / "config.toml", tmp_path / "calls.jsonl"
    write_config(config, weekday="mon", at="08:00")
    notify_path = tmp_path / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(notify_path))
    sock.settimeout(TIMEOUT)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update({"NOTIFY_SOCKET": str(notify_path), "FOLLOWUP_NOW": "2026-03-02T09:00:00+01:00"})
    proc = subprocess.Popen(
        [sys.executable, str(ENTRY), str(config), str(calls_file)],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    return proc, sock, config, calls_file


def finish(proc: subprocess.Popen[str], sock: socket.socket) -> str:
    """Kill the daemon if it is still there (printing where its threads were); its log."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGUSR1)  # daemon_entry dumps every thread's stack
        time.sleep(0.5)  # not timing a result: only lets the dump reach stderr
        proc.kill()
        proc.wait()
        print(proc.stderr.read() if proc.stderr else "")
        sock.close()
        return ""
    sock.close()
    return proc.stderr.read() if proc.stderr else ""


def test_the_daemon_process_under_systemds_protocol(tmp_path: Path) -> None:
    proc, sock, config, calls_file = start(tmp_path)
    try:
        # READY=1 only once the first full cycle is done.
        ready = receive_until(sock, "READY=1")
        assert "next report Mon 08:00" in ready[-1]
        seen = calls(calls_file)
        assert seen[:3] == ["open", "full_cycle", "full_cycle_done"]

        # SIGHUP: the new report time is scheduled (systemd hears RELOADING=1, then READY=1).
        write_config(config, weekday="tue", at="09:30")
        proc.send_signal(signal.SIGHUP)
        after = receive_until(sock, "next report Tue 09:30")
        assert any("RELOADING=1" in message for message in after)

        # SIGTERM: STOPPING=1, the engine closed, exit 0 well within systemd's patience.
        asked = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=10) == 0
        took = time.monotonic() - asked
        assert took < 10
        assert any("STOPPING=1" in message for message in receive_until(sock, "STOPPING=1"))
        seen = calls(calls_file)
        assert seen[-1] == "close"
        assert seen.count("open") == 2 and seen.count("close") == 2  # one engine per config
        assert seen.count("send_report_if_due") >= 1
    finally:
        log = finish(proc, sock)
    assert "config reloaded" in log
    assert "Traceback" not in log


def test_sigterm_delivered_to_a_worker_thread_still_stops_the_daemon(tmp_path: Path) -> None:
    # The kernel may hand a process's signal to any of its threads; Python runs the handler
    # only in the main thread, which must be woken even though the signal landed elsewhere.
    tgkill = TGKILL.get(platform.machine())
    assert tgkill is not None, f"add the tgkill syscall number for {platform.machine()}"
    libc = ctypes.CDLL(None, use_errno=True)
    proc, sock, _config, _calls = start(tmp_path)
    try:
        receive_until(sock, "READY=1")
        threads = [int(t) for t in os.listdir(f"/proc/{proc.pid}/task") if int(t) != proc.pid]
        # The oldest other thread: the engine worker, which sits idle in a lock wait.
        assert libc.syscall(tgkill, proc.pid, min(threads), signal.SIGTERM) == 0
        assert proc.wait(timeout=10) == 0
    finally:
        finish(proc, sock)
