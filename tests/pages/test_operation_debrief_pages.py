"""The joint debrief page, from app.py: a trainee before the operation ends is refused,
after it sees every team's results; an instructor sees it always (and may end it)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from academy import joint_debrief
from academy.db import make_engine, session_scope
from academy.demo import seed_demo_operation
from academy.models import JointOperation, User
from tests.pages.helpers import as_instructor, as_trainee, texts

PAGE = "pages/operation_debrief.py"


@pytest.fixture
def operation(app_db) -> int:  # type: ignore[no-untyped-def]
    """The demo operation, Kenya's and Tanzania's teams seated (the demo trainee; a Tanzanian
    who joined under their roster name and opened it); nobody in Mozambique's."""
    from academy import joint
    from academy.accounts import join_workshop
    from academy.demo import DEMO_WORKSHOP_CODE

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        seed_demo_operation(s)
        tanzanian = join_workshop(s, new=True, code=DEMO_WORKSHOP_CODE, name="Amani Mushi",
                                  pin="1357")
        op = s.exec(select(JointOperation)).one()
        oid = op.id
        joint.my_team(s, user=tanzanian, operation_id=oid)  # seated on opening it
    engine.dispose()
    return oid


def end(app_db: str, oid: int) -> None:
    engine = make_engine(app_db)
    with session_scope(engine) as s:
        instructor = s.exec(select(User).where(User.username == "instructor")).one()
        joint_debrief.end(s, user=instructor, operation_id=oid)
    engine.dispose()


def test_a_trainee_is_refused_before_the_operation_ends(operation):
    at = as_trainee().switch_page(PAGE).run()
    assert not at.exception
    assert [i.value for i in at.info] == ["The joint debrief opens when the operation has ended."]
    assert not at.error  # a running operation is no mistake: said, not shown in red
    assert not at.get("vega_lite_chart") and not at.get("download_button")


def share(app_db: str, oid: int, country: str = "TZ") -> None:
    """The demo trainee (Kenya) shares the case file with ``country`` (Tanzania): one flow on
    the timeline."""
    from academy import joint
    from academy.demo import DEMO_TRAINEE

    engine = make_engine(app_db)
    with session_scope(engine) as s:
        trainee = s.exec(select(User).where(User.display_name == DEMO_TRAINEE[0])).one()
        joint.act(s, user=trainee, operation_id=oid,
                  action={"kind": "share_intel", "country": country}, seen_day=0.0)
    engine.dispose()


def test_a_trainee_sees_every_teams_results_after_the_end(app_db, operation):
    share(app_db, operation, "MZ")  # to the team nobody played: Tanzania never got it
    end(app_db, operation)
    at = as_trainee().switch_page(PAGE).run()
    assert not at.exception
    said = texts(at)
    for team in ("Kenya NEST (Kenya)", "Tanzania NEST (Tanzania)", "Mozambique NEST (Mozambique)"):
        assert team in said
    assert "held" in said and "never shared it in time" in said  # a missed connection
    assert "a handler of loads" in said  # told once for every load it concerned
    assert len(at.get("vega_lite_chart")) >= 3  # ratings, information flow, network
    (objectives,) = [tb.value for tb in at.table if "Objective" in tb.value.columns]
    assert list(objectives.columns) == ["Objective", "Kenya NEST (Kenya)", "Tanzania NEST "
                                        "(Tanzania)", "Joint operation"]  # Mozambique: nobody
    assert [i.value for i in at.info if "simulation" in i.value] == [
        "Played by the simulation, like a partner country (nobody was seated in the team): "
        "Mozambique NEST (Mozambique). Not rated, and in no missed connection."]
    assert objectives["Objective"].iloc[0].startswith("Interdict the flow of ivory")  # whole
    assert "The teams together found" in said and "You found" not in said  # not "by you"
    flows = [d for d in at.dataframe if "Mozambique" in d.value.to_csv()
             and "case file" in d.value.to_csv()]
    assert flows  # the table beside the timeline chart
    assert not [b for b in at.button if b.key == "operation_debrief.end"]
    desk = as_trainee().switch_page("pages/operation.py").run()
    assert not desk.exception and "Kenya NEST" in texts(desk)
    assert not [tg for tg in desk.toggle if str(tg.key).startswith("op.ready")]  # no clock left


def test_an_instructor_sees_it_running_and_ends_it(operation):
    at = as_instructor().switch_page(PAGE).run()
    assert not at.exception
    assert "still running" in texts(at)
    assert at.get("vega_lite_chart")
    at.button(key="operation_debrief.end").click().run()
    assert not at.exception
    said = texts(at)
    assert "The operation ended on day" in said and "still running" not in said


def test_the_debrief_names_countries_in_the_readers_language(app_db, operation):
    share(app_db, operation)
    end(app_db, operation)
    at = as_trainee()
    at.session_state["i18n.lang"] = "fr"
    at.switch_page(PAGE).run()
    assert not at.exception
    said = texts(at) + " ".join(d.value.to_csv() for d in at.dataframe)
    assert "Tanzania NEST (Tanzanie)" in said and "Kenya NEST (Kenya)" in said
    assert "(Tanzania)" not in said  # the scenario's English name was shown in every language
