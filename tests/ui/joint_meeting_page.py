"""A tiny page for AppTest: the panels of ``ui/joint_meeting.py`` on a real operation, as
the team desk and the control cell pages will wire them (the test puts the user, the
operation and the mode in the session state)."""

from __future__ import annotations

from typing import Any

import streamlit as st

from academy import control_cell, joint
from academy.models import User
from ui import joint_meeting
from ui.session import CurrentUser
from ui.state import db

uid, op = st.session_state["jm.test.user"], st.session_state["jm.test.op"]
with db() as s:
    user = s.get(User, uid)
    assert user is not None
    me = CurrentUser(user.id or 0, user.role, user.display_name, user.username)
    if st.session_state["jm.test.mode"] == "control":
        cell = control_cell.control_view(s, user=user, operation_id=op)
    else:
        desk = joint.team_view(s, user=user, operation_id=op)

if st.session_state["jm.test.mode"] == "control":
    joint_meeting.control_meeting_panel(cell, joint_meeting.control_actions(me, op))
else:

    def act(action: dict[str, Any]) -> Any:
        with db() as s:
            return joint.act(s, user=s.get(User, uid), operation_id=op, action=action,
                             seen_day=desk.view.day).played.outcome

    joint_meeting.team_meeting_panel(desk, act)
    joint_meeting.team_action_day_panel(desk, act)
