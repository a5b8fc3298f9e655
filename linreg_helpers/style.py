"""Colours, sizes and lecture mode for every figure of the series.

Colours are the Okabe–Ito palette, distinguishable with the common forms of
colour blindness, with its light members darkened so that every line and
marker has a contrast of at least 3:1 against the white axes and warnings at
least 4.5:1 (WCAG 2.1, 1.4.11 and 1.4.3; ``tests/test_style.py`` computes
them). Surfaces use ``cividis``, designed for the same purpose.

Importing the package changes no global state: sizes are passed explicitly to
the artists. Only :func:`lecture_mode` (or ``LH_LECTURE=1`` in the kernel's
environment, which a hub can set for a lecture account) also enlarges the
notebooks' own figures, through ``matplotlib.rcParams``; switching it off
restores them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import matplotlib as mpl
from numpy import bool_ as _np_bool

__all__ = ["COLORS", "SURFACE_CMAP", "lecture_mode", "sizes"]

COLORS = {
    "data": "#0072B2",  # blue
    "fit": "#D55E00",  # vermillion
    "path": "#B07800",  # orange, darkened (Okabe–Ito's #E69F00 has only 2.25:1 on white)
    "mse": "#D55E00",  # vermillion
    "mae": "#009E73",  # bluish green
    "huber": "#CC79A7",  # reddish purple
    "rmse": "#0072B2",  # blue
    "tukey": "#000000",  # black
    "full": "#0072B2",  # full batch
    "mini": "#009E73",  # mini-batch
    "sgd": "#D55E00",  # SGD
    "start": "#000000",
    "optimum": "#000000",
    "residual": "#2E86C1",  # sky blue, darkened (#56B4E9 has 2.3:1 on white)
    "warning": "#B35900",  # vermillion, darkened for text (4.8:1 on white)
    "grid": "#BBBBBB",  # decoration, not information: exempt from the 3:1 rule
    "converges": "#0072B2",  # blue: a run that converges (notebook 04)
    "diverges": "#D55E00",  # vermillion: a run that diverges, told apart from blue under every colour blindness
    "chord": "#CC79A7",
}
"""Named colours (Okabe–Ito), by role."""

SURFACE_CMAP = "cividis"


@dataclass
class _Sizes:
    font: float = 9.0
    title: float = 10.0
    line: float = 1.8
    marker: float = 5.0
    scale: float = 1.0


_NORMAL = _Sizes()
_LECTURE = _Sizes(font=16.0, title=16.0, line=3.0, marker=8.0, scale=1.35)
LECTURE_ENV = "LH_LECTURE"
"""The environment variable that starts every kernel in lecture mode when set to ``1``."""
_RC_LECTURE = {
    "font.size": 15.0,
    "axes.titlesize": 17.0,
    "axes.labelsize": 15.0,
    "xtick.labelsize": 14.0,
    "ytick.labelsize": 14.0,
    "legend.fontsize": 14.0,
    "lines.linewidth": 3.0,
    "lines.markersize": 8.0,
    "figure.dpi": 120.0,
}
"""The notebooks' own figures in lecture mode (matplotlib's ``rcParams``)."""
_state: dict = {"lecture": False, "saved_rc": None}


def _env_lecture() -> bool:
    value = os.environ.get(LECTURE_ENV, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ValueError(f"{LECTURE_ENV}={value!r} is not understood: set it to 1 (lecture mode) or 0 (none)")


def lecture_mode(on: bool = True) -> bool:
    """Switch lecture mode, for a projector in a hall, on (or off) for the whole kernel.

    It enlarges figure text, lines and markers, the dashboards' controls and
    read-outs (the dashboards then fill the window width and fit a 1280x720
    projector), and the notebooks' own matplotlib figures (``rcParams``).
    It affects dashboards and figures created afterwards; each dashboard
    builder also takes ``lecture=True`` for itself alone. Setting the
    environment variable ``LH_LECTURE=1`` switches it on when the package is
    imported.

    Parameters
    ----------
    on : bool
        ``True`` to switch lecture mode on, ``False`` to switch it off (and
        restore the ``rcParams`` it changed).

    Returns
    -------
    bool
        The new setting.

    Raises
    ------
    TypeError
        If ``on`` is not ``True`` or ``False`` (``"off"`` would otherwise count as on).
    """
    if not isinstance(on, (bool, _np_bool)):
        raise TypeError(f"lecture_mode() takes True or False, got {on!r}: use lh.lecture_mode(False) to switch it off")
    on = bool(on)
    if on and _state["saved_rc"] is None:
        _state["saved_rc"] = {key: mpl.rcParams[key] for key in _RC_LECTURE}
        mpl.rcParams.update(_RC_LECTURE)
    elif not on and _state["saved_rc"] is not None:
        mpl.rcParams.update(_state["saved_rc"])
        _state["saved_rc"] = None
    _state["lecture"] = on
    return on


def sizes(lecture: bool | None = None) -> _Sizes:
    """Sizes in force (``lecture=None`` follows :func:`lecture_mode`)."""
    use = _state["lecture"] if lecture is None else lecture
    return _LECTURE if use else _NORMAL


if _env_lecture():
    lecture_mode(True)
