"""The database as the pages see it: one engine per server (migrated on first use)."""

from __future__ import annotations

from contextlib import AbstractContextManager

import streamlit as st
from sqlalchemy.engine import Engine
from sqlmodel import Session

from academy.db import database_url, make_engine, session_scope, upgrade
from academy.scenarios import sync_shipped


@st.cache_resource(show_spinner=False)
def _engine(url: str) -> Engine:
    engine = make_engine(url)
    upgrade(engine)
    with session_scope(engine) as session:
        sync_shipped(session)  # once per server: the scenario files as they are now
    return engine


def engine() -> Engine:
    return _engine(database_url())


def db() -> AbstractContextManager[Session]:
    """A session that commits when the block ends without error."""
    return session_scope(engine())
