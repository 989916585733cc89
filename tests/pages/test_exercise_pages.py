"""The exercise room through app.py (AppTest): catalogue, desk, actions, debrief, refusals."""

from __future__ import annotations

import json

import pytest

from tests.pages.helpers import (
    KNOWN_COMPANY,
    act,
    as_instructor,
    as_trainee,
    reopen_desk,
    start_wildlife,
    texts,
)

pytestmark = pytest.mark.usefixtures("app_db")


def test_desk_shows_the_briefing_clock_and_resources():
    at = start_wildlife(as_trainee())
    assert at.title[0].value == "The Ivory Corridor: Niassa to Hai Phong"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Day"] == "0.0 / 90"
    assert "Niassa Special Reserve" in texts(at)


def test_actions_refused_and_accepted_are_explained():
    at = act(start_wildlife(as_trainee()), "request_notice",
             {"notice.colour": "silver", "notice.subject.silver": KNOWN_COMPANY})
    assert "Refused" in at.error[0].value
    assert "no known account or asset of this subject" in at.error[0].value
    at.button(key="desk.advance.7").click().run()
    assert {m.label: m.value for m in at.metric}["Day"] == "7.0 / 90"
    assert len(at.success) == 1  # the accepted advance is confirmed
    at.session_state["desk.tab"] = "Timeline"
    at.run()
    logged = at.dataframe[0].value.iloc[0]  # the decision log says what was asked, in words
    assert logged["Decision"].startswith("Request a notice — Notice: Silver Notice (pilot) · Subject: ")
    assert KNOWN_COMPANY not in logged["Decision"]  # the subject by name, not by id


def test_an_incomplete_action_is_not_sent():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("seizure").run()
    at.button(key="actions.submit.seizure").click().run()
    assert at.warning[0].value == "Please fill in every field first."
    assert not at.error and not at.success


def test_debrief_is_locked_while_playing():
    at = start_wildlife(as_trainee())
    at.switch_page("pages/debrief.py").run()
    assert at.error[0].value == "The debrief opens when the exercise has ended."
    assert not at.get("vega_lite_chart") and not at.get("arrow_vega_lite_chart")


def test_instructor_cannot_open_the_trainee_desk():
    at = as_instructor()
    at.switch_page("pages/desk.py").run()
    assert at.error[0].value.startswith("Access refused")


def test_desk_without_an_exercise_points_to_the_catalogue():
    at = as_trainee()
    at.switch_page("pages/desk.py").run()
    assert at.info[0].value == "Choose an exercise first."


def test_no_hidden_truth_reaches_the_desk():
    """Names of network members the trainee has not found appear nowhere in what the
    server sends for the desk, on any tab (charts included)."""
    from academy.exercises import cohort_seed
    from engine.exercise import Exercise
    from engine.loader import load_scenario

    scenario = load_scenario("scenarios/wildlife-ivory-corridor.yaml")
    truth = Exercise(scenario, cohort_seed(1, scenario.id)).debrief()
    hidden = [m.label for m in truth.members if not m.known]
    known = Exercise(scenario, cohort_seed(1, scenario.id)).view().entities[0].label
    assert hidden, "the scenario should start with most of the network hidden"
    at = start_wildlife(as_trainee())
    sent = ""
    for tab in ("Briefing", "Inbox", "Link chart", "Map", "Timeline", "Notices", "Actions"):
        at.session_state["desk.tab"] = tab
        at.run()
        assert not at.exception
        sent += str([element.proto for element in at.main])  # every element, chart specs too
    assert known in sent  # the one company known at the start is shown
    assert [name for name in hidden if name in sent] == []


def test_a_french_trainee_reads_the_inbox_in_french():
    """Engine messages come through the catalogs; scenario text in the author's French.
    The items were filed while the desk was in English: the language is applied on display."""
    at = start_wildlife(as_trainee())
    act(at, "share_intel", {"share.country": "TZ"})
    at.button(key="desk.advance.7").click().run()
    at.session_state["desk.tab"] = "Inbox"
    at.run()
    english = [element.value for element in at.text]
    assert any(s.startswith("Tanzania thanks you and shares ") for s in english)  # by name
    at = reopen_desk("fr", "Boîte de réception")
    assert not at.exception
    inbox = [element.value for element in at.text]
    assert any(s.startswith("Le pays Tanzanie vous remercie et vous communique") for s in inbox), inbox
    assert not any("thanks you and shares" in s for s in inbox)
    assert any("réserve spéciale du Niassa" in s for s in inbox)  # the briefing, in French


def test_an_arabic_trainee_reads_the_scenario_in_arabic():
    """The shipped scenario's own Arabic: title, briefing, objectives and an MSEL inject,
    not the English fallback."""
    at = start_wildlife(as_trainee())
    at.button(key="desk.advance.7").click().run()  # the rangers' tip arrives on day 2
    at = reopen_desk("ar", "الإحاطة")
    assert not at.exception
    assert "ممر العاج: من نياسا إلى هاي فونغ" in at.title[0].value  # isolated (bidi marks)
    shown = texts(at)
    assert "محمية نياسا الخاصة" in shown  # the briefing
    assert "اعتراض تدفق العاج قبل أن يصل إلى السوق." in shown  # an objective
    assert "Niassa Special Reserve" not in shown
    at = reopen_desk("ar", "البريد الوارد")
    inbox = "\n".join(element.value for element in at.text) + texts(at)
    assert "أوقف الحراس صيادًا غير مشروع قرب المحمية" in inbox, inbox
    assert "Rangers arrested a poacher" not in inbox


def test_a_hypothesis_is_on_the_chart_as_soon_as_it_is_saved():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Link chart"
    at.run()
    at.text_input(key="desk.hyp.label").input("suspected front company")
    next(b for b in at.button if b.label == "Mark").click().run()
    assert not at.exception
    assert "suspected front company" in str([element.proto for element in at.main])


def test_a_half_filled_action_survives_a_look_at_another_tab():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("seizure").run()
    for tab in ("Inbox", "Link chart", "Actions"):
        at.session_state["desk.tab"] = tab
        at.run()
    assert at.radio(key="actions.kind").value == "seizure"


def test_the_desk_resumes_the_running_exercise_after_signing_in_again():
    first = start_wildlife(as_trainee())
    first.button(key="desk.advance.1").click().run()
    again = as_trainee()  # a new browser session: nothing chosen yet
    again.switch_page("pages/desk.py").run()
    assert not again.info or again.info[0].value != "Choose an exercise first."
    assert {m.label: m.value for m in again.metric}["Day"] == "1.0 / 90"



def test_changing_language_forgets_a_half_filled_action():
    """Streamlit keeps a radio's choice as its label: after a language change the old label
    matches nothing, so the form starts again in the new language instead of breaking."""
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("seizure").run()
    at.session_state["i18n.lang"] = "fr"
    at.run()  # the tabs now have French names: the desk shows its first tab
    at.session_state["desk.tab"] = "Mesures"  # the Actions tab, in French
    at.run()  # the stored choice "seizure" was made on an English form
    assert not at.exception
    assert at.session_state["desk.actions_lang"] == "fr"
    shown = [c.value for c in at.caption]
    assert any(c.startswith("Interrogez une source") for c in shown)  # the first kind, anew
    assert not any(c.startswith("Demandez à un partenaire d'intercepter") for c in shown)



def test_a_seen_concealment_method_can_be_named_in_a_purple_notice():
    """Once a seizure has shown the method, the notice form offers it by name; not before."""
    from engine.exercise import Exercise
    from engine.loader import load_scenario
    from ui.desk import scenario_names

    scenario = load_scenario("scenarios/wildlife-ivory-corridor.yaml")
    method = scenario.concealments[0]
    exercise = Exercise(scenario, 7)
    assert method.id not in scenario_names(scenario, exercise.view(), "en")
    exercise.sim.knowledge.concealments.add(method.id)  # what a seizure records
    names = scenario_names(scenario, exercise.view(), "fr")
    assert names[method.id] == f"{method.label['fr']} (méthode de dissimulation)"


def test_an_accepted_action_clears_its_form():
    """A second click would send it again: after it is accepted the fields start empty."""
    at = start_wildlife(as_trainee())
    act(at, "share_intel", {"share.country": "TZ"})
    assert at.success  # accepted
    assert at.radio(key="actions.kind").value == "share_intel"  # the kind stays chosen
    assert at.selectbox(key="actions.share.country").value is None


def test_partner_countries_are_offered_by_name():
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    for kind, key in (("share_intel", "actions.share.country"),
                      ("case_meeting", "actions.meeting.countries")):
        at.radio(key="actions.kind").set_value(kind).run()
        widget = at.selectbox(key=key) if kind == "share_intel" else at.multiselect(key=key)
        shown = list(widget.options)  # the labels the trainee reads
        assert "Tanzania" in " ".join(shown) and "TZ" not in shown, shown


def test_a_diffusion_is_sent_from_the_desk_and_listed_with_its_countries():
    """The diffusion form: purpose, subject, the countries; the engine's refusal names its
    rule, and the Notices tab lists the request as a diffusion to those countries."""
    at = start_wildlife(as_trainee())
    at.button(key="desk.advance.7").click().run()  # the ranger tip-off names a driver
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("request_diffusion").run()
    at.selectbox(key="actions.diff.purpose").set_value("information").run()
    subject = at.selectbox(key="actions.diff.s.information")
    assert subject.options  # the people in the case file
    subject.set_value(subject.options[0]).run()
    at.multiselect(key="actions.diff.countries").set_value(["TZ"]).run()
    at.button(key="actions.submit.request_diffusion").click().run()
    assert not at.exception
    assert "Green" in at.error[0].value  # no basis on a name from the briefing alone
    at.session_state["desk.tab"] = "Notices"
    at.run()
    row = at.dataframe[0].value.iloc[0]
    assert row["Notice"] == "Diffusion to Tanzania (Green Notice rules)"


def test_the_debrief_in_the_menu_opens_the_latest_finished_exercise(app_db):
    """A user trial: a trainee signed in again with one exercise finished and one running
    clicked "Debrief" in the menu and read "Not found, or not yours to see"."""
    from tests.pages.helpers import play_to_end

    play_to_end(app_db, {"kind": "advance", "days": 1})
    at = start_wildlife(as_trainee())  # a second one, running
    fresh = as_trainee()  # signed in again: no exercise chosen
    fresh.switch_page("pages/debrief.py").run()
    assert not fresh.exception and not fresh.error, [e.value for e in fresh.error]
    assert fresh.title[0].value.startswith("Debrief")
    assert at.session_state["desk.exercise"]  # the running one stays the desk's


def test_the_debrief_in_the_menu_before_any_exercise_ended_says_when_it_opens():
    at = as_trainee()
    at.switch_page("pages/debrief.py").run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert at.info[0].value == "The debrief opens when the exercise has ended."


def _chart_specs(at) -> list[dict]:  # type: ignore[no-untyped-def]
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_the_link_chart_speaks_the_readers_language():
    """A trial: the link chart's legend read "type · person · company …" on French and
    Arabic desks. The legend, its values and the tooltips' titles are the reader's words."""
    start_wildlife(as_trainee())
    at = reopen_desk("fr", "Graphe relationnel")
    assert not at.exception
    colour = next(layer["encoding"]["color"] for layer in _chart_specs(at)[0]["layer"]
                  if "color" in layer.get("encoding", {}))
    assert colour["title"] == "Type"
    assert "personne" in colour["scale"]["domain"] and "person" not in colour["scale"]["domain"]
    titles = {tip.get("title") for layer in _chart_specs(at)[0]["layer"]
              for tip in layer.get("encoding", {}).get("tooltip", []) if isinstance(tip, dict)}
    assert {"Nom", "Cotation"} <= titles and not titles & {"label", "grade", "source", "type"}


def test_the_notice_form_offers_only_subjects_its_colour_can_name():
    """A trial: Purple offered a company, then refused it ("must name a known concealment or
    vessel"). The form offers what the colour's rule accepts (engine.notices.subject_kinds):
    at the start the case file holds one company, which a Silver Notice may name, a Red not."""
    at = start_wildlife(as_trainee())
    at.session_state["desk.tab"] = "Actions"
    at.run()
    at.radio(key="actions.kind").set_value("request_notice").run()
    at.selectbox(key="actions.notice.colour").set_value("silver").run()
    assert len(at.selectbox(key="actions.notice.subject.silver").options) == 1
    for colour in ("red", "purple"):
        at.selectbox(key="actions.notice.colour").set_value(colour).run()
        assert not at.exception
        assert at.selectbox(key=f"actions.notice.subject.{colour}").options == []
