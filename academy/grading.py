"""Marking a knowledge check: every question fully right or wrong, 70 % to pass.

Grading runs on the server only; the browser holds the public quiz without its key
(``academy.curriculum.public_module``). Only the questions the attempt asked are marked
(``academy.bank.draw`` chooses them); the pass mark applies to those.

What the trainee gets back is feedback chosen the way an instructor would give it:

- a question answered right shows every option with its explanation (nothing to hide:
  the trainee already chose the key);
- on a **passed** attempt, every question asked shows its full key and explanations — the
  module is complete, and closing the gap on the questions missed is the point;
- on a **failed** attempt, a question answered wrong says *that* it is wrong and explains
  each option the trainee chose (why that choice is or is not right), but does not name
  the right option nor explain the others. The trainee rereads the module and the retry
  draws other questions on the same ideas, so it still tests understanding.

Questions of the bank that were not asked are not in the result at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from academy.curriculum import PASS_MARK, Frozen, Module, PublicQuestion, Question


class OptionFeedback(Frozen):
    """One option after marking; ``correct`` and ``why`` are None when withheld."""

    id: str
    text: str
    chosen: bool
    correct: bool | None
    why: str | None


class QuestionResult(Frozen):
    """How one asked question went; ``revealed`` when its whole key is shown."""

    id: str
    prompt: str
    correct: bool
    chosen: tuple[str, ...]
    revealed: bool
    options: tuple[OptionFeedback, ...]

    @property
    def missed_some(self) -> bool:
        """Wrong although every option chosen is right: a right option was left out."""
        chosen = [o for o in self.options if o.chosen]
        return not self.correct and bool(chosen) and all(o.correct for o in chosen)


class GradeResult(Frozen):
    module_id: str
    lang: str
    score: int  # percent of the questions asked, rounded
    passed: bool
    questions: tuple[QuestionResult, ...]  # the questions asked, in the order shown

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


def _feedback(question: Question, chosen: tuple[str, ...], *, reveal: bool) -> QuestionResult:
    right = frozenset(chosen) == question.key
    shown = reveal or right
    return QuestionResult(
        id=question.id, prompt=question.prompt, correct=right, chosen=chosen, revealed=shown,
        options=tuple(
            OptionFeedback(
                id=o.id, text=o.text, chosen=o.id in chosen,
                correct=o.correct if shown or o.id in chosen else None,
                why=o.why if shown or o.id in chosen else None,
            )
            for o in question.options
        ),
    )


def grade(
    module: Module, answers: Mapping[str, Iterable[str]], *, asked: Iterable[str] | None = None,
) -> GradeResult:
    """Mark ``answers`` ({question id: chosen option ids}) on the questions ``asked``.

    ``asked`` is the question ids the attempt showed (the whole bank when None); answers to
    other questions are ignored. A question counts when exactly right. Unanswered questions
    are wrong (callers that store attempts refuse them first, see :func:`unanswered`);
    option ids the question does not have are ignored.
    """
    by_id = {q.id: q for q in module.quiz}
    ids = list(by_id) if asked is None else list(dict.fromkeys(asked))
    unknown = [qid for qid in ids if qid not in by_id]
    if unknown or not ids:
        raise ValueError(f"{module.id}: cannot mark questions {unknown or 'none'}")
    chosen = {
        qid: tuple(sorted(set(answers.get(qid, ())) & {o.id for o in by_id[qid].options}))
        for qid in ids
    }
    right = sum(frozenset(chosen[qid]) == by_id[qid].key for qid in ids)
    passed = right * 100 >= PASS_MARK * len(ids)
    return GradeResult(
        module_id=module.id, lang=module.lang, score=round(100 * right / len(ids)), passed=passed,
        questions=tuple(_feedback(by_id[qid], chosen[qid], reveal=passed) for qid in ids),
    )
