"""The Mailbox contract: what the core relies on, checked against every connector.

A backend's test module defines a `mailbox_factory` fixture returning a `MailboxHarness`
(tests/contract/harness.py) and imports these tests:

    from .mailbox_contract import *  # noqa: F403
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest

from agent.errors import ConfigError, CursorExpired
from connectors.base import Batch, DraftCopy, FolderMap, Mailbox, RemoteMessage

from .harness import MailboxHarness
from .messages import draft_message, raw_message


def sync(
    mailbox: Mailbox, folder: str, cursor: str | None
) -> tuple[list[RemoteMessage], str | None]:
    """Every message new since `cursor`, and the cursor after the last batch (unchanged when
    no batch came)."""
    messages: list[RemoteMessage] = []
    for batch in mailbox.changes(folder, cursor):
        assert isinstance(batch, Batch)
        assert batch.folder == folder
        messages.extend(batch.messages)
        cursor = batch.cursor
    return messages, cursor


def ids(messages: Iterable[RemoteMessage]) -> list[str | None]:
    return [m.message.message_id for m in messages]


def fill(harness: MailboxHarness, folder: str, names: Iterable[str]) -> None:
    for name in names:
        harness.inject(folder, raw_message(name))


# -- folders -----------------------------------------------------------------------------------


def test_folder_map_names_inbox_sent_and_drafts(mailbox_factory: MailboxHarness) -> None:
    fmap = mailbox_factory.open().folders()
    assert isinstance(fmap, FolderMap)
    assert fmap.watched[0] == mailbox_factory.inbox
    assert fmap.sent == mailbox_factory.sent
    assert fmap.drafts == mailbox_factory.drafts
    assert fmap.how.get("sent") and fmap.how.get("drafts")


def test_changes_on_a_missing_folder_is_a_config_error(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    with pytest.raises(ConfigError):
        sync(mailbox, "No Such Folder", None)


# -- incremental sync --------------------------------------------------------------------------


def test_first_sync_returns_everything_oldest_first(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, [f"m{i}@example.org" for i in range(12)])
    messages, cursor = sync(mailbox_factory.open(), mailbox_factory.inbox, None)
    assert ids(messages) == [f"m{i}@example.org" for i in range(12)]
    assert cursor
    assert all(m.folder == mailbox_factory.inbox and m.remote_id for m in messages)
    assert len({m.remote_id for m in messages}) == 12


def test_first_sync_of_an_empty_folder_still_gives_a_cursor(
    mailbox_factory: MailboxHarness,
) -> None:
    mailbox = mailbox_factory.open()
    messages, cursor = sync(mailbox, mailbox_factory.inbox, None)
    assert messages == [] and cursor
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("late@example.org"))
    assert ids(sync(mailbox, mailbox_factory.inbox, cursor)[0]) == ["late@example.org"]


def test_second_sync_returns_nothing(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, ["a@example.org", "b@example.org"])
    mailbox = mailbox_factory.open()
    _, cursor = sync(mailbox, mailbox_factory.inbox, None)
    again, cursor2 = sync(mailbox, mailbox_factory.inbox, cursor)
    assert again == []
    # and after a restart, from the stored cursor
    assert sync(mailbox_factory.open(), mailbox_factory.inbox, cursor2)[0] == []


def test_only_the_new_message_comes_after_the_cursor(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, ["a@example.org", "b@example.org"])
    mailbox = mailbox_factory.open()
    _, cursor = sync(mailbox, mailbox_factory.inbox, None)
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("c@example.org"))
    messages, cursor = sync(mailbox, mailbox_factory.inbox, cursor)
    assert ids(messages) == ["c@example.org"]
    assert sync(mailbox, mailbox_factory.inbox, cursor)[0] == []


def test_reading_a_message_does_not_deliver_it_again(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, ["a@example.org", "b@example.org"])
    mailbox = mailbox_factory.open()
    first, cursor = sync(mailbox, mailbox_factory.inbox, None)
    assert all("\\Seen" not in m.flags for m in first)
    mailbox_factory.mark_seen(mailbox_factory.inbox, "a@example.org")
    assert sync(mailbox, mailbox_factory.inbox, cursor)[0] == []
    # the message keeps its remote id and now shows as seen
    remote_id = next(m.remote_id for m in first if m.message.message_id == "a@example.org")
    fetched = mailbox.fetch(mailbox_factory.inbox, remote_id)
    assert fetched is not None and "\\Seen" in fetched.flags


def test_flags_of_synced_mail_are_reported(mailbox_factory: MailboxHarness) -> None:
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("read@example.org"), seen=True)
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("unread@example.org"))
    messages, _ = sync(mailbox_factory.open(), mailbox_factory.inbox, None)
    flags = {m.message.message_id: m.flags for m in messages}
    assert "\\Seen" in flags["read@example.org"]
    assert "\\Seen" not in flags["unread@example.org"]


def test_a_deleted_message_does_not_break_the_cursor(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, ["a@example.org", "b@example.org"])
    mailbox = mailbox_factory.open()
    _, cursor = sync(mailbox, mailbox_factory.inbox, None)
    mailbox_factory.remove(mailbox_factory.inbox, "b@example.org")
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("c@example.org"))
    mailbox_factory.remove(mailbox_factory.inbox, "a@example.org")
    messages, cursor = sync(mailbox, mailbox_factory.inbox, cursor)
    assert ids(messages) == ["c@example.org"]
    assert sync(mailbox, mailbox_factory.inbox, cursor)[0] == []


def test_batches_resume_after_an_interruption(mailbox_factory: MailboxHarness) -> None:
    names = [f"m{i}@example.org" for i in range(7)]
    fill(mailbox_factory, mailbox_factory.inbox, names)
    batches = mailbox_factory.open(batch_size=3).changes(mailbox_factory.inbox, None)
    first = next(iter(batches))  # the process dies after storing the first batch
    assert ids(first.messages) == names[:3]
    rest, cursor = sync(mailbox_factory.open(batch_size=3), mailbox_factory.inbox, first.cursor)
    assert ids(rest) == names[3:]
    assert sync(mailbox_factory.open(), mailbox_factory.inbox, cursor)[0] == []


def test_every_batch_respects_the_batch_size(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, [f"m{i}@example.org" for i in range(5)])
    batches = list(mailbox_factory.open(batch_size=2).changes(mailbox_factory.inbox, None))
    assert [len(b.messages) for b in batches if b.messages] == [2, 2, 1]


def test_a_garbage_cursor_is_expired(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    with pytest.raises(CursorExpired):
        sync(mailbox, mailbox_factory.inbox, "this is not a cursor")


def test_first_sync_skips_mail_older_than_the_look_back(mailbox_factory: MailboxHarness) -> None:
    now = datetime.now(UTC)
    old = now - timedelta(days=mailbox_factory.lookback_days + 30)
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("old@example.org"), arrived=old)
    recent = now - timedelta(days=1)
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("new@example.org"), arrived=recent)
    mailbox = mailbox_factory.open()
    messages, cursor = sync(mailbox, mailbox_factory.inbox, None)
    assert ids(messages) == ["new@example.org"]
    assert messages[0].arrived is not None
    assert abs(messages[0].arrived - recent) < timedelta(seconds=2)
    # skipped for good, not handed out later
    assert sync(mailbox, mailbox_factory.inbox, cursor)[0] == []


def test_sent_folder_syncs_like_any_other(mailbox_factory: MailboxHarness) -> None:
    mailbox_factory.inject(mailbox_factory.sent, raw_message("out@example.com"), seen=True)
    messages, _ = sync(mailbox_factory.open(), mailbox_factory.sent, None)
    assert ids(messages) == ["out@example.com"]


# -- fetch -------------------------------------------------------------------------------------


def test_fetch_returns_the_message_then_none_once_gone(mailbox_factory: MailboxHarness) -> None:
    mailbox_factory.inject(
        mailbox_factory.inbox, raw_message("f@example.org", subject="Interview on Tuesday")
    )
    mailbox = mailbox_factory.open()
    (message,), _ = sync(mailbox, mailbox_factory.inbox, None)
    fetched = mailbox.fetch(mailbox_factory.inbox, message.remote_id)
    assert fetched is not None
    assert fetched.message.message_id == "f@example.org"
    assert fetched.message.subject == "Interview on Tuesday"
    assert fetched.remote_id == message.remote_id
    mailbox_factory.remove(mailbox_factory.inbox, "f@example.org")
    assert mailbox.fetch(mailbox_factory.inbox, message.remote_id) is None


# -- drafts ------------------------------------------------------------------------------------


def test_a_created_draft_is_flagged_and_found_by_message_id(
    mailbox_factory: MailboxHarness,
) -> None:
    mailbox = mailbox_factory.open()
    remote_id = mailbox.create_draft(draft_message("d1@example.com", process_id="p-7"))
    assert remote_id
    assert mailbox_factory.message_ids(mailbox_factory.drafts) == ["d1@example.com"]
    assert {"\\Draft", "\\Seen"} <= mailbox_factory.flags(mailbox_factory.drafts, "d1@example.com")
    assert "d1@example.com" not in mailbox_factory.message_ids(mailbox_factory.inbox)
    found = mailbox.find_draft("d1@example.com", "p-7")
    assert isinstance(found, DraftCopy)
    assert found.remote_id == remote_id
    assert found.message.message_id == "d1@example.com"
    assert found.message.in_reply_to == ("invite-1@example.org",)
    assert "thank you for your time" in found.message.body


def test_find_draft_follows_the_process_header_after_an_edit(
    mailbox_factory: MailboxHarness,
) -> None:
    mailbox = mailbox_factory.open()
    mailbox.create_draft(draft_message("d1@example.com", process_id="p-7"))
    mailbox_factory.edit_draft(
        "d1@example.com", "Dear Dana,\n\nmy own words.\n", new_message_id="edited@client.example"
    )
    found = mailbox.find_draft("d1@example.com", "p-7")
    assert found is not None
    assert found.message.message_id == "edited@client.example"
    assert "my own words" in found.message.body


def test_find_draft_keeps_the_message_id_match_after_an_edit(
    mailbox_factory: MailboxHarness,
) -> None:
    mailbox = mailbox_factory.open()
    old_id = mailbox.create_draft(draft_message("d1@example.com", process_id="p-7"))
    mailbox_factory.edit_draft("d1@example.com", "Dear Dana,\n\nrewritten.\n")
    found = mailbox.find_draft("d1@example.com", "p-7")
    assert found is not None and "rewritten" in found.message.body
    assert found.remote_id != old_id  # the client stored a new copy


def test_find_draft_ignores_other_processes(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    mailbox.create_draft(draft_message("d1@example.com", process_id="p-7"))
    assert mailbox.find_draft("other@example.com", "p-8") is None


def test_delete_draft_removes_only_that_draft(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    first = mailbox.create_draft(draft_message("d1@example.com", process_id="p-1"))
    mailbox.create_draft(draft_message("d2@example.com", process_id="p-2"))
    assert mailbox.delete_draft(first) is True
    assert mailbox_factory.message_ids(mailbox_factory.drafts) == ["d2@example.com"]
    assert mailbox.find_draft("d1@example.com", "p-1") is None
    assert mailbox.find_draft("d2@example.com", "p-2") is not None
    assert mailbox.delete_draft(first) is False


def test_a_draft_the_user_deleted_is_not_found(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    remote_id = mailbox.create_draft(draft_message("d1@example.com", process_id="p-1"))
    mailbox_factory.delete_draft("d1@example.com")
    assert mailbox.find_draft("d1@example.com", "p-1") is None
    assert mailbox.delete_draft(remote_id) is False


def test_a_draft_the_user_sent_leaves_drafts_and_shows_in_sent(
    mailbox_factory: MailboxHarness,
) -> None:
    mailbox = mailbox_factory.open()
    _, sent_cursor = sync(mailbox, mailbox_factory.sent, None)
    mailbox.create_draft(draft_message("d1@example.com", process_id="p-1"))
    mailbox_factory.send_draft("d1@example.com")
    assert mailbox.find_draft("d1@example.com", "p-1") is None
    sent, _ = sync(mailbox, mailbox_factory.sent, sent_cursor)
    assert ids(sent) == ["d1@example.com"]
    assert sent[0].message.headers.get("x-followup-process") == "p-1"
    assert "\\Draft" not in sent[0].flags


def test_drafts_do_not_show_in_the_inbox_sync(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    _, cursor = sync(mailbox, mailbox_factory.inbox, None)
    mailbox.create_draft(draft_message("d1@example.com"))
    assert sync(mailbox, mailbox_factory.inbox, cursor)[0] == []


# -- other writes ------------------------------------------------------------------------------


def test_deliver_to_inbox_shows_in_the_next_sync_unread(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    _, cursor = sync(mailbox, mailbox_factory.inbox, None)
    report = draft_message("report-1@example.com", body="Your week in job hunting.\n")
    del report["X-Followup-Process"]
    mailbox.deliver_to_inbox(report)
    messages, _ = sync(mailbox, mailbox_factory.inbox, cursor)
    assert ids(messages) == ["report-1@example.com"]
    assert "\\Seen" not in messages[0].flags
    assert "\\Draft" not in messages[0].flags


def test_tag_thread_closed_answers_per_capability(mailbox_factory: MailboxHarness) -> None:
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("t@example.org"))
    mailbox = mailbox_factory.open()
    result = mailbox.tag_thread_closed(["t@example.org"], "followup-closed")
    assert result is type(mailbox).supports_thread_tags
    if result:
        assert "followup-closed" in mailbox_factory.flags(mailbox_factory.inbox, "t@example.org")


# -- waiting -----------------------------------------------------------------------------------


def test_wait_for_changes_sees_new_mail(mailbox_factory: MailboxHarness) -> None:
    mailbox = mailbox_factory.open()
    sync(mailbox, mailbox_factory.inbox, None)
    mailbox_factory.inject(mailbox_factory.inbox, raw_message("new@example.org"))
    assert mailbox.wait_for_changes(10.0) is True


def test_wait_for_changes_times_out_when_nothing_happens(mailbox_factory: MailboxHarness) -> None:
    fill(mailbox_factory, mailbox_factory.inbox, ["a@example.org"])
    mailbox = mailbox_factory.open()
    for folder in (mailbox_factory.inbox, mailbox_factory.sent, mailbox_factory.drafts):
        sync(mailbox, folder, None)
    assert mailbox.wait_for_changes(0.3) is False


__all__ = [name for name in dict(globals()) if name.startswith("test_")]
