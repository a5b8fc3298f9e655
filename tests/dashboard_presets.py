"""The demonstration presets of every dashboard, for the tests' parameters.

A dashboard's presets depend on its data (a rate below the data's limit, the best line), so listing
them builds the dashboard: once per dashboard and test process here, not once in each test module
that is parametrized by them (three did, at collection: 24 builds, about 10 s).
"""

from __future__ import annotations

import functools

import linreg_helpers as lh


@functools.cache
def preset_names(name: str) -> tuple[str, ...]:
    """The names of ``lh.DASHBOARDS[name]``'s presets, in its menu's order."""
    dashboard = lh.DASHBOARDS[name]()
    try:
        return tuple(dashboard._presets)
    finally:
        dashboard.close()


def all_presets() -> list[tuple[str, str]]:
    """(dashboard, preset) for every preset of every dashboard, in ``lh.DASHBOARDS``' order."""
    return [(name, preset) for name in lh.DASHBOARDS for preset in preset_names(name)]
