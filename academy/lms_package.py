"""LMS packages of a learning path, for a training centre's own LMS (Moodle and the like).

A centre that runs its courses in an LMS imports a learning path either as SCORM 1.2
(``academy.scorm``: every LMS reads it) or as a cmi5 course (``academy.cmi5``: xAPI
statements to the LMS's learning record store, beside the platform's own xAPI export).
Both carry each module's reading and its knowledge check *with the answer key*, because
the check is marked in the page, offline, inside the LMS. So only instructors and admins
may build a package — the rule is checked here, not only by the page that offers the
download — and a trainee never receives one.

A package is in one content language; a module missing in that language comes in English
(as the platform shows it). The zip is deterministic: the same path, language and content
give the same bytes, so a centre can tell whether a new download differs.
"""

from __future__ import annotations

import io
import zipfile
from typing import Literal

from academy import cmi5, scorm
from academy.curriculum import Catalogue, Frozen, LearningPath, Module
from academy.errors import AcademyError
from academy.models import Role, User

Kind = Literal["scorm12", "cmi5"]
KINDS: tuple[Kind, ...] = ("scorm12", "cmi5")
_STAMP = (2020, 1, 1, 0, 0, 0)  # one date for every entry: the same content, the same zip


class Package(Frozen):
    filename: str
    data: bytes
    modules: int


def may_build(user: User | None) -> bool:
    """Whether ``user`` may hold a package (it carries the answer keys)."""
    return user is not None and user.role in (Role.instructor, Role.admin)


def languages(catalogue: Catalogue) -> list[str]:
    """The content languages a package can be built in."""
    return sorted(lang for lang, modules in catalogue.modules.items() if modules)


def path_modules(catalogue: Catalogue, path: LearningPath, lang: str) -> list[Module]:
    """The path's modules in ``lang`` (English where a module is missing in it), in order."""
    return [catalogue.module(module_id, lang)[0] for module_id in path.modules]


def filename(path_id: str, lang: str, kind: Kind) -> str:
    return f"nest-{path_id}-{lang}-{kind}.zip"


def zip_files(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, _STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist() if not name.endswith("/")}


def build(catalogue: Catalogue, *, user: User | None, path_id: str, lang: str,
          kind: Kind) -> Package:
    """The ``kind`` package of learning path ``path_id`` in ``lang``, for an instructor or
    an admin; anyone else is refused with ``forbidden``."""
    if not may_build(user):
        raise AcademyError("forbidden")
    path = catalogue.path(path_id)
    if path is None or kind not in KINDS or lang not in languages(catalogue):
        raise AcademyError("not_found")
    modules = path_modules(catalogue, path, lang)
    files = (scorm if kind == "scorm12" else cmi5).files(path, lang, modules)
    return Package(filename=filename(path.id, lang, kind), data=zip_files(files),
                   modules=len(modules))


def read(data: bytes) -> scorm.PackageContents:
    """A package's modules, whichever of the two kinds it is."""
    files = unzip(data)
    if "imsmanifest.xml" in files:
        return scorm.read(files)
    if "cmi5.xml" in files:
        return cmi5.read(files)
    raise ValueError("neither imsmanifest.xml nor cmi5.xml at the root of the zip")
