"""Loading, rendering and grading modules; the public quiz carries no answer key."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.curriculum import (
    PASS_MARK,
    Catalogue,
    CurriculumError,
    Module,
    Option,
    Question,
    load_catalogue,
    load_module,
    public_module,
    render_markdown,
)
from academy.grading import grade, unanswered
from tests.academy.curriculum_helpers import right_answers, wrong_answers

CATALOGUE = load_catalogue()
MODULE, _ = CATALOGUE.module("interpol-notices", "en")


def synthetic(n: int) -> Module:
    """A module of ``n`` single-choice questions whose right answer is always 'a'."""
    questions = tuple(
        Question(id=f"q{i}", type="single", prompt=f"Question {i}", options=(
            Option(id="a", text="A", correct=True, why="A is right"),
            Option(id="b", text="B", correct=False, why="B is wrong"),
        )) for i in range(n)
    )
    return Module(id="synthetic", lang="en", title="S", minutes=5, objectives=("o",),
                  quiz=questions)


def test_all_right_scores_100_and_passes():
    result = grade(MODULE, right_answers(MODULE))
    assert result.score == 100 and result.passed and result.wrong == []


def test_a_failed_attempt_explains_the_choices_made_but_withholds_the_right_option():
    answers = wrong_answers(MODULE)
    result = grade(MODULE, answers)
    assert result.score == 0 and not result.passed
    assert set(result.wrong) == {q.id for q in MODULE.quiz}
    for question in result.questions:
        assert not question.revealed
        for option in question.options:
            if option.id in answers[question.id]:  # the trainee's own choice: judged and explained
                assert option.chosen and option.correct is False and option.why
            else:  # the others, the right one among them: neither named nor explained
                assert option.correct is None and option.why is None


def test_a_failed_attempt_explains_fully_the_questions_answered_right():
    first = MODULE.quiz[0]
    answers = wrong_answers(MODULE) | {first.id: right_answers(MODULE)[first.id]}
    result = grade(MODULE, answers)
    assert not result.passed
    done = result.questions[0]
    assert done.correct and done.revealed
    assert [(o.correct, o.why) for o in done.options] == [(o.correct, o.why) for o in first.options]


def test_a_passed_attempt_reveals_the_key_of_the_questions_it_asked_and_no_other():
    asked = [q.id for q in MODULE.quiz[:5]]
    answers = right_answers(MODULE) | {asked[0]: wrong_answers(MODULE)[asked[0]]}
    result = grade(MODULE, answers, asked=asked)
    assert result.passed and result.score == 80 and result.wrong == [asked[0]]
    assert [q.id for q in result.questions] == asked
    missed = result.questions[0]
    assert missed.revealed and all(o.why for o in missed.options)
    assert [o.correct for o in missed.options] == [o.correct for o in MODULE.quiz[0].options]


def test_grading_marks_only_the_questions_asked():
    asked = [q.id for q in MODULE.quiz[2:7]]
    result = grade(MODULE, wrong_answers(MODULE) | right_answers(MODULE), asked=asked)
    assert [q.id for q in result.questions] == asked and result.score == 100
    result = grade(MODULE, {q: right_answers(MODULE)[q] for q in asked[:3]}, asked=asked)
    assert result.score == 60 and not result.passed  # 3 of the 5 asked; the pass mark is on those
    with pytest.raises(ValueError):
        grade(MODULE, {}, asked=["no-such-question"])


def test_multiple_choice_missing_a_right_option_says_so_without_naming_it():
    multiple = next(q for q in MODULE.quiz if q.type == "multiple" and len(q.key) > 1)
    some = sorted(multiple.key)[:1]
    result = grade(MODULE, {multiple.id: some}, asked=[multiple.id])
    [question] = result.questions
    assert question.missed_some and not question.revealed
    assert [o.id for o in question.options if o.why] == some
    assert not grade(MODULE, {}, asked=[multiple.id]).questions[0].missed_some  # nothing chosen


@pytest.mark.parametrize("right,passed", [(7, True), (6, False), (10, True), (0, False)])
def test_the_pass_mark_is_70_percent(right, passed):
    module = synthetic(10)
    answers = {f"q{i}": ["a" if i < right else "b"] for i in range(10)}
    assert PASS_MARK == 70
    assert grade(module, answers).passed is passed


def test_unanswered_partial_and_unknown_options_are_wrong():
    multiple = next(q for q in MODULE.quiz if q.type == "multiple" and len(q.key) > 1)
    partial = {multiple.id: sorted(multiple.key)[:1]}
    assert multiple.id in grade(MODULE, partial).wrong
    padded = {multiple.id: [*multiple.key, "no-such-option"]}
    assert multiple.id not in grade(MODULE, padded).wrong  # unknown ids are ignored
    too_many = {multiple.id: [o.id for o in multiple.options]}
    assert multiple.id in grade(MODULE, too_many).wrong
    assert len(grade(MODULE, {}).wrong) == len(MODULE.quiz)


def test_public_quiz_has_no_answer_key():
    public = public_module(MODULE)
    dumped = public.model_dump_json()
    assert '"correct"' not in dumped and '"why"' not in dumped
    for question in MODULE.quiz:
        for option in question.options:
            assert option.why not in dumped
    assert [q.id for q in public.quiz] == [q.id for q in MODULE.quiz]


def test_rendering_escapes_raw_html_and_keeps_tables_admonitions_footnotes():
    html = render_markdown(
        "<script>alert(1)</script>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        '!!! note "Mind"\n    text\n\nclaim[^1]\n\n[^1]: source\n\n[x](javascript:alert(1))\n'
    )
    assert "<script" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<table>" in html and 'class="admonition note"' in html
    assert 'class="footnotes"' in html and 'href="javascript' not in html


def test_sections_split_at_h2_and_carry_their_footnotes():
    titles = [s.title for s in MODULE.sections]
    assert titles[0] == "Why this module" and len(titles) >= 4
    assert all("<h2>" in s.html for s in MODULE.sections)
    cited = [s for s in MODULE.sections if "footnote-ref" in s.html]
    assert cited and all('class="footnotes"' in s.html for s in cited)


def test_a_reader_gets_english_and_is_told_when_their_language_lacks_the_module():
    some = {lang: dict(by_id) for lang, by_id in CATALOGUE.modules.items()}
    some["ar"].pop("interpol-notices", None)  # a module not yet translated
    catalogue = Catalogue(modules=some)
    module, fell_back = catalogue.public("interpol-notices", "ar")
    assert fell_back and module.lang == "en"
    module, fell_back = catalogue.public("interpol-notices", "fr")
    assert not fell_back and module.lang == "fr"
    with pytest.raises(KeyError):
        CATALOGUE.module("no-such-module", "en")


def test_an_arabic_reader_gets_the_arabic_module():
    module, fell_back = CATALOGUE.public("case-meetings", "ar")
    assert not fell_back and module.lang == "ar"
    assert module.title == "الاجتماعات الإقليمية بشأن القضايا وتبادل المعلومات"


def write(tmp_path: Path, text: str, name: str = "demo") -> Path:
    folder = tmp_path / "en"
    folder.mkdir(exist_ok=True)
    path = folder / f"{name}.md"
    path.write_text(text, encoding="utf-8")
    return path


GOOD = """---
id: demo
lang: en
title: Demo
minutes: 5
objectives: [one]
quiz:
  - id: q1
    type: single
    prompt: Pick
    options:
      - {id: a, text: A, correct: true, why: right}
      - {id: b, text: B, correct: false, why: wrong}
---
## Body
"""


def test_a_good_file_loads(tmp_path):
    module = load_module(write(tmp_path, GOOD))
    assert module.id == "demo" and module.sections[0].title == "Body"


@pytest.mark.parametrize("change,field", [
    (("why: wrong}", "why: ''}"), "quiz.0.options.1.why"),
    (("correct: false", "correct: true"), "quiz.0"),
    (("minutes: 5", "minutes: many"), "minutes"),
    (("title: Demo\n", ""), "title"),
    (("id: demo", "id: other"), "id"),
    (("lang: en", "lang: fr"), "lang"),
    (("type: single", "type: essay"), "quiz.0.type"),
])
def test_errors_name_the_file_and_the_field(tmp_path, change, field):
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(CurriculumError) as caught:
        load_module(path)
    assert caught.value.field == field and str(path) in str(caught.value)


def test_a_file_without_front_matter_is_refused(tmp_path):
    with pytest.raises(CurriculumError, match="front matter"):
        load_module(write(tmp_path, "## Just a body\n"))


def test_bad_paths_file_names_the_field(tmp_path):
    write(tmp_path, GOOD)
    (tmp_path / "paths.yaml").write_text("paths:\n  - id: xy\n    title: {en: X}\n", encoding="utf-8")
    with pytest.raises(CurriculumError) as caught:
        load_catalogue(tmp_path)
    assert caught.value.field == "paths.0.modules"


def test_catalogue_orders_modules_after_their_prerequisites():
    ids = CATALOGUE.ids()
    for module_id in ids:
        module, _ = CATALOGUE.module(module_id, "en")
        for prerequisite in module.prerequisites:
            if prerequisite in ids:
                assert ids.index(prerequisite) < ids.index(module_id)
    assert isinstance(CATALOGUE, Catalogue)


def test_unanswered_names_the_blank_questions_by_number_on_the_public_quiz_too():
    answers = right_answers(MODULE)
    first, last = MODULE.quiz[0].id, MODULE.quiz[-1].id
    total = len(MODULE.quiz)
    assert unanswered(MODULE.quiz, answers) == ()
    blank = answers | {first: [], last: ["no-such-option"]}  # an unknown id answers nothing
    assert unanswered(MODULE.quiz, blank) == (1, total)
    assert unanswered(public_module(MODULE).quiz, blank) == (1, total)
    assert unanswered(MODULE.quiz, {}) == tuple(range(1, total + 1))
    wrong = wrong_answers(MODULE)  # a wrong answer is still an answer
    assert unanswered(MODULE.quiz, wrong) == ()
