"""What happens to a draft after it is written: the user sends it, deletes it or edits it;
the company answers first; the user closes, reopens or confirms a process."""

from __future__ import annotations

import mailbox
from datetime import datetime
from email import message_from_bytes, policy
from pathlib import Path

from cycle_helpers import draft_files, drafts, followup, make_world, status_json

from agent.demo.scenario import TZ

DUE = datetime(2026, 3, 19, 9, 0, tzinfo=TZ)  # Helios Energy's follow-up is due

ANSWER = b"""From: Dana Whitfield <dana.whitfield@heliosenergy.com>
To: Alex Morgan <alex@example.com>
Subject: Re: Phone screen for the Energy Data Analyst role
Date: Fri, 20 Mar 2026 10:00:00 +0100
Message-ID: <he-answer@heliosenergy.com>
In-Reply-To: <he-1@heliosenergy.com>
References: <he-1@heliosenergy.com>

Hi Alex, thanks for your patience. We are still interviewing and I will have news for
you next week.

Dana Whitfield
"""


def _setup(root: Path) -> Path:
    world, config = make_world(root)
    world.deliver_until(DUE)
    followup(config, DUE, "run", "--once")
    return config


def _helios_draft(root: Path) -> Path:
    for path in draft_files(root):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        if msg["X-Followup-Process"] == "helios-energy":
            return path
    raise AssertionError("no Helios draft")


def _deliver(root: Path, raw: bytes) -> None:
    mailbox.Maildir(root / "Mail", create=False).add(raw)


def test_a_deleted_draft_is_not_recreated_until_the_next_window(tmp_path: Path) -> None:
    config = _setup(tmp_path)
    _helios_draft(tmp_path).unlink()
    later = datetime(2026, 3, 20, 9, 0, tzinfo=TZ)
    followup(config, later, "run", "--once")
    assert status_json(config, later)["helios-energy"]["draft"] == "deleted"
    assert "helios-energy" not in [m["X-Followup-Process"] for m in drafts(tmp_path)]
    # A full phone-screen window (5 business days) after the deletion: due again.
    next_window = datetime(2026, 3, 27, 9, 0, tzinfo=TZ)
    followup(config, next_window, "run", "--once")
    assert [m["X-Followup-Process"] for m in drafts(tmp_path)].count("helios-energy") == 1


def test_an_answer_removes_an_untouched_draft(tmp_path: Path) -> None:
    config = _setup(tmp_path)
    _deliver(tmp_path, ANSWER)
    now = datetime(2026, 3, 20, 10, 30, tzinfo=TZ)
    followup(config, now, "run", "--once")
    row = status_json(config, now)["helios-energy"]
    assert row["draft"] == "retracted"
    assert "helios-energy" not in [m["X-Followup-Process"] for m in drafts(tmp_path)]


def test_an_edited_draft_is_kept_and_reported_when_they_answer(tmp_path: Path) -> None:
    config = _setup(tmp_path)
    path = _helios_draft(tmp_path)
    path.write_bytes(path.read_bytes().replace(b"Thank you", b"Many thanks"))
    _deliver(tmp_path, ANSWER)
    now = datetime(2026, 3, 20, 10, 30, tzinfo=TZ)
    followup(config, now, "run", "--once")
    assert "helios-energy" in [m["X-Followup-Process"] for m in drafts(tmp_path)]
    report = followup(config, now, "report", "--print").stdout
    assert "Helios Energy" in report and "edited" in report.lower()


def test_closing_by_hand_retracts_the_draft_and_reopen_brings_it_back(tmp_path: Path) -> None:
    config = _setup(tmp_path)
    out = followup(config, DUE, "close", "helios-energy", "--as", "withdrawn").stdout
    assert "helios-energy" in out
    row = status_json(config, DUE)["helios-energy"]
    assert row["state"] == "withdrawn" and row["draft"] == "retracted"
    assert "helios-energy" not in [m["X-Followup-Process"] for m in drafts(tmp_path)]
    followup(config, DUE, "reopen", "helios-energy")
    assert status_json(config, DUE)["helios-energy"]["state"] == "interviewing"


def test_unknown_process_is_a_usage_error(tmp_path: Path) -> None:
    config = _setup(tmp_path)
    result = followup(config, DUE, "close", "no-such-co", "--as", "rejected", check=False)
    assert result.returncode == 2
    assert "no-such-co" in result.stderr


PAUSED = b"""From: Dana Whitfield <dana.whitfield@heliosenergy.com>
To: Alex Morgan <alex@example.com>
Subject: Re: Phone screen for the Energy Data Analyst role
Date: Fri, 20 Mar 2026 10:00:00 +0100
Message-ID: <he-paused@heliosenergy.com>
In-Reply-To: <he-1@heliosenergy.com>
References: <he-1@heliosenergy.com>

Hi Alex, a quick note: the team has decided to pause hiring for the role while
budgets are reviewed.

Dana Whitfield
"""


def test_a_soft_closure_is_not_acted_on_until_the_user_confirms(tmp_path: Path) -> None:
    config = _setup(tmp_path)
    _deliver(tmp_path, PAUSED)
    now = datetime(2026, 3, 20, 10, 30, tzinfo=TZ)
    followup(config, now, "run", "--once")
    row = status_json(config, now)["helios-energy"]
    assert row["state"] == "interviewing"  # not closed on weak evidence
    assert "needs_confirmation" in row["flags"]
    report = followup(config, now, "report", "--print").stdout
    assert "followup confirm helios-energy" in report
    followup(config, now, "confirm", "helios-energy")
    row = status_json(config, now)["helios-energy"]
    assert row["state"] == "rejected" and "needs_confirmation" not in row["flags"]


def test_recipient_guard_names_why_there_is_no_draft() -> None:
    from agent.drafts import recipient
    from agent.tracker.fold import Derived

    def guard(addr: str | None, participants: list[str]) -> tuple[object, str]:
        d = Derived(contact_addr=addr, contact_name="Sam", participants=participants)
        return recipient(d)

    assert guard(None, [])[0] is None
    assert "no-reply" in guard("no-reply@acme.com", ["no-reply@acme.com"])[1]
    assert "team mailbox" in guard("careers@acme.com", ["careers@acme.com"])[1]
    assert "never wrote to you" in guard("sam@acme.com", ["other@acme.com"])[1]
    to, why = guard("sam@acme.com", ["sam@acme.com"])
    assert to is not None and why == ""


def test_closing_while_the_daemon_holds_the_store_is_recorded(tmp_path: Path) -> None:
    from agent.store import Store

    config = _setup(tmp_path)
    daemon_lock = Store(tmp_path / "state", exclusive=True)  # as a running daemon would
    try:
        followup(config, DUE, "close", "helios-energy", "--as", "withdrawn")
        assert status_json(config, DUE)["helios-energy"]["state"] == "withdrawn"
    finally:
        daemon_lock.close()
    followup(config, DUE, "run", "--once")  # the agent's next check retracts the draft
    assert "helios-energy" not in [m["X-Followup-Process"] for m in drafts(tmp_path)]
