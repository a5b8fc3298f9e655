"""axe-core's verdicts as the browser tests read them: serious and critical violations fail.

Used by the dashboards' check (tests/browser/test_dashboards_in_lab.py) and the website's
(tests/browser/test_site.py). axe-core comes bundled with ``axe-playwright-python``: no network.
"""

from __future__ import annotations

FAILING_IMPACTS = ("serious", "critical")


def serious_violations(results: dict) -> list[str]:
    """One line per serious or critical violation in axe-core's ``results``: rule, impact, help, first targets."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v.get("impact") in FAILING_IMPACTS
    ]
