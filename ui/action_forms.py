"""One form per engine action, in the trainee's words.

Each form builds the action as plain data and hands it to ``ui.desk.act``; the engine
decides and explains. Choices are limited to what the trainee knows, so a form cannot
leak a hidden entity.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from engine.records import Outcome, TraineeView
from ui.i18n import current_language, t
from ui.text import plain

NOTICE_COLOURS = ["red", "blue", "green", "purple", "silver", "yellow", "black", "orange"]
PURPOSES = ["arrest", "locate", "warn", "modus_operandi", "assets", "missing_person",
            "unidentified_body", "imminent_threat"]
GROUNDS = ["ordinary_crime", "political", "military", "religious", "racial"]

Submit = Callable[[dict[str, Any]], Outcome | None]


def _rationale(key: str) -> str | None:
    text = st.text_area(t("actions.rationale"), key=f"{key}.why", max_chars=2000, height=68)
    return text.strip() or None


def _pick(label: str, options: list[str], names: dict[str, str], key: str) -> str | None:
    return st.selectbox(label, options, format_func=lambda o: names.get(o, o), key=key,
                        index=None, placeholder=t("actions.choose"))


LANG_KEY = "desk.actions_lang"  # the language the form's choices were stored in


def keep() -> None:
    """Streamlit forgets a widget's value on a run that does not draw it (the Actions tab is
    drawn only when open): set the values again as plain state on every run, so the form is
    as the trainee left it when they come back (buttons hold no value and are left out)."""
    for key in [k for k in st.session_state
                if str(k).startswith("actions.") and not str(k).startswith("actions.submit.")]:
        st.session_state[key] = st.session_state[key]


def render(view: TraineeView, names: dict[str, str], submit: Submit) -> None:
    info = view.actions
    if st.session_state.get(LANG_KEY) != (lang := current_language()):
        # Streamlit stores a choice as its label: after a language change the old labels
        # match nothing, so the form starts again rather than hold words of another language
        for key in [k for k in st.session_state if str(k).startswith("actions.")]:
            del st.session_state[key]
        st.session_state[LANG_KEY] = lang
    kinds = ["request_intel", "request_warrant", "request_notice", "inspection", "seizure",
             "controlled_delivery", "arrest", "share_intel", "case_meeting"]
    kind = st.radio(t("actions.choose_kind"), kinds, format_func=lambda k: t(f"actions.{k}"),
                    key="actions.kind", horizontal=True)
    st.caption(t(f"actions.{kind}_help"))
    with st.container(border=True):  # not a form: later fields depend on earlier choices
        action = FORMS[kind](view, info, names)
        action["rationale"] = _rationale(f"actions.{kind}")
        # a plain button, not a callback: the click carries the values on screen right now
        if st.button(t("actions.submit"), type="primary", key=f"actions.submit.{kind}"):
            if any(v is None for k, v in action.items() if k != "rationale"):
                st.warning(t("actions.missing"))
            else:
                outcome = submit({"kind": kind, **action})
                if outcome is not None and outcome.accepted:  # done: a second click would
                    for key in [k for k in st.session_state  # send it again
                                if str(k).startswith("actions.") and k != "actions.kind"]:
                        del st.session_state[key]
                st.rerun()  # redraw the whole desk with the result


def _intel(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    sources = {s.id: s for s in info.sources}
    source = st.selectbox(
        t("actions.source"), list(sources), key="actions.intel.source",
        format_func=lambda s: t("actions.source_line", label=names.get(s, sources[s].label),
                                cost=sources[s].cost, delay=sources[s].delay_days,
                                grade=sources[s].reliability,
                                covers=", ".join(t("entity." + x) for x in sources[s].targets)))
    allowed = set(sources[source].targets) if source else set()
    targets = [e.id for e in view.entities if e.type in allowed]
    if "location" in allowed:
        targets += [loc.id for loc in view.locations]
    return {"source": source, "target": _pick(t("actions.target"), targets, names,
                                              "actions.intel.target")}


def _subject(types: tuple[str, ...]) -> Callable[..., dict[str, Any]]:
    def form(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
        options = [e.id for e in view.entities if e.type in types]
        return {"subject": _pick(t("actions.subject"), options, names, f"actions.{types[0]}.s")}
    return form


def _notice(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    colour = st.selectbox(t("actions.colour"), NOTICE_COLOURS, key="actions.notice.colour",
                          format_func=lambda c: t(f"notice.{c}"))
    options = [e.id for e in view.entities if e.type in ("person", "company", "vessel")]
    options += list(info.concealments)
    subject = _pick(t("actions.subject"), options, names, "actions.notice.subject")
    entity = next((e for e in view.entities if e.id == subject), None)
    if entity is not None:
        st.caption(t("actions.identifiers") + ": " +
                   (plain(", ".join(f"{k}: {v}" for k, v in entity.attributes.items())) or "—"))
        warrant = t("actions.warrant_yes") if subject in info.warrants else t("actions.warrant_no")
        st.caption(t("actions.warrant") + ": " + warrant)
    # the purpose a request of this colour usually states; the trainee may still change it
    purpose = st.selectbox(t("actions.purpose"), PURPOSES, key=f"actions.notice.purpose.{colour}",
                           index=NOTICE_COLOURS.index(colour),
                           format_func=lambda p: t(f"purpose.{p}"))
    grounds = st.selectbox(t("actions.grounds"), GROUNDS, key="actions.notice.grounds",
                           format_func=lambda g: t(f"grounds.{g}"))
    return {"colour": colour, "subject": subject, "purpose": purpose, "grounds": grounds}


def _window(view: TraineeView, key: str) -> dict[str, Any]:
    start = st.number_input(t("actions.start_day"), min_value=float(round(view.day, 1)),
                            max_value=float(view.duration_days), value=float(round(view.day, 1)),
                            step=1.0, key=f"{key}.start")
    days = st.slider(t("actions.days"), 1, 30, 7, key=f"{key}.days")
    return {"start_day": start, "days": float(days)}


def _inspection(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    location = _pick(t("actions.location"), list(info.locations), names, "actions.insp.loc")
    return {"location": location, **_window(view, "actions.insp")}


def _seizure(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    shipment = _pick(t("actions.shipment"), list(info.shipments), names, "actions.seize.ship")
    location = _pick(t("actions.location"), list(info.locations), names, "actions.seize.loc")
    return {"shipment": shipment, "location": location, **_window(view, "actions.seize")}


def _controlled(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    return {"shipment": _pick(t("actions.shipment"), list(info.shipments), names,
                              "actions.cd.ship")}


def _share(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    return {"country": st.selectbox(t("actions.country"), info.partner_countries,
                                    key="actions.share.country", index=None,
                                    placeholder=t("actions.choose"))}


def _meeting(view: TraineeView, info: Any, names: dict[str, str]) -> dict[str, Any]:
    countries = st.multiselect(t("actions.countries"), info.partner_countries,
                               key="actions.meeting.countries")
    return {"countries": countries or None}


FORMS: dict[str, Callable[..., dict[str, Any]]] = {
    "request_intel": _intel,
    "request_warrant": _subject(("person",)),
    "request_notice": _notice,
    "inspection": _inspection,
    "seizure": _seizure,
    "controlled_delivery": _controlled,
    "arrest": _subject(("person",)),
    "share_intel": _share,
    "case_meeting": _meeting,
}
