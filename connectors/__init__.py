"""Mailbox connectors, loaded lazily by name so the core never imports a mail library."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from agent.errors import ConfigError, MissingDependencyError

if TYPE_CHECKING:
    from connectors.base import Mailbox

# type -> (module, class, the extra that installs its library, the library's import name)
_REGISTRY: dict[str, tuple[str, str, str | None, str | None]] = {
    "maildir": ("connectors.maildir", "MaildirMailbox", None, None),
    "imap": ("connectors.imap", "ImapMailbox", None, "imapclient"),
    "gmail": ("connectors.gmail", "GmailMailbox", "gmail", "googleapiclient"),
    "exchange": ("connectors.exchange", "ExchangeMailbox", "exchange", "exchangelib"),
}


def load_connector(account: Any, **kwargs: Any) -> Mailbox:
    """Build the Mailbox for one `[[accounts]]` entry (an `agent.config` account model)."""
    kind = account.type
    if kind not in _REGISTRY:
        raise ConfigError(f"accounts.{account.name}.type: unknown connector {kind!r}")
    module_name, class_name, extra, lib = _REGISTRY[kind]
    if lib is not None:
        try:
            importlib.import_module(lib)
        except ImportError as exc:
            hint = f"pip install 'followup[{extra}]'" if extra else f"pip install {lib}"
            raise MissingDependencyError(
                f"accounts.{account.name}: the {kind} connector needs {lib}: {hint}"
            ) from exc
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"accounts.{account.name}.type: the {kind} connector is not available in this version"
        ) from exc
    cls = getattr(module, class_name)
    return cls(account, **kwargs)
