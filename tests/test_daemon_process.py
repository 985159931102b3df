"""The daemon as systemd sees it: a real process, real signals, a real notify socket."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ENTRY = Path(__file__).with_name("daemon_entry.py")
TIMEOUT = 20.0


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


def test_the_daemon_process_under_systemds_protocol(tmp_path: Path) -> None:
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
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        sock.close()
    log = proc.stderr.read() if proc.stderr else ""
    assert "config reloaded" in log
    assert "Traceback" not in log
