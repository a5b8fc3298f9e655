"""Every dashboard builds and draws on any finite data with two distinct x values (issue 15, part 1).

Warnings are errors (pytest configuration), so a RuntimeWarning from a slider range, an axis limit
or the numerics fails the test as an exception would.
"""

import gc
import re

import numpy as np
import pytest

import linreg_helpers as lh

X1 = np.array([0.0, 1.0, 2.0, 3.0, 4.0])
# the review's tiny range, a huge offset and scale, all negative, constant y
DATA = {
    "tiny": np.array([0.300, 0.301, 0.302, 0.304, 0.303]),
    "huge": np.array([1e9, 2e9, 3e9, 5e9, 4e9]),
    "negative": np.array([-5.0, -7.0, -8.0, -9.0, -12.0]),
    "constant": np.full(5, 2.0),
}


def _features(name: str) -> np.ndarray:
    """One feature, or two independent ones for the many-features dashboard."""
    if name == "many_features":
        return np.column_stack([X1, np.array([1.0, 0.0, 3.0, 2.0, 5.0])])
    return X1


@pytest.mark.parametrize("data", list(DATA))
@pytest.mark.parametrize("name", list(lh.DASHBOARDS))
def test_dashboard_builds_and_draws_on_any_finite_data(name, data):
    d = lh.DASHBOARDS[name](_features(name), DATA[data])
    try:
        assert d.frames == 1  # the first frame was drawn (a full draw of every panel, no blit yet)
        assert all(np.isfinite(c.value) for c in d.controls.values() if isinstance(c.value, float))
    finally:
        d.close()


def test_a_dashboard_that_fails_to_build_raises_nothing_when_collected():
    """ipywidgets' ``__del__`` calls ``close()`` on the half-built dashboard; that must not raise."""
    with pytest.raises(TypeError, match="epochs must be a whole number"):
        lh.descent_dashboard(epochs="10")
    gc.collect()  # an exception in __del__ is reported as PytestUnraisableExceptionWarning: an error here


@pytest.mark.parametrize("name", [n for n in lh.DASHBOARDS if n != "many_features"])
def test_a_dollar_in_a_column_name_is_shown_not_parsed(name, tmp_path):
    # The review's defect 16: "$...$" in a CSV header reached matplotlib as mathtext and crashed.
    path = tmp_path / "prices.csv"
    path.write_text("cost $\\frac$,price in $\n1,2\n2,4.5\n3,5\n4,8.5\n", encoding="utf-8")
    data = lh.load_csv(path, features=["cost $\\frac$"], target="price in $")
    d = lh.DASHBOARDS[name](data)
    try:
        assert d.to_png().startswith(b"\x89PNG")  # a full draw, every label included
        texts = [t.get_text() for ax in d.figure.axes for t in (ax.xaxis.label, ax.yaxis.label, ax.title)]
        assert not [t for t in texts if re.search(r"(?<!\\)\$", t)], texts  # every "$" escaped: drawn as "$"
    finally:
        d.close()
