"""Pathological nesting is refused before parsing, with the line where it went too deep:
scenario files (upload, studio draft, CLI) and the debrief's what-if JSON."""

from __future__ import annotations

import pytest

from engine.loader import MAX_BYTES, ScenarioError, load_scenario_text
from engine.nesting import MAX_DEPTH

UPLOAD_LIMIT = 256_000  # academy.studio.MAX_UPLOAD_BYTES (the engine knows nothing of it)


def indented(size: int) -> str:
    """Block YAML, one key more deeply indented on each line, ``size`` characters."""
    lines, depth, total = [], 0, 0
    while total < size:
        line = " " * depth + f"k{depth}:\n"
        lines.append(line)
        total += len(line)
        depth += 1
    return "".join(lines)[:size]


SIZES = [16_000, UPLOAD_LIMIT, MAX_BYTES]
SHAPES = {  # name: (text of a size, the line where depth MAX_DEPTH + 1 opens)
    "flow [": (lambda n: "[" * n, 1),
    "flow {": (lambda n: "{" * n, 1),
    "flow [a, ": (lambda n: ("[a, " * n)[:n], 1),
    "flow {a: ": (lambda n: ("{a: " * n)[:n], 1),
    "one [ per line": (lambda n: ("[\n" * n)[:n], MAX_DEPTH + 1),
    "block indent": (indented, MAX_DEPTH + 1),
    "block - - -": (lambda n: ("- " * n)[:n], 1),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("shape", SHAPES)
def test_deep_yaml_is_refused_with_its_line(shape, size):
    make, line = SHAPES[shape]
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(make(size), filename="deep.yaml")
    [problem] = info.value.problems
    assert problem.code == "too_deep" and problem.values == {"limit": MAX_DEPTH}
    assert str(problem) == f"deep.yaml:{line}: (file): nested more than {MAX_DEPTH} levels deep"


def test_nesting_up_to_the_limit_is_only_judged_as_a_scenario():
    text = "id: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n"  # the mapping is one
    with pytest.raises(ScenarioError) as info:
        load_scenario_text(text, filename="s.yaml")
    assert all(p.code != "too_deep" for p in info.value.problems)


def test_malformed_yaml_keeps_pyyamls_own_words_and_line():
    """A fault with no plain-words reading of its own (tests/engine/test_yaml_words.py for
    those) says "not valid YAML" at its line, then the parser's words."""
    with pytest.raises(ScenarioError) as info:
        load_scenario_text("id: x\ntitle: *nowhere", filename="s.yaml")
    [problem] = info.value.problems
    assert problem.code == "malformed" and problem.line == 2
    assert problem.message.startswith("the file is not valid YAML at this line (")


def test_the_cli_refuses_a_deep_file(tmp_path, capsys):
    from engine.__main__ import main

    path = tmp_path / "deep.yaml"
    path.write_text("{" * UPLOAD_LIMIT)
    assert main(["validate", str(path)]) == 1
    assert f"nested more than {MAX_DEPTH} levels deep" in capsys.readouterr().out
