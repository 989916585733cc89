"""One curriculum module as a page an LMS can launch: the reading, then the knowledge check.

A centre's LMS (Moodle, …) plays a packaged module offline from its own server: nothing
in the page reaches back to the platform. The reading is the module's body on one page,
rendered by the platform's inert Markdown reader (no raw HTML, no image fetched, no link
followed). The knowledge check is marked in the page by ``check.js``, so the page carries
the module's answer key: that is why only instructors and admins may build a package
(``academy.lms_package``), for their LMS, never for a trainee's download.

The page is the same for SCORM 1.2 and cmi5; only the run-time script that reports to the
LMS differs (``scorm12.js`` or ``cmi5.js``, in the package's shared folder).
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Literal

from academy.bank import QUESTIONS_SHOWN
from academy.catalogs import say
from academy.curriculum import PASS_MARK, Module, render_markdown
from academy.wording import RTL

ASSETS = Path(__file__).resolve().parent / "lms_assets"
SHARED = ("style.css", "check.js")  # with the run-time script, the files every page uses
Runtime = Literal["scorm12", "cmi5"]
WORDS = {  # the words check.js shows, by the catalog key that says them in the page's language
    "submit": "quiz.submit", "retry": "quiz.retry", "passed": "quiz.passed",
    "failed": "quiz.failed", "right": "quiz.right", "wrong": "quiz.wrong",
    "finish": "lms.page.finish", "closed": "lms.page.closed", "score": "lms.page.score",
    "answer_all": "lms.page.answer_all", "choose_all": "quiz.choose_all",
}


def shared_files(runtime: Runtime) -> dict[str, bytes]:
    """The files of the package's ``shared/`` folder, by name."""
    return {name: (ASSETS / name).read_bytes() for name in (*SHARED, f"{runtime}.js")}


def check_data(module: Module) -> dict[str, object]:
    """What ``check.js`` needs: the bank with its key, the rules, the words of the page."""
    return {
        "module": module.id, "lang": module.lang, "passMark": PASS_MARK, "shown": QUESTIONS_SHOWN,
        "quiz": [q.model_dump() for q in module.quiz],
        "words": {word: say(key, module.lang) for word, key in WORDS.items()},
    }


def _json_in_script(data: object) -> str:
    """JSON that cannot end its <script> element early, whatever an author typed."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def module_page(module: Module, runtime: Runtime, shared: str = "../../shared") -> str:
    """The HTML of ``module`` reporting through ``runtime``; ``shared`` is the path from the
    page to the package's shared folder."""
    lang = module.lang
    rtl = lang in RTL
    esc = html.escape
    objectives = "".join(f"<li>{esc(o)}</li>" for o in module.objectives)
    reading = render_markdown(module.body)  # one page: the footnotes once, at the end
    return f"""<!DOCTYPE html>
<html lang="{esc(lang)}" dir="{'rtl' if rtl else 'ltr'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(module.title)}</title>
<link rel="stylesheet" href="{shared}/style.css">
</head>
<body>
<main>
<h1>{esc(module.title)}</h1>
<p>{esc(say("module.minutes", lang, isolate=rtl, minutes=module.minutes))}</p>
<section class="objectives" aria-labelledby="objectives">
<h2 id="objectives">{esc(say("lms.page.objectives", lang))}</h2>
<ul>{objectives}</ul>
</section>
<article id="reading">
{reading}
</article>
<section id="check" aria-labelledby="check-title">
<h2 id="check-title">{esc(say("module.quiz", lang))}</h2>
<p>{esc(say("module.quiz_intro", lang, isolate=rtl, count=min(QUESTIONS_SHOWN, len(module.quiz)),
                   bank=len(module.quiz)))}</p>
<form id="check-form"></form>
<div id="check-result" role="status" aria-live="polite"></div>
</section>
</main>
<script type="application/json" id="nest-check">{_json_in_script(check_data(module))}</script>
<script src="{shared}/{runtime}.js"></script>
<script src="{shared}/check.js"></script>
</body>
</html>
"""
