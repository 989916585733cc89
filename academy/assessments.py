"""Readiness assessment rounds: several assessors score, then the team agrees.

A round (``ReadinessAssessment``) belongs to a country team. Each member who takes part —
typically one per agency — fills their own sheet independently: a level 0–3 and an
evidence note per indicator, saved as they go (a draft). Submitting a sheet with
unscored indicators needs an explicit confirmation and marks it ``incomplete``. Only
submitted sheets appear in the consensus view, so nobody is swayed by a colleague's draft.
The team then records an agreed final score, with a note, per indicator.

The round's scores are the agreed ones; where nothing is agreed yet, the average of the
submitted assessors' levels stands in, and the indicator is marked provisional.
Every function checks that the acting user is a member of the round's team or an admin.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from statistics import mean

from sqlmodel import Session, col, select

from academy.errors import AcademyError
from academy.models import (
    AgreedScore,
    AssessorScore,
    AssessorSheet,
    ReadinessAssessment,
    User,
    utcnow,
)
from academy.readiness import MAX_LEVEL, spread
from academy.teams import member_agency, require_team, set_member_agency

SUBMITTED = ("submitted", "incomplete")
MAX_NOTE = 2000  # an assessor's evidence, the agreed score's note


def create_assessment(session: Session, *, acting_user_id: int, team_id: int, title: str,
                      framework_version: str = "") -> ReadinessAssessment:
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    title = " ".join(title.split())
    if not title or len(title) > 120:
        raise AcademyError("title_invalid")
    row = ReadinessAssessment(team_id=team_id, title=title, created_by=acting_user_id,
                              framework_version=str(framework_version)[:20])
    session.add(row)
    session.flush()
    return row


def assessments_of(session: Session, *, acting_user_id: int,
                   team_id: int) -> list[ReadinessAssessment]:
    """The team's rounds, oldest first (the order of the trend chart)."""
    require_team(session, acting_user_id=acting_user_id, team_id=team_id)
    return rounds_of_team(session, team_id=team_id)


def rounds_of_team(session: Session, *, team_id: int) -> list[ReadinessAssessment]:
    """The team's rounds, oldest first, for a caller that has checked access itself."""
    return list(session.exec(select(ReadinessAssessment)
                             .where(ReadinessAssessment.team_id == team_id)
                             .order_by(col(ReadinessAssessment.created_at),
                                       col(ReadinessAssessment.id))).all())


def get_assessment(session: Session, *, acting_user_id: int,
                   assessment_id: int) -> ReadinessAssessment:
    """The round if the acting user may see it; one refusal whether it exists or not."""
    row = session.get(ReadinessAssessment, assessment_id)
    if row is None:
        raise AcademyError("team_forbidden")
    require_team(session, acting_user_id=acting_user_id, team_id=row.team_id)
    return row


def my_sheet(session: Session, *, acting_user_id: int, assessment_id: int) -> AssessorSheet:
    """The acting user's own sheet in the round, started on first use."""
    round_ = get_assessment(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    sheet = session.exec(select(AssessorSheet).where(
        AssessorSheet.assessment_id == assessment_id,
        AssessorSheet.user_id == acting_user_id)).first()
    if sheet is None:
        agency = member_agency(session, user_id=acting_user_id, team_id=round_.team_id)
        sheet = AssessorSheet(assessment_id=assessment_id, user_id=acting_user_id, agency=agency)
        session.add(sheet)
        session.flush()
    return sheet


def set_sheet_agency(session: Session, *, acting_user_id: int, assessment_id: int,
                     agency: str) -> None:
    """The agency the acting user scores for, on this sheet and as their team default."""
    agency = agency.strip()
    if not agency:
        raise AcademyError("agency_required")
    sheet = my_sheet(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    if sheet.status in SUBMITTED:
        raise AcademyError("sheet_submitted")
    round_ = get_assessment(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    set_member_agency(session, acting_user_id=acting_user_id, team_id=round_.team_id, agency=agency)
    sheet.agency = agency[:40]
    session.add(sheet)
    session.flush()


def sheet_scores(session: Session, *, sheet_id: int) -> dict[str, AssessorScore]:
    rows = session.exec(select(AssessorScore).where(AssessorScore.sheet_id == sheet_id)).all()
    return {r.indicator_id: r for r in rows}


def save_score(session: Session, *, acting_user_id: int, assessment_id: int, indicator_id: str,
               level: int | None, evidence: str = "", valid_ids: Iterable[str]) -> None:
    """Save one indicator of the acting user's draft sheet (level may stay empty)."""
    if indicator_id not in set(valid_ids):
        raise AcademyError("item_unknown")
    if level is not None and not 0 <= level <= MAX_LEVEL:
        raise AcademyError("level_invalid")
    sheet = my_sheet(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    if sheet.status in SUBMITTED:
        raise AcademyError("sheet_submitted")
    row = sheet_scores(session, sheet_id=sheet.id or 0).get(indicator_id)
    row = row or AssessorScore(sheet_id=sheet.id or 0, indicator_id=indicator_id)
    if len(evidence.strip()) > MAX_NOTE:  # refused whole: a cut note says less than meant
        raise AcademyError("text_too_long", limit=MAX_NOTE)
    row.level, row.evidence, row.at = level, evidence.strip(), utcnow()
    session.add(row)
    session.flush()


def submit_sheet(session: Session, *, acting_user_id: int, assessment_id: int,
                 indicator_ids: Iterable[str], confirm_incomplete: bool = False) -> str:
    """Submit the acting user's sheet: ``submitted``, or ``incomplete`` once confirmed.

    A sheet says which agency it speaks for before it is sent (and locked): the consensus
    view sets each agency's view beside the others."""
    sheet = my_sheet(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    if not sheet.agency.strip():
        raise AcademyError("agency_required")
    scores = sheet_scores(session, sheet_id=sheet.id or 0)
    missing = [i for i in indicator_ids if scores.get(i) is None or scores[i].level is None]
    if missing and not confirm_incomplete:
        raise AcademyError("incomplete_confirm", missing=len(missing))
    sheet.status = "incomplete" if missing else "submitted"
    sheet.submitted_at = utcnow()
    session.add(sheet)
    session.flush()
    return sheet.status


@dataclass(frozen=True)
class ConsensusRow:
    indicator_id: str
    levels: dict[str, int | None]  # assessor label → level
    spread: int | None
    agreed: int | None
    note: str


def submitted_sheets(session: Session, *, assessment_id: int) -> list[tuple[AssessorSheet, User]]:
    rows = session.exec(
        select(AssessorSheet, User).join(User, col(User.id) == col(AssessorSheet.user_id))
        .where(AssessorSheet.assessment_id == assessment_id,
               col(AssessorSheet.status).in_(SUBMITTED))
        .order_by(col(User.display_name))).all()
    return [(s, u) for s, u in rows]


def consensus(session: Session, *, acting_user_id: int, assessment_id: int,
              indicator_ids: Iterable[str]) -> list[ConsensusRow]:
    """Per indicator: each submitted assessor's level, the spread, the agreed score if any."""
    get_assessment(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    return _consensus(session, assessment_id, indicator_ids)


def _consensus(session: Session, assessment_id: int,
               indicator_ids: Iterable[str]) -> list[ConsensusRow]:
    sheets = [(f"{u.display_name} ({s.agency})" if s.agency else u.display_name,
               sheet_scores(session, sheet_id=s.id or 0))
              for s, u in submitted_sheets(session, assessment_id=assessment_id)]
    agreed = _agreed(session, assessment_id)
    out = []
    for iid in indicator_ids:
        levels = {label: (sc[iid].level if iid in sc else None) for label, sc in sheets}
        final = agreed.get(iid)
        out.append(ConsensusRow(iid, levels, spread(list(levels.values())),
                                final.level if final else None, final.note if final else ""))
    return out


def _agreed(session: Session, assessment_id: int) -> dict[str, AgreedScore]:
    rows = session.exec(select(AgreedScore).where(AgreedScore.assessment_id == assessment_id))
    return {r.indicator_id: r for r in rows.all()}


def agree(session: Session, *, acting_user_id: int, assessment_id: int, indicator_id: str,
          level: int, note: str = "", valid_ids: Iterable[str]) -> None:
    """Record (or change) the team's agreed final score for one indicator."""
    get_assessment(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    if indicator_id not in set(valid_ids):
        raise AcademyError("item_unknown")
    if not 0 <= level <= MAX_LEVEL:
        raise AcademyError("level_invalid")
    row = _agreed(session, assessment_id).get(indicator_id)
    row = row or AgreedScore(assessment_id=assessment_id, indicator_id=indicator_id, level=level,
                             by_user_id=acting_user_id)
    if len(note.strip()) > MAX_NOTE:
        raise AcademyError("text_too_long", limit=MAX_NOTE)
    row.level, row.note, row.by_user_id, row.at = level, note.strip(), acting_user_id, utcnow()
    session.add(row)
    session.flush()


def agree_unanimous(session: Session, *, acting_user_id: int, assessment_id: int,
                    indicator_ids: list[str]) -> int:
    """Agree every not-yet-agreed indicator on which all submitted assessors gave one level."""
    count = 0
    for row in consensus(session, acting_user_id=acting_user_id, assessment_id=assessment_id,
                         indicator_ids=indicator_ids):
        values = list(row.levels.values())
        if row.agreed is None and values and None not in values and row.spread == 0:
            agree(session, acting_user_id=acting_user_id, assessment_id=assessment_id,
                  indicator_id=row.indicator_id, level=int(values[0]), valid_ids=indicator_ids)
            count += 1
    return count


@dataclass(frozen=True)
class RoundScores:
    scores: dict[str, float]
    agreed: frozenset[str]
    notes: dict[str, str]

    @property
    def provisional(self) -> frozenset[str]:
        return frozenset(self.scores) - self.agreed


def round_scores(session: Session, *, acting_user_id: int, assessment_id: int,
                 indicator_ids: Iterable[str]) -> RoundScores:
    """The round's score per indicator: agreed, else the submitted assessors' average."""
    get_assessment(session, acting_user_id=acting_user_id, assessment_id=assessment_id)
    return scores_of_round(session, assessment_id=assessment_id, indicator_ids=indicator_ids)


def scores_of_round(session: Session, *, assessment_id: int,
                    indicator_ids: Iterable[str]) -> RoundScores:
    """``round_scores`` for a caller that has checked access itself (e.g. the regional view
    of a team that shares its results)."""
    scores: dict[str, float] = {}
    agreed: set[str] = set()
    notes: dict[str, str] = {}
    for row in _consensus(session, assessment_id, indicator_ids):
        if row.agreed is not None:
            scores[row.indicator_id] = float(row.agreed)
            agreed.add(row.indicator_id)
            notes[row.indicator_id] = row.note
        elif levels := [v for v in row.levels.values() if v is not None]:
            scores[row.indicator_id] = round(mean(levels), 2)
    return RoundScores(scores, frozenset(agreed), notes)
