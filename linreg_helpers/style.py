"""Colours, sizes and lecture mode for every figure of the series.

Colours are the Okabe–Ito palette, distinguishable with the common forms of
colour blindness; surfaces use ``cividis``, designed for the same purpose.
Nothing here touches ``matplotlib.rcParams``: sizes are passed explicitly to
the artists, so importing the package changes no global state.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["COLORS", "SURFACE_CMAP", "lecture_mode", "sizes"]

COLORS = {
    "data": "#0072B2",  # blue
    "fit": "#D55E00",  # vermillion
    "path": "#E69F00",  # orange
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
    "residual": "#56B4E9",  # sky blue
    "warning": "#D55E00",
    "grid": "#BBBBBB",
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
_LECTURE = _Sizes(font=13.0, title=14.0, line=3.0, marker=8.0, scale=1.35)
_state = {"lecture": False}


def lecture_mode(on: bool = True) -> bool:
    """Switch larger fonts, thicker lines and bigger figures on (or off) for a projector.

    Affects dashboards and ``plot_*`` figures created afterwards; each
    dashboard builder also takes ``lecture=True`` for itself alone.

    Returns
    -------
    bool
        The new setting.
    """
    _state["lecture"] = bool(on)
    return _state["lecture"]


def sizes(lecture: bool | None = None) -> _Sizes:
    """Sizes in force (``lecture=None`` follows :func:`lecture_mode`)."""
    use = _state["lecture"] if lecture is None else lecture
    return _LECTURE if use else _NORMAL
