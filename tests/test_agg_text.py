"""The live figures' text renderer (``linreg_helpers._agg_text``): remembered glyphs draw the same
picture as glyphs rasterised afresh, in the place matplotlib's own Agg renderer puts them."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from linreg_helpers._agg_text import TextCachingRendererAgg
from linreg_helpers._canvas import new_live_figure

TEXTS = [
    # (text, size, rotation, antialiased)
    ("epoch", 9, 0, True),
    ("MSE on all data", 11, 90, True),
    (r"$10^{-2}$", 9, 0, True),
    (r"$\frac{1}{n}\sum r_i^2$", 12, 0, True),  # a fraction bar: a mathtext rule, drawn as a box
    ("w = 1.234, b = −0.5", 10, 30, True),
    ("jagged", 10, 0, False),
]


def _figure(shift: float, renderer_class=TextCachingRendererAgg):
    """A figure of the texts above, all moved right and up by ``shift`` pixels, drawn on a new renderer."""
    fig = Figure(figsize=(4, 4), dpi=80)
    for i, (s, size, rotation, aa) in enumerate(TEXTS):
        fig.text(0.1 + shift / 320, 0.08 + 0.15 * i + shift / 320, s, fontsize=size, rotation=rotation, antialiased=aa)
    renderer = renderer_class(320, 320, 80)
    fig.draw(renderer)
    return fig, renderer


def _pixels(renderer) -> np.ndarray:
    return np.asarray(renderer.buffer_rgba()).copy()


@pytest.mark.parametrize("shift", [3.0, 7.4, 12.61])
def test_remembered_glyphs_draw_what_rasterising_afresh_draws(shift):
    fig, renderer = _figure(0.0)  # every text's glyphs remembered at one place
    assert len(renderer._texts) == len(TEXTS)
    for text in fig.texts:
        text.set_position((text.get_position()[0] + shift / 320, text.get_position()[1] + shift / 320))
    renderer.clear()
    fig.draw(renderer)  # drawn elsewhere from the remembered glyphs
    assert len(renderer._texts) == len(TEXTS)  # nothing new was rasterised
    _, fresh = _figure(shift)  # the same texts there, each rasterised for that place
    np.testing.assert_array_equal(_pixels(renderer), _pixels(fresh))


def test_texts_measure_as_with_matplotlibs_renderer():
    fig, ours = _figure(0.0)
    stock = RendererAgg(320, 320, 80)
    for text in fig.texts:
        np.testing.assert_allclose(text.get_window_extent(ours).bounds, text.get_window_extent(stock).bounds)
    assert ours._metrics  # the fonts' line metrics came from the renderer's table


def _ink_centres(pixels: np.ndarray) -> np.ndarray:
    """The centre of each text's ink (dark pixels), in rows ordered as TEXTS, from the figure's bands."""
    ink = 255.0 - pixels[:, :, :3].mean(axis=2)
    centres = []
    for i in range(len(TEXTS)):
        y0 = 320 - int(320 * (0.08 + 0.15 * i)) - 40
        band = ink[max(y0, 0) : y0 + 44]
        rows, cols = np.indices(band.shape)
        centres.append([(band * cols).sum() / band.sum(), (band * rows).sum() / band.sum()])
    return np.array(centres)


def test_texts_sit_where_matplotlibs_renderer_puts_them_to_within_half_a_pixel():
    _, ours = _figure(0.37)
    _, stock = _figure(0.37, RendererAgg)
    assert not np.array_equal(_pixels(ours), _pixels(stock))  # anchored on whole pixels: not the same bytes
    np.testing.assert_allclose(_ink_centres(_pixels(ours)), _ink_centres(_pixels(stock)), atol=0.75)


def test_live_figures_draw_with_the_text_caching_renderer():
    fig = new_live_figure((3, 2), dpi=80)
    fig.add_subplot().set_title("a title")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    assert isinstance(renderer, TextCachingRendererAgg)
    assert any(key[0] == "a title" for key in renderer._texts)


def _layout(found) -> tuple:
    """A layout (``Text._get_layout``'s box, lines and text box) as plain, comparable values."""
    bbox, lines, box = found

    def plain(value):
        if isinstance(value, (list, tuple)):
            return tuple(plain(v) for v in value)
        return value if isinstance(value, str) else float(value)

    return tuple(bbox.bounds), plain(lines), plain(box)


@pytest.mark.parametrize("name", ["losses", "convexity", "many_features"])
def test_remembered_text_layouts_are_matplotlibs_for_every_text_of_a_dashboard(name):
    """Every text a dashboard draws (tick labels, titles, axis labels, legends, mathtext), laid out by
    matplotlib and found in the renderer's remembered layouts: the same sizes and offsets. After moves
    that change the ticks, the texts whose string changed are laid out anew."""
    from matplotlib.text import Text

    import linreg_helpers as lh
    from linreg_helpers._agg_text import _layout_key, _own_get_layout

    dash = lh.DASHBOARDS[name]()
    try:
        dash.update()
        dash.set(epochs=dash.controls["epochs"].max)
        renderer = dash.figure.canvas.get_renderer()
        texts = [t for t in dash.figure.findobj(Text) if t.get_text() and t.get_visible()]
        assert len(texts) > 30
        remembered = 0
        for t in texts:
            key = _layout_key(t)
            assert key is not None
            remembered += key in renderer.text_layouts
            assert _layout(t._get_layout(renderer)) == _layout(_own_get_layout(t, renderer)), t.get_text()
        assert remembered >= len(texts) // 2  # laid out during the draws, found again
        t = texts[0]
        before = t._get_layout(renderer)
        t.set_text(t.get_text() + " and more")
        assert _layout(t._get_layout(renderer)) == _layout(_own_get_layout(t, renderer))
        assert t._get_layout(renderer)[0].width > before[0].width
    finally:
        dash.close()


def test_a_wrapped_text_and_other_renderers_lay_out_as_matplotlib_does():
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from linreg_helpers._agg_text import _layout_key

    fig = Figure()
    FigureCanvasAgg(fig)
    text = fig.text(0.1, 0.5, "a long caption that wraps", wrap=True)
    assert _layout_key(text) is None
    plain = fig.text(0.1, 0.2, "plain")
    fig.canvas.draw()  # (a wrapped text measures its lines with the renderer of its last draw)
    renderer = fig.canvas.get_renderer()  # matplotlib's own Agg renderer: nothing remembered
    assert type(renderer) is RendererAgg and not hasattr(renderer, "text_layouts")
    assert text._get_layout(renderer)[0].width > 0 and plain._get_layout(renderer)[0].width > 0


def test_a_remembered_mathtext_turned_or_aligned_layout_is_matplotlibs():
    from linreg_helpers._agg_text import _own_get_layout

    fig = new_live_figure((3, 2))
    texts = [fig.text(0.1, 0.2 * k, s) for k, s in enumerate([r"$\eta = 10^{-3}$", r"$w_1 + \frac{1}{n}$", "plain"])]
    # the same string turned, and aligned otherwise: other layouts
    texts += [fig.text(0.5, 0.5, "plain", rotation=90), fig.text(0.5, 0.5, "plain", ha="right")]
    texts += [fig.text(0.5, 0.5, "plain", va="top")]
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for t in texts:
        assert _layout(t._get_layout(renderer)) == _layout(_own_get_layout(t, renderer)), t.get_text()
    assert len(renderer.text_layouts) >= len(texts)


@pytest.mark.parametrize("name", ["model", "batch_size", "convexity", "many_features"])
def test_a_dashboard_drawn_with_remembered_layouts_has_the_pixels_of_one_laid_out_afresh(name, monkeypatch):
    import linreg_helpers as lh
    from linreg_helpers._agg_text import _own_get_layout

    dash = lh.DASHBOARDS[name]()
    try:
        dash.update()
        dash.set(epochs=dash.controls["epochs"].max)
        canvas = dash.figure.canvas
        canvas.draw()  # every text's layout is remembered by now, and found again in this draw
        remembered = np.asarray(canvas.get_renderer().buffer_rgba()).copy()
        monkeypatch.setattr(Text, "_get_layout", _own_get_layout)
        canvas.draw()
        afresh = np.asarray(canvas.get_renderer().buffer_rgba())
        assert (remembered == afresh).all()
    finally:
        dash.close()
