"""A learning path as a SCORM 1.2 package, the format every LMS of a training centre imports.

ADL SCORM 1.2's Content Aggregation Model: a zip with ``imsmanifest.xml`` at its root
(IMS Content Packaging 1.1.2 plus ADL's ``adlcp`` extensions) and the schema files the
manifest names beside it. The manifest has one organization, the learning path, with one
item per module in the path's order; each item points to a resource of
``adlcp:scormtype="sco"`` whose launch file is the module's page
(``modules/<id>/index.html``, see ``academy.lms_page``), with the pass mark as the item's
``adlcp:masteryscore``. The pages share one asset resource (``shared/``: style, the
check's marking and the SCORM run-time script). The manifest's metadata says the package
is ADL SCORM 1.2 and, in IMS metadata, its title and content language.

``read`` opens a package again and gives back its modules in order: the round trip the
tests check, and what a reviewer of a package received from elsewhere would want.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

from academy.curriculum import PASS_MARK, Frozen, LearningPath, Module
from academy.lms_page import ASSETS, module_page, shared_files

CP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XML_NS = "http://www.w3.org/XML/1998/namespace"
SCHEMAS = Path(ASSETS / "scorm12")
SCHEMA_FILES = ("imscp_rootv1p1p2.xsd", "adlcp_rootv1p2.xsd", "imsmd_rootv1p2p1.xsd",
                "ims_xml.xsd")
SHARED_ID = "RES-shared"
_PAGE_DATA = re.compile(r'<script type="application/json" id="nest-check">(.*?)</script>', re.S)

for prefix, uri in (("", CP), ("adlcp", ADLCP), ("imsmd", IMSMD), ("xsi", XSI)):
    ET.register_namespace(prefix, uri)


class PackedModule(Frozen):
    """A module as a package holds it: where its page is, and what the page carries."""

    id: str
    title: str
    lang: str
    href: str
    questions: tuple[str, ...]  # the ids of its bank, answer key included in the page


class PackageContents(Frozen):
    identifier: str
    title: str
    modules: tuple[PackedModule, ...]


def identifier(path: LearningPath, lang: str) -> str:
    """The manifest's identifier: an XML ID (a letter first, no colon)."""
    return f"NEST-{path.id}-{lang}"


def page_href(module_id: str) -> str:
    return f"modules/{module_id}/index.html"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def _lom(parent: ET.Element, title: str, description: str, lang: str) -> None:
    general = _sub(_sub(parent, f"{{{IMSMD}}}lom"), f"{{{IMSMD}}}general")
    _sub(_sub(general, f"{{{IMSMD}}}title"), f"{{{IMSMD}}}langstring", title,
         **{f"{{{XML_NS}}}lang": lang})
    _sub(general, f"{{{IMSMD}}}language", lang)
    if description:
        _sub(_sub(general, f"{{{IMSMD}}}description"), f"{{{IMSMD}}}langstring", description,
             **{f"{{{XML_NS}}}lang": lang})


def manifest(path: LearningPath, lang: str, modules: Sequence[Module],
             shared: Sequence[str]) -> bytes:
    """``imsmanifest.xml`` for ``modules`` (in path order) and the ``shared`` asset files."""
    root = ET.Element(f"{{{CP}}}manifest", {
        "identifier": identifier(path, lang), "version": "1.0",
        f"{{{XSI}}}schemaLocation": (f"{CP} imscp_rootv1p1p2.xsd {IMSMD} imsmd_rootv1p2p1.xsd "
                                     f"{ADLCP} adlcp_rootv1p2.xsd"),
    })
    metadata = _sub(root, f"{{{CP}}}metadata")
    _sub(metadata, f"{{{CP}}}schema", "ADL SCORM")
    _sub(metadata, f"{{{CP}}}schemaversion", "1.2")
    _lom(metadata, path.title_in(lang), path.description_in(lang), lang)
    org_id = f"ORG-{path.id}"
    organization = _sub(_sub(root, f"{{{CP}}}organizations", default=org_id),
                        f"{{{CP}}}organization", identifier=org_id)
    _sub(organization, f"{{{CP}}}title", path.title_in(lang))
    resources = _sub(root, f"{{{CP}}}resources")
    for module in modules:
        item = _sub(organization, f"{{{CP}}}item", identifier=f"ITEM-{module.id}",
                    identifierref=f"RES-{module.id}", isvisible="true")
        _sub(item, f"{{{CP}}}title", module.title)
        _sub(item, f"{{{ADLCP}}}masteryscore", str(PASS_MARK))
        resource = _sub(resources, f"{{{CP}}}resource", identifier=f"RES-{module.id}",
                        type="webcontent", href=page_href(module.id),
                        **{f"{{{ADLCP}}}scormtype": "sco"})
        _sub(resource, f"{{{CP}}}file", href=page_href(module.id))
        _sub(resource, f"{{{CP}}}dependency", identifierref=SHARED_ID)
    assets = _sub(resources, f"{{{CP}}}resource", identifier=SHARED_ID, type="webcontent",
                  **{f"{{{ADLCP}}}scormtype": "asset"})
    for name in shared:
        _sub(assets, f"{{{CP}}}file", href=f"shared/{name}")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def files(path: LearningPath, lang: str, modules: Sequence[Module]) -> dict[str, bytes]:
    """Every file of the package by its path in the zip, the manifest first."""
    shared = shared_files("scorm12")
    out = {"imsmanifest.xml": manifest(path, lang, modules, list(shared))}
    out.update({name: (SCHEMAS / name).read_bytes() for name in SCHEMA_FILES})
    out.update({f"shared/{name}": data for name, data in shared.items()})
    for module in modules:
        out[page_href(module.id)] = module_page(module, "scorm12").encode("utf-8")
    return out


def packed_module(page: str, href: str, title: str) -> PackedModule:
    """What a module page carries, read back from its HTML."""
    found = _PAGE_DATA.search(page)
    if found is None:
        raise ValueError(f"{href}: not a module page of this platform")
    data = json.loads(found.group(1))
    return PackedModule(id=data["module"], title=title, lang=data["lang"], href=href,
                        questions=tuple(q["id"] for q in data["quiz"]))


def read(archive: dict[str, bytes]) -> PackageContents:
    """The modules of a SCORM package (its files by path), in the organization's order."""
    root = ET.fromstring(archive["imsmanifest.xml"])
    ns = {"cp": CP}
    hrefs = {r.get("identifier"): r.get("href") for r in root.iterfind("cp:resources/cp:resource", ns)}
    organizations = root.find("cp:organizations", ns)
    assert organizations is not None
    default = organizations.get("default")
    organization = next(o for o in organizations.iterfind("cp:organization", ns)
                        if o.get("identifier") == default)
    modules = []
    for item in organization.iterfind("cp:item", ns):
        href = hrefs[item.get("identifierref")] or ""
        modules.append(packed_module(archive[href].decode("utf-8"), href,
                                     item.findtext("cp:title", "", ns)))
    return PackageContents(identifier=root.get("identifier", ""),
                           title=organization.findtext("cp:title", "", ns), modules=tuple(modules))
