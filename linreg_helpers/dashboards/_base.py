"""The machinery every dashboard shares: controls, layout, read-outs, fast redraws.

A dashboard subclass declares its controls (:meth:`Dashboard.make_controls`),
draws the static part of its figure once (:meth:`Dashboard.build`), and on
every change computes the new numbers and moves its artists
(:meth:`Dashboard.render`). This class does the rest: the layout, the Reset
button, the read-out, coalescing bursts of slider moves, and blitting.
"""

from __future__ import annotations

import asyncio
import base64
import html
import io
import math
import time
import weakref
from typing import Any, ClassVar

import ipywidgets as widgets
import numpy as np

from .. import _validation as v
from .._canvas import (
    DASHBOARD_CLASS,
    FALLBACK_CLASS,
    LECTURE_CLASS,
    LOG_SLIDER_CLASS,
    SHORT_LABEL_CLASS,
    Blitter,
    fallback_html,
    new_live_figure,
)
from .._cells import current_cell_id as _current_cell_id
from .._mse_stats import MSEStats
from ..data import Dataset
from ..plots import parameter_grid
from ..style import COLORS, sizes
from ..training import largest_stable_learning_rate
from . import _lecture
from ._panels import FitPanel
from ._recent_runs import RecentRuns

__all__ = ["Dashboard"]


def _running_loop() -> asyncio.AbstractEventLoop | None:
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


def nice_slider(value: float, lo: float, hi: float, description: str, steps: int = 200) -> widgets.FloatSlider:
    """A FloatSlider over ``[lo, hi]`` whose step is a round number (1, 2 or 5 × 10ᵏ).

    The browser snaps a slider's value to ``min + k·step``; with a round step
    and the ends on that grid, round values such as 0 stay exactly 0.
    """
    if not (math.isfinite(lo) and math.isfinite(hi) and hi > lo):
        raise ValueError(f"the {description!r} slider needs finite ends with hi > lo, got lo={lo!r}, hi={hi!r}")
    raw = (hi - lo) / steps
    power = 10.0 ** np.floor(np.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    decimals = max(0, int(-np.floor(np.log10(step))))
    lo_n, hi_n = np.floor(lo / step) * step, np.ceil(hi / step) * step
    snapped = float(np.clip(np.round(value / step) * step, lo_n, hi_n))
    return widgets.FloatSlider(
        value=round(snapped, decimals + 2),
        min=round(float(lo_n), decimals + 2),
        max=round(float(hi_n), decimals + 2),
        step=step,
        description=description,
        readout_format=f".{decimals}f",
    )


def zoomed_grid(
    X: np.ndarray, y: np.ndarray, start: tuple[float, float] = (0.0, 0.0), *, n: int = 41, margin: float = 1.25
) -> tuple[np.ndarray, np.ndarray]:
    """A ``(w, b)`` grid around the least-squares minimum, zoomed to where runs from ``start`` go.

    Full-batch descent with a stable learning rate never leaves the disc around the minimum
    through the start (each step shrinks the distance to the minimum: the step matrix
    ``I − ηH`` is symmetric with eigenvalues in (−1, 1)). Each axis of :func:`parameter_grid`'s
    grid is therefore cut to that disc's radius (times ``margin``) when it is wider, so a run
    that moves b by a few tenths is not drawn as a flat line across a ±20 axis.

    Parameters
    ----------
    X, y : ndarray
        One-feature data.
    start : (float, float)
        The usual start ``(w₀, b₀)``.
    n : int
        Grid points per axis.
    margin : float
        How much wider than the disc the grid is.

    Returns
    -------
    weights, biases : ndarray, shape (n,)
    """
    weights, biases = parameter_grid(X, y, [start], n=n, margin=margin)
    w_star, b_star = float(weights.mean()), float(biases.mean())  # the grid is centred on the minimum
    r = float(np.hypot(start[0] - w_star, start[1] - b_star)) * margin
    if not r > 0:  # the start is the minimum: keep the data's natural scales
        return weights, biases
    half_w = min(float(weights[-1] - w_star), r)
    half_b = min(float(biases[-1] - b_star), r)
    return np.linspace(w_star - half_w, w_star + half_w, n), np.linspace(b_star - half_b, b_star + half_b, n)


def code_number(value: float, digits: int = 4) -> str:
    """A number as a teacher would type it: ``0.02512``, ``1.68``, ``40`` (``digits`` significant digits)."""
    if isinstance(value, (bool, np.bool_)) or isinstance(value, (int, np.integer)):
        return repr(value if isinstance(value, bool) else int(value))
    text = f"{float(value):.{digits}g}"
    return repr(float(text)) if "e" not in text else text


def _round_sig(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant digits (round numbers for presets)."""
    return float(f"{value:.{digits}g}")


def _on_grid(lo: float, step: float, k: float, hi: float) -> float:
    """``lo + k·step``, clipped to ``[lo, hi]``, without the round-off of repeated decimal steps."""
    decimals = max(0, -math.floor(math.log10(step))) + 6
    return min(max(round(lo + k * step, decimals), lo), hi)


def _is_slider(control: widgets.Widget) -> bool:
    return isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider, widgets.IntSlider))


def snap_to_slider(control: widgets.Widget, value: float) -> float | int:
    """``value`` moved to the nearest value ``control`` can show (``min + k·step``; for a
    log slider, ``base ** (min + k·step)``), as a browser's slider snaps it."""
    if isinstance(control, widgets.FloatLogSlider):
        exponent = math.log(value, control.base)
        k = round((exponent - control.min) / control.step)
        return float(control.base ** _on_grid(control.min, control.step, k, control.max))
    if isinstance(control, widgets.IntSlider):
        k = round((value - control.min) / control.step)
        return int(min(max(control.min + k * control.step, control.min), control.max))
    k = round((value - control.min) / control.step)
    return float(_on_grid(control.min, control.step, k, control.max))


def same_slider_value(control: widgets.Widget, a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` are the same position of ``control`` (equal up to a millionth of a step).

    For anything but a slider: plain equality.
    """
    if not _is_slider(control):
        return a == b
    numbers = (int, float, np.integer, np.floating)
    if isinstance(a, bool) or isinstance(b, bool) or not isinstance(a, numbers) or not isinstance(b, numbers):
        return False
    if isinstance(control, widgets.FloatLogSlider):
        if a <= 0 or b <= 0:
            return a == b
        return abs(math.log(a, control.base) - math.log(b, control.base)) <= 1e-6 * control.step
    return abs(a - b) <= 1e-6 * control.step


def check_control_value(control: widgets.Widget, key: str, value: Any) -> Any:
    """``value`` checked for the control ``key`` and put on its grid; a clear error if it does not fit.

    Raises
    ------
    TypeError
        A number was expected and something else came (a string such as ``"10"``, a bool, None),
        or a choice was not one of the control's options' type.
    ValueError
        Not finite, not a whole number for a whole-number control, outside the slider's
        range, or not one of the control's options.
    """
    if _is_slider(control):
        lo, hi = control.min, control.max
        if isinstance(control, widgets.FloatLogSlider):
            lo, hi = control.base**control.min, control.base**control.max
        whole = isinstance(control, widgets.IntSlider)
        kind = "a whole number" if whole else "a number"
        if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
            raise TypeError(f"{key} must be {kind} in [{lo:.4g}, {hi:.4g}], got {type(value).__name__} {value!r}.")
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"{key} must be a finite number in [{lo:.4g}, {hi:.4g}], got {value!r}.")
        if whole and value != round(value):
            raise ValueError(f"{key} must be a whole number in [{lo}, {hi}], got {value!r}.")
        # a little slack: a value printed with 4 significant digits may sit just outside an end
        slack = 1e-4 * (hi - lo) if not isinstance(control, widgets.FloatLogSlider) else 1e-4 * hi
        if not lo - slack <= value <= hi + slack:
            raise ValueError(f"{key}={value!r} is outside the slider's range [{lo:.4g}, {hi:.4g}].")
        return snap_to_slider(control, value)
    if isinstance(control, widgets.Checkbox):
        if not isinstance(value, (bool, np.bool_)):
            raise TypeError(f"{key} must be True or False, got {type(value).__name__} {value!r}.")
        return bool(value)
    if isinstance(control, (widgets.ToggleButtons, widgets.Dropdown)):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        if value not in options:
            shown = [o for o in options if o != ""]
            raise ValueError(f"{key}={value!r} is not one of its choices: {shown}.")
        return value
    return value


SHORT_LABEL = 8
"""In lecture mode a slider whose label has at most this many characters keeps it on the slider's line."""

_SHOWN_BY_CELL: dict[str, weakref.ref] = {}
"""The dashboard each notebook cell built last (by JupyterLab's cell id): re-running the cell closes it."""


def _close_widget_tree(widget: widgets.Widget) -> None:
    """Close ``widget``, every widget under it and their layout and style widgets."""
    for child in getattr(widget, "children", ()):
        _close_widget_tree(child)
    for part in ("layout", "style"):
        sub = getattr(widget, part, None)
        if isinstance(sub, widgets.Widget):
            sub.close()
    widgets.Widget.close(widget)  # the widget's own close (a Dashboard's close() calls this one)


class Dashboard(widgets.VBox):
    """A live figure with its controls; display it as the last line of a cell.

    Attributes
    ----------
    controls : dict of str → ipywidgets.Widget
        Every control by name (always ``"learning_rate"`` and ``"batch_size"``).
    figure : matplotlib.figure.Figure
        The live figure.
    defaults : dict
        The controls' starting values; :meth:`reset` returns to them.
    frames : int
        Frames drawn so far (full draws and blits).
    """

    name: ClassVar[str] = "dashboard"
    title: ClassVar[str] = ""
    figsize: ClassVar[tuple[float, float]] = (9.0, 6.0)
    default_data_code: ClassVar[str] = ""
    """Python that makes :meth:`default_data` (``X, y = ...``): "Show as code" starts with it."""
    min_interval: ClassVar[float] = 0.03
    """Seconds between frames while a slider is dragged; moves in between are merged."""

    def __init__(self, X=None, y=None, *, lecture: bool | None = None, **settings: Any) -> None:
        self._closed = True  # until built: close() has nothing to release
        self.lecture = lecture
        self.sizes = sizes(lecture)
        self.xlabel, self.ylabel = "x", "y"
        dataset_name = None
        if isinstance(X, Dataset):  # a data set from lh.load_dataset: its names label the axes
            if y is not None:
                raise ValueError("Pass either a Dataset (from lh.load_dataset) or X and y, not both.")
            dataset_name = X.name or None  # a file read with lh.load_csv has no name
            names = X.feature_names
            # a "$" in a column name would start matplotlib's mathtext: show it as a dollar sign
            self.xlabel = names[0].replace("$", r"\$") if len(names) == 1 else "x"
            self.ylabel = X.target_name.replace("$", r"\$")
            X, y = X.X, X.y
        if (X is None) != (y is None):
            raise ValueError("Pass both X and y (or neither, for the default data).")
        if X is None:
            self.data_code = self.default_data_code
        elif dataset_name is not None:
            self.data_code = f"data = lh.load_dataset({dataset_name!r})\nX, y = data.X, data.y"
        else:
            self.data_code = "# X, y: the data passed to the dashboard"
        self.X, self.y = self.default_data() if X is None else self._check_data(X, y)
        self.n = int(self.y.shape[0])
        # the dashboard's descents, as gradient_descent, the last few kept: a move that leaves a run as it was
        # (the loss view, the x axis, a toggle turned back) finds it instead of running it again
        self.descend = RecentRuns()
        self.prepare()
        controls = self.make_controls()
        for c in controls.values():  # start on the grid the browser snaps to (see _set_control)
            if _is_slider(c):
                c.value = snap_to_slider(c, c.value)
        # a preset's values are put on their sliders' grid when it is applied (set() does it,
        # choices first: a choice such as "standardise" may move a slider's range)
        self._presets = self.presets()
        if self._presets:
            controls["preset"] = widgets.Dropdown(
                options=[("(choose a demonstration)", "")] + [(name, name) for name in self._presets],
                value="",
                description="demonstration preset",
            )
        unknown = sorted(set(settings) - set(controls))
        if unknown:
            raise ValueError(f"{type(self).__name__} has no control(s) {unknown}; its controls are {sorted(controls)}.")
        self.controls = controls
        # per control, the last few values Python set: the browser echoes each of them back, in order
        self._intended: dict[str, list[Any]] = {}
        self._learner_set: set[str] = set()  # controls whose _intended holds the learner's value, not Python's
        for key, value in sorted(self._expand_preset(settings).items(), key=lambda kv: _is_slider(controls[kv[0]])):
            self._set_control(controls[key], key, value)
        self.controls: dict[str, widgets.Widget] = controls
        self.defaults = {k: c.value for k, c in controls.items()}
        self._intended = {k: [v] for k, v in self.defaults.items()}
        lecture = self.sizes is sizes(True)
        if lecture:  # the same rules for every dashboard: see _lecture.py
            self.figure = new_live_figure(_lecture.figure_size(self.figsize), dpi=_lecture.DPI)
        else:
            self.figure = new_live_figure(self.figsize, dpi=80)
        self.blitter = Blitter(self.figure)
        self.readout = widgets.HTML(layout=widgets.Layout(min_height="2.6em"))
        self.reset_button = widgets.Button(
            description="Reset",
            icon="undo",
            tooltip="Back to this dashboard's starting values",
            layout=widgets.Layout(width="110px", flex="0 0 auto"),  # never squeezed to "R…"
        )
        self.reset_button.on_click(lambda _b: self.reset())
        self.code_button = widgets.Button(
            description="Show as code",
            icon="code",
            tooltip="Print the lh.gradient_descent(...) call that reproduces what the dashboard shows",
            layout=widgets.Layout(width="140px", flex="0 0 auto"),
        )
        self.code = widgets.HTML()
        self.code_button.on_click(lambda _b: self.show_code())
        self.frames = 0
        self._suspend = False
        self._dirty = False
        self._scheduled = False
        self._last_frame_end = 0.0
        self.build()
        self.panels_drawn()
        self.blitter.lift_static_above()  # frames then look exactly like a full redraw
        super().__init__(children=self._layout(), layout=widgets.Layout(width="100%"))
        self._closed = False
        cell = _current_cell_id()
        if cell is not None:  # the cell is run again: the dashboard it showed before is replaced
            previous = _SHOWN_BY_CELL.get(cell)
            if previous is not None and previous() is not None:
                previous().close()
            _SHOWN_BY_CELL[cell] = weakref.ref(self)
        self.add_class(DASHBOARD_CLASS)  # the figure's front end finds the log sliders' read-outs under it
        if self.sizes is sizes(True):
            self.add_class(LECTURE_CLASS)  # larger controls, slider handles and read-out (see _canvas._CSS)
        for key, c in controls.items():
            c._lh_key = key
            c.observe(self._on_preset if key == "preset" else self._on_change, names="value")
        self.update()

    # ------------------------------------------------------------ to override
    def default_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The data set used when the builder is called without ``X, y``."""
        raise NotImplementedError

    def prepare(self) -> None:
        """Precompute what the controls' ranges depend on (called before :meth:`make_controls`).

        By default: the MSE's sufficient statistics, the largest stable learning rate,
        and a (w, b) grid around the minimum that covers the usual start w = b = 0.
        """
        self.stats = MSEStats(self.X[:, None], self.y)
        self.lr_max = largest_stable_learning_rate(self.X)
        self.weights, self.biases = parameter_grid(self.X, self.y, [(0.0, 0.0)], n=41, margin=1.3)

    def make_controls(self) -> dict[str, widgets.Widget]:
        """Return the controls by name."""
        raise NotImplementedError

    def build(self) -> None:
        """Draw the static part of the figure and create the moving artists."""
        raise NotImplementedError

    def panels_drawn(self) -> None:
        """Apply the figure-wide rules to panels just drawn: call it whenever the panels are (re)built.

        :meth:`build` is followed by it; a dashboard that removes and redraws its panels later (another loss,
        other features) calls it again, so lecture mode's rules (:func:`._lecture.fit_for_lecture`: no small
        text, few ticks, constrained layout) hold for the new panels too. Nothing happens outside lecture mode.
        """
        if self.sizes is sizes(True):
            _lecture.fit_for_lecture(self.figure)

    def fit_panel(self, spec, title: str, **options: Any) -> FitPanel:
        """The data-and-model panel in the subplot ``spec`` (a gridspec cell) of this dashboard's figure,
        on its data, labels and size; ``options`` go to :class:`FitPanel` (``moving_data``, ``residuals``,
        ``y_span``)."""
        return FitPanel(
            self.figure.add_subplot(spec),
            self.blitter,
            self.X,
            self.y,
            lecture=self.lecture,
            xlabel=self.xlabel,
            ylabel=self.ylabel,
            title=title,
            **options,
        )

    def render(self, values: dict[str, Any]) -> bool | set:
        """Compute and move the artists for ``values``; return True if the static part changed (a full
        redraw), or the set of the Axes whose static part alone changed (only they are redrawn)."""
        raise NotImplementedError

    def presets(self) -> dict[str, dict[str, Any]]:
        """Named demonstrations: each maps control names to values (see ``docs/teaching-guide.md``)."""
        return {}

    def as_code(self, values: dict[str, Any]) -> str:
        """Python that reproduces the training run shown for ``values``."""
        return ""

    # ------------------------------------------------------------- machinery
    @staticmethod
    def _check_data(X, y) -> tuple[np.ndarray, np.ndarray]:
        X2, y1 = v.check_Xy(X, y)
        if X2.shape[1] != 1:
            raise ValueError(
                f"The dashboards show one feature against y (a line and a (w, b) surface); X has shape "
                f"{np.shape(X)}. Pick one column, e.g. X[:, 0]."
            )
        if X2.shape[0] < 3:
            raise ValueError(f"The dashboards need at least 3 examples, got {X2.shape[0]}.")
        if np.ptp(X2[:, 0]) == 0:
            raise ValueError("All x values are equal: the slope w cannot be learned. Use data with varied x.")
        return X2[:, 0].copy(), y1.copy()

    def _set_control(self, control: widgets.Widget, key: str, value: Any) -> None:
        """Validate ``value`` for ``control`` and set it, on the slider's grid.

        A browser snaps a slider's value to ``min + k·step`` and sends the snapped value
        back; a value set off that grid would come back as a change (and a preset would
        be replaced by another run). So the value is snapped here first, as the browser
        would, and what the browser sends back for it is recognised as the same value
        (:meth:`_is_echo`).
        """
        snapped = check_control_value(control, key, value)
        self._remember(key, snapped)
        control.value = snapped

    def _is_echo(self, key: str, new: Any) -> bool:
        """Whether ``new`` is the browser's copy of the value Python last set for ``key``.

        The front end computes the snapped value in its own arithmetic (a log slider: ``base ** x``
        of its exponent), so it can differ from Python's in the last digits; a learner's move
        differs by at least one step.
        """
        return any(same_slider_value(self.controls[key], new, v) for v in self._intended.get(key, ()))

    def _remember(self, key: str, value: Any) -> None:
        """Note that Python set ``key`` to ``value`` (its echo from the browser is not a learner's move).

        A learner's own last value (kept so that its round-off copy is no move) is dropped: once Python has
        set another value, the learner's moving back to theirs is a move, to be drawn.
        """
        kept = [] if key in self._learner_set else self._intended.get(key, [])[-3:]
        self._learner_set.discard(key)
        self._intended[key] = [*kept, value]

    def _layout(self) -> list[widgets.Widget]:
        s = self.sizes
        lecture = s is sizes(True)
        title = widgets.HTML(f"<b style='font-size:{s.title + 3}px'>{html.escape(self.title)}</b>")
        boxes = []
        for c in self.controls.values():
            c.style.description_width = "initial"
            if not isinstance(c, (widgets.Checkbox, widgets.ToggleButtons, widgets.Dropdown, widgets.Button)):
                c.layout.width = "100%" if lecture else "400px"
            if isinstance(c, widgets.FloatLogSlider):
                c.add_class(LOG_SLIDER_CLASS)  # announced by its value, not its exponent (see _figure.js)
            boxes.append(c)
        preset = [b for b in boxes if b is self.controls.get("preset")]
        boxes = [b for b in boxes if b is not self.controls.get("preset")]
        half = (len(boxes) + 1) // 2
        grid = widgets.HBox(
            [
                widgets.VBox(boxes[:half], layout=widgets.Layout(margin="0 24px 0 0")),
                widgets.VBox(boxes[half:]),
            ],
            layout=widgets.Layout(flex_flow="row wrap"),
        )
        for b in preset:
            b.layout.width = "420px"
        buttons = widgets.HBox(
            [*preset, self.reset_button, self.code_button], layout=widgets.Layout(grid_gap="12px", flex_flow="row wrap")
        )
        # Before the figure (the read-out stays the first HTML after it): a static stand-in that only a
        # page without the live figure's front end shows (see _canvas.fallback_html).
        self._fallback = widgets.HTML("")
        self._fallback.add_class(FALLBACK_CLASS)
        if lecture:
            return [self._lecture_layout(title, buttons, boxes)]
        return [title, buttons, grid, self._fallback, self.figure.canvas.widget, self.readout, self.code]

    def _lecture_layout(self, title: widgets.Widget, buttons: widgets.Widget, boxes: list) -> widgets.Widget:
        """Lecture mode: the figure on the left, as large as the window allows, its read-out under it, and
        beside it, in a column 17 characters wide, the title, buttons and controls: one screen of a
        1280x720 projector holds it all. Sizes follow the window height (``_canvas._CSS``)."""
        preset = [self.controls["preset"]] if "preset" in self.controls else []
        for control in [*boxes, *preset, self.reset_button, self.code_button]:
            control.layout.width = "auto" if isinstance(control, widgets.Button) else "100%"
            if _is_slider(control) and len(control.description) <= SHORT_LABEL:
                control.add_class(SHORT_LABEL_CLASS)  # "A: w", "epochs": on the slider's line, one line less
        figure = widgets.VBox(  # all the width the controls leave; the canvas fits it (_canvas._CSS)
            [self._fallback, self.figure.canvas.widget, self.readout],
            layout=widgets.Layout(flex="1 1 0", min_width="0"),
        )
        side = widgets.VBox(
            [title, buttons, *boxes, self.code],
            layout=widgets.Layout(flex="0 0 17em", min_width="0", margin="0 0 0 16px"),
        )
        return widgets.HBox([figure, side], layout=widgets.Layout(width="100%", align_items="flex-start"))

    def _on_change(self, change: dict) -> None:
        if self._suspend:
            return
        key = getattr(change.get("owner"), "_lh_key", None)
        if key is not None and self._is_echo(key, change["new"]):
            return  # the browser's copy of the value just set (snapped, round-off): nothing changed
        if key is not None:
            self._intended[key] = [change["new"]]  # a learner's move
            self._learner_set.add(key)
        preset = self.controls.get("preset")
        if preset is not None and preset.value:  # moved by hand: no longer the preset
            self._suspend = True
            try:
                preset.value = ""
            finally:
                self._suspend = False
        loop = _running_loop()
        if loop is None:
            self.update()
            return
        self._dirty = True
        if self._scheduled:
            return
        wait = self.min_interval - (time.perf_counter() - self._last_frame_end)
        if wait <= 0:
            self._flush()
        else:
            self._scheduled = True
            loop.call_later(wait, self._flush)

    def _expand_preset(self, values: dict[str, Any]) -> dict[str, Any]:
        """Replace ``preset=name`` by the preset's values (explicit values win)."""
        name = values.get("preset")
        if not name:
            return values
        if name not in self._presets:
            raise ValueError(f"Unknown preset {name!r}. Valid values: {sorted(self._presets)}.")
        return {**self._presets[name], **values}

    def _on_preset(self, change: dict) -> None:
        if self._suspend or not change["new"]:
            return
        self.set(preset=change["new"])

    def _flush(self) -> None:
        self._scheduled = False
        if self._dirty:
            self._dirty = False
            self.update()

    def values(self) -> dict[str, Any]:
        """The values the dashboard computes with, by control name (the preset menu left out).

        A log-scale slider's value (``10 ** (k/50)``, not a round number) is used with 4
        significant digits, the number the read-out and "Show as code" print: the printed
        code then reproduces the dashboard exactly.
        """
        return {
            k: float(code_number(c.value)) if isinstance(c, widgets.FloatLogSlider) else c.value
            for k, c in self.controls.items()
            if k != "preset"
        }

    def show_code(self) -> str:
        """Show (and return) the code that reproduces the current run, under the figure."""
        code = "import linreg_helpers as lh\n" + self.data_code + "\n" + self.as_code(self.values())
        self.code.value = (
            "<pre style='font-size:12px; background:#f5f5f5; padding:6px; white-space:pre-wrap'>"
            f"{html.escape(code)}</pre>"
        )
        return code

    def update(self) -> None:
        """Recompute and redraw now for the current control values (nothing once closed)."""
        if self._closed:
            return
        # The frame leaves first, the read-out's message after it: the browser paints sooner.
        with self.readout.hold_sync():
            changed = self.render(self.values())
            panels = changed if isinstance(changed, (set, frozenset, list, tuple)) else ()
            if changed and not panels:  # the static part changed somewhere: in which panels?
                panels = self.blitter.changed_axes()
            if changed and self.sizes is sizes(True):
                # new labels may not fit (a full redraw too: its new ticks were not checked yet)
                if _lecture.relabelled(panels or self.figure.axes):
                    panels = None  # they needed a new layout: the panels moved
            if panels is None or not all(self.blitter.refresh_axes(ax) for ax in panels):
                self.blitter.invalidate()  # a full redraw
            self.blitter.update()
        self.frames += 1
        self._last_frame_end = time.perf_counter()

    def reset(self) -> None:
        """Put every control back to its default and redraw once."""
        self._suspend = True
        try:
            with self.hold_sync():
                for k, c in self.controls.items():
                    c.value = self.defaults[k]
                self._intended = {k: [v] for k, v in self.defaults.items()}
                self._learner_set.clear()
        finally:
            self._suspend = False
        self.update()

    def set(self, **values: Any) -> None:
        """Set several controls at once (one redraw), e.g. ``dash.set(learning_rate=0.01, epochs=50)``."""
        if self._closed:
            raise RuntimeError(
                "This dashboard was closed (its cell was run again, or close() was called); build a new one."
            )
        values = self._expand_preset(values)
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(f"No control(s) {unknown}; the controls are {sorted(self.controls)}.")
        self._suspend = True
        try:
            if "preset" in self.controls and "preset" not in values:
                self.controls["preset"].value = ""  # the shown state is no longer a preset
            for k, val in sorted(values.items(), key=lambda kv: _is_slider(self.controls[kv[0]])):
                self._set_control(self.controls[k], k, val)
        finally:
            self._suspend = False
        self.update()

    def close(self) -> None:
        """Release the dashboard: its widgets (and their comms), the live figure and its caches.

        The notebook shows "closed" widgets as nothing; building the dashboard again gives a new
        one. Re-running the cell that built a dashboard closes the old one automatically. Closing
        twice does nothing.
        """
        if getattr(self, "_closed", True):  # closed already, or never built (ipywidgets' __del__ calls this)
            return
        self._closed = True
        self._dirty = False
        for control in getattr(self, "controls", {}).values():
            control.unobserve_all()
            _close_widget_tree(control)
        figure = getattr(self, "figure", None)
        canvas = figure.canvas if figure is not None else None
        figure_widget = getattr(canvas, "widget", None)
        _close_widget_tree(self)  # the boxes, buttons, read-out and the figure's widget
        if figure_widget is not None:
            figure_widget.close()
            canvas.manager.web_sockets.clear()
            canvas.widget = None
        if getattr(self, "blitter", None) is not None:
            self.blitter.invalidate()
        if figure is not None:
            figure.clear()
        self.history = None

    @property
    def closed(self) -> bool:
        """Whether :meth:`close` was called."""
        return self._closed

    # ------------------------------------------------------------ read-outs
    def show_readout(self, parts: list[str], warning: str | None = None, *, lecture: list[str] | None = None) -> None:
        """Set the read-out line under the figure (HTML-escaped), with an optional warning.

        ``lecture``: the shorter parts shown instead in lecture mode, where the read-out has four lines
        under the figure (the text alternative keeps all of ``parts``).
        """
        s = self.sizes
        shown = lecture if lecture is not None and s is sizes(True) else parts
        # Each item stays on one line; a narrow window wraps between items, not inside one.
        text = " &nbsp;·&nbsp; ".join(f"<span style='white-space:nowrap'>{html.escape(p)}</span>" for p in shown)
        if warning:
            text += f"<br><b style='color:{COLORS['warning']}'>⚠ {html.escape(warning)}</b>"
        self.readout.value = f"<span style='font-size:{s.font + 4}px; font-family:monospace'>{text}</span>"
        # The figure's text alternative (its aria-label, announced by a polite live region): the same facts.
        sentence = f"{self.title}: " + "; ".join(parts) + "."
        self.figure.canvas.widget.alt = sentence + (f" Warning: {warning}" if warning else "")

    # ------------------------------------------------------- static snapshot
    def to_png(self) -> bytes:
        """The figure as it is now, as PNG bytes (moving artists included)."""
        artists = self.blitter.artists
        for a in artists:
            a.set_animated(False)
        self.blitter.enabled = False
        try:
            buf = io.BytesIO()
            self.figure.savefig(buf, format="png", dpi=self.figure.dpi)
        finally:
            for a in artists:
                a.set_animated(True)
            self.blitter.enabled = True
            self.blitter.invalidate()
            self.figure.canvas._force_full = True
        return buf.getvalue()

    def _repr_mimebundle_(self, **kwargs: Any) -> dict:
        """Widget view for JupyterLab, plus a PNG for places where widgets cannot run."""
        data = super()._repr_mimebundle_(**kwargs)
        if isinstance(data, tuple):
            data = data[0]
        data = dict(data or {})
        png = self.to_png()
        self._fallback.value = fallback_html(png)
        data["image/png"] = base64.b64encode(png).decode("ascii")
        data["text/plain"] = f"<{type(self).__name__}: {self.title} (run the notebook to use the sliders)>"
        return data

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name!r}: controls {sorted(self.controls)}>"
