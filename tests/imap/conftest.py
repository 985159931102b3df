"""Fixtures for tests against a real Dovecot started by the test run itself.

`dovecot_server` (session): one private server, see `dovecot.DovecotServer`.
`open_mailbox` (function): `open_mailbox(**kw)` -> a connected ImapMailbox on that user; account
  fields (security, port, folders, lookback_days ...) and ImapMailbox options mix in `kw`;
  all are closed at the end of the test.
`dovecot` (function): a fresh mail user on it, as a `dovecot.DovecotAccount`:
  host, port (plain + STARTTLS), tls_port (IMAPS), ca_file, username, password, maildir,
  account(**overrides) -> settings for ImapMailbox, append(folder, raw, flags, when) -> uid,
  client() -> an independent imapclient session, restart(), set_uidvalidity(folder, n).
Needs Dovecot: scripts/install-test-deps.sh installs it.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dovecot import DovecotAccount, DovecotServer, TestAccount  # noqa: E402

from connectors.imap import ImapMailbox  # noqa: E402

ACCOUNT_FIELDS = frozenset(f.name for f in fields(TestAccount))


@pytest.fixture(scope="session")
def dovecot_server() -> Iterator[DovecotServer]:
    server = DovecotServer()
    server.start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def dovecot(dovecot_server: DovecotServer) -> DovecotAccount:
    if not dovecot_server.running:  # a test stopped it and failed before starting it again
        dovecot_server.start()
    return DovecotAccount(dovecot_server, dovecot_server.add_user())


@pytest.fixture
def open_mailbox(dovecot: DovecotAccount) -> Iterator[Callable[..., ImapMailbox]]:
    opened: list[ImapMailbox] = []

    def make(connect: bool = True, **kwargs: Any) -> ImapMailbox:
        account = {k: kwargs.pop(k) for k in list(kwargs) if k in ACCOUNT_FIELDS}
        kwargs.setdefault("progress", False)
        mailbox = ImapMailbox(dovecot.account(**account), **kwargs)
        opened.append(mailbox)
        if connect:
            mailbox.connect()
        return mailbox

    yield make
    for mailbox in opened:
        mailbox.close()
