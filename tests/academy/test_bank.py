"""The question bank: each attempt draws its questions; a retry meets other questions."""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from academy.bank import QUESTIONS_SHOWN, draw
from academy.curriculum import Option, Question, load_catalogue

CATALOGUE = load_catalogue()
MODULE_IDS = sorted(CATALOGUE.modules["en"])


def bank(n: int, cases: int = 0) -> tuple[Question, ...]:
    return tuple(
        Question(id=f"q{i}", type="single", prompt=f"Question {i}", scenario=i < cases, options=(
            Option(id="a", text="A", correct=True, why="A is right"),
            Option(id="b", text="B", correct=False, why="B is wrong"),
        )) for i in range(n)
    )


def ids(questions) -> list[str]:  # type: ignore[no-untyped-def]
    return [q.id for q in questions]


@pytest.mark.parametrize("module_id", MODULE_IDS)
def test_two_attempts_in_a_row_draw_different_questions(module_id):
    quiz = CATALOGUE.modules["en"][module_id].quiz
    for user_id in (1, 2, 3):
        draws = [set(ids(draw(quiz, user_id=user_id, module_id=module_id, attempt=a)))
                 for a in range(8)]
        assert all(len(d) == QUESTIONS_SHOWN for d in draws), module_id
        for first, second in pairwise(draws):
            assert first != second, f"{module_id}: a retry repeats the same questions"
        assert not draws[0] & draws[1], f"{module_id}: the first retry repeats a question"


def test_a_draw_is_reproducible_and_in_the_bank_order():
    quiz = bank(12, cases=3)
    once = draw(quiz, user_id=7, module_id="m", attempt=3)
    assert once == draw(quiz, user_id=7, module_id="m", attempt=3)  # a resumed attempt
    order = [int(q.id[1:]) for q in once]
    assert order == sorted(order)


def test_trainees_get_different_draws_and_the_bank_is_used_up_before_repeating():
    quiz = bank(10, cases=2)
    firsts = {tuple(ids(draw(quiz, user_id=u, module_id="m", attempt=0))) for u in range(20)}
    assert len(firsts) > 1  # not everyone in the room answers the same five
    two = ids(draw(quiz, user_id=1, module_id="m", attempt=0)) + ids(
        draw(quiz, user_id=1, module_id="m", attempt=1))
    assert sorted(two) == sorted(ids(quiz))  # two attempts cover the whole bank of ten


def test_every_hand_gets_a_scenario_question_when_the_bank_has_enough():
    quiz = bank(10, cases=2)
    for user_id in range(30):
        for attempt in range(4):
            drawn = draw(quiz, user_id=user_id, module_id="m", attempt=attempt)
            assert sum(q.scenario for q in drawn) == 1


def test_a_small_bank_is_asked_whole():
    quiz = bank(4)
    assert draw(quiz, user_id=1, module_id="m", attempt=5) == quiz
    with pytest.raises(ValueError):
        draw(quiz, user_id=1, module_id="m", attempt=-1)


@given(size=st.integers(2 * QUESTIONS_SHOWN, 30), user_id=st.integers(1, 10_000),
       attempt=st.integers(0, 40))
def test_consecutive_draws_differ_for_any_bank(size, user_id, attempt):
    quiz = bank(size, cases=size // 4)
    now = draw(quiz, user_id=user_id, module_id="x", attempt=attempt)
    after = draw(quiz, user_id=user_id, module_id="x", attempt=attempt + 1)
    assert len(now) == len(set(ids(now))) == QUESTIONS_SHOWN
    assert set(ids(now)) != set(ids(after))
