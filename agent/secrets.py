"""Secrets referenced by the config (a shell command or an environment variable), fetched
only when a connector needs them and cached for the life of the process.

Fetched values are also registered with `redact()` so a log line that happens to contain one
is masked before it is written.
"""

from __future__ import annotations

import os
import subprocess
import threading

from pydantic import SecretStr

from agent.errors import ConfigError

COMMAND_TIMEOUT_SECONDS = 60.0
MASK = "********"

_cache: dict[tuple[str, str], SecretStr] = {}
_known_values: set[str] = set()
_lock = threading.Lock()


def from_command(command: str, key: str, *, cache: bool = True) -> SecretStr:
    """Run `command` through the shell and return its stripped stdout.

    `key` names the config key (e.g. `accounts[0].password_command`) in errors. The command's
    output is never put into an error message.
    """
    cache_key = ("command", command)
    if cache:
        with _lock:
            if cache_key in _cache:
                return _cache[cache_key]
    try:
        done = subprocess.run(  # noqa: S602 - a shell command is what the user configured
            command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=COMMAND_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as exc:
        raise ConfigError(
            f"{key}: command did not finish within {COMMAND_TIMEOUT_SECONDS:.0f} s"
        ) from exc
    except OSError as exc:
        raise ConfigError(f"{key}: command could not be started ({exc.strerror})") from exc
    if done.returncode != 0:
        raise ConfigError(f"{key}: command failed with exit status {done.returncode}")
    value = done.stdout.strip()
    if not value:
        raise ConfigError(f"{key}: command printed nothing")
    return _remember(cache_key, value, cache)


def from_env(variable: str, key: str) -> SecretStr:
    """The value of environment variable `variable`; unset or empty is a ConfigError."""
    value = os.environ.get(variable, "").strip()
    if not value:
        raise ConfigError(f"{key}: environment variable {variable} is not set or empty")
    return _remember(("env", variable), value, True)


def from_file(path: os.PathLike[str] | str, key: str) -> SecretStr:
    """The stripped contents of a file (token files); not cached, tokens get refreshed."""
    try:
        with open(path, encoding="utf-8") as handle:
            value = handle.read().strip()
    except OSError as exc:
        raise ConfigError(f"{key}: cannot read {path} ({exc.strerror})") from exc
    if not value:
        raise ConfigError(f"{key}: {path} is empty")
    return _remember(("file", str(path)), value, False)


def _remember(cache_key: tuple[str, str], value: str, cache: bool) -> SecretStr:
    secret = SecretStr(value)
    with _lock:
        if len(value) >= 4:  # masking very short strings would garble ordinary log text
            _known_values.add(value)
        if cache:
            _cache[cache_key] = secret
    return secret


def clear_cache() -> None:
    """Forget cached secrets (config reload): the next use fetches them again."""
    with _lock:
        _cache.clear()


def redact(text: str) -> str:
    """`text` with every secret fetched so far replaced by a mask."""
    with _lock:
        values = sorted(_known_values, key=len, reverse=True)
    for value in values:
        if value in text:
            text = text.replace(value, MASK)
    return text
