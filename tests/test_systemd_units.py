"""The systemd units lint clean with `systemd-analyze verify` and keep their promises.

`systemd-analyze` comes with Debian's `systemd` package. It can exit 0 after printing parse
errors, so any output on stderr counts as a failure. It also checks that ExecStart's binary
exists: the tests verify a copy whose binary path points at this environment's `followup`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parent.parent / "systemd"
USER_UNIT = UNITS / "followup.service"
TEMPLATE = UNITS / "followup@.service"
USER_BINARY = "%h/.local/bin/followup"
SYSTEM_BINARY = "/usr/local/bin/followup"


def analyze() -> str:
    found = shutil.which("systemd-analyze")
    assert found, "systemd-analyze is missing: install Debian's `systemd` package"
    return found


def real_binary() -> str:
    candidate = Path(sys.executable).parent / "followup"
    return str(candidate) if candidate.exists() else "/bin/true"


def verify(unit_dir: Path, unit: str, *, user: bool) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, SYSTEMD_LOG_COLOR="0", SYSTEMD_PAGER="")
    args = [analyze()]
    if user:
        # The user manager needs a runtime dir to start, even just for verifying.
        runtime = unit_dir / "runtime"
        runtime.mkdir(mode=0o700, exist_ok=True)
        env["XDG_RUNTIME_DIR"] = str(runtime)
        args.append("--user")
    args += ["verify", f"./{unit}"]
    return subprocess.run(
        args, cwd=unit_dir, env=env, capture_output=True, text=True, timeout=60, check=False
    )


def copy_with_binary(source: Path, binary: str, target_dir: Path) -> Path:
    text = source.read_text(encoding="utf-8")
    assert f"ExecStart={binary} run" in text, "ExecStart changed: update this test"
    target = target_dir / source.name
    target.write_text(text.replace(binary, real_binary()), encoding="utf-8")
    return target


def settings(unit: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for raw in unit.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";", "[")):
            continue
        key, _, value = line.partition("=")
        found.setdefault(key, []).append(value)
    return found


def test_the_user_unit_verifies_clean(tmp_path: Path) -> None:
    copy_with_binary(USER_UNIT, USER_BINARY, tmp_path)
    result = verify(tmp_path, "followup.service", user=True)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")


def test_the_system_template_verifies_clean_for_an_instance(tmp_path: Path) -> None:
    copy_with_binary(TEMPLATE, SYSTEM_BINARY, tmp_path)
    result = verify(tmp_path, "followup@alex.service", user=False)
    assert (result.returncode, result.stderr, result.stdout) == (0, "", "")


def test_the_lint_catches_a_mistake_that_systemd_only_warns_about(tmp_path: Path) -> None:
    unit = copy_with_binary(USER_UNIT, USER_BINARY, tmp_path)
    unit.write_text(unit.read_text().replace("Type=notify", "Type=notfy"), encoding="utf-8")
    result = verify(tmp_path, "followup.service", user=True)
    # Whatever the exit code, the complaint is on stderr, which the tests above reject.
    assert "notfy" in result.stderr


@pytest.mark.parametrize("unit", [USER_UNIT, TEMPLATE], ids=["user", "template"])
def test_both_units_speak_notify_restart_on_failure_and_are_hardened(unit: Path) -> None:
    found = settings(unit)
    expected = {
        "Type": "notify",
        "NotifyAccess": "main",
        "WatchdogSec": "120",
        "Restart": "on-failure",
        "RestartPreventExitStatus": "2",
        "TimeoutStopSec": "15",
        "NoNewPrivileges": "yes",
        "ProtectSystem": "strict",
        "PrivateTmp": "yes",
        # Without it, a user unit's sandboxing is silently ignored.
        "PrivateUsers": "yes",
        "ProtectKernelTunables": "yes",
        "LockPersonality": "yes",
        "MemoryDenyWriteExecute": "yes",
        "SystemCallArchitectures": "native",
        "RestrictAddressFamilies": "AF_UNIX AF_INET AF_INET6",
        "ExecReload": "kill -HUP $MAINPID",
    }
    assert {key: found.get(key, [""])[-1] for key in expected} == expected
    assert found["ReadWritePaths"], "the state dir must stay writable under ProtectSystem=strict"


def test_the_user_unit_keeps_its_state_dir_writable() -> None:
    found = settings(USER_UNIT)
    assert "%h/.local/state/followup" in found["ReadWritePaths"][-1].split()
    assert found["WantedBy"] == ["default.target"]


def test_the_template_runs_as_the_instance_user_with_its_own_state_and_config() -> None:
    found = settings(TEMPLATE)
    assert found["User"] == ["%i"]
    assert found["StateDirectory"] == ["followup/%i"]
    assert found["ProtectHome"] == ["read-only"]
    assert "FOLLOWUP_CONFIG=/etc/followup/%i.toml" in found["Environment"]
    assert "FOLLOWUP_AGENT__STATE_DIR=/var/lib/followup/%i" in found["Environment"]
