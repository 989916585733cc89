"""Refusals shown as one clear sentence in the user's language, never a traceback."""

from __future__ import annotations

import streamlit as st

from academy.errors import AcademyError
from ui.i18n import t


def show_error(error: AcademyError) -> None:
    st.error(t(f"error.{error.code}", **error.params), icon=":material/error:")


def show_warning(error: AcademyError) -> None:
    """A refusal the user fixes on the same screen (a question left blank): amber, not red."""
    st.warning(t(f"error.{error.code}", **error.params), icon=":material/warning:")
