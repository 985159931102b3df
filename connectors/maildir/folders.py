"""Where folders live in a Maildir tree, and which one is Sent and which is Drafts.

Two layouts are understood:

- **Maildir++** (Courier, Dovecot's default, mbsync `SubFolders Maildir++`, offlineimap with
  `sep = .`): INBOX is the root maildir; folder `Work/Jobs` is the directory `.Work.Jobs`
  beside `cur/ new/ tmp/`. Dovecot writes non-ASCII names in modified UTF-7
  (`.Entw&APw-rfe`); they are decoded for matching and display.
- **Verbatim** (mbsync `SubFolders Verbatim`, Dovecot `LAYOUT=fs`): the root is not a maildir
  but holds `INBOX/` and folders as nested directories (`Work/Jobs/cur`). Used only when the
  root has no `cur/` and `INBOX/cur` exists.

Folder names in the API use '/' between levels, as mail clients show them ("Work/Jobs").
Config may also write them with dots ("Work.Jobs") for Maildir++.
"""

from __future__ import annotations

import base64
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

INBOX = "INBOX"
Layout = Literal["maildir++", "verbatim"]

# Discovery order: the most common names first, then prefixed (Courier "INBOX.", Gmail through
# mbsync) and localized ones. Compared after Unicode NFC normalization and case folding.
SENT_NAMES = (
    "Sent", "Sent Messages", "Sent Items", "Sent Mail",
    "INBOX/Sent", "INBOX/Sent Messages", "INBOX/Sent Items",
    "[Gmail]/Sent Mail", "[Google Mail]/Sent Mail",
    "Gesendet", "Gesendete Objekte", "Gesendete Elemente", "Envoyés", "Éléments envoyés",
    "Messages envoyés", "Enviados", "Elementos enviados", "Posta inviata", "Inviati",
    "Verzonden", "Verzonden items", "Skickat", "Skickade objekt", "Sendt", "Lähetetyt",
    "Wysłane", "Odeslané", "Отправленные",
)  # fmt: skip
DRAFTS_NAMES = (
    "Drafts", "INBOX/Drafts", "[Gmail]/Drafts", "[Google Mail]/Drafts",
    "Entwürfe", "Brouillons", "Borradores", "Bozze", "Concepten", "Utkast", "Kladder",
    "Luonnokset", "Kopie robocze", "Koncepty", "Rascunhos", "Черновики",
)  # fmt: skip

# Directories at the root that are never mail folders (indexes of notmuch, mu, Dovecot ...).
_NOT_FOLDERS = {".notmuch", ".mu", "cur", "new", "tmp"}


def decode_mutf7(name: str) -> str:
    """IMAP modified UTF-7 (RFC 3501 5.1.3) to text; the input unchanged if it is not valid."""
    if "&" not in name:
        return name
    out: list[str] = []
    i = 0
    while i < len(name):
        ch = name[i]
        if ch != "&":
            out.append(ch)
            i += 1
            continue
        end = name.find("-", i)
        if end < 0:
            return name
        chunk = name[i + 1 : end]
        if not chunk:
            out.append("&")
        else:
            data = chunk.replace(",", "/")
            data += "=" * (-len(data) % 4)
            try:
                out.append(base64.b64decode(data, validate=True).decode("utf-16-be"))
            except ValueError:  # binascii.Error and UnicodeDecodeError are both ValueErrors
                return name
        i = end + 1
    return "".join(out)


def _fold(name: str) -> str:
    return unicodedata.normalize("NFC", name).casefold()


def is_maildir(path: Path) -> bool:
    """A directory with a cur/ subdirectory (new/ and tmp/ are created when missing)."""
    return (path / "cur").is_dir()


@dataclass(frozen=True)
class Folder:
    """One resolved folder: its API name and its directory."""

    name: str
    path: Path


class MaildirTree:
    """The folders of one Maildir root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.layout: Layout = (
            "verbatim" if not is_maildir(root) and is_maildir(root / INBOX) else "maildir++"
        )

    @property
    def inbox(self) -> Folder:
        path = self.root / INBOX if self.layout == "verbatim" else self.root
        return Folder(INBOX, path)

    def is_valid(self) -> bool:
        return is_maildir(self.inbox.path)

    def folders(self) -> list[Folder]:
        """Every existing folder, INBOX first, then by name."""
        found = self._maildirpp() if self.layout == "maildir++" else self._verbatim()
        return [self.inbox, *sorted(found, key=lambda f: f.name)]

    def _maildirpp(self) -> Iterable[Folder]:
        try:
            entries = list(os.scandir(self.root))
        except OSError:
            return []
        result = []
        for entry in entries:
            if not entry.name.startswith(".") or entry.name in _NOT_FOLDERS:
                continue
            if entry.name in (".", "..") or not entry.is_dir():
                continue
            path = Path(entry.path)
            if is_maildir(path):
                result.append(Folder(decode_mutf7(entry.name[1:]).replace(".", "/"), path))
        return result

    def _verbatim(self) -> Iterable[Folder]:
        result = []
        for dirpath, dirnames, _files in os.walk(self.root):
            # Never descend into a maildir's own cur/new/tmp or into index directories.
            dirnames[:] = [
                d for d in dirnames if d not in _NOT_FOLDERS and not d.startswith(".notmuch")
            ]
            path = Path(dirpath)
            if path == self.root or path == self.root / INBOX:
                continue
            if is_maildir(path):
                rel = path.relative_to(self.root).as_posix()
                result.append(Folder(decode_mutf7(rel), path))
        return result

    def find(self, name: str) -> Folder | None:
        """The existing folder a configured or API name refers to, or None."""
        raw = name.strip().strip("/")
        if raw.upper() == INBOX:
            return self.inbox
        wanted = {_fold(raw.replace(".", "/"))}
        if self.layout == "verbatim":
            wanted.add(_fold(raw))  # dots may be part of a verbatim name
        for folder in self.folders()[1:]:
            if _fold(folder.name) in wanted:
                return folder
        # Courier-era configs say "INBOX.Sent" for what is stored as ".Sent".
        if len(raw) > 6 and raw[:6].upper() in ("INBOX.", "INBOX/"):
            return self.find(raw[6:])
        return None

    def new_folder_path(self, name: str) -> Path:
        """Where a folder of this name would be created."""
        if self.layout == "verbatim":
            return self.root.joinpath(*name.split("/"))
        return self.root / ("." + name.replace("/", "."))

    def discover(self, names: tuple[str, ...]) -> Folder | None:
        """The first existing folder whose name is in `names` (in that order)."""
        # offlineimap keeps "[Gmail].Sent Mail" as one directory name: compare '.' as '/'.
        by_name = {_fold(f.name.replace(".", "/")): f for f in self.folders()[1:]}
        for candidate in names:
            folder = by_name.get(_fold(candidate))
            if folder is not None:
                return folder
        return None

    def describe(self, folder: Folder) -> str:
        """The folder's directory relative to the root, for `doctor` ("name .Sent")."""
        try:
            rel = folder.path.relative_to(self.root).as_posix()
        except ValueError:
            rel = str(folder.path)
        return rel or "."
