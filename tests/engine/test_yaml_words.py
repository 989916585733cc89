"""A file that is not valid YAML is explained in plain words, with the fix, at the line
the author must change (counted from 1): never only the parser's "expected <block end>"."""

from __future__ import annotations

import pytest

from engine.scenario import ScenarioError, load_scenario_text
from tests.engine.conftest import ROOT

WILDLIFE = (ROOT / "scenarios" / "wildlife-ivory-corridor.yaml").read_text()


def the_problem(text: str):
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, filename="s.yaml")
    [problem] = info.value.problems
    return problem


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def edit(old: str, new: str) -> str:
    assert old in WILDLIFE, old
    return WILDLIFE.replace(old, new, 1)


def test_a_tab_used_to_indent_says_indent_with_spaces():
    text = edit("  start_budget:", "\tstart_budget:")
    p = the_problem(text)
    assert p.line == line_of(text, "\tstart_budget")
    assert "tab" in p.message and "indent with spaces, not tabs" in p.message
    assert "cannot start any token" not in p.message
    assert p.code == "yaml.tab"


def test_a_list_item_indented_too_far_says_so_at_its_line():
    lines = WILDLIFE.splitlines(keepends=True)
    at = next(i for i, line in enumerate(lines) if line.startswith("    - {id: ") and "role:" in line)
    lines[at + 1] = "  " + lines[at + 1]  # the second group, two spaces further than the first
    text = "".join(lines)
    p = the_problem(text)
    assert p.line == at + 2
    assert "indented further than the line above" in p.message
    assert "<block" not in p.message and p.code == "yaml.indent_more"


def test_a_field_indented_less_than_its_group_says_so():
    text = "id: x\ntitle:\n    en: A\n  fr: B\n"
    p = the_problem(text)
    assert p.line == 4 and p.code == "yaml.indent_less"
    assert "indented less than the line above" in p.message


def test_a_colon_inside_an_unquoted_text_says_put_it_in_quotes():
    text = edit("unit: kg", "unit: kg: dried")
    p = the_problem(text)
    assert p.line == line_of(text, "unit: kg: dried") and p.code == "yaml.colon_in_text"
    assert p.message.endswith('put the whole text in quotes, e.g. unit: "kg: dried"')
    assert "mapping values" not in p.message


def test_a_field_indented_under_a_value_is_an_indentation_problem():
    p = the_problem("id: x\nunit: kg\n  duration_days: 3\n")
    assert p.line == 3 and p.code == "yaml.indent_more"


@pytest.mark.parametrize("quote", ['"', "'"])
def test_an_unclosed_quote_is_shown_where_it_opens(quote):
    text = edit("unit: kg", f"unit: {quote}kg")
    p = the_problem(text)
    assert p.line == line_of(text, f"unit: {quote}kg") and p.code == "yaml.quote_unclosed"
    assert f"the quote ({quote}) opened on this line is never closed" in p.message


@pytest.mark.parametrize("open_, close, old, new", [
    ("{", "}", "days: {min: 12, mode: 15, max: 20}", "days: {min: 12, mode: 15, max: 20"),
    ("[", "]", "routes: [via-dar, via-mombasa]", "routes: [via-dar, via-mombasa"),
])
def test_an_unclosed_bracket_is_shown_where_it_opens(open_, close, old, new):
    text = edit(old, new)
    p = the_problem(text)
    assert p.line == line_of(text, new) and p.code == "yaml.flow_unclosed"
    assert f"the {open_} opened on this line is not closed: end it with {close}" in p.message


def test_a_missing_comma_in_braces_is_said_in_plain_words():
    text = edit("days: {min: 12, mode: 15, max: 20}", "days: {min: 12 mode: 15, max: 20}")
    p = the_problem(text)
    assert p.line == line_of(text, "min: 12 mode") and p.code == "yaml.flow_broken"
    assert "expected ','" not in p.message and "comma" in p.message


def test_a_line_without_a_colon_is_shown_at_that_line():
    text = edit("unit: kg", "unit kg")
    p = the_problem(text)
    assert p.line == line_of(text, "unit kg") and p.code == "yaml.no_colon"
    assert "could not find" not in p.message and "colon" in p.message


def test_anything_else_says_not_valid_yaml_first_then_the_readers_reason():
    p = the_problem("id: x\nunit: *nowhere\n")
    assert p.line == 2 and p.code == "malformed"
    assert p.message.startswith("the file is not valid YAML at this line")
    assert "found undefined alias" in p.message
