"""Maildir specifics beyond the shared contract: names, layout, real-world trees, the cursor."""

from __future__ import annotations

import logging
import os
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

import pytest

import connectors.maildir.cursor as cursor_module
import connectors.maildir.files as files_module
import connectors.maildir.mailbox as mailbox_module
from agent.clock import FixedClock
from agent.errors import ConfigError, CursorExpired
from connectors import load_connector
from connectors.base import Batch, Mailbox, RemoteMessage
from connectors.maildir import MaildirMailbox
from connectors.maildir.files import ensure_folder
from connectors.maildir.folders import decode_mutf7
from connectors.maildir.names import flags_of, name_time, split_info, stable_id, unique_name
from connectors.maildir.simulate import MaildirSimulator

# -- helpers -----------------------------------------------------------------------------------


@dataclass
class MaildirAccountStub:
    """The attributes of a `type = "maildir"` account the connector reads."""

    name: str
    path: Path
    type: str = "maildir"
    folders: list[str] = field(default_factory=lambda: ["INBOX"])
    drafts_folder: str | None = None
    sent_folder: str | None = None
    lookback_days: int = 30


class MaildirHarness(MaildirSimulator):
    def open(self) -> MaildirMailbox:
        return mailbox(self.root)


def raw_message(message_id: str) -> bytes:
    msg = EmailMessage()
    msg["From"] = "Dana Recruiter <dana@example.org>"
    msg["To"] = "alex@example.com"
    msg["Subject"] = "Your application"
    msg["Message-ID"] = f"<{message_id}>"
    msg.set_content("Thanks for applying.\n")
    return msg.as_bytes()


def draft_message(message_id: str, process_id: str = "p-1") -> EmailMessage:
    msg = EmailMessage(policy=SMTP)  # CRLF line ends, as composed for sending
    msg["From"] = "Alex Morgan <alex@example.com>"
    msg["To"] = "Dana Recruiter <dana@example.org>"
    msg["Subject"] = "Re: Interview"
    msg["Message-ID"] = f"<{message_id}>"
    msg["X-Followup-Process"] = process_id
    msg.set_content("Dear Dana,\n\nthank you for your time.\n")
    return msg


def sync(
    mailbox: Mailbox, folder: str, cursor: str | None
) -> tuple[list[RemoteMessage], str | None]:
    messages: list[RemoteMessage] = []
    for batch in mailbox.changes(folder, cursor):
        messages.extend(batch.messages)
        cursor = batch.cursor
    return messages, cursor


def ids(messages: list[RemoteMessage]) -> list[str | None]:
    return [m.message.message_id for m in messages]


def put(folder: Path, sub: str, name: str, raw: bytes, mtime: float | None = None) -> Path:
    """A file with exactly this name, as another program left it."""
    path = folder / sub / name
    path.write_bytes(raw)
    if mtime is not None:
        os.utime(path, (mtime, mtime))
    return path


def tree(root: Path, *subfolders: str) -> Path:
    ensure_folder(root, subfolder=False)
    for name in subfolders:
        ensure_folder(root / name, subfolder=True)
    return root


def mailbox(root: Path, **account: object) -> MaildirMailbox:
    box = MaildirMailbox(MaildirAccountStub(name="local", path=root, **account))  # type: ignore[arg-type]
    box.connect()
    return box


@pytest.fixture
def harness(tmp_path: Path) -> MaildirHarness:
    return MaildirHarness(tmp_path / "Mail")


# -- names -------------------------------------------------------------------------------------


def test_names_from_ten_thousand_quick_writes_are_unique_and_ordered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Durability is not what is measured here: skip the fsyncs so 10k writes stay quick.
    monkeypatch.setattr(files_module.os, "fsync", lambda fd: None)
    root = tree(tmp_path / "Mail")
    names = [
        files_module.write_message(root, b"Subject: x\n\nbody\n", seen_by_client=False)
        for _ in range(10_000)
    ]
    assert len(set(names)) == 10_000
    assert len(os.listdir(root / "new")) == 10_000
    assert os.listdir(root / "tmp") == []
    keys = [cursor_module.sort_key((name_time(n) or 0, stable_id(n))) for n in names]
    assert keys == sorted(keys)  # delivery order survives within a second


def test_unique_name_follows_the_maildir_recipe() -> None:
    name = unique_name(now=1_700_000_000.25)
    seconds, rest = name.split(".", 1)
    assert seconds == "1700000000"
    assert rest.startswith("M250000P")
    assert "/" not in name and ":" not in name


@pytest.mark.parametrize(
    ("name", "sid", "letters"),
    [
        ("1700000000.M1P2.host", "1700000000.M1P2.host", ""),
        ("1700000000.M1P2.host:2,RS", "1700000000.M1P2.host", "RS"),
        ("1700000000.12345_7.laptop,U=42:2,FS", "1700000000.12345_7.laptop", "FS"),
        ("1700000000_0.1234.laptop,U=9,FMD5=0cc175b9c0f1b6a8:2,S", "1700000000_0.1234.laptop", "S"),
        ("1700000000.M9P8.mx,S=2048,W=2100:2,S", "1700000000.M9P8.mx,S=2048,W=2100", "S"),
        ("1700000000.M1P2.host;2,DS", "1700000000.M1P2.host", "DS"),
        ("1700000000.M1P2.host!2,S", "1700000000.M1P2.host", "S"),
        ("1700000000.M1P2.host:1,experimental", "1700000000.M1P2.host", ""),
    ],
)
def test_stable_id_survives_flags_and_upload_tags(name: str, sid: str, letters: str) -> None:
    assert stable_id(name) == sid
    assert split_info(name)[1] == letters


def test_flag_letters_map_to_imap_flags() -> None:
    assert flags_of("DFPRSTab") == {
        "\\Draft",
        "\\Flagged",
        "$Forwarded",
        "\\Answered",
        "\\Seen",
        "\\Deleted",
    }


def test_name_time_reads_only_plausible_times() -> None:
    assert name_time("1700000000.M1P2.host") == 1_700_000_000
    assert name_time("1700000000_3.99.host,U=1:2,S") == 1_700_000_000
    assert name_time("42.foo") is None
    assert name_time("msg-0001") is None


def test_modified_utf7_folder_names_decode() -> None:
    assert decode_mutf7("Entw&APw-rfe") == "Entwürfe"
    assert decode_mutf7("Envoy&AOk-s") == "Envoyés"
    assert decode_mutf7("Tom &- Jerry") == "Tom & Jerry"
    assert decode_mutf7("broken &AP") == "broken &AP"


# -- writes ------------------------------------------------------------------------------------


def test_a_draft_is_written_seen_and_draft_into_cur_with_lf_lines(harness: MaildirHarness) -> None:
    box = harness.open()
    draft = draft_message("d1@example.com")
    remote_id = box.create_draft(draft)
    (name,) = os.listdir(harness.root / ".Drafts" / "cur")
    assert name.endswith(":2,DS")
    assert stable_id(name) == remote_id
    data = (harness.root / ".Drafts" / "cur" / name).read_bytes()
    assert b"\r\n" not in data and b"X-Followup-Process: p-1\n" in data
    assert stat.S_IMODE(os.stat(harness.root / ".Drafts" / "cur" / name).st_mode) == 0o600
    assert os.listdir(harness.root / ".Drafts" / "new") == []
    assert os.listdir(harness.root / ".Drafts" / "tmp") == []


def test_the_weekly_report_lands_unread_in_inbox_new(harness: MaildirHarness) -> None:
    box = harness.open()
    report = draft_message("report@example.com")
    box.deliver_to_inbox(report)
    (name,) = os.listdir(harness.root / "new")
    assert ":" not in name  # no info suffix: unread, as a delivery agent leaves it
    assert os.listdir(harness.root / "tmp") == []
    assert b"\r\n" not in (harness.root / "new" / name).read_bytes()


def test_a_missing_drafts_folder_is_created_on_the_first_draft(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail", ".Sent")
    box = mailbox(root)
    before = box.folders()
    assert before.drafts == "Drafts"
    assert before.how["drafts"].startswith("missing")
    assert box.find_draft("x@example.com", "p-1") is None
    assert sync(box, "Drafts", None)[0] == []
    box.create_draft(draft_message("d1@example.com"))
    assert (root / ".Drafts" / "maildirfolder").exists()
    assert all((root / ".Drafts" / sub).is_dir() for sub in ("cur", "new", "tmp"))
    assert box.folders().how["drafts"] == "created .Drafts"
    assert box.find_draft("d1@example.com", "p-1") is not None


def test_delete_draft_never_touches_other_folders(harness: MaildirHarness) -> None:
    harness.inject("INBOX", raw_message("keep@example.org"))
    box = harness.open()
    (inbox_message,), _ = sync(box, "INBOX", None)
    assert box.delete_draft(inbox_message.remote_id) is False
    assert harness.message_ids("INBOX") == ["keep@example.org"]


def test_a_draft_trashed_by_the_client_counts_as_deleted(harness: MaildirHarness) -> None:
    box = harness.open()
    box.create_draft(draft_message("d1@example.com", "p-1"))
    harness.set_letters("Drafts", "d1@example.com", "DST")  # marked deleted, not yet purged
    assert box.find_draft("d1@example.com", "p-1") is None


def test_a_draft_uploaded_by_mbsync_keeps_its_remote_id(harness: MaildirHarness) -> None:
    box = harness.open()
    remote_id = box.create_draft(draft_message("d1@example.com", "p-1"))
    _, cursor = sync(box, "Drafts", None)
    (name,) = os.listdir(harness.root / ".Drafts" / "cur")
    base, letters = split_info(name)
    cur = harness.root / ".Drafts" / "cur"
    os.rename(cur / name, cur / f"{base},U=17:2,{letters}")  # what mbsync does after upload
    assert sync(box, "Drafts", cursor)[0] == []
    found = box.find_draft("d1@example.com", "p-1")
    assert found is not None and found.remote_id == remote_id
    assert box.delete_draft(remote_id) is True


# -- real-world trees --------------------------------------------------------------------------


def test_an_mbsync_notmuch_dovecot_tree_syncs_cleanly(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail", ".Sent Messages", ".Drafts", ".Trash", ".Work.Jobs")
    now = time.time()
    put(root, "cur", "1700000001.4242_1.laptop,U=1:2,S", raw_message("one@example.org"), now)
    put(root, "cur", "1700000002.4242_2.laptop,U=2:2,FRS", raw_message("two@example.org"), now)
    put(root, "new", "1700000003.4242_3.laptop,U=3", raw_message("three@example.org"), now)
    put(root, "cur", "1700000004.M5P6.mx,S=100,W=110:2,", b"\x00\xff\xfe not mail at all", now)
    put(root, "cur", "1700000005.M5P6.mx:2,S", b"", now)  # an empty file
    put(root, "cur", ".hidden-by-a-tool", raw_message("hidden@example.org"), now)
    (root / "cur" / "stray-dir").mkdir()
    (root / ".notmuch" / "xapian").mkdir(parents=True)
    (root / ".notmuch" / "xapian" / "docdata.glass").write_bytes(b"\x00" * 64)
    for junk in (
        "dovecot-uidlist",
        "dovecot.index",
        "dovecot.index.log",
        "dovecot-keywords",
        "subscriptions",
        "courierimapsubscribed",
    ):
        (root / junk).write_text("3 V1 N4\n")
    box = mailbox(root, folders=["INBOX", "Work.Jobs"])
    fmap = box.folders()
    assert fmap.watched == ("INBOX", "Work/Jobs")
    assert fmap.sent == "Sent Messages" and fmap.how["sent"] == "name .Sent Messages"
    assert fmap.drafts == "Drafts" and fmap.how["drafts"] == "name .Drafts"
    messages, cursor = sync(box, "INBOX", None)
    assert ids(messages)[:3] == ["one@example.org", "two@example.org", "three@example.org"]
    assert len(messages) == 5  # the garbage and the empty file still come, parsed as well as can be
    assert messages[1].flags == {"\\Flagged", "\\Answered", "\\Seen"}
    assert messages[2].remote_id == "1700000003.4242_3.laptop"
    assert sync(box, "INBOX", cursor)[0] == []
    assert sync(box, "Work/Jobs", None)[0] == []


@pytest.mark.parametrize(
    ("dirs", "sent", "drafts"),
    [
        ([".INBOX.Sent", ".INBOX.Drafts"], "INBOX/Sent", "INBOX/Drafts"),
        ([".Sent Items", ".Drafts"], "Sent Items", "Drafts"),
        ([".Gesendet", ".Entw&APw-rfe"], "Gesendet", "Entwürfe"),
        ([".Envoy&AOk-s", ".Brouillons"], "Envoyés", "Brouillons"),
        ([".[Gmail].Sent Mail", ".[Gmail].Drafts"], "[Gmail]/Sent Mail", "[Gmail]/Drafts"),
    ],
)
def test_sent_and_drafts_are_found_by_common_and_localized_names(
    tmp_path: Path, dirs: list[str], sent: str, drafts: str
) -> None:
    box = mailbox(tree(tmp_path / "Mail", *dirs))
    fmap = box.folders()
    assert (fmap.sent, fmap.drafts) == (sent, drafts)
    assert fmap.how["sent"].startswith("name .")


def test_config_overrides_win_and_a_wrong_one_is_named(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail", ".Sent", ".Drafts", ".Outbox", ".Entw&APw-rfe")
    fmap = mailbox(root, sent_folder="Outbox", drafts_folder="Entwürfe").folders()
    assert (fmap.sent, fmap.drafts) == ("Outbox", "Entwürfe")
    assert fmap.how["sent"] == "config override .Outbox"
    with pytest.raises(ConfigError, match=r"drafts_folder"):
        mailbox(root, drafts_folder="Brouillon").folders()


def test_courier_style_names_in_config_find_plain_folders(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail", ".Sent", ".Drafts", ".Work.Jobs")
    fmap = mailbox(root, folders=["INBOX.Work.Jobs"], sent_folder="INBOX.Sent").folders()
    assert fmap.watched == ("INBOX", "Work/Jobs")
    assert fmap.sent == "Sent"


def test_a_missing_watched_folder_is_a_config_error(tmp_path: Path) -> None:
    box = mailbox(tree(tmp_path / "Mail", ".Sent"), folders=["INBOX", "Jobs"])
    with pytest.raises(ConfigError, match=r"folders: no folder 'Jobs'"):
        box.folders()


def test_a_path_that_is_not_a_maildir_is_a_config_error(tmp_path: Path) -> None:
    (tmp_path / "notmail").mkdir()
    with pytest.raises(ConfigError, match=r"path: .* is not a Maildir"):
        mailbox(tmp_path / "notmail")
    with pytest.raises(ConfigError, match=r"does not exist"):
        mailbox(tmp_path / "nowhere")


def test_the_connector_loads_by_name(tmp_path: Path) -> None:
    account = MaildirAccountStub(name="local", path=tree(tmp_path / "Mail"))
    assert isinstance(load_connector(account), MaildirMailbox)


def test_an_mbsync_verbatim_tree_works(tmp_path: Path) -> None:
    root = tmp_path / "Mail"
    for sub in ("INBOX", "Sent", "Drafts", "Work/Jobs"):
        ensure_folder(root / sub, subfolder=False)
    put(root / "Work" / "Jobs", "new", "1700000000.1_1.laptop", raw_message("job@example.org"))
    box = mailbox(root, folders=["INBOX", "Work/Jobs"])
    fmap = box.folders()
    assert fmap.watched == ("INBOX", "Work/Jobs")
    assert (fmap.sent, fmap.drafts) == ("Sent", "Drafts")
    assert ids(sync(box, "Work/Jobs", None)[0]) == ["job@example.org"]
    box.create_draft(draft_message("d1@example.com"))
    assert len(os.listdir(root / "Drafts" / "cur")) == 1


def test_an_offlineimap_tree_with_dotted_gmail_folders_works(tmp_path: Path) -> None:
    root = tmp_path / "Mail"
    for sub in ("INBOX", "[Gmail].Sent Mail", "[Gmail].Drafts", "[Gmail].All Mail"):
        ensure_folder(root / sub, subfolder=False)
    box = mailbox(root)
    fmap = box.folders()
    assert (fmap.sent, fmap.drafts) == ("[Gmail].Sent Mail", "[Gmail].Drafts")
    box.create_draft(draft_message("d1@example.com"))
    assert len(os.listdir(root / "[Gmail].Drafts" / "cur")) == 1


def test_an_unreadable_file_is_skipped_with_a_warning(
    harness: MaildirHarness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    for name in ("a@example.org", "b@example.org", "c@example.org"):
        harness.inject("INBOX", raw_message(name))
    blocked = harness.entry("INBOX", "b@example.org").path
    real_open = open

    def guarded_open(path: str, *args: object, **kwargs: object) -> object:
        if str(path) == blocked:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(mailbox_module, "open", guarded_open, raising=False)
    with caplog.at_level(logging.WARNING, logger="connectors.maildir.mailbox"):
        messages, _ = sync(harness.open(), "INBOX", None)
    assert ids(messages) == ["a@example.org", "c@example.org"]
    assert "Permission denied" in caplog.text and "b@example.org" not in caplog.text


def test_a_message_moved_to_cur_while_syncing_is_still_read(
    harness: MaildirHarness, monkeypatch: pytest.MonkeyPatch
) -> None:
    harness.inject("INBOX", raw_message("a@example.org"))
    real_scan = mailbox_module.scan
    calls = 0

    def scan_then_client_reads(path: Path) -> files_module.Listing:
        nonlocal calls
        listing = real_scan(path)
        calls += 1
        if calls == 1:  # the mail client moves the file right after our listing
            harness.mark_seen("INBOX", "a@example.org")
        return listing

    monkeypatch.setattr(mailbox_module, "scan", scan_then_client_reads)
    messages, _ = sync(harness.open(), "INBOX", None)
    assert ids(messages) == ["a@example.org"]
    assert "\\Seen" in messages[0].flags


def test_a_copy_in_both_new_and_cur_comes_once(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail")
    put(root, "new", "1700000000.1_1.laptop", raw_message("dup@example.org"))
    put(root, "cur", "1700000000.1_1.laptop:2,S", raw_message("dup@example.org"))
    assert ids(sync(mailbox(root), "INBOX", None)[0]) == ["dup@example.org"]


# -- cursor ------------------------------------------------------------------------------------


def test_lookback_goes_by_file_mtime_not_by_name(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail")
    now = datetime(2024, 6, 1, tzinfo=UTC)
    fresh_name = f"{int(time.time())}.M1P1.mx:2,S"  # delivered now, dated long ago (an IMAP copy)
    put(
        root,
        "cur",
        fresh_name,
        raw_message("old@example.org"),
        (now - timedelta(days=400)).timestamp(),
    )
    put(
        root,
        "new",
        "msg-without-time",
        raw_message("new@example.org"),
        (now - timedelta(days=2)).timestamp(),
    )
    account = MaildirAccountStub(name="local", path=root, lookback_days=30)
    box = MaildirMailbox(account, clock=FixedClock(now))
    (message,), _ = sync(box, "INBOX", None)
    assert message.message.message_id == "new@example.org"
    assert message.arrived == now - timedelta(days=2)


def test_a_late_arrival_within_the_window_is_still_found(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail")
    t = int(time.time()) - 100
    put(root, "new", f"{t}.1_1.mx", raw_message("first@example.org"))
    box = mailbox(root)
    _, cursor = sync(box, "INBOX", None)
    # a delivery that started before our sync finishes its rename after it
    put(root, "new", f"{t - 5}.2_1.mx", raw_message("slow@example.org"))
    put(root, "new", f"{t + 1}.3_1.mx", raw_message("next@example.org"))
    messages, cursor = sync(box, "INBOX", cursor)
    assert ids(messages) == ["slow@example.org", "next@example.org"]
    assert sync(box, "INBOX", cursor)[0] == []


def test_a_file_dated_in_the_future_does_not_hold_back_later_mail(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail")
    now = int(time.time())
    put(root, "new", f"{now + 400 * 86400}.1_1.skewed", raw_message("future@example.org"))
    box = mailbox(root)
    first, cursor = sync(box, "INBOX", None)
    assert ids(first) == ["future@example.org"]
    put(root, "new", f"{now - 10}.2_1.mx", raw_message("normal@example.org"))
    messages, cursor = sync(box, "INBOX", cursor)
    assert ids(messages) == ["normal@example.org"]
    assert sync(box, "INBOX", cursor)[0] == []


def test_a_flood_within_one_second_keeps_batches_exact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cursor_module, "DONE_LIMIT", 4)  # the memory of recent ids overflows
    root = tree(tmp_path / "Mail")
    t = int(time.time()) - 50
    for n in range(1, 13):
        put(root, "new", f"{t}.1_{n}.mx", raw_message(f"m{n}@example.org"))
    seen: list[str | None] = []
    cursor = None
    for _restart in range(10):  # a restart after every batch
        batches = MaildirMailbox(MaildirAccountStub(name="local", path=root), batch_size=5).changes(
            "INBOX", cursor
        )
        batch = next(iter(batches), None)
        if batch is None:
            break
        seen.extend(ids(list(batch.messages)))
        cursor = batch.cursor
    assert seen == [f"m{n}@example.org" for n in range(1, 13)]
    assert len(cursor or "") < 1000


def test_a_cursor_stays_small_on_a_big_folder(tmp_path: Path) -> None:
    root = tree(tmp_path / "Mail")
    t = int(time.time()) - 30 * 86400
    for n in range(3000):  # one mail every 10 minutes for three weeks
        put(root, "new", f"{t + n * 600}.1_{n}.mx", b"Subject: s\n\nb\n")
    batches = list(
        MaildirMailbox(MaildirAccountStub(name="local", path=root)).changes("INBOX", None)
    )
    assert len(batches) == 6 and all(isinstance(b, Batch) for b in batches)
    assert len(batches[-1].cursor) < 1000  # only the last hour's ids are remembered


def test_a_cursor_of_another_folder_is_expired(harness: MaildirHarness) -> None:
    box = harness.open()
    _, cursor = sync(box, "Sent", None)
    with pytest.raises(CursorExpired):
        sync(box, "INBOX", cursor)


# -- waiting -----------------------------------------------------------------------------------


def test_wait_for_changes_sees_a_delivery_in_the_same_timestamp_tick(
    harness: MaildirHarness,
) -> None:
    box = harness.open()
    for folder in ("INBOX", "Sent", "Drafts"):
        sync(box, folder, None)
    # Make the directories look untouched since the listing: only the entry count can tell.
    path = harness.write("INBOX", raw_message("quick@example.org"))
    snapshot = box._snapshots[harness.root]
    for sub, mtime_ns in zip(("new", "cur"), snapshot.mtimes, strict=True):
        os.utime(harness.root / sub, ns=(mtime_ns, mtime_ns))
    assert path.exists()
    assert box.wait_for_changes(5.0) is True


def test_wait_for_changes_ignores_folders_it_does_not_watch(harness: MaildirHarness) -> None:
    ensure_folder(harness.root / ".Trash", subfolder=True)
    box = harness.open()
    for folder in ("INBOX", "Sent", "Drafts"):
        sync(box, folder, None)
    put(harness.root / ".Trash", "new", "1700000000.1_1.mx", raw_message("t@example.org"))
    assert box.wait_for_changes(0.2) is False


@pytest.fixture(autouse=True)
def _no_stray_tmp_files(tmp_path: Path) -> Iterator[None]:
    yield
    # No test may leave a half-written message behind in any tmp/.
    leftovers = [p for p in tmp_path.rglob("tmp/*") if p.is_file()]
    assert leftovers == []


def test_a_new_draft_wakes_the_watcher_once_not_forever(tmp_path: Path) -> None:
    root = tree(tmp_path / "mail", ".Sent", ".Drafts")
    box = mailbox(root)
    for name in ("INBOX", "Sent"):
        sync(box, name, None)
    assert box.wait_for_changes(0) is False
    box.create_draft(draft_message("d-1@example.com"))
    assert box.wait_for_changes(0) is True
    # Nothing lists Drafts through changes(): the watcher must not keep reporting it.
    assert box.wait_for_changes(0) is False
