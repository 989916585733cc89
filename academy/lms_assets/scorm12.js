/* The SCORM 1.2 run-time side of a packaged module (ADL SCORM 1.2 RTE, section 3).
 *
 * The LMS puts an object called API in a window that launches the SCO: this window's
 * parents (the LMS frame), or the window that opened it, or that window's parents. The
 * SCO looks for it there, calls LMSInitialize(""), reports the knowledge check as
 * cmi.core.score.raw/min/max and cmi.core.lesson_status (incomplete on launch, then passed or
 * failed: every module has a check, so none is merely "completed"), commits, and calls LMSFinish("") when the trainee
 * finishes or leaves. A module already passed stays passed when a later attempt fails.
 * Without an LMS (the page opened on its own) the module still reads and marks.
 */
(function () {
  "use strict";
  var api = null;
  var started = null;
  var finished = false;
  var status = "";

  function scan(win) {
    for (var hops = 0; win && hops < 500; hops++) {
      try {
        if (win.API) return win.API;
      } catch (e) { return null; }  // a window of another origin: no API of ours there
      if (!win.parent || win.parent === win) return null;
      win = win.parent;
    }
    return null;
  }

  function findAPI() {
    return scan(window) || (window.opener ? scan(window.opener) : null);
  }

  function timespan(ms) {  // CMITimespan: HHHH:MM:SS.SS
    var s = ms / 1000;
    var h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
    var pad = function (n, w) { n = String(n); while (n.length < w) n = "0" + n; return n; };
    return pad(h, 4) + ":" + pad(m, 2) + ":" + pad(sec.toFixed(2), 5);
  }

  function set(name, value) { return api.LMSSetValue(name, String(value)); }

  window.nestRuntime = {
    start: function () {
      api = findAPI();
      started = Date.now();
      document.documentElement.setAttribute("data-lms", api ? "scorm12" : "none");
      if (!api || String(api.LMSInitialize("")) !== "true") { api = null; return; }
      status = String(api.LMSGetValue("cmi.core.lesson_status"));
      if (status === "" || status === "not attempted") {
        set("cmi.core.lesson_status", "incomplete");
        status = "incomplete";
      }
      api.LMSCommit("");
    },
    record: function (score, passed) {
      if (!api || finished) return;
      set("cmi.core.score.min", 0);
      set("cmi.core.score.max", 100);
      set("cmi.core.score.raw", score);
      if (passed) status = "passed";
      else if (status !== "passed") status = "failed";
      set("cmi.core.lesson_status", status);
      api.LMSCommit("");
    },
    exit: function () {
      if (!api || finished) return;
      finished = true;
      set("cmi.core.session_time", timespan(Date.now() - started));
      set("cmi.core.exit", "");
      api.LMSCommit("");
      api.LMSFinish("");
    }
  };
  window.addEventListener("pagehide", function () { window.nestRuntime.exit(); });
})();
