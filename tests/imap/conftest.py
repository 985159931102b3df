"""Fixtures for tests against a real Dovecot started by the test run itself.

`dovecot_server` (session): one private server, see `dovecot.DovecotServer`.
`dovecot` (function): a fresh mail user on it, as a `dovecot.DovecotAccount`:
  host, port (plain + STARTTLS), tls_port (IMAPS), ca_file, username, password, maildir,
  account(**overrides) -> settings for ImapMailbox, append(folder, raw, flags, when) -> uid,
  client() -> an independent imapclient session, restart(), set_uidvalidity(folder, n).
Needs Dovecot: scripts/install-test-deps.sh installs it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dovecot import DovecotAccount, DovecotServer  # noqa: E402


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
