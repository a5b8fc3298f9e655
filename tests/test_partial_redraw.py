"""Redrawing one panel alone (a 3D panel turned, a loss curve's new limits) gives exactly a full draw's pixels.

``Blitter.refresh_axes`` (a dashboard's ``render`` returns the panels to redraw, ``Dashboard.update``
calls it) draws the panel over the figure without it, or over its own place wiped to the figure's
colour; no full render, also not on the first frame of a 3D drag.
"""

from __future__ import annotations

import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers._checkpoints import is_long
from linreg_helpers._moving_state import moving_state


def _pixels(dash) -> np.ndarray:
    return np.asarray(dash.figure.canvas.get_renderer().buffer_rgba()).copy()


def _full_draw(dash) -> np.ndarray:
    dash.blitter.invalidate()
    dash.update()
    return _pixels(dash)


def _full_draw_aside(dash) -> np.ndarray:
    """A full draw's pixels (static part, then the moving artists), leaving the blitter's background,
    remembered pictures and the buffer as they are (the next frame may leave unchanged panels as shown)."""
    blitter = dash.blitter
    shown, drawn = _pixels(dash), blitter._shown
    blitter.enabled = False  # not the screen's background: its draw event does nothing
    try:
        dash.figure.canvas.draw()
    finally:
        blitter.enabled = True
    blitter._draw_animated(checkpoints=False)  # every moving artist drawn: nothing put back
    full = _pixels(dash)
    np.asarray(dash.figure.canvas.get_renderer().buffer_rgba())[:] = shown
    blitter._shown = drawn
    return full


def _assert_like_a_full_draw(dash, what: str) -> None:
    shown = _pixels(dash)
    different = (shown != _full_draw(dash)).any(axis=-1)
    assert not different.any(), f"{dash.name} {what}: {int(different.sum())} pixels differ from a full draw"


def _assert_same_as_a_full_draw_aside(dash, what: str) -> None:
    shown = _pixels(dash)
    different = (shown != _full_draw_aside(dash)).any(axis=-1)
    assert not different.any(), f"{what}: {int(different.sum())} pixels differ from a full draw"


# per dashboard with a 3D panel: control moves that give its loss curve new limits or a new view
CURVE_MOVES = {
    "gradient_descent": [],
    "gradients": [{"loss_view": "gap"}, {"preset": "at the minimum: gradient 0"}],
    "convexity": [{"epochs": 40}, {"loss_view": "gap"}, {"w_a": 2.0, "b_a": 1.0}],
    "many_features": [{"epochs": 30}, {"loss_view": "gap"}],
}


@pytest.mark.parametrize("lecture", [False, True], ids=["normal", "lecture"])
@pytest.mark.parametrize("name", list(CURVE_MOVES))
def test_one_panel_redrawn_alone_matches_a_full_draw(name, lecture):
    """Also in lecture mode, whose layout is made once (``_lecture.fit_for_lecture``): a full draw does not
    move the panels, so a panel redrawn alone lines up with it. There a y label that no longer fits its
    panel (the gap view's) may make a new layout, drawn in full."""
    dash = lh.DASHBOARDS[name](lecture=lecture)
    try:
        widget, blitter = dash.figure.canvas.widget, dash.blitter
        _assert_like_a_full_draw(dash, "as built")
        for azim, elev in ((35, -12), (-70, 25)):  # the first frame of a drag, and a later one
            full = blitter.full_draws
            assert widget.rotate(azim, elev)
            assert blitter.full_draws == full, f"{name}: turning the 3D panel cost a full render"
            _assert_like_a_full_draw(dash, f"turned by {azim}°, {elev}°")
        for move in CURVE_MOVES[name]:
            ax = dash.curve.ax
            before = ax.get_ylim(), ax.get_xlim(), ax.get_ylabel()
            full = blitter.full_draws
            dash.set(**move)
            assert (ax.get_ylim(), ax.get_xlim(), ax.get_ylabel()) != before, (
                f"{name}: {move} left the axes as they were"
            )
            if not (lecture and "loss_view" in move):
                assert blitter.full_draws == full, f"{name}: {move} cost a full render"
            _assert_like_a_full_draw(dash, str(move))
    finally:
        dash.close()


# controls whose change gives panels a new surface (and a new loss's name): the panels stay, only the changed
# ones are drawn (``Blitter.changed_axes``), and a value seen before is shown from remembered pictures
SWITCHES = {
    "convexity": ("loss", ["mae", "huber", "tukey", "mse"]),
    "many_features": ("standardise", [True, False]),
    "losses": ("loss", ["mae", "huber", "mse"]),
}


@pytest.mark.parametrize("name", list(SWITCHES))
def test_a_new_loss_or_scale_draws_only_the_changed_panels_and_a_second_visit_draws_none(name):
    key, values = SWITCHES[name]
    dash = lh.DASHBOARDS[name]()
    try:
        blitter = dash.blitter
        dash.update()
        full = blitter.full_draws
        for value in values:  # first visits: the panels whose surface, minimum or name changed are drawn
            before = blitter.panel_draws
            dash.set(**{key: value})
            assert 1 <= blitter.panel_draws - before < len(dash.figure.axes), f"{name}: {key}={value!r}"
        assert blitter.full_draws == full, f"{name}: a change of {key} cost a full render"
        for value in values:  # second visits: every changed panel is a remembered picture, none is drawn
            before = blitter.panel_draws
            dash.set(**{key: value})
            assert blitter.panel_draws == before, f"{name}: {key}={value!r} drew a panel again"
            assert blitter.full_draws == full
            # each visit, not only the last: a restored 3D picture must also project the moving paths anew
            shown = _pixels(dash)
            different = (shown != _full_draw_aside(dash)).any(axis=-1)
            assert not different.any(), f"{name}: {key}={value!r} again: {int(different.sum())} pixels differ"
    finally:
        dash.close()


@pytest.mark.parametrize("name", ["convexity", "losses"])  # (many features: raw and standardised have two layouts)
def test_in_lecture_mode_a_switch_that_keeps_the_layout_redraws_panels_not_the_figure(name):
    """Lecture mode keeps its layout until a new label no longer fits (``_lecture.relabelled``, then the figure is
    laid out anew and drawn in full). Otherwise a new loss or scale redraws the changed panels alone, as in normal
    mode, and a value seen before in the same layout is shown from remembered pictures: every frame a full draw's."""
    key, values = SWITCHES[name]
    dash = lh.DASHBOARDS[name](lecture=True)
    try:
        blitter = dash.blitter
        dash.update()
        for attempt in range(4):  # the first visits may lay the figure out anew (a label that no longer fits)
            full, panels = blitter.full_draws, blitter.panel_draws
            for value in values:
                dash.set(**{key: value})
                _assert_same_as_a_full_draw_aside(dash, f"lecture {name}: {key}={value!r} (pass {attempt})")
            if blitter.full_draws == full:
                break
        assert blitter.full_draws == full, f"{name}: every pass over {key} still laid the figure out anew"
        first = blitter.panel_draws - panels
        assert first >= len(values), f"{name}: a pass over {key} drew {first} panels"
        full, panels = blitter.full_draws, blitter.panel_draws
        for value in values:  # the same layout, each value seen in it: mostly remembered pictures
            dash.set(**{key: value})
            _assert_same_as_a_full_draw_aside(dash, f"lecture {name}: {key}={value!r} again")
        assert blitter.full_draws == full, f"{name}: {key} again cost a full render"
        # (a panel whose ink reaches outside its place, lecture mode's two-line "Huber loss\nsurface", is drawn)
        assert blitter.panel_draws - panels <= first // 3, f"{name}: {key} again drew {blitter.panel_draws - panels}"
    finally:
        dash.close()


def test_an_axis_measures_its_tick_labels_once_a_draw_and_places_its_label_as_matplotlib_does():
    from linreg_helpers._canvas import _measure_tick_labels_once, new_live_figure

    figures = []
    for reuse in (False, True):
        fig = new_live_figure((4, 3), dpi=80)
        ax = fig.add_subplot()
        ax.plot([0, 1], [0, 1])
        ax.set_xlabel("epoch")
        ax.set_ylabel("MSE")
        fig.canvas.draw()
        if reuse:
            _measure_tick_labels_once(fig)
        ax.set_ylim(-12345.0, 98765.0)  # wider tick labels: the y label moves left
        ax.set_xlim(0.0, 1500.0)
        calls = []
        own = ax.yaxis._update_ticks
        ax.yaxis._update_ticks = lambda calls=calls, own=own: calls.append(1) or own()
        fig.canvas.draw()
        figures.append((fig, ax.yaxis.label.get_position(), len(calls)))
    (plain, plain_label, plain_calls), (reused, reused_label, reused_calls) = figures
    assert reused_label == plain_label
    assert reused_calls < plain_calls  # the second measuring was skipped
    np.testing.assert_array_equal(
        np.asarray(plain.canvas.get_renderer().buffer_rgba()), np.asarray(reused.canvas.get_renderer().buffer_rgba())
    )


def _drawn_both_ways(fig, monkeypatch) -> tuple[np.ndarray, np.ndarray, int]:
    """``fig`` fully drawn with its axes' tick lines batched, then as matplotlib's ``Axis.draw`` draws them;
    and how many batches the first draw used."""
    from matplotlib.axis import Axis

    import linreg_helpers._canvas as canvas
    import linreg_helpers._tick_batches as tick_batches

    batches = []
    own = tick_batches._draw_as_one
    monkeypatch.setattr(tick_batches, "_draw_as_one", lambda lines, r: batches.append(len(lines)) or own(lines, r))
    pictures = []
    for draw in (tick_batches.draw_axis, lambda axis, renderer: Axis.draw(axis, renderer)):
        monkeypatch.setattr(canvas, "draw_axis", draw)
        fig.canvas.draw()
        pictures.append(np.asarray(fig.canvas.get_renderer().buffer_rgba()).copy())
    return pictures[0], pictures[1], len(batches)


def test_tick_lines_drawn_in_batches_give_matplotlibs_pixels_with_minor_dashed_and_odd_ticks(monkeypatch):
    from linreg_helpers._canvas import _measure_tick_labels_once, new_live_figure
    from linreg_helpers._tick_batches import draw_axis

    fig = new_live_figure((5, 3), dpi=90)
    ax = fig.add_subplot()
    ax.plot([1, 500], [0.02, 300.0])
    ax.set_yscale("log")  # minor ticks, with a grid of their own
    ax.grid(True, which="major", axis="y", color="0.8", linewidth=1.0)
    ax.grid(True, which="minor", axis="y", color="0.8", linewidth=0.4)  # drawn apart from the major ones
    ax.grid(True, which="major", axis="x", linestyle="--", color="0.3")
    ax.tick_params(axis="x", direction="inout", top=True, length=6)
    fig.canvas.draw()
    ax.xaxis.get_major_ticks()[2].gridline.set_color("red")  # ticks unlike the others
    ax.yaxis.get_major_ticks()[2].gridline.set_linewidth(2.5)
    ax.yaxis.get_major_ticks()[1].set_visible(False)
    _measure_tick_labels_once(fig)
    batched, stock, batches = _drawn_both_ways(fig, monkeypatch)
    assert batches >= 4
    different = (batched != stock).any(axis=-1)
    assert not different.any(), f"{int(different.sum())} pixels differ from matplotlib's own axis drawing"
    assert (stock[..., 0].astype(int) - stock[..., 1] > 150).any()  # the red gridline is drawn

    # the ticks are worked out once a draw (matplotlib works them out again to measure the spine)
    calls = []
    own = ax.xaxis._update_ticks
    ax.xaxis._update_ticks = lambda: calls.append(1) or own()
    draw_axis(ax.xaxis, fig.canvas.get_renderer())
    assert len(calls) == 1
    assert ax.xaxis._update_ticks is not own  # the caller's own wrapper is back


@pytest.mark.parametrize("name", list(lh.DASHBOARDS))
def test_every_dashboards_axes_drawn_with_batched_tick_lines_give_matplotlibs_pixels(name, monkeypatch):
    from benchmarks.dashboard_p95 import random_value

    dash = lh.DASHBOARDS[name]()
    try:
        dash.figure.canvas.draw()  # the first full draw sets the axes up (_measure_tick_labels_once)
        rng = np.random.default_rng(3)
        keys = [k for k in dash.controls if k != "preset"]
        for _ in range(2):  # new limits, scales or views
            key = keys[rng.integers(len(keys))]
            value = random_value(dash.controls[key], rng)
            if value is not None:
                dash.controls[key].value = value
            batched, stock, batches = _drawn_both_ways(dash.figure, monkeypatch)
            assert batches > 0
            different = (batched != stock).any(axis=-1)
            assert not different.any(), f"{name} after {key}={value!r}: {int(different.sum())} pixels differ"
    finally:
        dash.close()


def test_a_remembered_picture_fits_a_place_of_another_size():
    from matplotlib.transforms import Bbox

    from linreg_helpers._canvas import _ink_extent, _inside, _repaint

    white = np.array([255, 255, 255, 255], np.uint8)
    picture = np.full((6, 8, 4), 255, np.uint8)
    picture[2:4, 3:5] = (10, 20, 30, 255)  # the ink: rows 2-3, columns 3-4 of the place it was drawn in
    drawn_in = (10, 18, 20, 26)  # columns 10:18, rows 20:26 of the figure
    for place in [(9, 19, 19, 27), (12, 16, 21, 25), (8, 15, 22, 30)]:  # larger, smaller, shifted
        out = _repaint(picture, drawn_in, place, white)
        x0, x1, y0, y1 = place
        assert out.shape == (y1 - y0, x1 - x0, 4)
        expected = np.full_like(out, 255)
        expected[22 - y0 : 24 - y0, 13 - x0 : 15 - x0] = (10, 20, 30, 255)
        np.testing.assert_array_equal(out, expected)
    # the ink's extent from the pixels a drawing changed, in display pixels (origin at the bottom), padded by 2
    before = np.full((40, 30, 4), 255, np.uint8)
    after = before.copy()
    after[22:24, 13:15] = (10, 20, 30, 255)
    extent = _ink_extent(before, after)
    assert extent.bounds == pytest.approx((11.0, 14.0, 6.0, 6.0))
    assert _ink_extent(before, before) is None
    assert _inside(extent, (13, 15, 22, 24), 40) and not _inside(extent, (14, 15, 22, 24), 40)
    assert not _inside(Bbox([[11.0, 14.0], [17.0, 21.0]]), (13, 15, 22, 24), 40)


@pytest.mark.parametrize(
    "name, key, values", [("many_features", "standardise", (True, False)), ("convexity", "loss", ("mae", "mse"))]
)
def test_a_surface_shown_again_reuses_the_collections_built_for_it(name, key, values):
    dash = lh.DASHBOARDS[name]()
    try:
        dash.update()
        panels = [ax for ax in dash.figure.axes if ax.collections]
        moving = set(map(id, dash.blitter.artists))
        first = {ax: [id(c) for c in ax.collections if id(c) not in moving] for ax in panels}
        dash.set(**{key: values[0]})
        other = {ax: [id(c) for c in ax.collections if id(c) not in moving] for ax in panels}
        assert any(set(other[ax]).isdisjoint(first[ax]) for ax in panels)  # another surface: built anew
        dash.set(**{key: values[1]})
        again = {ax: [id(c) for c in ax.collections if id(c) not in moving] for ax in panels}
        assert again == first  # the same objects, in the same order: nothing built
        shown = _pixels(dash)
        assert (shown == _full_draw_aside(dash)).all()
    finally:
        dash.close()


@pytest.mark.parametrize("name", ["gradient_descent", "batch_size", "convexity", "training_in_practice"])
def test_a_fit_panel_without_residuals_keeps_its_data_points_in_the_background(name):
    dash = lh.DASHBOARDS[name]()
    try:
        moving = set(map(id, dash.blitter.artists))
        ax = dash.fit.ax
        assert ax.collections and not any(id(c) in moving for c in ax.collections)  # not redrawn each frame
        assert not any(id(s) in moving for s in ax.spines.values())
        with pytest.raises(ValueError, match="residuals=True"):
            dash.fit.set(1.0, 0.0, residuals=True)
        dash.update()
        _assert_like_a_full_draw(dash, "with its points in the background")
    finally:
        dash.close()


def test_a_3d_panels_frame_drawn_once_per_look_is_reused_under_a_new_surface_with_a_full_draws_pixels():
    """Moving an outlier or changing Huber's δ gives the losses dashboard a new surface under the same axes
    (the z axis reaches the loss's surface with the outliers furthest out, rounded up, :func:`z_top`): its
    frame (panes, grid, ticks, labels) is put back from the copy made when it was first drawn, and the
    surface drawn over it. Another z top, another loss's z label or another view draws the frame anew.
    Every picture is a full draw's."""
    from linreg_helpers.dashboards._panels import z_top

    dash = lh.DASHBOARDS["losses"]()
    try:
        dash.update()
        frames, ax = dash.blitter.frames, dash.surface.ax
        shift = dash.controls["outlier_shift"]
        dash.set(loss="huber", outliers=2)
        steps = [shift.value + k * shift.step for k in (1, 2, -1)]
        moves = [{"outlier_shift": v} for v in steps] + [{"delta": 1.5}, {"delta": 2.0}, {"outliers": 3}]
        moves += [{"loss": "mae"}, {"outlier_shift": steps[0]}, {"outlier_shift": shift.max}]
        for move in moves:
            top, label, reused = ax.get_zlim()[1], ax.get_zlabel(), frames.reused
            surface = [id(c) for c in ax.collections]
            dash.set(**move)
            assert [id(c) for c in ax.collections] != surface, f"{move} left the surface as it was"
            values = dash.values()
            reach = dash._surface_reach(values["loss"], values["delta"])
            assert ax.get_zlim() == (0.0, z_top(max(dash.surface.zmax, reach)))
            if "loss" not in move and "delta" not in move:  # the outliers move the surface on fixed axes
                assert ax.get_zlim()[1] == top, f"{move} changed the z axis"
            same_frame = ax.get_zlim()[1] == top and ax.get_zlabel() == label
            assert frames.reused == reused + same_frame, f"{move}: frame reused {frames.reused - reused} times"
            _assert_same_as_a_full_draw_aside(dash, str(move))
        assert frames.reused >= 4
        looks = len(frames._kept[ax])
        dash.figure.canvas.widget.rotate(20.0, 10.0)  # another view: its frame is drawn (a new look) ...
        assert len(frames._kept[ax]) == looks + 1
        reused = frames.reused
        dash.set(outlier_shift=steps[1])
        dash.set(outlier_shift=steps[2])
        assert frames.reused == reused + 2  # ... and put back under both new surfaces
        _assert_same_as_a_full_draw_aside(dash, "turned, then a new surface")
    finally:
        dash.close()


def test_a_3d_panel_whose_drawing_the_frames_do_not_reproduce_is_drawn_by_matplotlib():
    """A depth-sorted panel (``computed_zorder``) draws its surface among its other collections by depth: no
    frame is kept for it, and it is drawn as matplotlib draws it."""
    from linreg_helpers._frames3d import _drawn_over_frame

    dash = lh.DASHBOARDS["losses"]()
    try:
        dash.update()
        ax = dash.surface.ax
        assert _drawn_over_frame(ax) is not None
        ax.computed_zorder = True
        assert _drawn_over_frame(ax) is None
        reused = dash.blitter.frames.reused
        dash.set(outlier_shift=dash.controls["outlier_shift"].value + dash.controls["outlier_shift"].step)
        dash.set(outlier_shift=dash.controls["outlier_shift"].value + dash.controls["outlier_shift"].step)
        assert dash.blitter.frames.reused == reused
        _assert_same_as_a_full_draw_aside(dash, "depth-sorted")
    finally:
        dash.close()


def test_panels_shown_again_are_looked_up_with_the_states_changed_axes_found(monkeypatch):
    """A toggle turned back (raw features again) changes three panels, each shown from a remembered picture:
    their static states are worked out once, by ``changed_axes`` (a state costs 0.3–0.7 ms: the ticks are
    located anew), not again to look the pictures up."""
    import linreg_helpers._canvas as canvas

    calls = []
    real = canvas.static_state
    monkeypatch.setattr(canvas, "static_state", lambda ax, moving=(): calls.append(ax) or real(ax, moving))
    dash = lh.DASHBOARDS["many_features"]()
    try:
        dash.update()
        toggle = dash.controls["standardise"]
        for _ in range(2):  # each look drawn once and remembered
            toggle.value = not toggle.value
        draws, calls[:] = dash.blitter.panel_draws, []
        toggle.value = not toggle.value
        assert dash.blitter.panel_draws == draws, "a look seen before was drawn again"
        assert len(calls) == len(dash.figure.axes), f"{len(calls)} static states for {len(dash.figure.axes)} panels"
        _assert_same_as_a_full_draw_aside(dash, "the toggle turned back")
    finally:
        dash.close()


# ------------------------------------------------------------- panels whose moving artists did not change
def _count_draws(artist, monkeypatch) -> list:
    calls = []
    draw = artist.draw
    monkeypatch.setattr(artist, "draw", lambda renderer: (calls.append(1), draw(renderer))[1])
    return calls


@pytest.mark.parametrize("move", [{"x_axis": "steps"}, {"loss_view": "gap"}, {"x_axis": "steps", "loss_view": "gap"}])
def test_a_frame_leaves_the_panels_whose_moving_artists_did_not_change_as_they_are(move, monkeypatch):
    # switching the loss curves' x axis or view changes only that panel (and its limits: a refresh); the SGD
    # paths on the contours and on the surface are not stroked again, and the frame is a full draw's
    d = lh.batch_size_dashboard(epochs=30, learning_rate=0.07)
    try:
        sgd_paths = [d.contour.paths["sgd"].line, d.surface.paths["sgd"].line]
        draws = [_count_draws(line, monkeypatch) for line in sgd_paths]
        curve_draws = _count_draws(d.curve.curves["sgd"], monkeypatch)
        left, refreshes = d.blitter.panels_left, d.blitter.panel_draws
        d.set(**move)  # one frame
        assert d.blitter.panel_draws == refreshes + 1  # new limits: the loss curves' panel drawn anew
        assert [len(c) for c in draws] == [0, 0], "unchanged paths were drawn again"
        assert len(curve_draws) == 1
        assert d.blitter.panels_left - left == 3  # the fit, the contours and the surface
        _assert_same_as_a_full_draw_aside(d, f"after {move}")
        d.set(learning_rate=0.01)  # every run changes: every panel drawn
        assert [len(c) for c in draws] == [2, 2]  # (one more: the full draw just above)
        _assert_same_as_a_full_draw_aside(d, "after a new learning rate")
    finally:
        d.close()


@pytest.mark.parametrize(
    "change",
    [
        lambda line: line.set_color("#000000"),
        lambda line: line.set_linewidth(4.0),
        lambda line: line.set_markeredgecolor("#FF0000"),
        lambda line: line.set_visible(False),
        lambda line: line.set_data(np.asarray(line.get_xdata()) * 0.5, line.get_ydata()),
    ],
    ids=["colour", "width", "edge colour", "hidden", "data"],
)
def test_a_moving_artist_changed_outside_the_controls_is_drawn_anew(change):
    d = lh.batch_size_dashboard()
    try:
        change(d.contour.paths["mini"].line)
        left = d.blitter.panels_left
        d.blitter.update()  # (not the dashboard's update: its render would set the line back)
        assert d.blitter.panels_left - left == 3  # the other three panels, not the contours
        _assert_same_as_a_full_draw_aside(d, "after a change made by hand")
    finally:
        d.close()


def test_an_unclipped_text_over_another_panel_has_that_panel_drawn_too():
    d = lh.batch_size_dashboard()
    try:
        d.update()
        message = d.curve.message  # drawn unclipped: its box is its extent
        fit_ax = d.fit.ax
        x, y = d.curve.ax.transAxes.inverted().transform(fit_ax.bbox.get_points().mean(axis=0))
        message.set_position((x, y))  # moved over the fitted lines' panel
        message.set_text("over there")
        message.set_visible(True)
        left = d.blitter.panels_left
        d.blitter.update()
        assert d.blitter.panels_left - left == 2  # the contours and the surface: not the fit under the text
        _assert_same_as_a_full_draw_aside(d, "after a text moved over another panel")
    finally:
        d.close()


def test_artists_the_blitter_cannot_describe_are_always_drawn(monkeypatch):
    from matplotlib.patches import Rectangle

    d = lh.batch_size_dashboard()
    try:
        box = d.blitter.add(d.fit.ax.add_patch(Rectangle((0.0, 0.0), 1.0, 1.0, alpha=0.3)))
        d.blitter.invalidate()
        d.update()
        calls = _count_draws(box, monkeypatch)
        d.blitter.update()
        d.blitter.update()
        assert len(calls) == 2
    finally:
        d.close()


def test_a_batch_size_move_puts_the_unchanged_sgd_paths_back_instead_of_stroking_them(monkeypatch):
    """The SGD run is drawn first in each panel (the noisiest run underneath) and a checkpoint keeps each panel
    just after it (``_checkpoints.py``): a new batch size changes only the mini-batch run, so its thousands of
    points are put back, not stroked again, and every frame is a full draw's picture."""
    d = lh.batch_size_dashboard(epochs=30, learning_rate=0.07)
    try:
        sgd = [d.contour.paths["sgd"].line, d.surface.paths["sgd"].line, d.curve.curves["sgd"]]
        assert all(is_long(line) for line in sgd)
        draws = [_count_draws(line, monkeypatch) for line in sgd]

        def stroked(**move) -> list[int]:
            """How many times each SGD line is stroked by the frame of ``move`` (then checked against a full draw)."""
            before = [len(c) for c in draws]
            d.set(**move)
            after = [len(c) for c in draws]
            _assert_same_as_a_full_draw_aside(d, f"after {move}")  # (which strokes every line once more)
            return [a - b for a, b in zip(after, before, strict=True)]

        used = d.blitter.checkpoints.used
        for batch_size in (5, 17, 2, 40):
            assert stroked(batch_size=batch_size)[:2] == [0, 0], f"batch size {batch_size}: SGD stroked again"
        assert d.blitter.checkpoints.used - used >= 8  # the contours and the surface each time, the curves mostly
        assert stroked(seed=3) == [1, 1, 1]  # a new SGD run: stroked in every panel, and kept again
        assert stroked(batch_size=9)[:2] == [0, 0]
    finally:
        d.close()


def test_a_checkpoint_is_not_put_back_over_another_background_or_view(monkeypatch):
    d = lh.batch_size_dashboard(epochs=30, learning_rate=0.07)
    try:
        line = d.contour.paths["sgd"].line
        draws = _count_draws(line, monkeypatch)
        d.set(batch_size=5)
        assert len(draws) == 0
        (box,) = d.blitter._box([line], d.figure.canvas.get_renderer())
        y0, _, x0, x1 = box
        np.asarray(d.blitter._background)[y0 + 5, x0:x1] = 0  # the panel's background is not the one kept under it
        d.set(batch_size=6)
        assert len(draws) == 1, "a checkpoint was put back over another background"
        d.set(batch_size=7)  # kept again over the background as it is now
        assert len(draws) == 1
        kept = d.blitter.checkpoints._kept[d.contour.ax]
        renderer = d.figure.canvas.get_renderer()
        pixels, background = np.asarray(renderer.buffer_rgba()), np.asarray(d.blitter._background)
        states = tuple(moving_state(a) for a in sorted(d.blitter._groups()[d.contour.ax], key=lambda a: a.get_zorder()))
        assert d.blitter.checkpoints.restore(d.contour.ax, states, kept[0].boxes, pixels.copy(), background) >= 1
        d.contour.ax.set_xlim(*(np.array(d.contour.ax.get_xlim()) * 1.01))  # another view of the same artists
        assert d.blitter.checkpoints.restore(d.contour.ax, states, kept[0].boxes, pixels.copy(), background) == 0
    finally:
        d.close()


@pytest.mark.parametrize("name", ["convexity", "losses"])
def test_in_lecture_mode_seeded_random_moves_keep_every_frame_a_full_draws_picture(name):
    """Lecture mode's large labels sit close together: a panel redrawn alone wipes only its place (where no other
    panel and no figure legend draws), so it is drawn alone only when its ink as last drawn lies in that place."""
    from benchmarks.dashboard_p95 import random_value

    dash = lh.DASHBOARDS[name](lecture=True)
    try:
        dash.update()
        rng = np.random.default_rng(0)
        keys = [k for k in dash.controls if k != "preset"]
        moves = 0
        while moves < 20:
            key = keys[rng.integers(len(keys))]
            value = random_value(dash.controls[key], rng)
            if value is None:
                continue
            dash.controls[key].value = value
            moves += 1
            _assert_same_as_a_full_draw_aside(dash, f"lecture {name}, move {moves}: {key}={value!r}")
    finally:
        dash.close()


def test_a_divergence_message_in_its_round_box_leaves_no_trace_when_it_goes():
    """Lecture mode breaks the gradients dashboard's divergence message onto five lines, and its round box
    reaches past the loss curve's axes: the frame that takes it away wipes the whole box, not only the text's
    extent (1,279 pixels of the box's edge stayed on the x label)."""
    dash = lh.gradient_explorer(lecture=True)
    try:
        dash.update()
        rate = dash.controls["learning_rate"]
        start = rate.value
        for value in (10**rate.max, 0.1445, 10**rate.max, start):
            dash.controls["learning_rate"].value = value
            shows = dash.curve.message.get_visible()
            assert shows == (value == 10**rate.max), f"η = {value}: message shown {shows}"
            _assert_same_as_a_full_draw_aside(dash, f"η = {value}")
    finally:
        dash.close()


@pytest.mark.parametrize("switch_on", ["builder", "kernel"])
def test_convexitys_lecture_legend_names_no_loss_and_its_y_label_names_the_shown_one(switch_on):
    """In lecture mode the convexity explorer's one legend says "loss along A→B" for every loss (renaming it was a
    figure-level change, a full redraw at every toggle); the chord panel's y label names the loss shown. Both ways
    of switching lecture mode on: ``lecture=True`` and ``lh.lecture_mode(True)`` for the kernel."""
    if switch_on == "kernel":
        lh.lecture_mode(True)
    try:
        dash = lh.convexity_explorer(lecture=True) if switch_on == "builder" else lh.convexity_explorer()
        try:
            for loss, name in (("mae", "MAE"), ("tukey", "Tukey"), ("mse", "MSE")):
                dash.set(loss=loss)
                texts = [t.get_text() for legend in dash.figure.legends for t in legend.get_texts()]
                assert "loss along A→B" in texts and not any(" along A→B" in t and t != "loss along A→B" for t in texts)
                assert dash.seg_ax.get_ylabel().startswith(name), dash.seg_ax.get_ylabel()
        finally:
            dash.close()
    finally:
        lh.lecture_mode(False)
