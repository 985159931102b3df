"""Raw RFC 5322 bytes -> `agent.message.Message`. Never raises on malformed input."""

from agent.parse.message import parse_message

__all__ = ["parse_message"]
