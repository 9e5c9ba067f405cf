"""An attempt's identity: what makes two stored attempts the same one.

An attempt made on one machine and imported on another, or imported twice, is the same
attempt: same profile, question, time and answer. The identity is a digest of those, kept in
an indexed column, so that an import checks each line with one index lookup however many
attempts share a second. The attempt a line of a `drill score --batch` file makes also keeps
the line's key (`batch_identity`), so that running the same file again stores nothing twice.
"""

from __future__ import annotations

import hashlib


def _digest(*parts: str) -> str:
    text = "\0".join(parts)
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def identity(user: str, question: str, created: str, answer: str) -> str:
    """The identity of an attempt: a digest of its profile, question, time and answer."""
    return _digest("attempt", user or "", question or "", created or "", answer or "")


def batch_identity(user: str, question: str, line_id: str, answer: str) -> str:
    """The identity of the attempt a batch line makes: its profile, question, id and answer."""
    return _digest("batch", user, question, line_id, answer)
