"""LMS packages on the cohort debrief page (AppTest from app.py): instructors and admins get
both packages of any learning path in any content language; trainees get nothing."""

from __future__ import annotations

import pytest

from academy.curriculum import load_catalogue
from tests.pages.helpers import as_admin, as_instructor, as_trainee, texts

PATHS = [p.title_in("en") for p in load_catalogue().paths]


@pytest.mark.usefixtures("app_db")
def test_instructors_and_admins_can_download_both_packages_of_every_path():
    for at in (as_instructor(), as_admin()):
        at.switch_page("pages/cohort.py").run()
        assert not at.exception
        assert [e.label for e in at.expander][0] == "LMS packages"
        assert at.selectbox(key="lms.path").options == PATHS
        assert {"English", "Français", "Español"} <= set(at.selectbox(key="lms.lang").options)
        buttons = {b.proto.label: b.proto for b in at.get("download_button")
                   if b.proto.id.endswith(("lms.download.scorm12", "lms.download.cmi5"))}
        assert set(buttons) == {"SCORM 1.2 package", "cmi5 (xAPI) package"}
        assert all(b.deferred_file_id for b in buttons.values())  # built on click only
        assert "answer keys" in texts(at)
        at.selectbox(key="lms.path").select("customs-officer").run()
        at.selectbox(key="lms.lang").select("fr").run()
        assert not at.exception
        assert (at.selectbox(key="lms.path").value, at.selectbox(key="lms.lang").value) == (
            "customs-officer", "fr")


@pytest.mark.usefixtures("app_db")
def test_the_lms_panel_speaks_the_instructors_language():
    at = as_instructor()
    at.selectbox(key="sidebar.language").select("fr").run()
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    assert [e.label for e in at.expander][0] == "Paquets pour LMS"
    labels = {b.proto.label for b in at.get("download_button")}
    assert {"Paquet SCORM 1.2", "Paquet cmi5 (xAPI)"} <= labels
    assert at.selectbox(key="lms.lang").value == "fr"  # content in the page's language first


@pytest.mark.usefixtures("app_db")
def test_trainees_get_no_lms_package():
    at = as_trainee()
    at.switch_page("pages/cohort.py").run()
    assert not at.exception
    assert at.error[0].value.startswith("Access refused")
    assert not at.get("download_button") and not at.expander
    assert "LMS" not in texts(at)
