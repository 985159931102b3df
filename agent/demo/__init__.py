"""`followup demo`: the whole product on a generated Maildir with simulated weeks."""

from agent.demo.runner import run_demo

__all__ = ["run_demo"]
