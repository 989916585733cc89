/* The cmi5 side of a packaged module: an Assignable Unit (cmi5 spec, sections 8-10).
 *
 * The LMS launches the AU with endpoint, fetch, actor, registration and activityId in the
 * query string. The AU POSTs to the fetch URL once for its auth token, reads the
 * LMS.LaunchData state document (context template, launch mode, mastery score) and then
 * sends xAPI 1.0.3 statements to the endpoint: initialized on launch; passed or failed
 * with the knowledge check's score (the LMS's masteryScore decides, when it gives one);
 * completed once, when the reading and a check are done; terminated when the trainee
 * finishes or leaves. Every statement carries the context template, the registration and
 * the cmi5 category; passed, failed and completed also the moveOn category. Outside Normal
 * launch mode (Browse, Review) the AU sends no passed, failed or completed. Opened without
 * an LMS, the module still reads and marks.
 */
(function () {
  "use strict";
  var XAPI = "1.0.3";
  var VERB = "http://adlnet.gov/expapi/verbs/";
  var CATEGORY = "https://w3id.org/xapi/cmi5/context/categories/";
  var MASTERY = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
  var launch = null;   // endpoint, actor, registration, activityId, auth, data (LaunchData)
  var started = null;
  var state = {passed: false, failed: false, completed: false, terminated: false};
  var queue = Promise.resolve();

  function uuid() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0;
      return (c === "x" ? r : (r & 3 | 8)).toString(16);
    });
  }

  function duration() {
    return "PT" + ((Date.now() - started) / 1000).toFixed(2) + "S";
  }

  function headers() {
    return {"Authorization": "Basic " + launch.auth, "X-Experience-API-Version": XAPI,
            "Content-Type": "application/json"};
  }

  function endpoint(path) {
    return launch.endpoint.replace(/\/?$/, "/") + path;
  }

  function send(verb, result, moveOn, extensions) {
    var context = JSON.parse(JSON.stringify(launch.data.contextTemplate || {}));
    context.registration = launch.registration;
    context.contextActivities = context.contextActivities || {};
    var categories = (context.contextActivities.category || []).slice();
    categories.push({id: CATEGORY + "cmi5", objectType: "Activity"});
    if (moveOn) categories.push({id: CATEGORY + "moveon", objectType: "Activity"});
    context.contextActivities.category = categories;
    if (extensions) {
      context.extensions = context.extensions || {};
      Object.keys(extensions).forEach(function (k) { context.extensions[k] = extensions[k]; });
    }
    var statement = {
      id: uuid(), actor: launch.actor, timestamp: new Date().toISOString(),
      verb: {id: VERB + verb, display: {"en-US": verb}},
      object: {objectType: "Activity", id: launch.activityId},
      context: context
    };
    if (result) statement.result = result;
    queue = queue.then(function () {
      return fetch(endpoint("statements"), {method: "POST", headers: headers(),
                                            body: JSON.stringify(statement), keepalive: true});
    }).catch(function () { /* the LRS is unreachable: the trainee still reads and marks */ });
    return queue;
  }

  function begin() {
    var q = new URLSearchParams(window.location.search);
    var names = ["endpoint", "fetch", "actor", "registration", "activityId"];
    if (names.some(function (n) { return !q.get(n); })) return Promise.resolve(null);
    var found = {endpoint: q.get("endpoint"), registration: q.get("registration"),
                 activityId: q.get("activityId"), actor: JSON.parse(q.get("actor"))};
    return fetch(q.get("fetch"), {method: "POST"}).then(function (r) { return r.json(); })
      .then(function (token) {
        found.auth = token["auth-token"];
        launch = found;
        var query = new URLSearchParams({stateId: "LMS.LaunchData", activityId: found.activityId,
                                         agent: JSON.stringify(found.actor),
                                         registration: found.registration});
        return fetch(endpoint("activities/state?" + query.toString()), {headers: headers()});
      })
      .then(function (r) { return r.json(); })
      .then(function (data) { launch.data = data; return launch; });
  }

  var ready = null;

  function normal() {
    return launch && launch.data && (launch.data.launchMode || "Normal") === "Normal";
  }

  window.nestRuntime = {
    start: function () {
      started = Date.now();
      ready = begin().then(function (found) {
        document.documentElement.setAttribute("data-lms", found ? "cmi5" : "none");
        if (found) return send("initialized");
      }).catch(function () { launch = null; document.documentElement.setAttribute("data-lms", "none"); });
    },
    record: function (score, passed) {
      ready.then(function () {
        if (!launch || !normal() || state.terminated || state.passed) return;
        var mastery = launch.data.masteryScore;
        var scaled = Math.round(score) / 100;
        var pass = typeof mastery === "number" ? scaled >= mastery : passed;
        var result = {score: {scaled: scaled, raw: score, min: 0, max: 100}, success: pass,
                      duration: duration()};
        var extensions = typeof mastery === "number" ? {} : null;
        if (extensions) extensions[MASTERY] = mastery;
        if (pass) { state.passed = true; send("passed", result, true, extensions); }
        else if (!state.failed) { state.failed = true; send("failed", result, true, extensions); }
        if (!state.completed) {
          state.completed = true;
          send("completed", {completion: true, duration: duration()}, true);
        }
      });
    },
    exit: function () {
      ready.then(function () {
        if (!launch || state.terminated) return;
        state.terminated = true;
        send("terminated", {duration: duration()}).then(function () {
          document.documentElement.setAttribute("data-terminated", "true");
          if (launch.data.returnURL) window.location.assign(launch.data.returnURL);
        });
      });
    }
  };
  window.addEventListener("pagehide", function () { window.nestRuntime.exit(); });
})();
