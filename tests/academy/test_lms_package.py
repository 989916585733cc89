"""LMS packages: the SCORM 1.2 manifest is valid against ADL's schemas, cmi5.xml follows the
cmi5 course structure, every file a manifest names is in the zip, and a package opens back
into the learning path's modules. Only instructors and admins may build one."""

from __future__ import annotations

import json
import posixpath
import re
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from academy import cmi5, lms_package, lms_page, scorm
from academy.curriculum import (
    Catalogue,
    Module,
    load_catalogue,
    render_markdown,
    split_sections,
)
from academy.errors import AcademyError
from academy.models import Role, User

CP, ADLCP, IMSMD = scorm.CP, scorm.ADLCP, scorm.IMSMD
NS = {"cp": CP, "adlcp": ADLCP, "imsmd": IMSMD, "c": cmi5.NS}


@cache
def catalogue() -> Catalogue:
    return load_catalogue()


def person(role: Role) -> User:
    return User(id=7, username=f"someone-{role}", display_name="Someone", role=role)


INSTRUCTOR = person(Role.instructor)


def build(path_id: str, lang: str, kind: lms_package.Kind) -> lms_package.Package:
    return lms_package.build(catalogue(), user=INSTRUCTOR, path_id=path_id, lang=lang, kind=kind)


PACKAGES = [(p.id, lang) for p in catalogue().paths for lang in lms_package.languages(catalogue())]


def schema_from_package(files: dict[str, bytes], tmp_path: Path) -> etree.XMLSchema:
    """ADL's SCORM 1.2 schemas as the package ships them, imported together (the manifest
    mixes the three namespaces, and imscp validates the others' elements strictly).

    Two changes, to the test's copies only, where libxml2 is stricter than the Xerces of
    ADL's own test suite: ims_xml.xsd binds the xml namespace as its default namespace
    (Namespaces in XML forbids it; nothing in the file uses the binding), and
    imsmd_rootv1p2p1.xsd's extension group accepts ``##any`` namespace after optional
    elements of its own namespace (not deterministic, so libxml2 refuses the schema): the
    copy says ``##other``, which only narrows what extensions may be. Packages ship the
    files unchanged, as every SCORM 1.2 package does."""
    for name in scorm.SCHEMA_FILES:
        (tmp_path / name).write_bytes(files[name])
    xml_xsd = tmp_path / "ims_xml.xsd"
    xml_xsd.write_bytes(xml_xsd.read_bytes().replace(
        b'xmlns="http://www.w3.org/XML/1998/namespace"', b"", 1))
    lom_xsd = tmp_path / "imsmd_rootv1p2p1.xsd"
    lom_xsd.write_bytes(lom_xsd.read_bytes().replace(b'namespace="##any"', b'namespace="##other"'))
    imports = "".join(f'<xsd:import namespace="{ns}" schemaLocation="{(tmp_path / name).as_uri()}"/>'
                      for ns, name in ((CP, "imscp_rootv1p1p2.xsd"), (ADLCP, "adlcp_rootv1p2.xsd"),
                                       (IMSMD, "imsmd_rootv1p2p1.xsd")))
    wrapper = ('<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
               f'targetNamespace="urn:nest:all">{imports}</xsd:schema>')
    return etree.XMLSchema(etree.fromstring(wrapper.encode()))


@pytest.mark.parametrize(("path_id", "lang"), PACKAGES)
def test_scorm_manifest_is_valid_against_the_adl_scorm_1_2_schemas(path_id, lang, tmp_path):
    files = lms_package.unzip(build(path_id, lang, "scorm12").data)
    schema = schema_from_package(files, tmp_path)
    manifest = etree.fromstring(files["imsmanifest.xml"])
    assert schema.validate(manifest), schema.error_log
    # the schema is not vacuous: a scormtype ADL does not define is refused
    broken = etree.fromstring(files["imsmanifest.xml"])
    broken.find(f".//{{{CP}}}resource").set(f"{{{ADLCP}}}scormtype", "lesson")
    assert not schema.validate(broken)
    broken = etree.fromstring(files["imsmanifest.xml"])
    del broken.find(f".//{{{CP}}}item").attrib["identifier"]  # an item must have one
    assert not schema.validate(broken)


@pytest.mark.parametrize(("path_id", "lang"), PACKAGES)
def test_scorm_package_structure(path_id, lang):
    package = build(path_id, lang, "scorm12")
    files = lms_package.unzip(package.data)
    assert next(iter(files)) == "imsmanifest.xml"  # at the root, first in the zip
    root = ET.fromstring(files["imsmanifest.xml"])
    assert root.findtext("cp:metadata/cp:schema", None, NS) == "ADL SCORM"
    assert root.findtext("cp:metadata/cp:schemaversion", None, NS) == "1.2"
    assert root.findtext("cp:metadata/imsmd:lom/imsmd:general/imsmd:language", None, NS) == lang
    # every schema file the manifest names is in the package
    locations = root.get("{http://www.w3.org/2001/XMLSchema-instance}schemaLocation").split()
    assert {locations[i + 1] for i in range(0, len(locations), 2)} <= set(files)
    # identifiers are unique across the manifest; references resolve
    ids = [e.get("identifier") for e in root.iter() if e.get("identifier")]
    assert len(ids) == len(set(ids))
    resources = {r.get("identifier"): r for r in root.iterfind("cp:resources/cp:resource", NS)}
    organizations = root.find("cp:organizations", NS)
    org = organizations.find(f"cp:organization[@identifier='{organizations.get('default')}']", NS)
    items = org.findall("cp:item", NS)
    path = catalogue().path(path_id)
    assert [i.get("identifierref") for i in items] == [f"RES-{m}" for m in path.modules]
    assert org.findtext("cp:title", None, NS) == path.title_in(lang)
    named: set[str] = set()
    for item in items:
        assert item.findtext("adlcp:masteryscore", None, NS) == "70"
        sco = resources[item.get("identifierref")]
        assert sco.get(f"{{{ADLCP}}}scormtype") == "sco" and sco.get("type") == "webcontent"
        assert sco.get("href") in files  # the launch file
        assert sco.get("href") in [f.get("href") for f in sco.iterfind("cp:file", NS)]
        for dependency in sco.iterfind("cp:dependency", NS):
            assert dependency.get("identifierref") in resources
    for resource in resources.values():
        for file in resource.iterfind("cp:file", NS):
            assert file.get("href") in files, file.get("href")
            named.add(file.get("href"))
    # nothing in the zip that no resource declares (beyond the manifest and its schemas)
    assert set(files) - named == {"imsmanifest.xml", *scorm.SCHEMA_FILES}
    assert package.modules == len(path.modules)


CMI5_MOVE_ON = {"Passed", "Completed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"}


@pytest.mark.parametrize(("path_id", "lang"), PACKAGES)
def test_cmi5_course_structure(path_id, lang):
    """cmi5 spec section 13 (course structure), checked element by element: no XSD of it is
    published on PyPI or npm."""
    files = lms_package.unzip(build(path_id, lang, "cmi5").data)
    assert next(iter(files)) == "cmi5.xml"
    root = ET.fromstring(files["cmi5.xml"])
    assert root.tag == f"{{{cmi5.NS}}}courseStructure"
    tags = [child.tag.split("}")[1] for child in root]
    assert tags[0] == "course" and set(tags[1:]) == {"au"}
    course = root.find("c:course", NS)
    assert re.match(r"^https://[^\s]+$", course.get("id"))
    assert [c.tag.split("}")[1] for c in course] == ["title", "description"]
    path = catalogue().path(path_id)
    assert course.findtext("c:title/c:langstring", None, NS) == path.title_in(lang)
    assert course.find("c:title/c:langstring", NS).get("lang") == lang
    aus = root.findall("c:au", NS)
    assert [au.get("id") for au in aus] == [cmi5.au_id(m) for m in path.modules]
    assert len({au.get("id") for au in aus} | {course.get("id")}) == len(aus) + 1
    for au in aus:
        assert set(au.attrib) <= {"id", "moveOn", "masteryScore", "launchMethod", "activityType"}
        assert re.match(r"^https://[^\s]+$", au.get("id"))
        assert au.get("moveOn") in CMI5_MOVE_ON and au.get("moveOn") == "CompletedAndPassed"
        assert 0 <= float(au.get("masteryScore")) <= 1 and float(au.get("masteryScore")) == 0.7
        assert au.get("launchMethod") in {"AnyWindow", "OwnWindow"}
        assert [c.tag.split("}")[1] for c in au] == ["title", "description", "url"]
        for text in ("title", "description"):
            assert au.findtext(f"c:{text}/c:langstring", "", NS).strip()
        url = au.findtext("c:url", None, NS)
        assert url in files and not re.match(r"^[a-z]+:", url)  # relative, in the zip
        for ref in re.findall(r'(?:src|href)="([^"]+)"', files[url].decode()):
            if not ref.startswith("#"):  # a footnote's anchor is in the page
                assert posixpath.normpath(posixpath.join(posixpath.dirname(url), ref)) in files


@pytest.mark.parametrize("kind", lms_package.KINDS)
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_package_round_trip_gives_back_the_paths_modules(kind, lang):
    path = catalogue().path("customs-officer")
    package = build(path.id, lang, kind)
    contents = lms_package.read(package.data)
    assert [m.id for m in contents.modules] == list(path.modules)
    assert contents.title == path.title_in(lang)
    for packed in contents.modules:
        module, _ = catalogue().module(packed.id, lang)
        assert (packed.title, packed.lang) == (module.title, module.lang)
        assert packed.questions == tuple(q.id for q in module.quiz)
        assert packed.href == f"modules/{packed.id}/index.html"
    # the same content gives the same bytes
    assert build(path.id, lang, kind).data == package.data


def test_a_module_page_carries_the_reading_and_the_whole_bank_with_its_key():
    module, _ = catalogue().module("intelligence-cycle", "fr")
    page = lms_page.module_page(module, "scorm12")
    assert '<html lang="fr" dir="ltr">' in page
    assert render_markdown(module.body) in page
    assert page.count('class="footnotes"') <= 1
    data = json.loads(re.search(r'id="nest-check">(.*?)</script>', page, re.S).group(1))
    assert [q["id"] for q in data["quiz"]] == [q.id for q in module.quiz]
    assert data["quiz"][0]["options"][0]["correct"] is module.quiz[0].options[0].correct
    assert (data["passMark"], data["shown"]) == (70, 5)
    assert data["words"]["submit"] == "Envoyer les réponses"
    assert '<script src="../../shared/scorm12.js"></script>' in page


def test_authored_markup_stays_inert_in_a_package_page():
    """A module written with raw HTML, or a prompt that tries to close the data script, does
    not put a script of its own in the page."""
    module, _ = catalogue().module("intelligence-cycle", "en")
    body = "## Reading\n\n<script>alert('body')</script>\n\n![x](http://example.org/x.png)\n"
    first = module.quiz[0].model_copy(update={"prompt": "</script><script>alert('q')</script>"})
    hostile = Module(**{**module.model_dump(exclude={"quiz", "sections", "body"}),
                        "quiz": (first, *module.quiz[1:]), "body": body,
                        "sections": split_sections(body)})
    page = lms_page.module_page(hostile, "cmi5")
    assert "alert" in page and "<script>alert" not in page
    assert "example.org" not in page  # an image is its alt text, never fetched
    assert page.count("<script") == 3 and page.count("</script>") == 3


@pytest.mark.parametrize("role", [Role.trainee, Role.country, None])
def test_only_instructors_and_admins_may_build_a_package(role):
    user = person(role) if role else None
    for kind in lms_package.KINDS:
        with pytest.raises(AcademyError) as refused:
            lms_package.build(catalogue(), user=user, path_id="analyst", lang="en", kind=kind)
        assert refused.value.code == "forbidden"
    admin = person(Role.admin)
    assert lms_package.build(catalogue(), user=admin, path_id="analyst", lang="en",
                             kind="cmi5").modules == 6


def test_an_unknown_path_or_language_is_not_found():
    for path_id, lang in (("no-such-path", "en"), ("analyst", "xx")):
        with pytest.raises(AcademyError) as refused:
            build(path_id, lang, "scorm12")
        assert refused.value.code == "not_found"


def test_an_arabic_module_page_reads_right_to_left_in_arabic_words():
    """Arabic content comes with issue 14's translation: a page in it is mirrored."""
    module, _ = catalogue().module("intelligence-cycle", "en")
    page = lms_page.module_page(module.model_copy(update={"lang": "ar"}), "cmi5")
    assert '<html lang="ar" dir="rtl">' in page
    assert "أهداف التعلّم" in page and "أرسل الإجابات" in page
