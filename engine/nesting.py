"""How deep a user's YAML may nest, checked before anything is built from it.

Real scenario files nest six levels deep. A hostile text nests as
deep as its size allows, and the parser fails slowly: PyYAML's
pure-Python scanner re-examined every open ``[`` for each new one, so sixteen kilobytes of
``[`` took 31 seconds to refuse (five minutes at the upload limit). So depth is bounded first:

- YAML: PyYAML's event stream (``yaml.parse``) is read one event at a time, without
  composing nodes, and the walk stops at the first collection opened deeper than
  ``MAX_DEPTH`` — flow (``[[[``) or block (indentation, ``- - -``) alike. The scanner
  looks at most 1,024 characters ahead for a possible key, so the refusal comes after a
  bounded amount of work, whatever the size of the text: about 0.3 s in pure Python for
  ``[`` repeated, a millisecond with libyaml's parser, used when PyYAML has it (libyaml's
  own limit, 1,000 levels, surfaces as "exceeded maximum nesting depth": also TooDeep).

It raises ``TooDeep`` with the 1-based line, so callers report it like any other
problem of the file.
"""

from __future__ import annotations

import yaml

MAX_DEPTH = 32

_FAST = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # events only: marks are the same
_OPEN = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSE = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
class TooDeep(ValueError):
    """A text nested deeper than allowed, with the line where the limit was passed."""

    def __init__(self, line: int, limit: int) -> None:
        self.line = line
        self.limit = limit
        super().__init__(f"line {line}: nested more than {limit} levels deep")


def check_yaml(text: str, max_depth: int = MAX_DEPTH) -> int:
    """The number of YAML aliases in ``text``; ``TooDeep`` as soon as a collection opens
    deeper than ``max_depth`` (``yaml.YAMLError`` for malformed text, in PyYAML's words:
    when libyaml finds a fault, the pure-Python parser walks the text again to name it)."""
    try:
        return _walk(text, max_depth, _FAST)
    except TooDeep:
        raise
    except yaml.YAMLError:
        if _FAST is yaml.SafeLoader:
            raise
        return _walk(text, max_depth, yaml.SafeLoader)


def _walk(text: str, max_depth: int, loader: type) -> int:
    depth = aliases = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, _OPEN):
                depth += 1
                if depth > max_depth:
                    raise TooDeep(event.start_mark.line + 1, max_depth)
            elif isinstance(event, _CLOSE):
                depth -= 1
            elif isinstance(event, yaml.AliasEvent):
                aliases += 1
    except yaml.MarkedYAMLError as exc:
        if "nesting depth" in str(exc.problem) and exc.problem_mark is not None:
            raise TooDeep(exc.problem_mark.line + 1, max_depth) from None
        raise
    return aliases
