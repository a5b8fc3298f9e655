"""The demonstration presets and the controls of every dashboard, for the tests' parameters.

A dashboard's presets depend on its data (a rate below the data's limit, the best line), so listing
them builds the dashboard: once per dashboard and test process here, not once in each test module
that lists them (four did: 32 builds, about 15 s).
"""

from __future__ import annotations

import functools

import linreg_helpers as lh


@functools.cache
def _catalogue(name: str) -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    dashboard = lh.DASHBOARDS[name]()
    try:
        menu = tuple(value for _label, value in dashboard.controls["preset"].options if value)
        return tuple(dashboard._presets), frozenset(dashboard.controls), menu
    finally:
        dashboard.close()


def preset_names(name: str) -> tuple[str, ...]:
    """The names of ``lh.DASHBOARDS[name]``'s presets, in its menu's order."""
    return _catalogue(name)[0]


def control_names(name: str) -> frozenset[str]:
    """The keys of ``lh.DASHBOARDS[name]``'s controls (the preset menu's, ``"preset"``, among them)."""
    return _catalogue(name)[1]


def preset_menu(name: str) -> tuple[str, ...]:
    """The presets ``lh.DASHBOARDS[name]``'s menu offers (its options' values but the empty "choose" one), in order."""
    return _catalogue(name)[2]


def all_presets() -> list[tuple[str, str]]:
    """(dashboard, preset) for every preset of every dashboard, in ``lh.DASHBOARDS``' order."""
    return [(name, preset) for name in lh.DASHBOARDS for preset in preset_names(name)]
