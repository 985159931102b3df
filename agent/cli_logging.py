"""Logging for the command line and the daemon: stderr, text or JSON lines, secrets masked."""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

from agent import secrets

# key=value / key: value pairs whose value must never reach a log.
_SECRET_PAIR = re.compile(
    r"(?i)\b(password|passwd|pass|secret|token|access_token|refresh_token|api_key|apikey"
    r"|client_secret)(\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^\s,;&]+)"
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{8,}")
_XOAUTH = re.compile(r"(?i)(AUTHENTICATE\s+XOAUTH2\s+)\S+")

# Attributes every LogRecord has; anything else was passed through `extra=` and is kept.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def redact(text: str) -> str:
    """Mask known secret values and anything shaped like a credential."""
    text = secrets.redact(text)
    text = _SECRET_PAIR.sub(lambda m: f"{m[1]}{m[2]}{secrets.MASK}", text)
    text = _BEARER.sub(lambda m: f"{m[1]} {secrets.MASK}", text)
    return _XOAUTH.sub(lambda m: f"{m[1]}{secrets.MASK}", text)


class RedactingFilter(logging.Filter):
    """Rewrites each record's message (and exception text) with `redact`."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the line
            message = str(record.msg)
        record.msg = redact(message)
        record.args = None
        return True


class TextFormatter(logging.Formatter):
    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s", "%Y-%m-%dT%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, extra fields, exc."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": redact(record.getMessage()),
        }
        for key, value in vars(record).items():
            if key not in _STANDARD and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, (int, float, bool, type(None))) else str(value)
                )
        if record.exc_info:
            entry["exc"] = redact(self.formatException(record.exc_info))
        # Redacted field by field above: masking the serialized line could break its quoting.
        return json.dumps(entry, ensure_ascii=False, default=str)


_HANDLER_NAME = "followup-stderr"


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever `sys.stderr` is at the time (test runners swap it)."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    @property  # type: ignore[override]
    def stream(self) -> TextIO:
        return sys.stderr

    @stream.setter
    def stream(self, value: TextIO) -> None:
        pass  # always the current sys.stderr


def setup_logging(
    *,
    verbose: bool = False,
    fmt: str = "text",
    level: int | None = None,
    stream: TextIO | None = None,
) -> None:
    """Send every log record to stderr. `-v` means DEBUG; otherwise `level` (default WARNING)."""
    handler: logging.Handler = logging.StreamHandler(stream) if stream else _StderrHandler()
    handler.setFormatter(JsonFormatter() if fmt == "json" else TextFormatter())
    handler.addFilter(RedactingFilter())
    handler.set_name(_HANDLER_NAME)
    root = logging.getLogger()
    for old in list(root.handlers):
        if old.get_name() == _HANDLER_NAME:  # ours from an earlier call; leave others alone
            root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG if verbose else (level if level is not None else logging.WARNING))
    if not verbose:
        # Libraries that chat at INFO about every connection.
        for noisy in ("apscheduler", "imapclient", "urllib3", "googleapiclient", "exchangelib"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
