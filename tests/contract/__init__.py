"""The Mailbox contract suite, run against every connector (see mailbox_contract.py)."""
