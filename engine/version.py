"""The version of the engine's rules, stored with every exercise the platform runs.

An exercise is its log; the log replays under the rules of the engine that reads it. When
the rules change how a log plays out, the version goes up, so the platform can say that
an exercise played before was replayed under newer rules.

- 1: the engine until the split of the simulation into parts; an inspection team was held
  from the day the inspection was booked to the end of its window.
- 2: inspection teams are a SimPy resource booked for their window only (an inspection
  booked for day 40 leaves the team free until then); answers, intelligence deliveries and
  injects are SimPy processes.
- 3: a decision drawn once (a verdict, a leak, an arrest at a border, the member an inject
  names, a laboratory's or a support team's delay, surveillance lost on a controlled
  delivery) takes its number from a hash of the exercise's seed and the decision's name
  (``Simulation.draw``) instead of seeding a random generator for it: each still has its
  own number that no other draw moves, at a tenth of the cost, but the numbers differ, so
  a log of version 2 replays to other verdicts and tip-offs.
- 4: a report names each load once however many members handle it (it listed a load once
  per member: the grade weighed the repeats); a courier arrested while a load is on its way
  travels no further (no border alerts or movements after the arrest, not "caught" with the
  load later). A log of version 3 replays to other report grades where a report repeated a
  load, and to other movements where a courier was arrested mid-route.
- 5: advancing a day or a week brings what is due on the day reached (it stopped before
  it: the desk read "day 7.0" with the day-7 top-up still to come); a report on a place
  lists the loads through it but no longer puts the members handling them in the case file
  unnamed (customs data on a port put the port's corrupt official on the link chart), and a
  report on a vessel names its operator; a control window that closes without a find is
  reported by the team that ran it, and an arrest is filed by the NCB of the country that
  made it. A log of version 4 replays to other budgets and events where an action was taken
  on a day an event was due, to other case files where a place was asked about, and to an
  inbox with those reports.
"""

from __future__ import annotations

ENGINE_VERSION = 5
