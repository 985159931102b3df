"""The Maildir connector: `MaildirMailbox` over a local Maildir++ tree.

Modules: `names` (unique file names, flags, stable ids), `folders` (layout, Sent/Drafts
discovery), `files` (listing, atomic writes), `cursor` (the incremental sync cursor),
`mailbox` (the Mailbox protocol).
"""

from connectors.maildir.mailbox import MaildirMailbox

__all__ = ["MaildirMailbox"]
