"""Marking a knowledge check: every question fully right or wrong, 70 % to pass.

Grading runs on the server only; the browser holds the public quiz without its key
(``academy.curriculum.public_module``) and gets each question's key back only with its result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from academy.curriculum import PASS_MARK, Frozen, Module, Option, PublicQuestion, Question


class QuestionResult(Frozen):
    """How one question went, with the full answer key of that question (after submission)."""

    id: str
    prompt: str
    correct: bool
    chosen: tuple[str, ...]
    options: tuple[Option, ...]


class GradeResult(Frozen):
    module_id: str
    lang: str
    score: int  # percent, rounded
    passed: bool
    questions: tuple[QuestionResult, ...]

    @property
    def wrong(self) -> list[str]:
        return [q.id for q in self.questions if not q.correct]


def unanswered(
    questions: Iterable[Question | PublicQuestion], answers: Mapping[str, Iterable[str]],
) -> tuple[int, ...]:
    """The numbers (from 1) of the questions with no valid option chosen in ``answers``.

    Every question has at least one right option, so an empty choice is never an answer:
    it is a question the trainee skipped or overlooked, and is not marked until answered.
    """
    return tuple(
        number for number, question in enumerate(questions, start=1)
        if not set(answers.get(question.id, ())) & {o.id for o in question.options}
    )


def grade(module: Module, answers: Mapping[str, Iterable[str]]) -> GradeResult:
    """Mark ``answers`` ({question id: chosen option ids}); a question counts when exactly right.

    Unanswered questions are wrong (callers that store attempts refuse them first, see
    :func:`unanswered`); option ids the question does not have are ignored.
    """
    results = []
    for question in module.quiz:
        valid = {o.id for o in question.options}
        chosen = tuple(sorted(set(answers.get(question.id, ())) & valid))
        results.append(QuestionResult(
            id=question.id, prompt=question.prompt, correct=frozenset(chosen) == question.key,
            chosen=chosen, options=question.options,
        ))
    right = sum(r.correct for r in results)
    total = len(results)
    return GradeResult(
        module_id=module.id, lang=module.lang, score=round(100 * right / total),
        passed=right * 100 >= PASS_MARK * total, questions=tuple(results),
    )
