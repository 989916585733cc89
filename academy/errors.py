"""Errors a user can cause and fix.

Each carries a stable ``code`` that the UI turns into a sentence in the user's language
(``error.<code>`` in ``locales/``) and the values that sentence needs.
"""

from __future__ import annotations


class AcademyError(Exception):
    """A refusal the user should read: a code for the message catalog plus its values."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params
