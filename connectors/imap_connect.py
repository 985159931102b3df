"""One IMAP session: connect with TLS and certificate checks, log in, and turn every failure
into one clear line from the `agent.errors` tree.

`ImapConnection.call(op)` runs an operation on the live session; when the connection drops
(server restart, network loss, timeout) it reconnects once and retries operations that are
safe to repeat, and raises `TransientError` otherwise.
"""

from __future__ import annotations

import contextlib
import imaplib
import logging
import socket
import ssl
from collections.abc import Callable
from typing import Any, TypeVar

from imapclient import IMAPClient
from imapclient.exceptions import CapabilityError, IMAPClientError, LoginError
from imapclient.imapclient import SocketTimeout

from agent.errors import AuthError, ConfigError, FollowupError, TransientError
from connectors.imap_settings import ImapSettings

log = logging.getLogger(__name__)

T = TypeVar("T")

CONNECT_TIMEOUT = 20.0
READ_TIMEOUT = 60.0

# A dropped connection shows up as any of these; imaplib's abort covers BYE and EOF.
CONNECTION_ERRORS: tuple[type[BaseException], ...] = (OSError, imaplib.IMAP4.abort, EOFError)


# OpenSSL verify codes for a certificate issued to another name or address.
_HOSTNAME_MISMATCH = 62
_IP_MISMATCH = 64


class FolderMissing(ConfigError):
    """SELECT refused: the folder does not exist (or cannot be opened)."""


def ssl_context(settings: ImapSettings) -> ssl.SSLContext:
    """Verifying context; with `ca_file`, that file is the only trust anchor."""
    try:
        return ssl.create_default_context(cafile=settings.ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(
            f"{settings.key}.ca_file: cannot load {settings.ca_file!r}: {_reason(exc)}"
        ) from exc


def _reason(exc: BaseException) -> str:
    """The gist of an exception, on one line, without Python's bytes quoting."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return str(exc.verify_message or exc.reason or "verification failed").rstrip(".")
    if isinstance(exc, ssl.SSLError):
        return str(exc.reason or exc).lower().replace("_", " ")
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    lines = str(exc).strip().splitlines()
    text = lines[0] if lines else type(exc).__name__
    if len(text) > 3 and text[:2] in ("b'", 'b"') and text[-1] == text[1]:
        text = text[2:-1]  # imaplib hands over the server's text as repr(bytes)
    return text[:300]


def describe_connect_error(exc: BaseException, s: ImapSettings) -> FollowupError:
    """The one-line error for a failure while connecting or logging in."""
    k, where = s.key, s.where
    if isinstance(exc, FollowupError):
        return exc
    if isinstance(exc, ssl.SSLCertVerificationError):
        if exc.verify_code in (_HOSTNAME_MISMATCH, _IP_MISMATCH):
            hint = f"set {k}.host to a name the certificate was issued for"
        elif s.ca_file:
            hint = f"it is not signed by {k}.ca_file ({s.ca_file})"
        else:
            hint = f"set {k}.ca_file to the CA that signed it"
        return ConfigError(
            f"{k}.host: the TLS certificate of {where} failed verification ({_reason(exc)}): {hint}"
        )
    if isinstance(exc, ssl.SSLError):
        return ConfigError(
            f"{k}.port: TLS handshake with {where} failed ({_reason(exc)}): "
            f"is {s.port} an IMAP port for security = {s.security!r}? "
            "(993 is TLS, 143 is STARTTLS)"
        )
    if isinstance(exc, socket.gaierror):
        return TransientError(
            f"{k}.host: cannot resolve {s.host!r}: check the name (or the network)"
        )
    if isinstance(exc, ConnectionRefusedError):
        return TransientError(
            f"{k}.port: connection refused by {where}: nothing listens there, check host and port"
        )
    if isinstance(exc, TimeoutError | socket.timeout):
        return TransientError(
            f"{k}.host: no IMAP answer from {where} within {CONNECT_TIMEOUT:.0f}s: "
            f"check host, port and security = {s.security!r}"
        )
    if isinstance(exc, LoginError):
        return AuthError(f"{k}: login refused for {s.username!r} at {where}: {_reason(exc)}")
    if isinstance(exc, OSError):
        return TransientError(f"{k}.host: cannot connect to {where}: {_reason(exc)}")
    if isinstance(exc, imaplib.IMAP4.abort | EOFError):
        return TransientError(f"{k}: {where} closed the connection: {_reason(exc)}")
    return TransientError(f"{k}: IMAP error from {where}: {_reason(exc)}")


def open_client(s: ImapSettings, *, read_timeout: float = READ_TIMEOUT) -> IMAPClient:
    """Connect, secure, log in. Raises AuthError, TransientError or ConfigError (one line)."""
    context = ssl_context(s) if s.security != "none" else None
    client: IMAPClient | None = None
    try:
        client = IMAPClient(
            s.host,
            s.port,
            ssl=s.security == "tls",
            ssl_context=context,
            timeout=SocketTimeout(CONNECT_TIMEOUT, read_timeout),
        )
        client.normalise_times = False  # aware datetimes, not naive local times
        if s.security == "starttls":
            try:
                client.starttls(context)
            except CapabilityError as exc:
                raise ConfigError(
                    f"{s.key}.security: {s.where} does not offer STARTTLS: "
                    'use security = "tls" (port 993)'
                ) from exc
        _login(client, s)
        return client
    except BaseException as exc:
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()
        if isinstance(exc, KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise describe_connect_error(exc, s) from exc


def _login(client: IMAPClient, s: ImapSettings) -> None:
    if not s.username:
        raise ConfigError(f"{s.key}.username: required for an IMAP account")
    if s.auth == "xoauth2":
        token = s.token()
        if not token:
            raise ConfigError(f"{s.key}.token_command: gave no access token")
        client.oauth2_login(s.username, token)
        return
    password = s.password()
    if not password:
        raise ConfigError(f"{s.key}.password_command: gave no password")
    client.login(s.username, password)


class ImapConnection:
    """A session that reopens itself after a drop. Not thread-safe: one user at a time."""

    def __init__(self, settings: ImapSettings, *, read_timeout: float = READ_TIMEOUT) -> None:
        self.settings = settings
        self.read_timeout = read_timeout
        self._client: IMAPClient | None = None
        self._selected: tuple[str, bool] | None = None
        self._select_info: dict[bytes, Any] = {}
        self.capabilities: frozenset[bytes] = frozenset()
        self.condstore = False
        self.reconnects = 0  # how many times a dropped session was reopened

    # ---- session ------------------------------------------------------------------------
    @property
    def connected(self) -> bool:
        return self._client is not None

    def open(self) -> IMAPClient:
        if self._client is None:
            client = open_client(self.settings, read_timeout=self.read_timeout)
            try:
                caps = frozenset(c.upper() for c in client.capabilities())
                if b"CONDSTORE" in caps:
                    # HIGHESTMODSEQ in SELECT answers; must happen before any SELECT.
                    client.enable("CONDSTORE")
                    self.condstore = True
            except CONNECTION_ERRORS + (IMAPClientError,) as exc:
                with contextlib.suppress(Exception):
                    client.shutdown()
                raise describe_connect_error(exc, self.settings) from exc
            self.capabilities = caps
            self._client = client
            self._selected = None
        return self._client

    def close(self) -> None:
        """Log out politely if the session is alive; never raises."""
        client, self._client = self._client, None
        self._selected = None
        if client is None:
            return
        try:
            client.logout()
        except Exception:  # the connection may already be gone
            with contextlib.suppress(Exception):
                client.shutdown()

    def drop(self) -> None:
        """Forget a broken session without talking to the server."""
        client, self._client = self._client, None
        self._selected = None
        if client is not None:
            with contextlib.suppress(Exception):
                client.shutdown()

    def has(self, capability: str) -> bool:
        return capability.encode().upper() in self.capabilities

    # ---- running operations -------------------------------------------------------------
    def call(self, op: Callable[[IMAPClient], T], *, retry: bool = True, what: str = "") -> T:
        """Run `op` on the session. After a dropped connection, reconnect and run it once more
        when `retry` (the operation must be safe to repeat), else raise TransientError."""
        attempts = 2 if retry else 1
        for attempt in range(attempts):
            client = self.open()
            try:
                return op(client)
            except CONNECTION_ERRORS as exc:
                self.drop()
                if attempt + 1 < attempts:
                    log.info(
                        "%s: connection lost (%s), reconnecting", self.settings.key, _reason(exc)
                    )
                    self.reconnects += 1
                    continue
                doing = f" during {what}" if what else ""
                raise TransientError(
                    f"{self.settings.key}: connection to {self.settings.where} lost{doing}: "
                    f"{_reason(exc)}"
                ) from exc
        raise AssertionError("unreachable")

    def select(self, client: IMAPClient, folder: str, *, readonly: bool) -> dict[bytes, Any]:
        """SELECT (or EXAMINE) `folder` unless it is already open in that mode."""
        if self._selected == (folder, readonly):
            return self._select_info
        try:
            info = client.select_folder(folder, readonly=readonly)
        except IMAPClientError as exc:
            if isinstance(exc, imaplib.IMAP4.abort):
                raise
            raise FolderMissing(
                f"{self.settings.key}: cannot open folder {folder!r} on {self.settings.where}: "
                f"{_reason(exc)}"
            ) from exc
        self._selected = (folder, readonly)
        self._select_info = info
        return info

    def reselect(self, client: IMAPClient, folder: str, *, readonly: bool) -> dict[bytes, Any]:
        """SELECT again for fresh UIDNEXT/UIDVALIDITY values."""
        self._selected = None
        return self.select(client, folder, readonly=readonly)

    def forget_selection(self) -> None:
        self._selected = None
