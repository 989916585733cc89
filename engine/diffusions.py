"""Diffusions: an NCB's request sent straight to the member countries it chooses.

A diffusion is the faster, narrower alternative to a notice (DOMAIN.md; the curriculum's
"INTERPOL Notices and diffusions" module): the NCB sends it over I-24/7 directly to some
or all member countries, without the General Secretariat's review beforehand, so it acts
at once — but only in the countries it was addressed to. It must still respect the
Constitution (Article 3) and the Rules on the Processing of Data: the engine checks it
against the rules of the notice of the matching colour (``engine.notices``). A country
outside INTERPOL has no NCB and cannot be addressed (INTERPOL Constitution, Art. 32).

What it does, only in the addressed countries: an arrest diffusion flags the person at
their borders, where they may be provisionally arrested, and lets the trainee ask those
countries for an arrest; an information diffusion flags the person at borders and gets
their loads a secondary inspection; a modus-operandi diffusion makes the method known to
those countries' controls (and, as with a Purple Notice, the network changes method after
a while: it learns from the finds, not from the publication — an engine assumption);
a locate diffusion is answered by the addressed countries, after their response delay,
with the person's whereabouts if they are there.
"""

from __future__ import annotations

from engine import actions as A
from engine import messages as M
from engine.notice_requests import check, located, named, whereabouts
from engine.notices import NCB, PURPOSES
from engine.records import NoticeRecord, Outcome
from engine.requests import ok, refuse
from engine.simulation import Simulation
from engine.tariff import Tri, _spread
from engine.world import triangular_at

COLOUR = {"arrest": "red", "locate": "blue", "information": "green", "modus_operandi": "purple"}


def request_diffusion(sim: Simulation, a: A.RequestDiffusion) -> Outcome:
    k, t, home = sim.knowledge, sim.env.now, sim.acting
    colour = COLOUR[a.purpose]
    countries = sorted(set(a.countries))
    bad = [c for c in countries if c not in sim.countries or c == home]
    if bad:
        return refuse(
            "diffusion.bad_country",
            f"{', '.join(bad)}: a diffusion goes to other countries of this exercise",
            countries=", ".join(bad),
        )
    outside = [c for c in countries if c in sim.non_members]
    if outside:
        return refuse(
            "diffusion.non_member",
            f"{', '.join(outside)} is not an INTERPOL member: it has no NCB to receive a diffusion",
            NCB + "; a diffusion goes from one NCB to others",
            countries=", ".join(outside),
        )
    key = (colour, a.subject)
    reach = sim.diffusions.get(key, frozenset())
    if set(countries) <= reach:
        return refuse(
            "diffusion.duplicate", "a diffusion on this subject already reached these countries"
        )
    verdict = check(sim, colour, PURPOSES[colour], a.grounds, a.subject)
    k.notices.append(
        NoticeRecord(
            colour,
            a.subject,
            "accepted" if verdict.accepted else "refused",
            verdict.code,
            verdict.reason,
            round(t, 3),
            via="diffusion",
            countries=tuple(countries),
            params=dict(verdict.params),
        )
    )
    if not verdict.accepted:
        return Outcome(False, verdict.code, verdict.reason, {"colour": colour, **verdict.params},
                       verdict.rule)
    sim.diffusions[key] = reach | set(countries)
    sent = ", ".join(countries)
    if colour == "purple":
        sim.purple_published(a.subject)
    if colour == "blue":
        rng = sim.rng("diffusion", a.subject, sent)
        # the addressed countries' response delays, as the form quoted them
        delay = triangular_at(rng.random(), Tri(*_spread([sim.countries[c] for c in countries])))
        sim.answer(
            delay, lambda: _locate(sim, a.subject, countries), "diffusion", **named(sim, a.subject)
        )
        return ok("diffusion.sent_answer", f"diffusion sent to {sent}; answers expected around "
                  f"day {t + delay:.1f}", countries=sent, eta_day=round(t + delay, 3))
    return ok("diffusion.sent", f"diffusion sent to {sent}; in force there now", countries=sent)


def _locate(sim: Simulation, subject: str, countries: list[str]) -> None:
    """The addressed countries' answer to a locate diffusion: where the person is, if there."""
    k, t = sim.knowledge, sim.env.now
    if (found := whereabouts(sim, subject)) is None:
        return
    ent, where, country = found
    if country not in countries:
        k.item(t, M.sender("ncb", country=sim.acting), "B2", "diffusion.no_trace",
               {"subject": ent.label, "countries": ", ".join(countries)}, "notice")
        return
    k.learn(subject, "person", ent.label, {"located": where}, t, f"NCB {country}", "B2")
    suffix, at = located(sim, where)  # known only by country: "located there"
    k.item(t, M.sender("ncb", country=country), "B2", f"diffusion.located{suffix}",
           {"subject": ent.label, **at, "country": country}, "notice")
