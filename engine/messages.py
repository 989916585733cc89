"""Every sentence the engine writes into the trainee's inbox, in English, in one place.

An inbox item carries a message ``code`` and the ``params`` it was written from; its
``text`` is ``TEMPLATES[code].format(**params)``. The platform looks the same code up in
its catalogs (``inbox.<code>``) to show the item in the trainee's language, so a sentence
is worded once here and once per language there, never in the call sites.

Some values are themselves words, not names or numbers. A param then keeps its English
value (what the English template formats) and a companion saying how to translate it:

- ``<name>_i18n``: the scenario author's text in every language they wrote
  (``{"en": ..., "fr": ...}``) — source labels, the commodity, briefings, MSEL injects;
- ``<name>_msg``: a sub-message ``{"code", "params"}`` the value was rendered from
  (how a person was arrested, "nobody");
- ``<name>_parts``: sub-messages the value was joined from with ``TEMPLATES["sep.facts"]``
  (the facts of an intelligence report);
- ``<name>_term``: a catalog code for a word the scenario names by identifier
  (a relation such as ``sells_to``); English shows the identifier with spaces.

Who sent an item is said the same way: a fixed sender ("NCB KE", "Prosecutor") is a
``sender.<who>`` message kept as ``source_msg`` in the item's params (its English text is
the item's ``source``); a scenario's intelligence source comes as ``source_i18n``.

``render`` resolves all four against any language's templates, falling back to English
piece by piece, so a missing translation never hides a report.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any

from babel import Locale, UnknownLocaleError

Message = dict[str, Any]  # {"code": str, "params": dict[str, Any]}
Lookup = Callable[[str], Any]  # a language's template for a code (or None)
# fills a template with values: str.format in English; the platform's filler for other
# languages also chooses plural forms and writes numbers the language's way
Fill = Callable[[Any, Mapping[str, Any]], str]


def _format(template: Any, values: Mapping[str, Any]) -> str:
    return template.format(**values)


COMPANIONS = ("_i18n", "_msg", "_parts", "_term")

TEMPLATES: dict[str, str] = {
    # --- intelligence reports ------------------------------------------------------------
    "intel.nothing": "{source}: nothing of interest found on {target}.",
    "intel.report": "{source} on {target}: {facts}.",
    "sep.facts": "; ",
    "fact.nothing_new": "nothing new on {target}",
    "fact.associate": "{subject} {relation} / is linked to {other} ({country})",
    "fact.associate_by": "{other} ({country}) {relation} / is linked to {subject}",
    "fact.identifiers": "{subject}: born {born}, passport {passport} ({nationality})",
    "fact.location": "{subject} is currently in or near {place}",
    "fact.location_country": "{subject} is currently in {country}",
    "fact.phone": "{subject} uses {phone}",
    "fact.phone_contacts": "{subject} uses {phone}; {contacts} frequent contacts",
    "fact.account": "{subject} holds account {account}",
    "fact.vessel": "{subject} operates the vessel {vessel} ({imo})",
    "fact.shipment": (
        "shipment {shipment} of about {quantity:g} {unit} leaving around day {day:g} via {via}"
    ),
    "fact.shipment_container": (
        "shipment {shipment} of about {quantity:g} {unit} leaving around day {day:g} via {via}"
        " in container {container}"
    ),
    "fact.contact": "{target} is in regular contact with {other} ({country})",
    # a false lead on a place: a person or a firm seen there, not a port "in contact"
    "fact.place_contact": "{other} ({country}) is linked to recent activity at {target}",
    # --- interdiction: finds, seizures, controlled deliveries, notice alerts -------------
    "notice.border": "Notice alert: {subject} crossed into {country} at {place}.",
    "partner.cd_found": (
        "Shipment {shipment} found at {place} and left to run under surveillance"
        " (controlled delivery)."
    ),
    "partner.seizure": (
        "Seizure at {place}: {quantity:g} {unit} of {commodity} hidden in {concealment},"
        " shipment {shipment}. Named on the papers or arrested: {names}."
    ),
    "word.nobody": "nobody",
    "word.cargo": "cargo",
    "partner.cd_lost": "Surveillance of shipment {shipment} was lost near {place}.",
    "partner.cd_done": (
        "Controlled delivery of {shipment} completed at {place}: {quantity:g} {unit} seized"
        " on delivery; identified: {names}."
    ),
    "partner.cd_state_agreed": (
        "{country} agrees to a controlled delivery of shipment {shipment} across its territory."
    ),
    "partner.cd_state_refused": (
        "{country} refuses a controlled delivery of shipment {shipment} across its territory."
    ),
    "partner.cd_in_force": (
        "Controlled delivery of shipment {shipment} in force: every state on its route agreed"
        " ({countries}). If a control finds it, it will run on under surveillance."
    ),
    "partner.cd_refused": (
        "No controlled delivery of shipment {shipment}: refused by {refused} (agreed: {agreed})."
        " It needs the agreement of every state on the route (UNTOC art. 20; 1988 UN"
        " Convention art. 11): if a control finds the load, it will be seized."
    ),
    # --- arrests -------------------------------------------------------------------------
    "partner.arrest": "{subject}: {how}.",
    "arrest.red_border": "arrested on a Red Notice at {place}",
    "arrest.caught": "caught with the shipment at {place}",
    "arrest.receiving": "arrested receiving shipment {shipment}",
    "arrest.on_request": "arrested by {country} on your request",
    "arrest.by_home": "arrested by your national police on your request",
    "arrest.action_day": "arrested in {country} on the coordinated action day",
    "system.released": "{subject} was released: nothing links them to the case.",
    "partner.arrest_failed": "{country} could not arrest {subject}.",
    # --- partners' answers ---------------------------------------------------------------
    "partner.share_reply": "{country} thanks you and shares {n} name(s) from its files.",
    # --- a joint operation: what another team sends or answers (engine.joint) ----------
    "partner.team_shared": "{country} shares {n} item(s) of its file with you; handling: {handling}.",
    "partner.team_accepted": "{country} accepted your request {request}. {reason}",
    "partner.team_declined": "{country} declined your request {request}. {reason}",
    # --- a joint operation's case meeting and action day (engine.meetings, .action_day) -
    "meeting.convened": "Regional case meeting {meeting} is open with {countries}: put on the"
    " table what you choose from your file and the targets your team will own.",
    "meeting.closed": "Regional case meeting {meeting} closed: {n} element(s) tabled now in"
    " the shared file; agreed targets: {targets}.",
    "meeting.target": "{target} ({action}, {country})",
    "action_day.set": "The control cell set the coordinated action day: day {day:g}.",
    "action_day.arrested": "Action day: {target} arrested in {country}.",
    "action_day.released": "Action day: {target} arrested in {country}, then released:"
    " nothing links them to the case.",
    "action_day.already": "Action day: {target} was already in custody.",
    "action_day.not_found": "Action day: {target} was not found in {country}.",
    "action_day.fled": "Action day: {target} was not found in {country}. The network was"
    " tipped off by the arrest in {countries} on day {day:g} and {target} has left the country.",
    "action_day.watching": "Action day: {place} is watched for {target} until day {end:g}.",
    "action_day.closed": "Action day: the watch at {place} ended on day {end:g}; {target} was"
    " not encountered.",
    "notice.circulated": "INTERPOL has circulated a notice requested by {country} on {subject}.",
    "handling.share": "may be shared",
    "handling.share_conditions": "may be shared under conditions",
    "handling.no_share": "not to be shared",
    "partner.case_meeting": (
        "Regional investigative and analytical case meeting held with {countries}:"
        " {n} new names shared."
    ),
    "partner.inspection_agreed": (
        "{country} agrees: inspection at {place} from day {start:.1f} to {end:.1f}."
    ),
    "partner.seizure_agreed": (
        "{country} agrees: seizure at {place} from day {start:.1f} to {end:.1f}"
        " for shipment {shipment}."
    ),
    "partner.inspection_declined": "{country} declines the inspection at {place} (no capacity).",
    # a window that closed without a find: what the control team knows, never the truth
    "partner.inspection_closed": (
        "{country}: the inspection at {place} ended on day {end:.1f}; nothing was found."
    ),
    "partner.seizure_closed": (
        "{country}: the seizure at {place} ended on day {end:.1f}; shipment {shipment} was not"
        " encountered."
    ),
    "partner.seizure_declined": "{country} declines the seizure at {place} (no capacity).",
    # --- the team's own country: booked with its own services, not asked of a partner ----
    "home.inspection_agreed": (
        "Your national teams confirm the inspection at {place} from day {start:.1f} to"
        " {end:.1f}."
    ),
    "home.seizure_agreed": (
        "Your national teams confirm the seizure at {place} from day {start:.1f} to {end:.1f}"
        " for shipment {shipment}."
    ),
    "home.inspection_closed": (
        "Your national teams: the inspection at {place} ended on day {end:.1f}; nothing was"
        " found."
    ),
    "home.seizure_closed": (
        "Your national teams: the seizure at {place} ended on day {end:.1f}; shipment"
        " {shipment} was not encountered."
    ),
    "home.inspection_declined": (
        "Your national teams cannot carry out the inspection at {place} (no capacity)."
    ),
    "home.seizure_declined": (
        "Your national teams cannot carry out the seizure at {place} (no capacity)."
    ),
    "home.arrest_failed": "Your national police could not arrest {subject}.",
    "home.frozen": (
        "Your national authorities froze account {account}: {total:,.0f} USD held as proceeds."
    ),
    "home.freeze_declined": "Your national authorities did not freeze account {account}.",
    "home.cd_in_force": (
        "Controlled delivery of shipment {shipment} in force with your national teams: its"
        " route does not leave your country. If a control finds it, it will run on under"
        " surveillance."
    ),
    "notice.blue": "Blue Notice answer: {subject} ({nationality}) is located in {place}.",
    "notice.blue_country": "Blue Notice answer: {subject} ({nationality}) is located in {country}.",
    "notice.blue_no_trace": (
        "Blue Notice answer: no trace of {subject} in INTERPOL's member countries."
    ),
    "diffusion.located": "Diffusion answer from {country}: {subject} is located in {place}.",
    "diffusion.located_country": "Diffusion answer from {country}: {subject} is located there.",
    "diffusion.no_trace": "Diffusion answers: no trace of {subject} in {countries}.",
    "notice.silver": (
        "Silver Notice answer: {subject} holds {account}; {payments} payments"
        " totalling {total:,.0f} USD traced."
    ),
    # --- the laboratory and the support team (engine.forensics) --------------------------
    "forensic.result": "{analysis} on {item}: {facts} ({exhibits} exhibit(s) filed).",
    "fact.forensic_identity": (
        "the goods are confirmed as {commodity}, tying the {handlers} known handler(s) of the"
        " load to the charge"
    ),
    "fact.forensic_same_source": "same source or consignment chain as seizure {other}",
    "fact.forensic_source": "the goods come from around {place}, supplied by {names}",
    "fact.forensic_contacts": "{subject}'s phone holds {contacts} contact(s) in the network",
    "fact.forensic_past": "{subject}'s messages discuss {n} earlier consignment(s)",
    "fact.forensic_nothing": "no link to other seizures, sources or contacts",
    "partner.support_team": (
        "An INTERPOL Operational Support Team is on the ground until day {until:g}: forensic"
        " results come faster and stronger."
    ),
    # --- the money (engine.finance) -------------------------------------------------------
    "finance.fiu": (
        "FIU answer on {subject}: {reports} suspicious transaction report(s), {total:,.0f} USD"
        " with {counterparties} counterparties."
    ),
    "finance.fiu_none": "FIU answer on {subject}: no suspicious transaction report.",
    "finance.trace": (
        "Asset tracing on {subject}: account {account} and {linked} linked company account(s);"
        " {total:,.0f} USD paid in by the network."
    ),
    "finance.trace_clean": (
        "Asset tracing on {subject}: account {account} and {linked} linked company account(s);"
        " no funds linked to the crime."
    ),
    "finance.frozen": "{country} froze account {account}: {total:,.0f} USD held as proceeds.",
    "finance.freeze_declined": "{country} did not freeze account {account}.",
    # --- scenario-authored and instructor text -------------------------------------------
    "system.briefing": "{text}",
    "system.team_briefing": "Joint operation: your team is the NEST of {country}; other"
    " countries of the case are played by other teams of the workshop or simulated. The"
    " scenario's briefing below is written for the analyst of {home}'s NEST: you play"
    " {country}'s. {text}",
    "system.team_briefing_home": "Joint operation: your team is the NEST of {country}; other"
    " countries of the case are played by other teams of the workshop or simulated. The"
    " scenario's briefing, in your inbox, is your team's.",
    "inject.msel": "{text}",
    "inject.contingency": "{text}",
    "inject.instructor": "{text}",
    "system.budget": (
        "Weekly budget allocation: +{amount:g} {unit} (the budget is topped up every"
        " {every:g} days). You now have {budget:g} {unit}."
    ),
    # --- the trainee's agenda: what they know is coming (engine.agenda) ------------------
    "agenda.intel": "report from {source} on {target}",
    "agenda.inspection": "{country}'s answer on the inspection at {place}",
    "agenda.seizure": "{country}'s answer on the seizure of {shipment} at {place}",
    "agenda.arrest": "{country}'s answer on the arrest of {subject}",
    "agenda.inspection_home": "your national teams' confirmation of the inspection at {place}",
    "agenda.seizure_home": (
        "your national teams' confirmation of the seizure of {shipment} at {place}"
    ),
    "agenda.arrest_home": "your national police's report on the arrest of {subject}",
    "agenda.freeze_home": "your national authorities' decision on freezing account {account}",
    "agenda.action_arrest": "your team's arrest of {target} (action day)",
    "agenda.action_seizure": "your team's seizure of {target} (action day)",
    "agenda.cd": "{country}'s answer on the controlled delivery of {shipment}",
    "agenda.share": "{country}'s answer to the case file you shared",
    "agenda.meeting": "regional case meeting with {countries}",
    "agenda.blue": "Blue Notice answer on {subject}",
    "agenda.silver": "Silver Notice answer on {subject}",
    "agenda.red_published": "Red Notice on {subject} published after review",
    "agenda.green_published": "Green Notice on {subject} published after review",
    "agenda.purple_published": "Purple Notice on {subject} published after review",
    "agenda.diffusion": "answers to the diffusion on {subject}",
    "agenda.forensic": "laboratory result: {analysis} on {item}",
    "agenda.support_team": "arrival of the Operational Support Team",
    "agenda.fiu": "FIU answer on {subject}",
    "agenda.trace": "asset tracing report on {subject}",
    "agenda.freeze": "{country}'s answer on freezing account {account}",
    "agenda.departure": "shipment {shipment} due to leave",
    "agenda.window_open": "control window at {place} opens",
    "agenda.window_close": "control window at {place} closes",
    "agenda.budget": "budget top-up: +{amount:g} {unit}",
    "agenda.end": "end of the exercise",
    # --- why each shipment ended as it did (the debrief; engine.fates) -------------------
    "cause.seized_routine": "seized at {place} on day {day:g} by a routine check",
    "cause.seized_inspection": (
        "seized at {place} on day {day:g} by the inspection you asked for"
    ),
    "cause.seized_seizure": "seized at {place} on day {day:g} on your seizure request",
    "cause.cd_done": (
        "delivered under surveillance at {place} on day {day:g}: seized on delivery and"
        " its receivers identified"
    ),
    "cause.cd_lost": "got through: surveillance was lost near {place} on day {day:g}",
    "cause.cd_refused": (
        "seized at {place} on day {day:g}: no controlled delivery, {countries} refused it"
    ),
    "cause.cd_pending": (
        "seized at {place} on day {day:g}: found before every state on its route had answered"
        " your controlled-delivery request"
    ),
    "cause.cd_outside": (
        "seized at {place} on day {day:g}: its route had changed to cross a state never asked"
        " for the controlled delivery"
    ),
    "cause.tipped": (
        "got through: {official}, a corrupt official, tipped the network off about your"
        " control at {place}; the load was held back and passed on day {day:g}, after the"
        " window"
    ),
    "cause.bribed": (
        "got through: it was found at {place} on day {day:g}, but a corrupt official let it"
        " through"
    ),
    "cause.declined_seizure": (
        "got through: {country} did not act on your seizure request at {place}"
    ),
    "cause.declined_inspection": (
        "got through: {country} did not act on your inspection request at {place}"
    ),
    # booked with the team's own national teams (``*.booked_home``), not asked of a partner;
    # ``_team``: the same in a joint operation's list, which every team reads
    "cause.declined_seizure_home": (
        "got through: your national teams did not act on the seizure booked with them at"
        " {place}"
    ),
    "cause.declined_inspection_home": (
        "got through: your national teams did not act on the inspection booked with them"
        " at {place}"
    ),
    "cause.declined_seizure_team": (
        "got through: the national teams of {country} did not act on the seizure their own"
        " team booked with them at {place}"
    ),
    "cause.declined_inspection_team": (
        "got through: the national teams of {country} did not act on the inspection their own"
        " team booked with them at {place}"
    ),
    "cause.window_late": (
        "got through: it passed {place} on day {passed:g}, before the control window opened"
        " on day {opened:g}"
    ),
    "cause.window_early": (
        "got through: the control window at {place} closed on day {closed:g}, before it"
        " passed on day {passed:g}"
    ),
    "cause.off_route": "got through: it never passed {place}, where you asked for a control",
    "cause.not_found": (
        "got through: it passed the control at {place} on day {passed:g} and was not found"
    ),
    "cause.cd_unfound": (
        "got through: a controlled delivery was agreed, but no control found it on the way"
    ),
    "cause.cd_not_in_force": (
        "got through: no control found it on the way, and the controlled delivery you asked"
        " for was not in force"
    ),
    "cause.no_request": (
        "got through: you knew of it from day {known:g} but asked for no control on its route"
    ),
    "cause.known_late": (
        "got through: it came to your notice on day {known:g}, too late for any control on its"
        " route"
    ),
    "cause.unknown": "got through: it never came to your notice",
    "cause.in_transit": "still on its way at the end of the exercise (last at {place})",
    "cause.in_transit_start": "still on its first leg at the end of the exercise",
    "cause.prevented": (
        "never sent: {names} had been arrested and nobody could take over their job before"
        " the network recruited a replacement (day {day:g})"
    ),
    "cause.lying_low": (
        "never sent: the network was lying low after an arrest when the exercise ended"
    ),
    "cause.after_end": "not due to leave before the end of the exercise (planned for day {day:g})",
    # --- prosecution (engine.prosecution): inbox items, and each case's line in the debrief
    "prosecution.extradition": (
        "{subject}, provisionally arrested in {country}, will be extradited to you; your"
        " prosecutor decides on the charge around day {day:g}."
    ),
    "prosecution.prosecution_request": (
        "{country} does not extradite its own nationals: on your request it will prosecute"
        " {subject} itself (aut dedere aut judicare); its charging decision is due around"
        " day {day:g}."
    ),
    "prosecution.charged": (
        "{subject} is charged before a court in {country} (usable evidence {strength:g});"
        " verdict expected around day {day:g}."
    ),
    "prosecution.not_charged": (
        "{subject} is released without charge in {country}: the usable evidence"
        " ({strength:g}) falls short of the {needed:g} a charge needs."
    ),
    "prosecution.convicted": (
        "{subject} is convicted in {country} (usable evidence {strength:g}): {low:g} to"
        " {high:g} years."
    ),
    "prosecution.acquitted": (
        "{subject} is acquitted in {country}: the court found the usable evidence"
        " ({strength:g}) insufficient."
    ),
    "case.pending": (
        "pending: the charging decision is due on day {day:g}; usable evidence so far"
        " {strength:g} ({needed:g} needed to charge)"
    ),
    "case.charged": (
        "charged, trial under way: verdict due on day {day:g}; usable evidence {strength:g}"
    ),
    "case.not_charged": "not charged: usable evidence {strength:g}, a charge needs {needed:g}",
    "case.convicted": (
        "convicted on usable evidence {strength:g}: {low:g} to {high:g} years (maximum"
        " {max:g} in {country})"
    ),
    "case.acquitted": "acquitted: usable evidence {strength:g} did not convince the court",
    # --- who sent an item: the inbox header (``source``; scenario sources are authored) --
    "sender.coordinator": "NEST coordinator",
    "sender.instructor": "Instructor",
    "sender.ncb": "NCB {country}",
    "sender.customs": "Customs {country}",
    "sender.national": "National services",
    "sender.case_meeting": "Regional case meeting",
    "sender.prosecutor": "Prosecutor",
    "sender.blue_notice": "Blue Notice",
    "sender.silver_notice": "Silver Notice",
    "sender.general_secretariat": "INTERPOL General Secretariat",
    "sender.laboratory": "Forensic laboratory",
    "sender.support_team": "INTERPOL Operational Support Team",
    "sender.fiu": "Financial Intelligence Unit",
    "sender.asset_tracing": "Asset tracing",
    # --- a known entity named in a message (``entity``): a load by its id, in words ------
    "name.shipment": "Shipment {id}",
    # ... and as one of a list (``joined``): a name as filed, a link, a report in an inbox
    "name.entity": "{name}",
    "name.link": "{a} — {relation} — {b}",
    "name.report": "the report of day {day:.1f} from {source}",
}


def message(code: str, **params: Any) -> Message:
    if code not in TEMPLATES:
        raise KeyError(f"no inbox template {code!r}")
    return {"code": code, "params": params}


# Senders are few (a code, perhaps a country): each is one message, made once, with the
# params ``Knowledge.item`` adds for it (``source_said``). An item keeps the shared message
# as ``source_msg``, which nothing changes.
_SENDERS: dict[tuple[Any, ...], Message] = {}
_SAID: dict[int, dict[str, Any]] = {}  # id of a sender's message -> nested("source", it)


def sender(code: str, **params: Any) -> Message:
    """Who files an item, as a message (``sender.<who>``) rather than English words."""
    key = (code, *params.items())
    msg = _SENDERS.get(key)
    if msg is None:
        msg = message(f"sender.{code}", **params)
        _SAID[id(msg)] = nested("source", msg)
        _SENDERS[key] = msg
    return msg


def source_said(msg: Message) -> dict[str, Any]:
    """``nested("source", msg)``: made once for a sender's message, else now."""
    said = _SAID.get(id(msg))
    if said is not None and said["source_msg"] is msg:
        return said
    return nested("source", msg)


def text(msg: Message) -> str:
    """The English sentence of a message."""
    return TEMPLATES[msg["code"]].format(**msg["params"])


# --- companions: a value in English, and how to say it in another language ---------------
def nested(name: str, msg: Message) -> dict[str, Any]:
    return {name: text(msg), f"{name}_msg": msg}


def joined(name: str, parts: list[Message]) -> dict[str, Any]:
    return {name: TEMPLATES["sep.facts"].join(text(p) for p in parts), f"{name}_parts": parts}


def localized(name: str, texts: Mapping[Any, str], strip: bool = False) -> dict[str, Any]:
    clean = {lang: s.strip() for lang, s in texts.items()} if strip else dict(texts)
    return {name: clean["en"], f"{name}_i18n": clean}


# The coordinator, who files the weekly budget and any inject an author did not sign: a
# fixed sender, its English name and its message as ``Knowledge.item`` adds them, made once.
COORDINATOR = sender("coordinator")
COORDINATOR_NAME = text(COORDINATOR)  # "NEST coordinator", the schema's default source
COORDINATOR_SAID = nested("source", COORDINATOR)


def filed_by(source: str, params: dict[str, Any]) -> dict[str, Any]:
    """``params`` with an author's sender as filed: the default coordinator is ours to
    translate (its message goes into the params); any other name is the author's, as written."""
    if source == COORDINATOR_NAME:
        params.update(COORDINATOR_SAID)
    return params


# Words the engine itself names by code (a scenario's relations are the other terms)
TERMS = {"target.arrest": "arrest", "target.seizure": "seizure"}


def term(name: str, code: str, english: str) -> dict[str, Any]:
    return {name: english, f"{name}_term": code}


def entity(name: str, eid: str, kind: str, label: str) -> dict[str, Any]:
    """A known entity named in a message, as the desk names it: a person, a company, a
    vessel, a phone by the name or number a report gave (the same in every language); a
    shipment by its id, in the reader's words (``name.shipment``: "Envoi S737"), never the
    English label a file keeps for it ("Shipment S737")."""
    if kind == "shipment":
        return nested(name, message("name.shipment", id=eid))
    return {name: label}


def listed(eid: str, kind: str, label: str) -> Message:
    """A known entity as one part of a list of names (``joined``), as ``entity`` names it."""
    if kind == "shipment":
        return message("name.shipment", id=eid)
    return message("name.entity", name=label)


def link_listed(a: tuple[str, str, str], rel: str, b: tuple[str, str, str]) -> Message:
    """A link of the file, its ends as ``(id, kind, label)``: "X — sells to — Y"."""
    return message("name.link", **entity("a", *a), **relation("relation", rel),
                   **entity("b", *b))


def report_listed(t: float, source: str, params: Mapping[str, Any]) -> Message:
    """An inbox report by its day and sender (the reader never sees its number); the
    sender in the reader's language where the item keeps how to say it."""
    said: dict[str, Any] = {"source": source}
    texts, msg = params.get("source_i18n"), params.get("source_msg")
    if isinstance(texts, Mapping) and source == texts.get("en"):
        said["source_i18n"] = texts
    elif isinstance(msg, Mapping) and source == params.get("source"):
        said["source_msg"] = msg
    return message("name.report", day=round(t, 1), **said)


def relation(name: str, rel: str) -> dict[str, Any]:
    return term(name, f"relation.{rel}", rel.replace("_", " "))


def unit(name: str, word: str) -> dict[str, Any]:
    """The scenario's budget unit ("analyst-days"), said in the reader's language where the
    catalogs know the word (``inbox.unit.<word>``), else as the author wrote it."""
    return term(name, f"unit.{word}", word)


# --- rendering in any language -----------------------------------------------------------
def render(code: str, params: Mapping[str, Any], lang: str, lookup: Lookup,
           fill: Fill = _format) -> str:
    """The message in ``lang``: ``lookup(code)`` gives that language's template (or None),
    ``fill`` puts the values in it, English fills any gap, a template that does not fit its
    values falls back to English."""
    values = resolve(params, lang, lookup, fill)
    local = lookup(code)
    if local is not None:
        try:
            return fill(local, values)
        except (KeyError, IndexError, ValueError, TypeError):
            pass
    try:
        return TEMPLATES[code].format(**values)
    except (KeyError, IndexError, ValueError, TypeError):
        return TEMPLATES[code].format(**params)


def resolve(params: Mapping[str, Any], lang: str, lookup: Lookup,
            fill: Fill = _format) -> dict[str, Any]:
    """The params with every translatable value put into ``lang``."""
    out: dict[str, Any] = {}
    for name, value in params.items():
        if name.endswith(COMPANIONS):
            continue
        if isinstance(texts := params.get(f"{name}_i18n"), Mapping):
            value = texts.get(lang) or value
        elif isinstance(sub := params.get(f"{name}_msg"), Mapping):
            value = render(sub["code"], sub["params"], lang, lookup, fill)
        elif isinstance(parts := params.get(f"{name}_parts"), list):
            sep = lookup("sep.facts") or TEMPLATES["sep.facts"]
            value = sep.join(render(p["code"], p["params"], lang, lookup, fill) for p in parts)
        elif isinstance(code := params.get(f"{name}_term"), str):
            value = lookup(code) or value
        elif name in COUNTRY_PARAMS and isinstance(value, str):
            value = countries_named(value, lang)
        out[name] = value
    return out


def countries_named(value: str, lang: str) -> str:
    """``"KE, TZ"`` as ``"Kenya, Tanzania"`` in ``lang`` (with the Arabic comma in Arabic)."""
    named = COUNTRY_CODES.sub(lambda m: country_name(m.group(), lang), value)
    return named.replace(", ", "، ") if lang == "ar" else named


def with_country_names(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    """``params`` with the countries they name (``COUNTRY_PARAMS``) by name in ``lang``."""
    return {k: countries_named(v, lang) if k in COUNTRY_PARAMS and isinstance(v, str) else v
            for k, v in params.items()}


# Params that hold ISO 3166 country codes (one, or several joined by commas): a reader sees
# "Kenya agrees…" / "le Kenya…" rather than "KE", in their language (CLDR through Babel).
COUNTRY_PARAMS = frozenset({"country", "countries", "refused", "agreed", "home", "nationality"})
COUNTRY_CODES = re.compile(r"\b[A-Z]{2}\b")


@lru_cache(maxsize=1024)
def country_name(code: str, lang: str) -> str:
    """The country's name in ``lang`` (CLDR); the code itself when CLDR does not know it."""
    try:
        return Locale.parse(lang).territories.get(code, code)
    except (UnknownLocaleError, ValueError, TypeError):
        return code


def codes(code: str, params: Mapping[str, Any]) -> set[str]:
    """Every template code and term a message uses, its sub-messages included."""
    found = {code}
    for name, value in params.items():
        if name.endswith("_msg"):
            found |= codes(value["code"], value["params"])
        elif name.endswith("_parts"):
            found.add("sep.facts")
            for p in value:
                found |= codes(p["code"], p["params"])
        elif name.endswith("_term"):
            found.add(value)
    return found
