"""The database as the pages see it: one engine per server (migrated on first use)."""

from __future__ import annotations

from contextlib import AbstractContextManager

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from academy.db import database_url, make_engine, session_scope, upgrade


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    return engine


def engine() -> Engine:
    return _engine(database_url())


def db() -> AbstractContextManager[Session]:
    """A session that commits when the block ends without error."""
    return session_scope(engine())
