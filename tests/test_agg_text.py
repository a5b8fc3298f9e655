"""The live figures' text renderer (``linreg_helpers._agg_text``): remembered glyphs draw the same
picture as glyphs rasterised afresh, in the place matplotlib's own Agg renderer puts them."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure

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
