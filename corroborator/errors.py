"""The small family of errors corroborator raises.

Every message is written for the person running the tool: it says what was wrong and, where
there is something to do about it, what to do.
"""

from __future__ import annotations


class CorroboratorError(Exception):
    """Base class: anything the user can act on."""


class InputError(CorroboratorError):
    """One input item (file, URL, feed entry, JSON line) could not become an article.

    Raised per item; the batch it belongs to goes on.
    """


class FetchError(InputError):
    """A URL could not be fetched: dead host, HTTP error, timeout, refused address, too large."""


class StoreError(CorroboratorError):
    """The database is missing, locked, or not a corroborator database."""


class NotFoundError(CorroboratorError):
    """A story, article or entity id that is not in the store."""
