"""Registrable domains (offline public-suffix list) and personal-mail providers."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import tldextract


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # No suffix-list URLs and no cache dir: tldextract uses the snapshot bundled in the wheel
    # and never touches the network or the disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def _split(host: str) -> tuple[str, str, str]:
    r = _extractor()(host)
    return r.subdomain, r.domain, r.suffix


def registrable_domain(host: str) -> str | None:
    """`mail.acme.co.uk` -> `acme.co.uk`; None for hosts without a public suffix."""
    host = host.strip().lower().rstrip(".")
    if not host or "." not in host:
        return None
    _sub, dom, suf = _split(host)
    return f"{dom}.{suf}" if dom and suf else None


def domain_label(host: str) -> str | None:
    """The registrable label alone: `mail.acme-robotics.co.uk` -> `acme-robotics`."""
    host = host.strip().lower().rstrip(".")
    if not host or "." not in host:
        return None
    _sub, dom, suf = _split(host)
    return dom if dom and suf else None


def addr_domain(addr: str) -> str:
    """The host part of an address, lowercased ('' when there is none)."""
    return addr.rsplit("@", 1)[-1].strip().lower().rstrip(">.") if "@" in addr else ""


@lru_cache(maxsize=1)
def freemail_domains() -> frozenset[str]:
    text = resources.files("agent.infer").joinpath("data/freemail.txt").read_text("utf-8")
    return frozenset(
        ln.strip().lower() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")
    )


def is_freemail(host: str) -> bool:
    reg = registrable_domain(host) or host.lower()
    return reg in freemail_domains() or host.lower() in freemail_domains()


_SPLIT_LABEL = re.compile(r"[-_.]+")


def name_from_label(label: str) -> str:
    """A display form of a domain label: `acme-robotics` -> `Acme Robotics`, `acme` -> `Acme`."""
    parts = [p for p in _SPLIT_LABEL.split(label) if p]
    if not parts:
        return label
    if len(parts) == 1 and len(label) > 6 and label.endswith("andco"):
        return f"{label[:1].upper()}{label[1:-5]} & Co"  # wrenandco -> Wren & Co
    return " ".join(p.upper() if len(p) <= 2 else p[:1].upper() + p[1:] for p in parts)
