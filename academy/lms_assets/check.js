/* The knowledge check of one packaged module, marked in the page (no server to ask).
 *
 * The same rules as the platform (academy/bank.py, academy/grading.py): an attempt asks a
 * hand of `shown` questions drawn from the bank (scenario questions dealt their share), a
 * question counts when exactly right, `passMark` percent of the questions asked passes. A
 * retry draws the questions the last attempt did not ask first. Feedback: on a pass every
 * question shows its key and explanations; on a failure a wrong question explains only the
 * options chosen. The result goes to `window.nestRuntime` (scorm12.js or cmi5.js), which
 * tells the LMS. Every text from the module goes into the page with textContent.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("nest-check").textContent);
  var words = data.words;
  var form = document.getElementById("check-form");
  var out = document.getElementById("check-result");
  var asked = [];
  var previous = [];

  function shuffled(items) {
    var copy = items.slice();
    for (var i = copy.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var keep = copy[i]; copy[i] = copy[j]; copy[j] = keep;
    }
    return copy;
  }

  function draw() {
    var bank = data.quiz;
    var n = Math.min(data.shown, bank.length);
    var fresh = function (q) { return previous.indexOf(q.id) < 0; };
    var order = function (list) {  // questions not asked last time first, each kind shuffled
      return shuffled(list.filter(fresh)).concat(shuffled(list.filter(function (q) { return !fresh(q); })));
    };
    var cases = order(bank.filter(function (q) { return q.scenario; }));
    var basics = order(bank.filter(function (q) { return !q.scenario; }));
    var share = cases.length ? Math.max(1, Math.round(n * cases.length / bank.length)) : 0;
    var hand = cases.slice(0, share).concat(basics.slice(0, n - Math.min(share, cases.length)));
    hand = hand.concat(cases.slice(share)).slice(0, n);
    return bank.filter(function (q) { return hand.indexOf(q) >= 0; });  // the author's order
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function show() {
    asked = draw();
    form.textContent = "";
    out.textContent = "";
    asked.forEach(function (q, index) {
      var set = el("fieldset", {"class": "question", "data-question": q.id});
      set.appendChild(el("legend", {}, (index + 1) + ". " + q.prompt));
      if (q.type === "multiple") set.appendChild(el("p", {"class": "note"}, words.choose_all));
      q.options.forEach(function (o) {
        var id = "q-" + q.id + "-" + o.id;
        var row = el("div", {"class": "option", "data-option": o.id});
        var input = el("input", {type: q.type === "multiple" ? "checkbox" : "radio",
                                 name: "q-" + q.id, value: o.id, id: id});
        row.appendChild(input);
        row.appendChild(el("label", {"for": id}, o.text));
        set.appendChild(row);
      });
      form.appendChild(set);
    });
    var submit = el("button", {type: "submit", id: "check-submit"}, words.submit);
    form.appendChild(submit);
  }

  function chosenOf(q) {
    var boxes = form.querySelectorAll('input[name="q-' + q.id + '"]:checked');
    return Array.prototype.map.call(boxes, function (b) { return b.value; }).sort();
  }

  function keyOf(q) {
    return q.options.filter(function (o) { return o.correct; }).map(function (o) { return o.id; }).sort();
  }

  function mark(event) {
    event.preventDefault();
    var choices = asked.map(chosenOf);
    if (choices.some(function (c) { return c.length === 0; })) {
      out.textContent = words.answer_all;
      out.setAttribute("data-state", "incomplete");
      return;
    }
    var right = 0;
    var results = asked.map(function (q, i) {
      var ok = choices[i].join(",") === keyOf(q).join(",");
      if (ok) right += 1;
      return ok;
    });
    var score = Math.round(100 * right / asked.length);
    var passed = right * 100 >= data.passMark * asked.length;
    feedback(choices, results, passed);
    var verdict = el("p", {"class": passed ? "passed" : "failed"},
                     (passed ? words.passed : words.failed) + " " + words.score + " " + score + " %");
    out.textContent = "";
    out.setAttribute("data-state", passed ? "passed" : "failed");
    out.setAttribute("data-score", String(score));
    out.appendChild(verdict);
    if (!passed) {
      var again = el("button", {type: "button", id: "check-retry"}, words.retry);
      again.addEventListener("click", function () { previous = asked.map(function (q) { return q.id; }); show(); });
      out.appendChild(again);
    }
    var finish = el("button", {type: "button", id: "check-finish"}, words.finish);
    finish.addEventListener("click", function () {
      window.nestRuntime.exit();
      out.appendChild(el("p", {"class": "note", id: "check-closed"}, words.closed));
      finish.disabled = true;
    });
    out.appendChild(finish);
    if (out.scrollIntoView) out.scrollIntoView({block: "center"});
    window.nestRuntime.record(score, passed);
  }

  function feedback(choices, results, passed) {
    form.querySelectorAll("input, button").forEach(function (i) { i.disabled = true; });
    asked.forEach(function (q, i) {
      var set = form.querySelector('[data-question="' + q.id + '"]');
      set.setAttribute("data-correct", results[i] ? "true" : "false");
      set.appendChild(el("p", {"class": results[i] ? "right" : "wrong"}, results[i] ? words.right : words.wrong));
      var reveal = passed || results[i];
      q.options.forEach(function (o) {
        if (!reveal && choices[i].indexOf(o.id) < 0) return;
        var row = set.querySelector('[data-option="' + o.id + '"]');
        row.appendChild(el("p", {"class": "why"}, (o.correct ? "✓ " : "✗ ") + o.why));
      });
    });
  }

  form.addEventListener("submit", mark);
  window.nestRuntime.start();
  show();
})();
