"""NEST Academy's scenario engine (``python -m engine --help``).

Its busiest modules may also run compiled, when built from these very sources: see
``engine.compiled``."""

from engine.compiled import search_path

__path__ = search_path(__path__)
