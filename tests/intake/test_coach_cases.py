"""The coach against the labelled example briefs: exactly the labelled findings, no others."""

import pytest

from accord.intake import coach
from accord.intake.services.templates import TEMPLATES
from tests.intake.coach_cases import GOOD, TODAY, WEAK, Case

SPECS = {spec["name"]: spec for spec in TEMPLATES}


def _run(case: Case) -> coach.Completeness:
    spec = SPECS[case.template]
    return coach.completeness(
        questions=spec["questions"],
        answers=case.answers,
        today=TODAY,
        min_lead_days=spec["lead"],
        currency=case.currency,
    )


def test_the_set_covers_every_template_with_enough_cases():
    assert len(GOOD) >= 12 and len(WEAK) >= 12
    assert {c.template for c in GOOD} == set(SPECS) == {c.template for c in WEAK}
    assert all(case.expected for case in WEAK)


@pytest.mark.parametrize("case", GOOD, ids=lambda c: c.name)
def test_a_good_brief_gets_no_finding(case):
    assert _run(case).findings == []


@pytest.mark.parametrize("case", WEAK, ids=lambda c: c.name)
def test_a_weak_brief_gets_exactly_its_labelled_findings(case):
    result = _run(case)
    assert {(f.key, f.code) for f in result.findings} == case.expected
    assert result.score < _run(GOOD[WEAK.index(case)]).score
    for found in result.findings:
        if found.severity == "weak" and found.code.split("_")[0] in coach.EXAMPLES:
            assert found.example and f"“{found.example.rstrip('.')}”" in found.message
