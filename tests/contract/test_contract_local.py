"""The Mailbox contract run against the backends that need no server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from .harness import MailboxHarness
from .local_harnesses import MaildirHarness, MemoryHarness
from .mailbox_contract import *  # noqa: F403


@pytest.fixture(params=["memory", "maildir"])
def mailbox_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MailboxHarness]:
    if request.param == "memory":
        yield MemoryHarness()
    else:
        yield MaildirHarness(tmp_path / "Mail")
