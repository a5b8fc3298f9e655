"""The static plot_* functions: they draw what the numerics say, on the Axes given, without side effects."""

from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest

import linreg_helpers as lh


@pytest.fixture
def data():
    return lh.make_linear_data(30, seed=3)


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def test_plot_fit_draws_line_and_residuals(data):
    X, y = data
    _fig, ax = plt.subplots()
    out = lh.plot_fit(X, y, 2.0, 1.0, residuals=True, ax=ax)
    assert out is ax
    line = next(ln for ln in ax.lines if ln.get_label() == "model ŷ")
    xs, ys = line.get_data()
    np.testing.assert_allclose(ys, 2.0 * np.asarray(xs) + 1.0)
    segments = ax.collections[-1].get_segments()
    assert len(segments) == 30
    np.testing.assert_allclose([s[1][1] for s in segments], 2.0 * X + 1.0)


def test_plot_fit_creates_axes_when_none(data):
    ax = lh.plot_fit(*data, 1.0, 0.0)
    assert ax.figure is not None


def test_plot_surface_and_contour_show_the_path(data):
    X, y = data
    h = lh.gradient_descent(X, y, learning_rate=0.01, epochs=20)
    fig = plt.figure()
    ax3 = fig.add_subplot(1, 2, 1, projection="3d")
    assert lh.plot_loss_surface(X, y, history=h, ax=ax3) is ax3
    path = ax3.lines[0]
    xs, _ys, zs = path.get_data_3d()
    k = len(xs)
    np.testing.assert_array_equal(xs, h.weights[:k, 0])
    np.testing.assert_allclose(zs, h.losses[:k])
    ax2 = fig.add_subplot(1, 2, 2)
    assert lh.plot_contour(X, y, history=h, ax=ax2) is ax2
    w_star, b_star = lh.fit_closed_form(X, y)
    star = next(ln for ln in ax2.lines if ln.get_marker() == "*")
    assert star.get_xdata()[0] == pytest.approx(w_star)
    assert star.get_ydata()[0] == pytest.approx(b_star)


@pytest.mark.parametrize("loss", ["mse", "rmse", "mae", "huber", "tukey"])
def test_surface_for_every_loss(data, loss):
    ax = lh.plot_loss_surface(*data, loss=loss)
    assert loss.upper()[:3] in ax.get_title().upper() or "loss" in ax.get_title().lower()


def test_loss_curve_epoch_boundaries_and_divergence(data):
    X, y = data
    h = lh.gradient_descent(X, y, learning_rate=0.005, epochs=5, batch_size=7)
    ax = lh.plot_loss_curve(h, x="steps")
    assert ax.get_yscale() == "log"
    boundaries = [ln for ln in ax.lines if ln.get_xdata()[0] == ln.get_xdata()[1]]
    assert [ln.get_xdata()[0] for ln in boundaries] == [5 * k for k in range(1, 6)]
    bad = lh.gradient_descent(X, y, learning_rate=1.0, epochs=5)
    ax = lh.plot_loss_curve(bad, x="epochs", log=False)
    assert any("diverged at step" in t.get_text() for t in ax.texts)


def test_plot_errors_name_the_problem(data):
    X, y = data
    with pytest.raises(TypeError, match="History"):
        lh.plot_loss_curve([1, 2, 3])
    with pytest.raises(ValueError, match="x"):
        lh.plot_loss_curve(lh.gradient_descent(X, y, learning_rate=0.01, epochs=2), x="hours")
    with pytest.raises(ValueError, match="one feature"):
        lh.plot_fit(np.ones((5, 2)), np.ones(5), 1.0, 0.0)
    with pytest.raises(ValueError, match="Unknown loss"):
        lh.plot_contour(X, y, loss="hinge")


def test_plots_leave_rcparams_alone(data):
    before = dict(matplotlib.rcParams)
    lh.plot_fit(*data, 1.0, 0.0, lecture=True)
    lh.plot_contour(*data)
    assert dict(matplotlib.rcParams) == before


# ------------------------------------------------------------- no argument silently ignored (review #6)
def test_a_weights_grid_without_biases_is_used():
    import matplotlib.pyplot as plt

    X, y = lh.make_linear_data(20, seed=0)
    for plot in (lh.plot_contour, lh.plot_loss_surface):
        ax = plot(X, y, weights=np.linspace(100, 200, 5))
        assert ax.get_xlim() == (100.0, 200.0)
        ax = plot(X, y, biases=np.linspace(-50, -40, 5))
        assert ax.get_ylim() == (-50.0, -40.0)
        plt.close(ax.figure)


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        (dict(weights=[]), "non-empty"),
        (dict(weights=[1.0]), "at least 2"),
        (dict(weights=[3.0, 2.0, 1.0], biases=[0.0, 1.0]), "increasing"),
        (dict(biases=[[0.0, 1.0]]), "1-D"),
    ],
)
def test_bad_grids_are_errors(kwargs, words):
    X, y = lh.make_linear_data(20, seed=0)
    with pytest.raises(ValueError, match=words):
        lh.plot_contour(X, y, **kwargs)


@pytest.mark.parametrize("w", [[1.0, 2.0], [], np.ones((2, 2))])
def test_plot_fit_refuses_several_or_no_weights(w):
    X, y = lh.make_linear_data(20, seed=0)
    with pytest.raises(ValueError, match="w must be one number"):
        lh.plot_fit(X, y, w, 1.0)


def test_plot_fit_takes_a_one_element_weight():
    import matplotlib.pyplot as plt

    X, y = lh.make_linear_data(20, seed=0)
    ax = lh.plot_fit(X, y, np.array([2.0]), 1.0)
    plt.close(ax.figure)


def test_loss_curve_of_a_thinned_history_uses_its_step_numbers(monkeypatch):
    import matplotlib.pyplot as plt

    X, y = lh.make_linear_data(50, seed=0)
    monkeypatch.setattr(lh.training, "LOSS_EVALUATION_BUDGET", 500)
    h = lh.gradient_descent(X, y, learning_rate=0.01, epochs=2, batch_size=1, loss="mae")
    ax = lh.plot_loss_curve(h, log=False)
    np.testing.assert_array_equal(ax.lines[0].get_xdata(), h.step_index)
    plt.close(ax.figure)
