"""The desk's agenda in Arabic: the English names in "report from {source} on {target}"
keep their own direction, so the sentence reads in order (as inbox items already did)."""

from __future__ import annotations

import pytest

from tests.pages.helpers import KNOWN_COMPANY, act, as_trainee, reopen_desk, start_wildlife


@pytest.mark.usefixtures("app_db")
def test_the_agenda_keeps_each_name_in_its_own_direction_in_arabic():
    at = start_wildlife(as_trainee())
    act(at, "request_intel", {"intel.source": "customs-data", "intel.target": KNOWN_COMPANY})
    at = reopen_desk("ar", "الإجراءات")
    agenda = "\n".join(m.value for m in at.markdown if "تقرير من" in m.value)
    assert "تقرير من \u2068" in agenda, agenda  # the source's name, isolated
    assert "بشأن \u2068" in agenda, agenda  # the target's name, isolated
