"""Reading and writing message files inside one maildir folder (cur/ new/ tmp/)."""

from __future__ import annotations

import errno
import logging
import os
from dataclasses import dataclass
from pathlib import Path

from connectors.maildir.names import info_suffix, name_time, split_info, unique_name, untagged

log = logging.getLogger(__name__)

_SUBDIRS = ("cur", "new", "tmp")
_HEADER_CHUNK = 8192
_HEADER_LIMIT = 256 * 1024  # headers longer than this are not worth searching further
# errno values meaning "this file system does not do hard links here": fall back to rename.
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK}


@dataclass(frozen=True)
class Entry:
    """One message file as listed: enough to order it without reading it."""

    path: str
    name: str
    sid: str  # stable id: the remote id
    letters: str  # flag letters of the info suffix
    named_time: int | None  # delivery time from the name, when the name carries one


def ensure_folder(path: Path, *, subfolder: bool) -> None:
    """Create cur/ new/ tmp/ (and the Maildir++ `maildirfolder` marker for subfolders)."""
    for sub in _SUBDIRS:
        (path / sub).mkdir(mode=0o700, parents=True, exist_ok=True)
    if subfolder:
        marker = path / "maildirfolder"
        if not marker.exists():
            marker.touch(mode=0o600)


@dataclass
class Listing:
    """The message files of a folder, and how many directory entries were read."""

    entries: list[Entry]
    count: int


def scan(path: Path) -> Listing:
    """Every message file in new/ and cur/, unordered. One directory read each, no stat.

    new/ is read before cur/ so a file a mail client moves between them while we read is seen
    in one of the two. Names starting with '.' are skipped (the spec reserves them), as are
    subdirectories. A stable id seen twice (a copy caught mid-move by a sync tool) is listed
    once.
    """
    return Listing(*_scan(path))


def _scan(path: Path) -> tuple[list[Entry], int]:
    entries: list[Entry] = []
    count = 0
    seen: set[str] = set()
    for sub in ("new", "cur"):
        try:
            it = os.scandir(path / sub)
        except FileNotFoundError:
            continue
        except PermissionError:
            log.warning("maildir: cannot list %s (permission denied)", path / sub)
            continue
        with it:
            for entry in it:
                count += 1
                if entry.name.startswith("."):
                    continue
                try:
                    if entry.is_dir():
                        continue
                except OSError:
                    continue
                base, letters = split_info(entry.name)
                sid = untagged(base)
                if sid in seen:
                    continue
                seen.add(sid)
                entries.append(Entry(entry.path, entry.name, sid, letters, name_time(entry.name)))
    return entries, count


def to_lf(data: bytes) -> bytes:
    """Maildir files use bare LF line ends, as local delivery agents write them."""
    return data.replace(b"\r\n", b"\n")


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return  # some file systems cannot open directories; the data itself is synced
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_message(folder: Path, data: bytes, *, seen_by_client: bool, letters: str = "") -> str:
    """Deliver `data` into the folder, atomically; returns the new file's name.

    The file is written and synced in tmp/ under a fresh unique name, then hard-linked into
    new/ (unseen mail, no info suffix) or cur/ (with `:2,<letters>`), so no reader ever sees a
    half-written message and an existing file is never overwritten. Where hard links are not
    allowed, a rename does the same job.
    """
    tmp_dir = folder / "tmp"
    tmp_dir.mkdir(mode=0o700, exist_ok=True)
    for _attempt in range(20):
        base = unique_name()
        tmp_path = tmp_dir / base
        try:
            fd = os.open(tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        try:
            view = memoryview(data)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            tmp_path.unlink(missing_ok=True)
            raise
        os.close(fd)
        name = base + info_suffix(letters) if seen_by_client else base
        dest_dir = folder / ("cur" if seen_by_client else "new")
        dest_dir.mkdir(mode=0o700, exist_ok=True)
        dest = dest_dir / name
        try:
            _publish(tmp_path, dest)
        except FileExistsError:
            tmp_path.unlink(missing_ok=True)
            continue
        _fsync_dir(dest_dir)
        return name
    raise OSError(errno.EEXIST, f"no free unique name in {folder}")


def _publish(tmp_path: Path, dest: Path) -> None:
    try:
        os.link(tmp_path, dest)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in _NO_HARD_LINKS:
            raise
        if dest.exists():
            raise FileExistsError(errno.EEXIST, "exists", str(dest)) from exc
        os.rename(tmp_path, dest)
        return
    tmp_path.unlink()


def read_headers(path: str) -> bytes:
    """The header block of a message file (up to the first blank line), without the body."""
    buf = b""
    with open(path, "rb") as fh:
        while len(buf) < _HEADER_LIMIT:
            chunk = fh.read(_HEADER_CHUNK)
            if not chunk:
                break
            buf += chunk
            for sep in (b"\n\n", b"\r\n\r\n"):
                cut = buf.find(sep)
                if cut >= 0:
                    return buf[: cut + len(sep)]
    return buf
