"""Connecting: TLS and its certificate checks, STARTTLS, one-line errors, folder discovery."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from dovecot import OTHER_HOST, DovecotAccount, free_port
from mail import job_mail

from agent.config import ImapAccount
from agent.errors import AuthError, ConfigError, TransientError
from connectors import load_connector
from connectors.imap import ImapMailbox
from connectors.imap_connect import _login
from connectors.imap_folders import resolve_folders
from connectors.imap_settings import ImapSettings

OpenMailbox = Callable[..., ImapMailbox]


def one_line(exc: pytest.ExceptionInfo[BaseException]) -> str:
    text = str(exc.value)
    assert "\n" not in text and text
    return text


def test_tls_with_the_servers_ca_file_works(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    dovecot.append("INBOX", job_mail("invite-1@acme.example"))
    mb = open_mailbox(security="tls", port=dovecot.tls_port, ca_file=str(dovecot.ca_file))
    assert mb.folders().drafts == "Drafts"
    assert [b.messages[0].message.message_id for b in mb.changes("INBOX", None)] == [
        "invite-1@acme.example"
    ]
    # IDLE works through TLS as well
    assert mb.wait_for_changes(0.2) is False
    dovecot.append("INBOX", job_mail("invite-2@acme.example"))
    assert mb.wait_for_changes(30.0) is True


def test_an_untrusted_certificate_is_refused_with_a_hint(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    with pytest.raises(ConfigError) as exc:
        open_mailbox(security="tls", port=dovecot.tls_port)
    text = one_line(exc)
    assert "certificate" in text and "self-signed" in text and "ca_file" in text
    assert f"127.0.0.1:{dovecot.tls_port}" in text


def test_a_certificate_for_another_host_is_refused(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    # The certificate names localhost and 127.0.0.1; the server also listens on 127.0.0.2.
    with pytest.raises(ConfigError) as exc:
        open_mailbox(
            host=OTHER_HOST, security="tls", port=dovecot.tls_port, ca_file=str(dovecot.ca_file)
        )
    text = one_line(exc)
    assert "certificate" in text and "127.0.0.2" in text


def test_starttls_verifies_the_certificate_too(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    mb = open_mailbox(security="starttls", port=dovecot.port, ca_file=str(dovecot.ca_file))
    assert mb.folders().sent == "Sent"
    with pytest.raises(ConfigError, match="certificate"):
        open_mailbox(security="starttls", port=dovecot.port)


def test_tls_spoken_to_a_plain_port_names_the_port(
    dovecot: DovecotAccount, open_mailbox: OpenMailbox
) -> None:
    with pytest.raises(ConfigError) as exc:
        open_mailbox(security="tls", port=dovecot.port, ca_file=str(dovecot.ca_file))
    text = one_line(exc)
    assert "TLS handshake" in text and str(dovecot.port) in text


def test_a_wrong_password_is_an_auth_error_without_the_password(
    open_mailbox: OpenMailbox, dovecot: DovecotAccount
) -> None:
    with pytest.raises(AuthError) as exc:
        open_mailbox(secret="not-the-password")
    text = one_line(exc)
    assert "login refused" in text and dovecot.username in text
    assert "not-the-password" not in text


def test_nothing_listening_on_the_port_is_a_clear_transient_error(
    open_mailbox: OpenMailbox,
) -> None:
    port = free_port()
    with pytest.raises(TransientError) as exc:
        open_mailbox(port=port)
    text = one_line(exc)
    assert "connection refused" in text and f"127.0.0.1:{port}" in text


def test_an_unknown_host_is_named(open_mailbox: OpenMailbox) -> None:
    with pytest.raises(TransientError) as exc:
        open_mailbox(host="no-such-host.invalid", security="tls", port=993)
    assert "cannot resolve 'no-such-host.invalid'" in one_line(exc)


def test_plaintext_is_refused_for_a_remote_host(dovecot: DovecotAccount) -> None:
    with pytest.raises(ConfigError, match="loopback"):
        ImapMailbox(dovecot.account(host="imap.example.com", security="none"))


def test_a_missing_watched_folder_is_a_config_error(open_mailbox: OpenMailbox) -> None:
    mb = open_mailbox(folders=["INBOX", "Jobz"])
    with pytest.raises(ConfigError, match=r"folders: no folder 'Jobz'"):
        mb.folders()


def test_a_drafts_override_that_does_not_exist_is_a_config_error(
    open_mailbox: OpenMailbox,
) -> None:
    with pytest.raises(ConfigError, match=r"drafts_folder: no folder 'Brouillons'"):
        open_mailbox(drafts_folder="Brouillons").folders()


def test_special_use_is_what_finds_drafts_and_sent_on_dovecot(open_mailbox: OpenMailbox) -> None:
    fmap = open_mailbox().folders()
    assert (fmap.watched, fmap.drafts, fmap.sent) == (("INBOX",), "Drafts", "Sent")
    assert fmap.how["drafts"] == "SPECIAL-USE \\Drafts"
    assert fmap.how["sent"] == "SPECIAL-USE \\Sent"


def test_the_real_config_model_drives_the_connector(
    dovecot: DovecotAccount, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FOLLOWUP_IMAP_TEST_PW", dovecot.password)
    account = ImapAccount.model_validate(
        {
            "name": "personal",
            "type": "imap",
            "host": "localhost",
            "port": dovecot.tls_port,
            "username": dovecot.username,
            "password_env": "FOLLOWUP_IMAP_TEST_PW",
            "ca_file": str(dovecot.ca_file),
        }
    )
    mb = load_connector(account, progress=False)
    try:
        mb.connect()
        assert mb.folders().drafts == "Drafts"
    finally:
        mb.close()


# ---- without a server: discovery rules and login mechanics ------------------------------


class ListingServer:
    """Answers LIST (and XLIST) like a server without SPECIAL-USE."""

    def __init__(self, rows: list[tuple[tuple[bytes, ...], bytes, str]], xlist: bool = False):
        self.rows = rows
        self.xlist = xlist

    def list_folders(self) -> list[tuple[tuple[bytes, ...], bytes, str]]:
        return [
            (tuple(f for f in flags if f not in (b"\\Drafts", b"\\Sent")), d, n)
            for flags, d, n in self.rows
        ]

    def xlist_folders(self) -> list[tuple[tuple[bytes, ...], bytes, str]]:
        return self.rows

    def has_capability(self, name: str) -> bool:
        return name == "XLIST" and self.xlist


def settings(**overrides: Any) -> ImapSettings:
    values: dict[str, Any] = {"name": "t", "host": "localhost", "username": "u", "security": "none"}
    values.update(overrides)
    return ImapSettings.from_account(type("Account", (), values)())


def test_localized_names_are_found_when_there_is_no_special_use() -> None:
    server = ListingServer(
        [
            ((), b".", "INBOX"),
            ((b"\\HasNoChildren",), b".", "INBOX.Entwürfe"),
            ((b"\\HasNoChildren",), b".", "INBOX.Gesendete Objekte"),
            ((b"\\Noselect",), b".", "Drafts"),
        ]
    )
    fmap = resolve_folders(server, settings())  # type: ignore[arg-type]
    assert (fmap.drafts, fmap.sent) == ("INBOX.Entwürfe", "INBOX.Gesendete Objekte")
    assert fmap.how["drafts"] == "name 'INBOX.Entwürfe'"


def test_xlist_attributes_are_used_before_names() -> None:
    server = ListingServer(
        [
            ((), b"/", "INBOX"),
            ((b"\\Drafts",), b"/", "[Gmail]/Entwürfe"),
            ((), b"/", "Drafts"),
            ((b"\\Sent",), b"/", "[Gmail]/Gesendet"),
        ],
        xlist=True,
    )
    fmap = resolve_folders(server, settings())  # type: ignore[arg-type]
    assert (fmap.drafts, fmap.sent) == ("[Gmail]/Entwürfe", "[Gmail]/Gesendet")
    assert fmap.how == {
        "drafts": "XLIST \\Drafts",
        "sent": "XLIST \\Sent",
        "watched": "config folders",
    }


def test_xoauth2_logs_in_with_the_token_not_a_password() -> None:
    calls: list[tuple[str, ...]] = []

    class Client:
        def oauth2_login(self, user: str, token: str) -> None:
            calls.append(("xoauth2", user, token))

        def login(self, user: str, password: str) -> None:
            calls.append(("login", user, password))

    s = settings(auth="xoauth2", username="alex@example.com", token=staticmethod(lambda: "tok-123"))
    _login(Client(), s)  # type: ignore[arg-type]
    assert calls == [("xoauth2", "alex@example.com", "tok-123")]
