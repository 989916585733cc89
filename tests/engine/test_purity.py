"""engine/ is pure: it imports neither streamlit nor sqlmodel, and keeps no module-level state."""

from __future__ import annotations

import subprocess
import sys

from tests.engine.conftest import ROOT


def test_engine_imports_neither_streamlit_nor_sqlmodel():
    code = (
        "import sys, engine.scenario, engine.exercise, engine.policies, engine.__main__\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('streamlit', 'sqlmodel', 'academy', 'ui')]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    for path in (ROOT / "engine").glob("*.py"):
        text = path.read_text()
        for name in ("streamlit", "sqlmodel", "from academy", "import academy", "from ui"):
            assert (
                f"import {name}" not in text
                and f"{name} import" not in text
                or name.startswith(("from", "import"))
                and name not in text
            ), path


def test_no_global_random_use():
    for path in (ROOT / "engine").glob("*.py"):
        text = path.read_text()
        assert (
            "random.seed(" not in text
            and "random.random()" not in text
            and "random.choice(" not in text
        ), path
