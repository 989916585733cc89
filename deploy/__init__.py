"""Serving a training centre: several Streamlit replicas behind nginx (standard library only)."""
