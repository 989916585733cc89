"""A learning path as a cmi5 course package: xAPI learning records the LMS can follow.

cmi5 (the xAPI profile for LMS launch) describes a course in ``cmi5.xml``
(``courseStructure`` in the namespace of the cmi5 CourseStructure.xsd): the course (an
IRI, a title and a description in the content language) and one Assignable Unit per
module, in the path's order. Each AU has its IRI — the same ``/modules/<id>`` activity as
the platform's own xAPI statements (``academy.aar``), so records from the LMS and from the
platform line up — its launch URL inside the zip, ``moveOn="CompletedAndPassed"`` (the
module is done when read and its check passed) and ``masteryScore`` (the pass mark as a
fraction). The AU's page is the module page of ``academy.lms_page`` with ``cmi5.js``,
which speaks the cmi5 launch: fetch URL, LMS.LaunchData, the defined statements.

No XSD of cmi5's course structure is published on PyPI or npm, so the element order and
attributes here follow the spec's section 13 and the tests check them structurally.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence

from academy.aar import HOME
from academy.curriculum import PASS_MARK, LearningPath, Module
from academy.lms_page import module_page, shared_files
from academy.scorm import PackageContents, packed_module, page_href

NS = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"
MOVE_ON = "CompletedAndPassed"

ET.register_namespace("", NS)


def course_id(path: LearningPath, lang: str) -> str:
    return f"{HOME}/paths/{path.id}/{lang}"


def au_id(module_id: str) -> str:
    return f"{HOME}/modules/{module_id}"


def _text(parent: ET.Element, tag: str, text: str, lang: str) -> None:
    ET.SubElement(ET.SubElement(parent, f"{{{NS}}}{tag}"), f"{{{NS}}}langstring",
                  {"lang": lang}).text = text


def course_structure(path: LearningPath, lang: str, modules: Sequence[Module]) -> bytes:
    """``cmi5.xml`` for ``modules`` in path order."""
    root = ET.Element(f"{{{NS}}}courseStructure")
    course = ET.SubElement(root, f"{{{NS}}}course", {"id": course_id(path, lang)})
    _text(course, "title", path.title_in(lang), lang)
    _text(course, "description", path.description_in(lang) or path.title_in(lang), lang)
    for module in modules:
        au = ET.SubElement(root, f"{{{NS}}}au", {
            "id": au_id(module.id), "moveOn": MOVE_ON,
            "masteryScore": f"{PASS_MARK / 100:g}", "launchMethod": "AnyWindow",
        })
        _text(au, "title", module.title, module.lang)
        _text(au, "description", "; ".join(module.objectives), module.lang)
        ET.SubElement(au, f"{{{NS}}}url").text = page_href(module.id)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def files(path: LearningPath, lang: str, modules: Sequence[Module]) -> dict[str, bytes]:
    """Every file of the package by its path in the zip, ``cmi5.xml`` first."""
    out = {"cmi5.xml": course_structure(path, lang, modules)}
    out.update({f"shared/{name}": data for name, data in shared_files("cmi5").items()})
    for module in modules:
        out[page_href(module.id)] = module_page(module, "cmi5").encode("utf-8")
    return out


def read(archive: dict[str, bytes]) -> PackageContents:
    """The AUs of a cmi5 package (its files by path), in the course's order."""
    root = ET.fromstring(archive["cmi5.xml"])
    ns = {"c": NS}
    course = root.find("c:course", ns)
    assert course is not None
    modules = []
    for au in root.iterfind("c:au", ns):
        href = au.findtext("c:url", "", ns)
        modules.append(packed_module(archive[href].decode("utf-8"), href,
                                     au.findtext("c:title/c:langstring", "", ns)))
    return PackageContents(identifier=course.get("id", ""),
                           title=course.findtext("c:title/c:langstring", "", ns),
                           modules=tuple(modules))
