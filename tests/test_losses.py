"""Losses and loss surfaces: worked values and properties (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import linreg_helpers as lh

LOSSES = {
    "sse": lh.sse,
    "sae": lh.sae,
    "mse": lh.mse,
    "mae": lh.mae,
    "rmse": lh.rmse,
    "huber": lh.huber,
    "tukey": lh.tukey,
}

FLOATS = st.floats(-100.0, 100.0, allow_nan=False, allow_infinity=False, allow_subnormal=False)
PROPERTY = settings(max_examples=80, deadline=None)


@st.composite
def pairs(draw, min_size=1, max_size=20):
    """``(y_true, y_pred)`` of the same length."""
    n = draw(st.integers(min_size, max_size))
    y_true = draw(hnp.arrays(np.float64, n, elements=FLOATS))
    y_pred = draw(hnp.arrays(np.float64, n, elements=FLOATS))
    return y_true, y_pred


@st.composite
def one_feature_data(draw, max_size=12):
    n = draw(st.integers(1, max_size))
    x = draw(hnp.arrays(np.float64, n, elements=st.floats(-10, 10, allow_subnormal=False)))
    y = draw(hnp.arrays(np.float64, n, elements=st.floats(-50, 50, allow_subnormal=False)))
    return x, y


# --------------------------------------------------------------------------- worked values
@pytest.mark.parametrize(
    "name, expected",
    [
        ("sse", 1.0 + 4.0 + 0.25),
        ("sae", 1.0 + 2.0 + 0.5),
        ("mse", (1.0 + 4.0 + 0.25) / 3),
        ("mae", (1.0 + 2.0 + 0.5) / 3),
        ("rmse", np.sqrt((1.0 + 4.0 + 0.25) / 3)),
        ("huber", (0.5 + (2.0 - 0.5) + 0.125) / 3),  # δ = 1: |r| = 1 and 0.5 quadratic, |r| = 2 linear
    ],
)
def test_worked_values(name, expected):
    y_true = np.array([1.0, 2.0, 3.0])
    y_pred = np.array([2.0, 0.0, 3.5])  # residuals 1, -2, 0.5
    assert LOSSES[name](y_true, y_pred) == pytest.approx(expected, rel=1e-15)


def test_tukey_worked_values():
    c = 2.0
    # |r| = 1: c²/6 (1 − (1 − 1/4)³); |r| = 3 > c: c²/6
    expected = (c * c / 6 * (1 - (1 - 0.25) ** 3) + c * c / 6) / 2
    assert lh.tukey([0.0, 0.0], [1.0, -3.0], c=c) == pytest.approx(expected, rel=1e-15)


def test_losses_take_y_true_first_and_are_symmetric_in_the_residual():
    y_true, y_pred = np.array([0.0, 1.0, 5.0]), np.array([1.0, 3.0, 2.0])
    for name, f in LOSSES.items():
        assert f(y_true, y_pred) == pytest.approx(f(y_pred, y_true), rel=1e-15), name


@pytest.mark.parametrize("name", list(LOSSES))
def test_losses_return_python_floats(name):
    assert type(LOSSES[name]([1.0, 2.0], [1.5, 2.5])) is float


def test_huber_is_continuous_with_matching_slope_at_delta():
    delta = 0.7
    for sign in (1.0, -1.0):
        r = sign * delta
        below = lh.huber([0.0], [r * (1 - 1e-9)], delta=delta)
        above = lh.huber([0.0], [r * (1 + 1e-9)], delta=delta)
        assert below == pytest.approx(0.5 * delta**2, rel=1e-8)
        assert above == pytest.approx(0.5 * delta**2, rel=1e-8)
    # beyond δ the loss grows with slope δ
    assert lh.huber([0.0], [5.0], delta=delta) - lh.huber([0.0], [4.0], delta=delta) == pytest.approx(delta)


def test_tukey_is_bounded():
    c = 3.0
    assert lh.tukey([0.0], [1e9], c=c) == pytest.approx(c * c / 6, rel=1e-15)
    assert lh.tukey([0.0, 0.0], [1e3, -1e6], c=c) == pytest.approx(c * c / 6, rel=1e-15)


# --------------------------------------------------------------------------- properties
@PROPERTY
@given(pairs())
def test_losses_are_non_negative(pair):
    y_true, y_pred = pair
    for name, f in LOSSES.items():
        assert f(y_true, y_pred) >= 0.0, name


@PROPERTY
@given(hnp.arrays(np.float64, st.integers(1, 20), elements=FLOATS), st.floats(0.01, 10.0))
def test_losses_are_zero_on_perfect_predictions(y, delta):
    for name, f in LOSSES.items():
        assert f(y, y.copy()) == 0.0, name
    assert lh.huber(y, y, delta=delta) == 0.0
    assert lh.tukey(y, y, c=delta) == 0.0


@PROPERTY
@given(pairs())
def test_rmse_squared_is_mse(pair):
    y_true, y_pred = pair
    assert lh.rmse(y_true, y_pred) ** 2 == pytest.approx(lh.mse(y_true, y_pred), rel=1e-12, abs=1e-300)


@PROPERTY
@given(pairs())
def test_totals_are_n_times_means(pair):
    y_true, y_pred = pair
    n = len(y_true)
    assert lh.sse(y_true, y_pred) == pytest.approx(n * lh.mse(y_true, y_pred), rel=1e-12, abs=1e-300)
    assert lh.sae(y_true, y_pred) == pytest.approx(n * lh.mae(y_true, y_pred), rel=1e-12, abs=1e-300)


@PROPERTY
@given(pairs(), st.floats(0.0, 10.0))
def test_huber_is_half_the_mse_when_every_residual_is_within_delta(pair, slack):
    y_true, y_pred = pair
    r = y_pred - y_true
    delta = float(np.abs(r).max()) + slack  # every |r| ≤ δ
    if delta == 0.0:
        delta = 1.0
    assert lh.huber(y_true, y_pred, delta=delta) == pytest.approx(lh.mse(y_true, y_pred) / 2, rel=1e-12, abs=1e-300)


@PROPERTY
@given(pairs(), st.floats(0.01, 10.0))
def test_huber_lies_between_zero_and_delta_times_mae(pair, delta):
    y_true, y_pred = pair
    h = lh.huber(y_true, y_pred, delta=delta)
    assert 0.0 <= h <= delta * lh.mae(y_true, y_pred) * (1 + 1e-12)
    assert h <= lh.mse(y_true, y_pred) / 2 * (1 + 1e-12)


@st.composite
def data_and_two_points(draw):
    n = draw(st.integers(1, 12))
    M = draw(st.integers(1, 3))
    el = st.floats(-10, 10, allow_subnormal=False)
    X = draw(hnp.arrays(np.float64, (n, M), elements=el))
    y = draw(hnp.arrays(np.float64, n, elements=st.floats(-50, 50, allow_subnormal=False)))
    a = draw(hnp.arrays(np.float64, M + 1, elements=el))
    c = draw(hnp.arrays(np.float64, M + 1, elements=el))
    t = draw(st.floats(0.0, 1.0))
    return X, y, a, c, t


@pytest.mark.parametrize("name", ["mse", "mae", "huber", "rmse"])
@PROPERTY
@given(case=data_and_two_points())
def test_convex_along_random_segments_in_parameter_space(name, case):
    X, y, a, c, t = case
    f = LOSSES[name]

    def loss_at(theta):
        return f(y, lh.predict(X, theta[:-1], theta[-1]))

    fa, fc = loss_at(a), loss_at(c)
    mid = loss_at(t * a + (1 - t) * c)
    assert mid <= t * fa + (1 - t) * fc + 1e-9 * (1.0 + fa + fc)


def test_tukey_is_not_convex():
    # the contrast the series draws: a bounded loss has more than one valley
    x = np.array([0.0, 1.0, 2.0, 3.0, 10.0, 11.0, 12.0])
    y = np.array([0.0, 1.0, 2.0, 3.0, -10.0, -11.0, -12.0])

    def f(w):
        return lh.tukey(y, lh.predict(x, w, 0.0), c=1.0)

    a, c = 1.0, -1.0
    assert f(0.0) > 0.5 * f(a) + 0.5 * f(c)


# --------------------------------------------------------------------------- loss surfaces
POINTWISE = {
    "mse": lambda y, p, **k: lh.mse(y, p),
    "rmse": lambda y, p, **k: lh.rmse(y, p),
    "mae": lambda y, p, **k: lh.mae(y, p),
    "huber": lambda y, p, delta, c: lh.huber(y, p, delta=delta),
    "tukey": lambda y, p, delta, c: lh.tukey(y, p, c=c),
}


def pointwise_surface(x, y, weights, biases, loss, delta=1.0, c=4.685):
    Z = np.empty((len(biases), len(weights)))
    for i, b in enumerate(biases):
        for j, w in enumerate(weights):
            Z[i, j] = POINTWISE[loss](y, lh.predict(x, w, b), delta=delta, c=c)
    return Z


@pytest.mark.parametrize("loss", list(POINTWISE))
@settings(max_examples=50, deadline=None)
@given(
    data=one_feature_data(),
    weights=hnp.arrays(np.float64, st.integers(1, 5), elements=st.floats(-10, 10, allow_subnormal=False)),
    biases=hnp.arrays(np.float64, st.integers(1, 4), elements=st.floats(-10, 10, allow_subnormal=False)),
    delta=st.floats(0.1, 5.0),
)
def test_loss_surface_equals_the_pointwise_loss(loss, data, weights, biases, delta):
    x, y = data
    Z = lh.loss_surface(x, y, weights, biases, loss=loss, delta=delta, c=2 * delta)
    expected = pointwise_surface(x, y, weights, biases, loss, delta=delta, c=2 * delta)
    assert Z.shape == (len(biases), len(weights))
    assert (Z >= 0).all()
    np.testing.assert_allclose(Z, expected, rtol=1e-9, atol=1e-9 * (1.0 + np.abs(expected).max()))


def test_loss_surface_layout_is_biases_by_weights():
    x = np.array([0.0, 1.0, 2.0])
    y = 2.0 * x + 1.0
    weights, biases = np.array([0.0, 1.0, 2.0, 3.0]), np.array([1.0, 5.0])
    Z = lh.loss_surface(x, y, weights, biases)
    assert Z.shape == (2, 4)
    assert Z[0, 2] == pytest.approx(0.0, abs=1e-15)  # w = 2, b = 1
    assert Z[1, 2] == pytest.approx(16.0, rel=1e-12)  # w = 2, b = 5: every residual is 4


def test_loss_surface_accepts_a_column():
    x = np.linspace(0.0, 1.0, 9)
    y = np.cos(x)
    W, B = np.linspace(-1, 1, 4), np.linspace(0, 2, 3)
    np.testing.assert_array_equal(lh.loss_surface(x[:, None], y, W, B), lh.loss_surface(x, y, W, B))


LARGE_MEAN_RNG = np.random.default_rng(42)
LARGE_X = 1e4 + LARGE_MEAN_RNG.uniform(0.0, 1.0, 50)
LARGE_Y = 3.0 * LARGE_X + 2.0  # a perfect fit, far from the origin


@pytest.mark.parametrize("loss", list(POINTWISE))
def test_loss_surface_near_a_perfect_fit_with_large_mean_data(loss):
    weights = 3.0 + np.array([-1e-6, -1e-9, -1e-12, 0.0, 1e-12, 1e-9, 1e-6])
    biases = 2.0 + np.array([-1e-3, -1e-8, 0.0, 1e-8, 1e-3])
    Z = lh.loss_surface(LARGE_X, LARGE_Y, weights, biases, loss=loss)
    assert (Z >= 0).all(), "a loss surface must never be negative"
    truth = Z[2, 3]  # w = 3, b = 2
    assert truth == pytest.approx(0.0, abs=1e-10 if loss in ("rmse", "mae") else 1e-18)
    expected = pointwise_surface(LARGE_X, LARGE_Y, weights, biases, loss)
    atol = 1e-10 if loss in ("rmse", "mae") else 1e-14
    np.testing.assert_allclose(Z, expected, rtol=1e-6, atol=atol)


@pytest.mark.parametrize("loss", list(POINTWISE))
def test_loss_surface_far_from_the_fit_with_large_mean_data(loss):
    weights = np.linspace(2.0, 4.0, 7)
    biases = np.linspace(-10.0, 10.0, 5)
    Z = lh.loss_surface(LARGE_X, LARGE_Y, weights, biases, loss=loss)
    np.testing.assert_allclose(Z, pointwise_surface(LARGE_X, LARGE_Y, weights, biases, loss), rtol=1e-9)


def test_mse_surface_minimum_is_the_closed_form():
    X, y = lh.make_linear_data(60, seed=5)
    w, b = lh.fit_closed_form(X, y)
    weights = w + np.linspace(-0.1, 0.1, 21)
    biases = b + np.linspace(-0.5, 0.5, 11)
    Z = lh.loss_surface(X, y, weights, biases)
    assert np.unravel_index(np.argmin(Z), Z.shape) == (5, 10)
    assert Z[5, 10] == pytest.approx(lh.mse(y, lh.predict(X, w, b)), rel=1e-12)


@pytest.mark.parametrize("spread", [1e-200, 1e-160, 1e-100, 1e100, 1e150])
def test_mse_surface_when_the_spread_of_x_is_extreme(spread):
    # regression: the sufficient statistics once multiplied a variance that underflowed to 0
    # by an enormous w*, dropping the quadratic term (found by the property test above)
    x = np.array([0.0, spread, 0.5 * spread])
    y = np.array([0.0, 1.0, 3.0])
    weights = np.array([0.0, 1.0 / spread, -2.0 / spread])
    biases = np.array([0.0, 1.0])
    Z = lh.loss_surface(x, y, weights, biases)
    np.testing.assert_allclose(Z, pointwise_surface(x, y, weights, biases, "mse"), rtol=1e-12)
    h = lh.gradient_descent(x, y, learning_rate=1e-3, epochs=2, w0=2.0 / spread, b0=0.5)
    expected = [lh.mse(y, lh.predict(x, w[0], b)) for w, b in zip(h.weights, h.biases, strict=True)]
    np.testing.assert_allclose(h.losses, expected, rtol=1e-12)


@pytest.mark.parametrize("r", [1e-4, 1e-9, 1e-20, 0.5, 4.0, 4.685])
def test_tukey_keeps_precision_for_tiny_residuals(r):
    from fractions import Fraction

    c = Fraction(4.685)
    exact = c * c / 6 * (1 - (1 - (Fraction(r) / c) ** 2) ** 3)
    got = lh.tukey([0.0], [r])
    assert abs(Fraction(got) - exact) <= Fraction(1e-15) * exact  # the literal form gave 0 below ≈ 5e-8
