"""One form per engine action, in the trainee's words.

Each form builds the action as plain data and hands it to ``ui.desk.act``; the engine
decides and explains. Choices are limited to what the trainee knows, so a form cannot
leak a hidden entity.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from academy import catalogs
from engine.actions import RATIONALE_MAX
from engine.messages import country_name
from engine.notices import subject_kinds
from engine.records import Outcome, TraineeView
from engine.tariff import Quote
from ui import bounded
from ui.choice import prompt
from ui.i18n import current_language, labelled, num, t
from ui.text import plain

NOTICE_COLOURS = ["red", "blue", "green", "purple", "silver", "yellow", "black", "orange"]
PURPOSES = ["arrest", "locate", "warn", "modus_operandi", "assets", "missing_person",
            "unidentified_body", "imminent_threat"]
DIFFUSION_PURPOSES = ["arrest", "locate", "information", "modus_operandi"]
GROUNDS = ["ordinary_crime", "political", "military", "religious", "racial"]

Submit = Callable[[dict[str, Any]], Outcome | None]
Pricer = Callable[[dict[str, Any]], Quote]


@dataclass(frozen=True)
class Fill:
    """Where a form keeps its widgets' state (``prefix``) and the values it starts with: the
    desk's empty form under ``actions``, a debrief's what-if under a key of its own per
    decision, prefilled with that decision (one key per decision: a keyed widget keeps the
    value it holds and ignores a new default, so a shared key would show the first one)."""

    prefix: str = "actions"
    values: Mapping[str, Any] = field(default_factory=dict)

    def key(self, name: str) -> str:
        return f"{self.prefix}.{name}"

    def index(self, options: list[Any], name: str) -> int | None:
        value = self.values.get(name)
        return options.index(value) if value in options else None

    def start(self, name: str, value: Any) -> str:
        """The key of a widget whose first value is ``value``, put in Session State once;
        the widget then takes it from there and is given no default of its own. A widget
        takes its value from a default or from Session State, never both (the desk sets
        its form's values again as state on every run: ``keep``)."""
        key = self.key(name)
        if key not in st.session_state:
            st.session_state[key] = value
        return key


def _first(options: list[Any], fill: Fill, name: str) -> Any:
    """A choice's first value: the one ``fill`` holds, else the first option (none: None)."""
    return options[fill.index(options, name) or 0] if options else None


def _rationale(key: str, joint: bool = False) -> str | None:
    """The trainee's why. Alone, it is for their debrief; in a joint operation an action
    that becomes a request to another team carries it word for word to that team's
    Requests tab (and the control cell's): the label says who reads it."""
    label = t("actions.rationale_joint" if joint else "actions.rationale")
    text = bounded.text_area(label, key=f"{key}.why", limit=RATIONALE_MAX, height=68)
    return text.strip() or None


def _pick(label: str, options: list[str], names: dict[str, str], fill: Fill,
          name: str, key: str) -> str | None:
    st.session_state.setdefault(PICKS_KEY, set()).add(fill.key(key))  # emptied by clear()
    first = fill.index(options, name)
    return st.selectbox(label, options, format_func=lambda o: names.get(o, o),
                        key=fill.start(key, None if first is None else options[first]),
                        index=None, placeholder=t("actions.choose"))


LANG_KEY = "desk.actions_lang"  # the language the form's choices were stored in


def keep() -> None:
    """Streamlit forgets a widget's value on a run that does not draw it (the Actions tab is
    drawn only when open): set the values again as plain state on every run, so the form is
    as the trainee left it when they come back (buttons hold no value and are left out)."""
    for key in [k for k in st.session_state
                if str(k).startswith("actions.") and not str(k).startswith("actions.submit.")]:
        st.session_state[key] = st.session_state[key]


CLEAR_KEY = "desk.actions_clear"  # the last action was carried out: start the form again
PICKS_KEY = "desk.actions_picks"  # the keys of the choices that start empty ("choose…")


def clear() -> None:
    """Empty the form before its widgets are drawn. Each choice is *set* empty, not deleted:
    a browser keeps showing (and sends back with the next click) the value of a widget whose
    key was only deleted on the server, so the same request could go out twice."""
    for key in [k for k in st.session_state if str(k).startswith("actions.")
                and k != "actions.kind" and not str(k).startswith("actions.submit.")]:
        if isinstance(st.session_state[key], list):
            st.session_state[key] = []
        elif str(key).endswith(".why"):
            st.session_state[key] = ""
        elif key in st.session_state.get(PICKS_KEY, ()):
            st.session_state[key] = None  # "choose…" again
        else:  # a choice with a default (a colour, a source), numbers, sliders
            del st.session_state[key]


def price(quote: Quote) -> str:
    """What an action costs and when its answer comes, as the engine quotes it."""
    counted = f"actions.cost_{quote.unit}"  # a unit the catalogs count ("1 analyst-day")
    cost = (t(counted, cost=quote.cost)
            if counted in catalogs.catalog("en") else
            t("actions.cost", cost=num(quote.cost), unit=catalogs.unit(quote.unit, current_language())))
    if quote.team is not None:
        return f"{cost} · {t('actions.delay_team', country=country_name(quote.team, current_language()))}"
    if quote.delay is None:
        return f"{cost} · {t('actions.delay_now')}"
    low, mode, high = quote.delay
    if low == high:
        return f"{cost} · {t('actions.delay_fixed', days=low)}"
    return f"{cost} · {t('actions.delay', low=low, high=high, mode=mode)}"


def render(view: TraineeView, names: dict[str, str], submit: Submit, quote: Pricer,
           joint: bool = False) -> None:
    """The action forms; ``joint``: on a team desk of a joint operation (see ``_rationale``)."""
    info = view.actions
    if st.session_state.get(LANG_KEY) != (lang := current_language()):
        # Streamlit stores a choice as its label: after a language change the old labels
        # match nothing, so the form starts again rather than hold words of another language
        for key in [k for k in st.session_state if str(k).startswith("actions.")]:
            del st.session_state[key]
        st.session_state[LANG_KEY] = lang
    if st.session_state.pop(CLEAR_KEY, False):
        clear()
    kinds = list(FORMS)
    kind = st.radio(t("actions.choose_kind"), kinds, format_func=lambda k: t(f"actions.{k}"),
                    key="actions.kind", horizontal=True)
    st.caption(t(f"actions.{kind}_help"))
    with st.container(border=True):  # not a form: later fields depend on earlier choices
        action = FORMS[kind](view, info, names, Fill())
        action["rationale"] = _rationale(f"actions.{kind}", joint)
        st.caption(price(quote({"kind": kind, **action})), help=t("actions.price_help"))
        # a plain button, not a callback: the click carries the values on screen right now
        if st.button(t("actions.submit"), type="primary", key=f"actions.submit.{kind}"):
            if missing(action):
                st.warning(t("actions.missing"))
            elif not bounded.fits((action["rationale"], RATIONALE_MAX)):
                st.error(bounded.limit_error(action["rationale"], RATIONALE_MAX),
                         icon=":material/error:")
            else:
                outcome = submit({"kind": kind, **action})
                if outcome is not None and outcome.accepted:  # done: a second click would
                    st.session_state[CLEAR_KEY] = True  # send it again: empty the form
                st.rerun()  # redraw the whole desk with the result


def _intel(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    sources = {s.id: s for s in info.sources}
    source = st.selectbox(
        t("actions.source"), list(sources),
        key=fill.start("intel.source", _first(list(sources), fill, "source")),
        format_func=lambda s: t("actions.source_line", label=names.get(s, sources[s].label),
                                cost=sources[s].cost, delay=sources[s].delay_days,
                                grade=sources[s].reliability,
                                covers=", ".join(t("entity." + x) for x in sources[s].targets)),
                          placeholder=prompt(list(sources)))
    allowed = set(sources[source].targets) if source else set()
    targets = [e.id for e in view.entities if e.type in allowed]
    if "location" in allowed:
        targets += [loc.id for loc in view.locations]
    return {"source": source, "target": _pick(t("actions.target"), targets, names, fill,
                                              "target", "intel.target")}


def _subject(types: tuple[str, ...]) -> Callable[..., dict[str, Any]]:
    def form(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
        options = [e.id for e in view.entities if e.type in types]
        return {"subject": _pick(t("actions.subject"), options, names, fill, "subject",
                                 f"{types[0]}.s")}
    return form


def _notice(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    colour = st.selectbox(t("actions.colour"), NOTICE_COLOURS,
                          key=fill.start("notice.colour", _first(NOTICE_COLOURS, fill, "colour")),
                          format_func=lambda c: t(f"notice.{c}"),
                          placeholder=prompt(NOTICE_COLOURS))
    kinds = subject_kinds(colour)  # only what the colour's rule accepts
    options = [e.id for e in view.entities if e.type in kinds]
    options += list(info.concealments) if "concealment" in kinds else []
    subject = _pick(t("actions.subject"), options, names, fill, "subject",
                    f"notice.subject.{colour}")
    entity = next((e for e in view.entities if e.id == subject), None)
    if entity is not None:
        st.caption(labelled(t("actions.identifiers"), plain(", ".join(
            f"{k}: {v}" for k, v in entity.attributes.items())) or "—"))
        warrant = t("actions.warrant_yes") if subject in info.warrants else t("actions.warrant_no")
        st.caption(labelled(t("actions.warrant"), warrant))
    # the purpose a request of this colour usually states; the trainee may still change it
    usual = NOTICE_COLOURS.index(colour)
    chosen = usual if fill.values.get("colour") != colour else fill.index(PURPOSES, "purpose") or usual
    purpose = st.selectbox(t("actions.purpose"), PURPOSES,
                           key=fill.start(f"notice.purpose.{colour}", PURPOSES[chosen]),
                           format_func=lambda p: t(f"purpose.{p}"), placeholder=prompt(PURPOSES))
    grounds = st.selectbox(t("actions.grounds"), GROUNDS,
                           key=fill.start("notice.grounds", _first(GROUNDS, fill, "grounds")),
                           format_func=lambda g: t(f"grounds.{g}"), placeholder=prompt(GROUNDS))
    return {"colour": colour, "subject": subject, "purpose": purpose, "grounds": grounds}


def _diffusion(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    """A diffusion: its purpose (the matching notice's rules), its subject, the countries."""
    purpose = st.selectbox(t("actions.purpose"), DIFFUSION_PURPOSES,
                           key=fill.start("diff.purpose", _first(DIFFUSION_PURPOSES, fill, "purpose")),
                           format_func=lambda p: t(f"purpose.{p}"),
                           placeholder=prompt(DIFFUSION_PURPOSES))
    if purpose == "modus_operandi":
        options = [e.id for e in view.entities if e.type == "vessel"] + list(info.concealments)
    else:
        options = [e.id for e in view.entities if e.type == "person"]
    subject = _pick(t("actions.subject"), options, names, fill, "subject", f"diff.s.{purpose}")
    partners = list(info.partner_countries)
    countries = st.multiselect(t("actions.countries"), partners, placeholder=prompt(partners),
                               key=fill.start("diff.countries",
                                              [c for c in fill.values.get("countries") or []
                                               if c in partners]),
                               format_func=lambda c: names.get(c, c))
    grounds = st.selectbox(t("actions.grounds"), GROUNDS,
                           key=fill.start("diff.grounds", _first(GROUNDS, fill, "grounds")),
                           format_func=lambda g: t(f"grounds.{g}"), placeholder=prompt(GROUNDS))
    return {"purpose": purpose, "subject": subject, "countries": countries or None,
            "grounds": grounds}


def _window(view: TraineeView, fill: Fill, key: str) -> dict[str, Any]:
    # today, to the tenth the box shows, rounded up: 8.63 offers 8.7, never 8.6 (gone by)
    first, last = math.ceil(round(view.day * 10, 6)) / 10, float(view.duration_days)
    start_key = fill.start(f"{key}.start", float(fill.values.get("start_day", first)))
    st.session_state[start_key] = min(max(st.session_state[start_key], first), last)  # today on
    start = st.number_input(t("actions.start_day"), min_value=first, max_value=last,  # at least
                            step=1.0, key=start_key)
    days = st.slider(t("actions.days"), 1, 30,
                     key=fill.start(f"{key}.days", int(fill.values.get("days", 7))))
    return {"start_day": start, "days": float(days)}


def _inspection(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    location = _pick(t("actions.location"), list(info.locations), names, fill, "location",
                     "insp.loc")
    return {"location": location, **_window(view, fill, "insp")}


def _seizure(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    shipment = _pick(t("actions.shipment"), list(info.shipments), names, fill, "shipment",
                     "seize.ship")
    location = _pick(t("actions.location"), list(info.locations), names, fill, "location",
                     "seize.loc")
    return {"shipment": shipment, "location": location, **_window(view, fill, "seize")}


def _controlled(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    ship = _pick(t("actions.shipment"), list(info.shipments), names, fill, "shipment", "cd.ship")
    route = next((e.attributes.get("route") for e in view.entities if e.id == ship), None)
    if isinstance(route, list):  # every state on the route as the case file holds it
        country = {loc.id: loc.country for loc in view.locations}
        states = dict.fromkeys(country[x] for x in route if x in country)
        st.caption(t("actions.cd_states", countries=", ".join(names.get(c, c) for c in states)))
    return {"shipment": ship}


def _share(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    return {"country": _pick(t("actions.country"), list(info.partner_countries), names, fill,
                             "country", "share.country")}


def _meeting(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    partners = list(info.partner_countries)
    countries = st.multiselect(t("actions.countries"), partners, placeholder=prompt(partners),
                               key=fill.start("meeting.countries",
                                              [c for c in fill.values.get("countries") or []
                                               if c in partners]),
                               format_func=lambda c: names.get(c, c))
    return {"countries": countries or None}


def _forensics(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    menu = {a[0]: a[2] for a in info.analyses}  # id -> what it examines (goods | phone)
    analysis = st.selectbox(t("actions.analysis"), list(menu),
                            key=fill.start("forensic.analysis", _first(list(menu), fill, "analysis")),
                            format_func=lambda a: names.get(a, a), placeholder=prompt(list(menu)))
    items = list(info.in_custody if menu.get(analysis) == "phone" else info.seized)
    if not items:
        st.caption(t("actions.nothing_to_examine"))
    return {"analysis": analysis,
            "item": _pick(t("actions.item"), items, names, fill, "item", f"forensic.item.{analysis}")}


def _team(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    return {}  # nothing to choose: the caption says what the team does and costs


def _money_subject(types: tuple[str, ...], key: str) -> Callable[..., dict[str, Any]]:
    def form(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
        options = [e.id for e in view.entities if e.type in types]
        return {"subject": _pick(t("actions.subject"), options, names, fill, "subject", key)}
    return form


def _freeze(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    options = [a for a in info.accounts if a not in info.frozen]
    return {"account": _pick(t("actions.account"), options, names, fill, "account",
                             "freeze.account")}


def _confiscate(view: TraineeView, info: Any, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    return {"account": _pick(t("actions.account"), list(info.frozen), names, fill, "account",
                             "confiscate.account")}


def fields(kind: str, view: TraineeView, names: dict[str, str], fill: Fill) -> dict[str, Any]:
    """The fields of one kind of action (without its kind and rationale), as on the desk."""
    return FORMS[kind](view, view.actions, names, fill)


def missing(action: dict[str, Any]) -> bool:
    """Whether a field the action needs is still empty (the rationale may be)."""
    return any(v is None for k, v in action.items() if k != "rationale")


FORMS: dict[str, Callable[..., dict[str, Any]]] = {
    "request_intel": _intel,
    "request_warrant": _subject(("person",)),
    "request_notice": _notice,
    "request_diffusion": _diffusion,
    "inspection": _inspection,
    "seizure": _seizure,
    "controlled_delivery": _controlled,
    "arrest": _subject(("person",)),
    "share_intel": _share,
    "case_meeting": _meeting,
    "request_forensics": _forensics,
    "request_support_team": _team,
    "request_fiu": _money_subject(("person", "company", "account"), "fiu.subject"),
    "trace_assets": _money_subject(("person", "company"), "trace.subject"),
    "freeze_assets": _freeze,
    "confiscate_assets": _confiscate,
}
