"""The engine's busiest modules compiled with Cython — used only when built from these sources.

The engine is plain Python and stays so: the source is what is read, tested and edited.
``python3 dev.py`` also compiles the modules a run spends its time in (``HOT``) with Cython,
unchanged, into ``build/compiled/engine`` and records a hash of their sources there. When the
package is imported, that folder goes first on ``engine.__path__`` only if the hash still
matches the sources on disk (and this Python): an edited module, a checkout of another commit
or a machine without a C compiler simply runs the Python source, as SQLAlchemy's optional
Cython extensions fall back to Python. ``NEST_PURE_PYTHON=1`` runs the source on purpose
(the engine bench compares both).

Why: a run of the engine spends its time in many small Python operations spread over rare
events (an inject, a seizure, a verdict); compiling them takes about 15 % off a run and brings
the engine's cost per simulated event within three times bare SimPy's (``bench/engine_bench.py``),
which the Python source alone misses on two scenarios. Outcomes are the same either way: the
compiled modules are the same source, and the engine tests and golden runs pass on both.

    python -m engine compile           build when the sources changed (what dev.py runs)
    python -m engine compile --force   build again
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
BUILD = ROOT / "build" / "compiled"
MANIFEST = BUILD / "manifest.json"
HOT = ("simulation", "interdiction", "msel", "prosecution", "intel", "evidence", "budget",
       "messages", "injects", "reports", "events")
PURE = "NEST_PURE_PYTHON"  # set (to anything but "" or "0"): run the Python source


def fingerprint(package: Path = PACKAGE) -> str:
    """The sources of the compiled modules and the Python that would load them."""
    digest = hashlib.sha256(f"{sys.implementation.cache_tag}:{sys.version}".encode())
    for name in HOT:
        digest.update(name.encode())
        digest.update((package / f"{name}.py").read_bytes())
    return digest.hexdigest()


def current(build: Path = BUILD, package: Path = PACKAGE) -> bool:
    """Was ``build`` made from the sources in ``package``, for this Python?"""
    try:
        made = json.loads((build / "manifest.json").read_text())["fingerprint"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return made == fingerprint(package)


def search_path(path: list[str], build: Path = BUILD, package: Path = PACKAGE) -> list[str]:
    """``engine.__path__``, with the compiled modules first when they are current."""
    if os.environ.get(PURE, "") not in ("", "0") or not current(build, package):
        return list(path)
    return [str(build / "engine"), *path]


def in_use() -> bool:
    """Does this process run the compiled modules (``engine.simulation`` is one)?"""
    import engine.simulation

    return not str(engine.simulation.__file__).endswith(".py")


def build(force: bool = False) -> bool:
    """Compile ``HOT`` into ``BUILD`` unless it is current; False (and why, printed) when this
    machine cannot: the engine then runs from its source."""
    if not force and current():
        return True
    try:
        from Cython.Build import cythonize
        from setuptools import Distribution
    except ImportError as error:
        print(f"engine: not compiled ({error}); it runs from its Python source", flush=True)
        return False
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp) / "lib"
        try:
            extensions = cythonize(
                [str(PACKAGE / f"{name}.py") for name in HOT],
                # the modules as they are: annotations are documentation, not C types
                compiler_directives={"language_level": 3, "annotation_typing": False},
                build_dir=str(Path(tmp) / "c"), quiet=True, nthreads=os.cpu_count() or 1,
            )
            for ext in extensions:  # gcc's warnings on Cython's generated C are not ours
                ext.extra_compile_args = ["-w"]
            dist = Distribution({"ext_modules": extensions, "script_args": ["-q"]})
            command = dist.get_command_obj("build_ext")
            command.build_lib, command.build_temp = str(staged), str(Path(tmp) / "o")
            command.parallel = os.cpu_count() or 1
            command.ensure_finalized()
            command.run()
        except Exception as error:  # noqa: BLE001 — no compiler, no headers: run the source
            print(f"engine: not compiled ({type(error).__name__}: {error}); it runs from its "
                  "Python source", flush=True)
            return False
        shutil.rmtree(BUILD, ignore_errors=True)
        shutil.copytree(staged, BUILD)
    MANIFEST.write_text(json.dumps({"fingerprint": fingerprint(), "modules": list(HOT)}))
    return True
