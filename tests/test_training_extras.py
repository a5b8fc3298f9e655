"""Momentum, learning-rate schedules and the L2 penalty of ``gradient_descent``, and ``ridge``.

Each is checked against a hand-written numpy loop (the formulas of the docstrings, written out
again) and against outside oracles: scikit-learn's ``Ridge`` for the closed form, the closed form
for long runs of descent, and the heavy-ball rate (√κ − 1)/(√κ + 1) on a quadratic.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from sklearn.linear_model import Ridge

import linreg_helpers as lh
from linreg_helpers.training import STEP_SCHEDULE_FACTOR, STEP_SCHEDULE_PIECES


def _data(M=2, n=24, seed=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, M)) * np.arange(1, M + 1)
    y = X @ np.linspace(1.0, -1.0, M) + 0.5 + rng.normal(scale=0.3, size=n)
    return X, y


def _reference(X, y, lr, epochs, B, momentum, factors, l2):
    """Textbook loop: full order (shuffle=False), MSE, heavy ball, per-epoch factor, α‖w‖²."""
    n, M = X.shape
    w, b = np.zeros(M), 0.0
    vw, vb = np.zeros(M), 0.0
    path = [np.append(w, b)]
    for e in range(epochs):
        for s in range(0, n, B):
            Xb, yb = X[s : s + B], y[s : s + B]
            r = Xb @ w + b - yb
            gw = 2.0 / len(yb) * Xb.T @ r + 2.0 * l2 * w
            gb = 2.0 / len(yb) * r.sum()
            vw = momentum * vw - lr * factors[e] * gw
            vb = momentum * vb - lr * factors[e] * gb
            w, b = w + vw, b + vb
            path.append(np.append(w, b))
    return np.array(path)


SCHEDULE_FORMULAS = {
    "step": lambda e, E: STEP_SCHEDULE_FACTOR ** math.floor(STEP_SCHEDULE_PIECES * e / E),
    "1/t": lambda e, E: 1.0 / (1.0 + e),
    "cosine": lambda e, E: 0.5 * (1.0 + math.cos(math.pi * e / E)),
    "constant": lambda e, E: 1.0,
}


@pytest.mark.parametrize("M", [1, 2])
@pytest.mark.parametrize("schedule", sorted(SCHEDULE_FORMULAS))
@pytest.mark.parametrize(("momentum", "l2", "B"), [(0.0, 0.0, 5), (0.8, 0.0, 24), (0.5, 0.3, 1), (0.0, 0.1, 7)])
def test_matches_hand_written_loop(schedule, momentum, l2, B, M):
    X, y = _data(M=M)
    if M == 1:  # one feature takes the float loop on centred sums: give x a mean far from 0
        X = X + 3.0
    epochs = 9
    factors = [SCHEDULE_FORMULAS[schedule](e, epochs) for e in range(epochs)]
    h = lh.gradient_descent(
        X,
        y,
        learning_rate=0.02,
        epochs=epochs,
        batch_size=B,
        shuffle=False,
        momentum=momentum,
        schedule=schedule,
        l2=l2,
    )
    ref = _reference(X, y, 0.02, epochs, B, momentum, factors, l2)
    np.testing.assert_allclose(np.column_stack([h.weights, h.biases]), ref, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(h.losses, [lh.mse(y, X @ t[:-1] + t[-1]) for t in ref], rtol=1e-10)


def test_callable_schedule_and_plain_general_loop_equal_the_fast_path():
    X, y = _data(M=1)
    fast = lh.gradient_descent(X, y, learning_rate=0.05, epochs=6, batch_size=4, seed=2)
    slow = lh.gradient_descent(X, y, learning_rate=0.05, epochs=6, batch_size=4, seed=2, schedule=lambda e: 1.0)
    np.testing.assert_allclose(slow.weights, fast.weights, rtol=1e-12)
    np.testing.assert_allclose(slow.biases, fast.biases, rtol=1e-12, atol=1e-14)
    halved = lh.gradient_descent(X, y, learning_rate=0.05, epochs=6, batch_size=4, seed=2, schedule=lambda e: 0.5)
    plain = lh.gradient_descent(X, y, learning_rate=0.025, epochs=6, batch_size=4, seed=2)
    np.testing.assert_allclose(halved.weights, plain.weights, rtol=1e-12)


@pytest.mark.parametrize("M", [1, 3])
def test_ridge_matches_sklearn_with_unpenalised_intercept(M):
    X, y = _data(M=M, n=30)
    n, alpha = X.shape[0], 0.7
    w, b = lh.ridge(X, y, alpha)
    sk = Ridge(alpha=n * alpha).fit(X, y)  # sklearn: ‖y − Xw − b‖² + a‖w‖², the sum, not the mean
    np.testing.assert_allclose(w, sk.coef_, rtol=1e-10)
    assert b == pytest.approx(sk.intercept_, rel=1e-10)
    # the stated objective MSE + α‖w‖² has zero gradient there (the penalty never touches b)
    r = X @ w + b - y
    np.testing.assert_allclose(2 / n * X.T @ r + 2 * alpha * w, 0.0, atol=1e-10)
    assert abs(2 / n * r.sum()) < 1e-10
    w0, b0 = lh.ridge(X, y, 0.0)
    assert b0 == pytest.approx(lh.fit_closed_form(X, y)[1], rel=1e-9)
    np.testing.assert_allclose(w0, lh.fit_closed_form(X, y)[0], rtol=1e-9)


def test_ridge_makes_collinear_features_one_minimum():
    x = np.linspace(-1.0, 1.0, 20)
    X = np.column_stack([x, x])
    y = 3.0 * x + 1.0
    w, b = lh.ridge(X, y, 0.1)
    assert w[0] == pytest.approx(w[1]) and b == pytest.approx(1.0)
    with pytest.raises(ValueError, match="not unique"):
        lh.ridge(X, y, 0.0)


def test_descent_with_l2_converges_to_ridge():
    X, y = _data(M=2)
    alpha = 0.4
    h = lh.gradient_descent(X, y, learning_rate=0.05, epochs=3000, l2=alpha)
    w, b = lh.ridge(X, y, alpha)
    np.testing.assert_allclose(h.w, w, rtol=1e-8)
    assert h.b == pytest.approx(b, rel=1e-8)


def test_momentum_rate_on_a_quadratic_is_governed_by_sqrt_kappa():
    """On (1/n)‖Aθ − y‖² with Hessian eigenvalues λ₁ < λ₂ the tuned heavy ball shrinks the error
    by (√κ − 1)/(√κ + 1) a step; the best plain step only by (κ − 1)/(κ + 1)."""
    rng = np.random.default_rng(0)
    n = 200
    X = np.column_stack([rng.normal(size=n), 10.0 * rng.normal(size=n)])
    X = X - X.mean(axis=0)
    y = X @ np.array([1.0, 2.0]) + 0.5
    A = np.column_stack([X, np.ones(n)])
    lam = np.linalg.eigvalsh(2.0 / n * A.T @ A)
    kappa = lam[-1] / lam[0]
    lr = (2.0 / (math.sqrt(lam[-1]) + math.sqrt(lam[0]))) ** 2
    mu = ((math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)) ** 2
    epochs = 150
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, momentum=mu)
    theta = np.append(*lh.fit_closed_form(X, y))
    err = np.linalg.norm(np.column_stack([h.weights, h.biases]) - theta, axis=1)
    rate = (err[epochs] / err[epochs // 2]) ** (1.0 / (epochs - epochs // 2))
    heavy = (math.sqrt(kappa) - 1) / (math.sqrt(kappa) + 1)
    assert rate <= heavy * 1.05
    plain = lh.gradient_descent(X, y, learning_rate=2.0 / (lam[0] + lam[-1]), epochs=epochs)
    err_p = np.linalg.norm(np.column_stack([plain.weights, plain.biases]) - theta, axis=1)
    rate_p = (err_p[epochs] / err_p[epochs // 2]) ** (1.0 / (epochs - epochs // 2))
    assert rate_p == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-3)
    assert rate < rate_p


def test_schedules_let_sgd_settle_instead_of_hovering():
    X, y = lh.make_linear_data(200, weights=2.0, bias=1.0, noise=1.0, seed=0)
    best = lh.mse(y, lh.predict(X, *lh.fit_closed_form(X, y)))
    const = lh.gradient_descent(X, y, learning_rate=0.005, epochs=40, batch_size=1)
    decay = lh.gradient_descent(X, y, learning_rate=0.005, epochs=40, batch_size=1, schedule="cosine")
    assert not const.diverged and decay.losses[-1] - best < 0.01 * (np.mean(const.losses[-200:]) - best)
