"""Analytic gradients against central differences (hypothesis) and worked values."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import linreg_helpers as lh

PROPERTY = settings(max_examples=80, deadline=None)
X_EL = st.floats(-10.0, 10.0, allow_subnormal=False)
P_EL = st.floats(-5.0, 5.0, allow_subnormal=False)
# numerical_gradient moves each parameter by h ≤ 1e-6 · 5, so a residual moves by at most
# h · max(|x|, 1) ≤ 5e-5: residuals this far from a kink stay on the same side of it.
KINK_MARGIN = 1e-3


@st.composite
def problem(draw):
    """Small data and a parameter point: ``(X, w, b, one_feature)``; ``X`` is 1-D half the time for M = 1."""
    n = draw(st.integers(1, 10))
    M = draw(st.integers(1, 3))
    X = draw(hnp.arrays(np.float64, (n, M), elements=X_EL))
    w = draw(hnp.arrays(np.float64, M, elements=P_EL))
    b = draw(P_EL)
    one_feature = M == 1 and draw(st.booleans())
    if one_feature:
        return X[:, 0], float(w[0]), b, True
    return X, w, b, False


def residuals_away_from(kinks, max_abs=20.0):
    """Residuals at least KINK_MARGIN away from every value in ``kinks``."""
    edges = sorted({-max_abs, max_abs, *kinks})
    pieces = [
        st.floats(lo + KINK_MARGIN, hi - KINK_MARGIN)
        for lo, hi in itertools.pairwise(edges)
        if hi - lo > 2 * KINK_MARGIN
    ]
    return st.one_of(*pieces)


def as_vector(dw, db):
    return np.append(np.atleast_1d(dw), db)


def loss_of_params(loss, X, y, **kw):
    def f(theta):
        return loss(y, lh.predict(X, theta[:-1], theta[-1]), **kw)

    return f


def check_against_numerical(analytic, f, theta):
    numeric = lh.numerical_gradient(f, theta)
    scale = 1.0 + abs(f(theta))
    np.testing.assert_allclose(as_vector(*analytic), numeric, rtol=1e-6, atol=1e-7 * scale)


@PROPERTY
@given(prob=problem(), y_el=st.data())
def test_mse_gradient_matches_numerical_gradient(prob, y_el):
    X, w, b, _ = prob
    y = y_el.draw(hnp.arrays(np.float64, len(X), elements=st.floats(-50, 50, allow_subnormal=False)))
    theta = as_vector(w, b)
    check_against_numerical(lh.mse_gradient(X, y, w, b), loss_of_params(lh.mse, X, y), theta)


@PROPERTY
@given(prob=problem(), data=st.data())
def test_mae_gradient_matches_numerical_gradient_away_from_kinks(prob, data):
    X, w, b, _ = prob
    r = data.draw(hnp.arrays(np.float64, len(X), elements=residuals_away_from([0.0])))
    y = lh.predict(X, w, b) - r  # so that ŷ − y = r, |r| ≥ KINK_MARGIN
    theta = as_vector(w, b)
    check_against_numerical(lh.mae_gradient(X, y, w, b), loss_of_params(lh.mae, X, y), theta)


@PROPERTY
@given(prob=problem(), delta=st.floats(0.05, 5.0), data=st.data())
def test_huber_gradient_matches_numerical_gradient(prob, delta, data):
    X, w, b, _ = prob
    r = data.draw(hnp.arrays(np.float64, len(X), elements=residuals_away_from([-delta, delta])))
    y = lh.predict(X, w, b) - r
    theta = as_vector(w, b)
    analytic = lh.huber_gradient(X, y, w, b, delta=delta)
    check_against_numerical(analytic, loss_of_params(lh.huber, X, y, delta=delta), theta)


@PROPERTY
@given(prob=problem(), delta=st.floats(0.05, 5.0), data=st.data())
def test_huber_gradient_is_half_the_mse_gradient_within_delta(prob, delta, data):
    X, w, b, _ = prob
    r = data.draw(hnp.arrays(np.float64, len(X), elements=st.floats(-0.9 * delta, 0.9 * delta)))
    y = lh.predict(X, w, b) - r
    half = as_vector(*lh.mse_gradient(X, y, w, b)) / 2
    np.testing.assert_allclose(as_vector(*lh.huber_gradient(X, y, w, b, delta=delta)), half, rtol=1e-9, atol=1e-12)


@PROPERTY
@given(prob=problem(), data=st.data())
def test_gradients_have_the_shape_of_the_parameters(prob, data):
    X, w, b, one_feature = prob
    y = data.draw(hnp.arrays(np.float64, len(X), elements=X_EL))
    for grad in (lh.mse_gradient, lh.mae_gradient, lh.huber_gradient):
        dw, db = grad(X, y, w, b)
        assert type(db) is float
        if one_feature:
            assert type(dw) is float
        else:
            assert isinstance(dw, np.ndarray) and dw.shape == np.shape(w)


# --------------------------------------------------------------------------- worked values
def test_mse_gradient_worked_example():
    # ŷ = 0, r = (−2, −4): dw = (2/2)(−2·1 − 4·2) = −10, db = (2/2)(−2 − 4) = −6
    assert lh.mse_gradient([1.0, 2.0], [2.0, 4.0], 0.0, 0.0) == (-10.0, -6.0)


def test_gradients_vanish_at_a_perfect_fit():
    X = np.array([[1.0, 2.0], [3.0, -1.0], [0.5, 0.5], [2.0, 2.0]])
    w, b = np.array([0.5, -2.0]), 1.5
    y = X @ w + b
    for grad in (lh.mse_gradient, lh.mae_gradient, lh.huber_gradient):
        dw, db = grad(X, y, w, b)
        np.testing.assert_array_equal(dw, 0.0)
        assert db == 0.0


def test_mse_gradient_vanishes_at_the_closed_form():
    X, y = lh.make_linear_data(50, weights=[1.0, -1.0, 2.0], seed=8)
    w, b = lh.fit_closed_form(X, y)
    dw, db = lh.mse_gradient(X, y, w, b)
    np.testing.assert_allclose(dw, 0.0, atol=1e-10)
    assert db == pytest.approx(0.0, abs=1e-10)


def test_mae_subgradient_uses_sign_zero_is_zero():
    # residuals (0, 1, −2): signs (0, 1, −1)
    x = np.array([1.0, 2.0, 3.0])
    y = np.array([1.0, 1.0, 5.0])
    dw, db = lh.mae_gradient(x, y, 1.0, 0.0)
    assert dw == pytest.approx((0 * 1.0 + 1 * 2.0 - 1 * 3.0) / 3)
    assert db == pytest.approx(0.0)


def test_huber_gradient_clips_the_residuals():
    x = np.array([1.0, 2.0])
    y = np.array([0.0, -9.7])
    # w = 0, b = 0.3: residuals (0.3, 10), clipped with δ = 1 to (0.3, 1)
    dw, db = lh.huber_gradient(x, y, 0.0, 0.3, delta=1.0)
    assert dw == pytest.approx((0.3 * 1.0 + 1.0 * 2.0) / 2)
    assert db == pytest.approx((0.3 + 1.0) / 2)
    # with δ = 20 nothing is clipped: half the MSE gradient
    dw, db = lh.huber_gradient(x, y, 0.0, 0.3, delta=20.0)
    assert dw == pytest.approx((0.3 * 1.0 + 10.0 * 2.0) / 2)
    assert db == pytest.approx((0.3 + 10.0) / 2)


# --------------------------------------------------------------------------- numerical_gradient
def test_numerical_gradient_of_a_known_function():
    def f(p):
        return p[0] ** 3 + np.sin(p[1]) * p[0] + np.exp(p[2])

    p = np.array([1.5, -0.7, 0.3])
    expected = [3 * p[0] ** 2 + np.sin(p[1]), np.cos(p[1]) * p[0], np.exp(p[2])]
    np.testing.assert_allclose(lh.numerical_gradient(f, p), expected, rtol=1e-8)


def test_numerical_gradient_accepts_a_scalar_and_a_list():
    np.testing.assert_allclose(lh.numerical_gradient(lambda p: float(p[0] ** 2), 3.0), [6.0], rtol=1e-8)
    np.testing.assert_allclose(lh.numerical_gradient(lambda p: p[0] * p[1], [2.0, 5.0]), [5.0, 2.0], rtol=1e-8)


def test_numerical_gradient_does_not_modify_params():
    p = np.array([1.0, 2.0])
    lh.numerical_gradient(lambda q: float(q @ q), p)
    np.testing.assert_array_equal(p, [1.0, 2.0])
