"""The IMAP account settings the connector reads, taken from a config account object.

Only attributes are read (with defaults), so a plain test dataclass works as well as
`agent.config.ImapAccount`. Secrets are fetched when a login needs them, never stored here.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from agent.errors import ConfigError

SECURITY_MODES = ("tls", "starttls", "none")


def is_loopback(host: str) -> bool:
    """localhost, 127.0.0.0/8 or ::1: the only hosts allowed without TLS."""
    name = host.strip().strip("[]").lower()
    if name in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def reveal(value: Any) -> str | None:
    """A secret as text: calls a callable, unwraps a pydantic SecretStr. Never logged."""
    if callable(value):
        value = value()
    if value is None:
        return None
    getter = getattr(value, "get_secret_value", None)
    if callable(getter):
        value = getter()
    return str(value)


@dataclass(frozen=True)
class ImapSettings:
    """Everything the IMAP connector needs to know about one account."""

    name: str
    key: str  # the config key path for error messages, e.g. "accounts[0]"
    host: str
    port: int
    security: str
    username: str
    auth: str
    ca_file: str | None
    folders: tuple[str, ...]
    drafts_folder: str | None
    sent_folder: str | None
    lookback_days: int
    idle: bool
    poll_seconds: float
    password: Callable[[], str | None]
    token: Callable[[], str | None]

    @classmethod
    def from_account(cls, account: Any) -> ImapSettings:
        name = str(getattr(account, "name", "imap"))
        key = str(getattr(account, "key", None) or f"accounts.{name}")
        host = str(getattr(account, "host", "") or "").strip()
        if not host:
            raise ConfigError(f"{key}.host: required for an IMAP account")
        security = str(getattr(account, "security", "tls") or "tls").lower()
        if security not in SECURITY_MODES:
            raise ConfigError(
                f"{key}.security: must be one of tls, starttls, none, not {security!r}"
            )
        if security == "none" and not is_loopback(host):
            raise ConfigError(
                f'{key}.security: "none" (no encryption) is only allowed for loopback hosts, '
                f"not {host!r}"
            )
        port = getattr(account, "port", None) or (993 if security == "tls" else 143)
        folders = tuple(getattr(account, "folders", None) or ("INBOX",))
        # The Inbox is always watched, and first.
        folders = ("INBOX", *(f for f in folders if f.upper() != "INBOX"))
        ca_file = getattr(account, "ca_file", None)
        pw = getattr(account, "password", None)
        tok = getattr(account, "token", None)
        return cls(
            name=name,
            key=key,
            host=host,
            port=int(port),
            security=security,
            username=str(getattr(account, "username", "") or ""),
            auth=str(getattr(account, "auth", "password") or "password").lower(),
            ca_file=str(ca_file) if ca_file else None,
            folders=folders,
            drafts_folder=getattr(account, "drafts_folder", None) or None,
            sent_folder=getattr(account, "sent_folder", None) or None,
            lookback_days=int(getattr(account, "lookback_days", 180) or 180),
            idle=bool(getattr(account, "idle", True)),
            poll_seconds=float(getattr(account, "poll_seconds", 300) or 300),
            password=lambda: reveal(pw),
            token=lambda: reveal(tok),
        )

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"
