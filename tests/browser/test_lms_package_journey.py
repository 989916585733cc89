"""LMS packages played as an LMS plays them, in Chromium.

SCORM 1.2: the unzipped package is served beside a small LMS frame whose ``window.API`` is
scorm-again's SCORM 1.2 run-time; the SCO in the frame finds it through window.parent,
and a trainee reads the module and answers its check. cmi5: the AU is launched with the
cmi5 launch parameters against a tiny learning record store, and the statements it sends
are checked one by one as xAPI and as cmi5 requires.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import expect

from academy import cmi5, lms_package
from academy.curriculum import Module, load_catalogue
from academy.models import Role, User
from tests.browser.lms_fixtures import TOKEN, Lms, serve

pytestmark = pytest.mark.browser
INSTRUCTOR = User(id=3, username="teacher", display_name="Teacher", role=Role.instructor)
CATALOGUE = load_catalogue()


def unpack(root: Path, path_id: str, lang: str, kind: lms_package.Kind) -> dict[str, bytes]:
    package = lms_package.build(CATALOGUE, user=INSTRUCTOR, path_id=path_id, lang=lang, kind=kind)
    files = lms_package.unzip(package.data)
    for name, data in files.items():
        (root / "pkg" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "pkg" / name).write_bytes(data)
    return files


def answer(frame, module: Module, right: int) -> list[str]:  # type: ignore[no-untyped-def]
    """Answer the questions shown: the first ``right`` with their key, the rest wrongly.
    Returns the ids of the questions shown."""
    shown = frame.locator("fieldset[data-question]").evaluate_all(
        "sets => sets.map(s => s.dataset.question)")
    assert len(shown) == 5 and len(set(shown)) == 5
    bank = {q.id: q for q in module.quiz}
    for index, question_id in enumerate(shown):
        question = bank[question_id]
        chosen = ([o.id for o in question.options if o.correct] if index < right
                  else [next(o.id for o in question.options if not o.correct)])
        for option_id in chosen:
            frame.locator(f'label[for="q-{question_id}-{option_id}"]').click()
    frame.locator("#check-submit").click()
    return shown


def core(page) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return page.evaluate("""() => ({status: API.cmi.core.lesson_status,
        raw: API.cmi.core.score.raw, min: API.cmi.core.score.min, max: API.cmi.core.score.max,
        initialized: API.isInitialized(),
        terminated: API.isTerminated()})""")


def open_sco(page, lms: Lms, module_id: str):  # type: ignore[no-untyped-def]
    page.goto(f"{lms.url}/lms.html?sco=modules/{module_id}/index.html")
    frame = page.frame_locator("#sco")
    expect(frame.locator("html")).to_have_attribute("data-lms", "scorm12")
    return frame


def test_scorm_sco_reports_a_passed_check_with_its_score_to_the_lms(page, tmp_path, shot):
    unpack(tmp_path, "analyst", "fr", "scorm12")
    module, _ = CATALOGUE.module("intelligence-cycle", "fr")
    with serve(tmp_path) as lms:
        frame = open_sco(page, lms, module.id)
        assert core(page)["initialized"] and core(page)["status"] == "incomplete"
        expect(frame.locator("h1")).to_have_text(module.title)
        expect(frame.locator("#reading h2").first).to_have_text(module.sections[0].title)
        answer(frame, module, right=4)
        expect(frame.locator("#check-result")).to_have_attribute("data-state", "passed")
        expect(frame.locator("#check-result")).to_have_attribute("data-score", "80")
        shot(page, "lms-scorm-passed")
        assert {k: core(page)[k] for k in ("status", "raw", "min", "max")} == {
            "status": "passed", "raw": "80", "min": "0", "max": "100"}
        frame.locator("#check-finish").click()
        page.wait_for_function("() => API.isTerminated()")
        lms.wait_for(lambda: any(c["cmi"]["core"]["session_time"] for c in lms.commits))
        committed = [c["cmi"]["core"] for c in lms.commits]
    assert committed[-1]["lesson_status"] == "passed"
    assert re.fullmatch(r"\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?", committed[-1]["session_time"])
    assert committed[-1]["score"] == {"raw": "80", "min": "0", "max": "100"}


def test_scorm_sco_reports_a_failed_check_then_a_retry_that_passes(page, tmp_path):
    unpack(tmp_path, "customs-officer", "en", "scorm12")
    module, _ = CATALOGUE.module("wildlife-trafficking", "en")
    with serve(tmp_path) as lms:
        frame = open_sco(page, lms, module.id)
        first = answer(frame, module, right=3)  # 60 %: under the pass mark of 70 %
        expect(frame.locator("#check-result")).to_have_attribute("data-state", "failed")
        assert {k: core(page)[k] for k in ("status", "raw")} == {"status": "failed", "raw": "60"}
        frame.locator("#check-retry").click()
        second = answer(frame, module, right=5)
        assert not set(first) & set(second)  # a retry asks other questions of the bank
        expect(frame.locator("#check-result")).to_have_attribute("data-score", "100")
        assert {k: core(page)[k] for k in ("status", "raw")} == {"status": "passed", "raw": "100"}
        lms.wait_for(lambda: lms.commits[-1]["cmi"]["core"]["lesson_status"] == "passed")
        statuses = [c["cmi"]["core"]["lesson_status"] for c in lms.commits]
    assert statuses[0] == "incomplete" and "failed" in statuses and statuses[-1] == "passed"


# --- cmi5 ---------------------------------------------------------------------------

VERBS = {v: f"http://adlnet.gov/expapi/verbs/{v}"
         for v in ("initialized", "passed", "failed", "completed", "terminated")}
CMI5 = "https://w3id.org/xapi/cmi5/context/categories/cmi5"
MOVE_ON = "https://w3id.org/xapi/cmi5/context/categories/moveon"
SESSION = "https://w3id.org/xapi/cmi5/context/extensions/sessionid"
MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
DURATION = re.compile(r"^P(?:\d+(?:\.\d+)?[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$")
IRI = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$")


def launch(page, lms: Lms, files: dict[str, bytes], module_id: str) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """Launch the AU of ``module_id`` as the LMS would, from what cmi5.xml says of it."""
    root = ET.fromstring(files["cmi5.xml"])
    ns = {"c": cmi5.NS}
    au = next(a for a in root.iterfind("c:au", ns) if a.findtext("c:url", "", ns).endswith(
        f"/{module_id}/index.html"))
    course = root.find("c:course", ns)
    actor = {"objectType": "Agent", "name": "Amina Diallo",
             "account": {"homePage": "https://lms.centre.example", "name": "t-17"}}
    registration = str(uuid.uuid4())
    lms.launch_data.update({
        "contextTemplate": {
            "contextActivities": {"grouping": [{"id": course.get("id"), "objectType": "Activity"}]},
            "extensions": {SESSION: "session-42"}},
        "launchMode": "Normal", "moveOn": au.get("moveOn"),
        "masteryScore": float(au.get("masteryScore")), "returnURL": f"{lms.url}/returned.html"})
    params = {"endpoint": f"{lms.url}/xapi/", "fetch": f"{lms.url}/fetch",
              "actor": json.dumps(actor), "registration": registration,
              "activityId": au.get("id")}
    page.goto(f"{lms.url}/pkg/{au.findtext('c:url', '', ns)}?{urlencode(params)}")
    expect(page.locator("html")).to_have_attribute("data-lms", "cmi5")
    return {"actor": actor, "registration": registration, "activityId": au.get("id"),
            "course": course.get("id")}


def check_statement(statement: dict[str, Any], launched: dict[str, Any]) -> None:
    """xAPI 1.0.3 (statement structure) and cmi5 (defined statements) rules."""
    assert uuid.UUID(statement["id"]).variant == uuid.RFC_4122
    assert statement["actor"] == launched["actor"]
    verb = statement["verb"]
    assert verb["id"] in VERBS.values() and IRI.match(verb["id"])
    assert isinstance(verb["display"], dict) and verb["display"]
    assert statement["object"] == {"objectType": "Activity", "id": launched["activityId"]}
    assert datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00")).tzinfo
    context = statement["context"]
    assert context["registration"] == launched["registration"]
    assert context["extensions"][SESSION] == "session-42"  # the template, kept whole
    assert context["contextActivities"]["grouping"] == [
        {"id": launched["course"], "objectType": "Activity"}]
    categories = [c["id"] for c in context["contextActivities"]["category"]]
    assert CMI5 in categories and all(IRI.match(c) for c in categories)
    name = verb["id"].rsplit("/", 1)[1]
    assert (MOVE_ON in categories) == (name in ("passed", "failed", "completed"))
    result = statement.get("result", {})
    if name != "initialized":
        assert DURATION.match(result["duration"])
    if name in ("passed", "failed"):
        score = result["score"]
        assert -1 <= score["scaled"] <= 1 and score["min"] <= score["raw"] <= score["max"]
        assert score["scaled"] == score["raw"] / 100
        assert result["success"] is (name == "passed")
        assert context["extensions"][MASTERY] == 0.7
    if name == "completed":
        assert result["completion"] is True


@pytest.mark.parametrize(("right", "outcome", "scaled"), [(4, "passed", 0.8), (2, "failed", 0.4)])
def test_cmi5_au_sends_the_cmi5_statements_to_the_lrs(page, tmp_path, right, outcome, scaled):
    files = unpack(tmp_path, "analyst", "en", "cmi5")
    module, _ = CATALOGUE.module("network-analysis", "en")
    with serve(tmp_path) as lms:
        launched = launch(page, lms, files, module.id)
        answer(page, module, right=right)
        expect(page.locator("#check-result")).to_have_attribute("data-state", outcome)
        page.locator("#check-finish").click()
        expect(page.locator("#back")).to_be_visible()  # terminated, then the LMS's returnURL
        statements, headers = list(lms.statements), list(lms.statement_headers)
        assert lms.fetches == 1
        query = lms.state_queries[0]
    assert [s["verb"]["id"] for s in statements] == [
        VERBS["initialized"], VERBS[outcome], VERBS["completed"], VERBS["terminated"]]
    for statement in statements:
        check_statement(statement, launched)
    assert statements[1]["result"]["score"]["scaled"] == scaled
    assert all(h["Authorization"] == f"Basic {TOKEN}" for h in headers)
    assert all(h["X-Experience-API-Version"] == "1.0.3" for h in headers)
    assert query["stateId"] == ["LMS.LaunchData"]
    assert query["registration"] == [launched["registration"]]
    assert query["activityId"] == [launched["activityId"]]


# --- the download, through the app -------------------------------------------------


def test_an_instructor_downloads_both_packages_of_a_path_from_the_app(server, page, tmp_path):
    from tests.browser.steps import select, sign_in_staff, wait_idle

    sign_in_staff(page, server.url)
    page.get_by_role("link", name="Cohort debrief").click()
    expect(page.get_by_role("heading", name="Cohort debrief")).to_be_visible()
    page.get_by_text("LMS packages").click()
    select(page, "Learning path", "Customs and border officer")
    select(page, "Content language", "Français")
    wait_idle(page)
    path = CATALOGUE.path("customs-officer")
    for label, name in (("SCORM 1.2 package", "scorm12"), ("cmi5 (xAPI) package", "cmi5")):
        with page.expect_download() as download:
            page.get_by_role("button", name=label).click()
        assert download.value.suggested_filename == f"nest-customs-officer-fr-{name}.zip"
        saved = tmp_path / download.value.suggested_filename
        download.value.save_as(saved)
        contents = lms_package.read(saved.read_bytes())
        assert [m.id for m in contents.modules] == list(path.modules)
        assert contents.title == path.title_in("fr")
        assert {m.lang for m in contents.modules} == {"fr"}
