"""Find the Drafts and Sent folders of an IMAP account.

Order, first match wins (FolderMap.how records which rule it was, for `doctor`):
1. the config override (`drafts_folder`, `sent_folder`): the user's word beats any guess, and
   it must name an existing folder;
2. the SPECIAL-USE attribute (RFC 6154) in the LIST answer (`\\Drafts`, `\\Sent`);
3. the XLIST attribute, for old Gmail-like servers without SPECIAL-USE;
4. well-known names, localized ones included (`Entwürfe`, `Brouillons` ...), matched without
   case, also as the last part of a path (`INBOX.Drafts`).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from imapclient import IMAPClient

from agent.errors import ConfigError
from connectors.base import FolderMap
from connectors.imap_settings import ImapSettings

log = logging.getLogger(__name__)

DRAFTS_NAMES = (
    "Drafts",
    "Draft",
    "[Gmail]/Drafts",
    "[Google Mail]/Drafts",
    "Entwürfe",
    "Brouillons",
    "Borradores",
    "Bozze",
    "Concepten",
    "Rascunhos",
    "Utkast",
    "Kladder",
    "Luonnokset",
    "Wersje robocze",
    "Koncepty",
    "Piszkozatok",
    "Taslaklar",
    "Черновики",
    "下書き",
    "草稿",
)
SENT_NAMES = (
    "Sent",
    "Sent Items",
    "Sent Messages",
    "Sent Mail",
    "[Gmail]/Sent Mail",
    "[Google Mail]/Sent Mail",
    "Gesendet",
    "Gesendete Objekte",
    "Gesendete Elemente",
    "Envoyés",
    "Éléments envoyés",
    "Messages envoyés",
    "Enviados",
    "Elementos enviados",
    "Posta inviata",
    "Inviata",
    "Verzonden",
    "Verzonden items",
    "Skickat",
    "Skickade objekt",
    "Sendt",
    "Sendte elementer",
    "Lähetetyt",
    "Wysłane",
    "Odeslaná pošta",
    "Elküldött",
    "Gönderilmiş",
    "Отправленные",
    "送信済み",
    "已发送",
)


@dataclass(frozen=True)
class ListedFolder:
    name: str
    flags: frozenset[str]  # lowercased, e.g. "\\drafts", "\\noselect"
    delimiter: str


def _listed(rows: Sequence[tuple[tuple[bytes, ...], bytes | None, str]]) -> list[ListedFolder]:
    out = []
    for flags, delim, name in rows:
        names = frozenset(
            (f.decode("ascii", "replace") if isinstance(f, bytes) else str(f)).lower()
            for f in flags
        )
        sep = delim.decode() if isinstance(delim, bytes) else (delim or "")
        out.append(ListedFolder(str(name), names, sep))
    return out


def _by_attribute(folders: list[ListedFolder], flag: str) -> str | None:
    for f in folders:
        if flag in f.flags and "\\noselect" not in f.flags:
            return f.name
    return None


def _by_name(folders: list[ListedFolder], names: Sequence[str]) -> str | None:
    wanted = [n.lower() for n in names]
    selectable = [f for f in folders if "\\noselect" not in f.flags]
    for n in wanted:  # exact names first, in our order of preference
        for f in selectable:
            if f.name.lower() == n:
                return f.name
    for n in wanted:  # then as the last part of a path: INBOX.Drafts, INBOX/Entwürfe
        for f in selectable:
            last = f.name.rsplit(f.delimiter, 1)[-1] if f.delimiter else f.name
            if last.lower() == n:
                return f.name
    return None


def _exists(folders: list[ListedFolder], name: str) -> str | None:
    """The server's spelling of `name` (INBOX is case-insensitive), or None."""
    for f in folders:
        if f.name == name or (name.upper() == "INBOX" and f.name.upper() == "INBOX"):
            return f.name
    return None


def resolve_folders(client: IMAPClient, s: ImapSettings) -> FolderMap:
    folders = _listed(client.list_folders())
    xlisted: list[ListedFolder] | None = None
    if client.has_capability("XLIST") and not client.has_capability("SPECIAL-USE"):
        try:
            xlisted = _listed(client.xlist_folders())
        except Exception as exc:  # XLIST is a legacy extra: never fatal
            log.info("%s: XLIST failed: %s", s.key, exc)

    how: dict[str, str] = {}

    def find(role: str, override: str | None, flag: str, names: Sequence[str]) -> str | None:
        if override:
            found = _exists(folders, override)
            if found is None:
                raise ConfigError(
                    f"{s.key}.{role}_folder: no folder {override!r} on {s.where} "
                    f"(folders there: {_sample(folders)})"
                )
            how[role] = f"config {role}_folder"
            return found
        found = _by_attribute(folders, flag)
        if found:
            how[role] = f"SPECIAL-USE {_shown(flag)}"
            return found
        if xlisted:
            found = _by_attribute(xlisted, flag)
            if found:
                how[role] = f"XLIST {_shown(flag)}"
                return found
        found = _by_name(folders, names)
        if found:
            how[role] = f"name {found!r}"
            return found
        how[role] = "not found"
        return None

    drafts = find("drafts", s.drafts_folder, "\\drafts", DRAFTS_NAMES)
    sent = find("sent", s.sent_folder, "\\sent", SENT_NAMES)

    watched: list[str] = []
    for name in s.folders:
        found = _exists(folders, name)
        if found is None:
            raise ConfigError(
                f"{s.key}.folders: no folder {name!r} on {s.where} "
                f"(folders there: {_sample(folders)})"
            )
        if found not in watched:
            watched.append(found)
    how["watched"] = "config folders"
    for role, name in (("drafts", drafts), ("sent", sent)):
        log.debug("%s: %s folder %r (%s)", s.key, role, name, how[role])
    return FolderMap(watched=tuple(watched), sent=sent, drafts=drafts, inbox=watched[0], how=how)


def _shown(flag: str) -> str:
    """A flag as RFC 6154 spells it (\\Drafts), for `doctor`."""
    return "\\" + flag.lstrip("\\").capitalize()


def _sample(folders: list[ListedFolder], limit: int = 12) -> str:
    names = [f.name for f in folders if "\\noselect" not in f.flags]
    more = f", ... {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more
