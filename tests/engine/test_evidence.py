"""The case file sums usable exhibits per person; a broken chain of custody counts nothing."""

from __future__ import annotations

from engine.evidence import CaseFile, ExhibitKind


def test_a_broken_chain_of_custody_counts_for_nothing_in_court():
    cf = CaseFile()
    cf.add("P1", ExhibitKind.seizure, 1.0, 3.0, "S01")
    cf.add("P1", ExhibitKind.forensic, 0.5, 5.0, "F1", custody_kept=False)
    cf.add("P2", ExhibitKind.report, 0.25, 1.0, "I001")
    assert cf.weight("P1") == 1.0
    assert cf.weight("P1", usable_only=False) == 1.5
    assert [e.ref for e in cf.on("P1")] == ["S01", "F1"]
    assert cf.weight("nobody") == 0.0
