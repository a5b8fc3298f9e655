"""``gradient_descent`` and ``largest_stable_learning_rate``.

The package's loop is written for speed (per-batch sufficient statistics, a scalar
update loop, the whole-data MSE in O(1)); these tests hold it to an independent,
deliberately naive textbook loop, step for step.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import linreg_helpers as lh

N = 37  # prime: no mini-batch size other than 1 and N divides it
MINI = 8


def one_feature_data(n: int = N, seed: int = 3):
    return lh.make_linear_data(n, weights=2.0, bias=1.0, noise=1.0, x_range=(0.0, 10.0), seed=seed)


def three_feature_data(n: int = N, seed: int = 3):
    return lh.make_linear_data(n, weights=[1.0, -2.0, 0.5], bias=0.3, noise=0.5, x_range=(0.0, 2.0), seed=seed)


DATA = {"one-feature": one_feature_data, "three-features": three_feature_data}
# learning rates that keep SGD with batch size 1 stable on the data above
SAFE_LR = {"one-feature": 0.004, "three-features": 0.04}


def textbook_loop(X, y, *, lr, epochs, batch_size, loss="mse", shuffle=True, seed=0, delta=1.0, w0=None, b0=0.0):
    """The loop as written on a blackboard: returns (weights, biases, losses)."""
    X2 = np.asarray(X, dtype=float).reshape(len(y), -1)
    n, M = X2.shape
    Xb = np.column_stack([X2, np.ones(n)])
    theta = np.zeros(M + 1)
    if w0 is not None:
        theta[:-1] = w0
    theta[-1] = b0
    rng = np.random.default_rng(seed)
    thetas = [theta.copy()]
    for _ in range(epochs):
        perm = rng.permutation(n) if shuffle else np.arange(n)
        for s in range(0, n, batch_size):
            j = perm[s : s + batch_size]
            r = Xb[j] @ theta - y[j]
            if loss == "mse":
                theta -= lr * 2 / len(j) * Xb[j].T @ r
            elif loss == "mae":
                theta -= lr / len(j) * Xb[j].T @ np.sign(r)  # np.sign(0) == 0
            else:
                theta -= lr / len(j) * Xb[j].T @ np.clip(r, -delta, delta)
            thetas.append(theta.copy())
    thetas = np.array(thetas)
    R = thetas @ Xb.T - y  # whole-data residuals at every state
    if loss == "mse":
        losses = np.mean(R**2, axis=1)
    elif loss == "mae":
        losses = np.mean(np.abs(R), axis=1)
    else:
        a = np.abs(R)
        losses = np.mean(np.where(a <= delta, 0.5 * R**2, delta * (a - 0.5 * delta)), axis=1)
    return thetas[:, :-1], thetas[:, -1], losses


def assert_history_matches(h, expected, *, rtol=1e-9, atol=1e-10):
    W, B, L = expected
    assert not h.diverged
    assert h.weights.shape == W.shape
    np.testing.assert_allclose(h.weights, W, rtol=rtol, atol=atol)
    np.testing.assert_allclose(h.biases, B, rtol=rtol, atol=atol)
    np.testing.assert_allclose(h.losses, L, rtol=rtol, atol=atol)


# --------------------------------------------------------------------------- textbook loop
@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("batch", ["sgd", "mini", "full"])
@pytest.mark.parametrize("seed", [0, 11])
def test_mse_matches_the_textbook_loop(kind, batch, seed):
    X, y = DATA[kind]()
    B = {"sgd": 1, "mini": MINI, "full": len(y)}[batch]
    lr, epochs = SAFE_LR[kind], 15
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=B, seed=seed)
    assert_history_matches(h, textbook_loop(X, y, lr=lr, epochs=epochs, batch_size=B, seed=seed))


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("B", [1, MINI, N])
def test_no_shuffle_uses_the_natural_order(kind, B):
    X, y = DATA[kind]()
    lr, epochs = SAFE_LR[kind], 10
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=B, shuffle=False)
    assert_history_matches(h, textbook_loop(X, y, lr=lr, epochs=epochs, batch_size=B, shuffle=False))
    # and the seed does not matter then
    h2 = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=B, shuffle=False, seed=99)
    np.testing.assert_array_equal(h.weights, h2.weights)


@pytest.mark.parametrize("kind", list(DATA))
def test_textbook_loop_with_a_starting_point(kind):
    X, y = DATA[kind]()
    M = 1 if np.ndim(X) == 1 else X.shape[1]
    w0 = np.linspace(-1.0, 1.5, M)
    lr = SAFE_LR[kind]
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=5, batch_size=MINI, w0=w0, b0=-2.0, seed=5)
    assert_history_matches(h, textbook_loop(X, y, lr=lr, epochs=5, batch_size=MINI, w0=w0, b0=-2.0, seed=5))


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("B", [1, MINI, N])
@pytest.mark.parametrize("loss, delta", [("mae", 1.0), ("huber", 1.0), ("huber", 0.3)])
def test_mae_and_huber_match_the_textbook_subgradient_loop(kind, B, loss, delta):
    X, y = DATA[kind]()
    lr, epochs = 0.01, 12
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=B, loss=loss, delta=delta, seed=2)
    expected = textbook_loop(X, y, lr=lr, epochs=epochs, batch_size=B, loss=loss, delta=delta, seed=2)
    assert h.loss == loss
    assert_history_matches(h, expected)


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 30),
    M=st.integers(1, 3),
    batch_fraction=st.floats(0.0, 1.0),
    epochs=st.integers(1, 4),
    loss=st.sampled_from(["mse", "mae", "huber"]),
    shuffle=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
    data_seed=st.integers(0, 2**32 - 1),
)
def test_random_settings_match_the_textbook_loop(n, M, batch_fraction, epochs, loss, shuffle, seed, data_seed):
    rng = np.random.default_rng(data_seed)
    X = rng.normal(0.0, 2.0, (n, M)) + rng.normal(0.0, 3.0, M)
    y = X @ rng.normal(0.0, 2.0, M) + rng.normal(0.0, 1.0, n)
    if M == 1 and data_seed % 2:
        X = X[:, 0]
    B = 1 + int(batch_fraction * (n - 1))
    # stable for every single example: η < 1 / ‖[xᵢ, 1]‖²
    lr = 0.4 / (1.0 + np.max(np.sum(np.reshape(X, (n, -1)) ** 2, axis=1)))
    delta = 0.5
    h = lh.gradient_descent(
        X, y, learning_rate=lr, epochs=epochs, batch_size=B, loss=loss, shuffle=shuffle, seed=seed, delta=delta
    )
    expected = textbook_loop(
        X, y, lr=lr, epochs=epochs, batch_size=B, loss=loss, shuffle=shuffle, seed=seed, delta=delta
    )
    assert h.steps == epochs * math.ceil(n / B)
    assert_history_matches(h, expected)


def test_mae_uses_sign_zero_is_zero():
    # every residual is exactly zero at the start: the subgradient with sign(0) = 0 does not move
    x = np.array([1.0, 2.0, 3.0, 4.0])
    h = lh.gradient_descent(x, 2.0 * x + 1.0, learning_rate=0.1, epochs=3, loss="mae", w0=2.0, b0=1.0)
    np.testing.assert_array_equal(h.weights, 2.0)
    np.testing.assert_array_equal(h.biases, 1.0)
    np.testing.assert_array_equal(h.losses, 0.0)


# --------------------------------------------------------------------------- shapes and step counts
@pytest.mark.parametrize(
    "n, batch_size, epochs",
    [(1, 1, 3), (10, 1, 2), (10, 3, 4), (10, 10, 5), (10, None, 5), (37, 8, 3), (37, 36, 2), (64, 16, 2), (100, 7, 1)],
)
@pytest.mark.parametrize("M", [1, 3])
@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
def test_step_count_is_epochs_times_ceil_n_over_batch_size(n, batch_size, epochs, M, loss):
    weights = 1.5 if M == 1 else np.linspace(0.5, 1.0, M)
    X, y = lh.make_linear_data(n, weights=weights, x_range=(0.0, 1.0), seed=1)
    h = lh.gradient_descent(X, y, learning_rate=0.01, epochs=epochs, batch_size=batch_size, loss=loss)
    B = n if batch_size is None else batch_size
    spe = math.ceil(n / B)
    steps = epochs * spe
    assert not h.diverged and h.diverged_at is None
    assert h.steps_per_epoch == spe
    assert h.steps == steps
    assert len(h.losses) == steps + 1
    assert h.weights.shape == (steps + 1, M)
    assert h.biases.shape == (steps + 1,)
    assert h.batch_size == B and h.epochs == epochs
    np.testing.assert_allclose(h.epoch_axis[-1], epochs)


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
@pytest.mark.parametrize("shuffle", [True, False])
def test_batch_size_n_is_exactly_full_batch(kind, loss, shuffle):
    X, y = DATA[kind]()
    kwargs = dict(learning_rate=SAFE_LR[kind], epochs=20, loss=loss, shuffle=shuffle, seed=4)
    full = lh.gradient_descent(X, y, batch_size=None, **kwargs)
    n = lh.gradient_descent(X, y, batch_size=len(y), **kwargs)
    np.testing.assert_array_equal(full.weights, n.weights)
    np.testing.assert_array_equal(full.biases, n.biases)
    np.testing.assert_array_equal(full.losses, n.losses)
    assert full.steps_per_epoch == n.steps_per_epoch == 1


def test_history_starts_at_the_starting_point_with_its_whole_data_loss():
    X, y = three_feature_data()
    w0 = np.array([0.1, 0.2, 0.3])
    h = lh.gradient_descent(X, y, learning_rate=0.01, epochs=2, batch_size=5, w0=w0, b0=-0.5)
    np.testing.assert_array_equal(h.weights[0], w0)
    assert h.biases[0] == -0.5
    assert h.losses[0] == pytest.approx(lh.mse(y, lh.predict(X, w0, -0.5)), rel=1e-12)
    np.testing.assert_array_equal(h.w, h.weights[-1])
    assert h.b == h.biases[-1]
    # every stored loss is the whole-data loss of its stored state
    expected = [lh.mse(y, lh.predict(X, w, b)) for w, b in zip(h.weights, h.biases, strict=True)]
    np.testing.assert_allclose(h.losses, expected, rtol=1e-9, atol=1e-12)


def test_same_seed_same_run_other_seed_other_run():
    X, y = one_feature_data()
    kw = dict(learning_rate=0.004, epochs=3, batch_size=4)
    a = lh.gradient_descent(X, y, seed=1, **kw)
    b = lh.gradient_descent(X, y, seed=1, **kw)
    c = lh.gradient_descent(X, y, seed=2, **kw)
    np.testing.assert_array_equal(a.weights, b.weights)
    assert not np.array_equal(a.weights, c.weights)


def test_inputs_are_not_modified():
    X, y = three_feature_data()
    w0 = np.array([0.5, 0.5, 0.5])
    X_copy, y_copy, w0_copy = X.copy(), y.copy(), w0.copy()
    lh.gradient_descent(X, y, learning_rate=0.01, epochs=3, batch_size=5, w0=w0)
    lh.gradient_descent(X, y, learning_rate=0.01, epochs=3, batch_size=5, w0=w0, loss="huber")
    np.testing.assert_array_equal(X, X_copy)
    np.testing.assert_array_equal(y, y_copy)
    np.testing.assert_array_equal(w0, w0_copy)


# --------------------------------------------------------------------------- divergence
def assert_diverged_cleanly(h, full_steps):
    assert h.diverged is True
    assert isinstance(h.diverged_at, int) and not isinstance(h.diverged_at, bool)
    assert 1 <= h.diverged_at <= full_steps
    assert len(h.losses) < full_steps + 1
    assert len(h.losses) == len(h.biases) == h.weights.shape[0] >= 1
    assert np.isfinite(h.weights).all()
    assert np.isfinite(h.biases).all()
    assert np.isfinite(h.losses).all()
    # flagged at 10x its scale; kept (finite) until 1e6x, so the plot shows the blow-up
    assert h.diverged_at - 1 <= h.steps
    assert "diverged" in repr(h)


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("batch", ["sgd", "mini", "full"])
def test_three_times_the_largest_stable_rate_diverges(kind, batch):
    X, y = DATA[kind]()
    B = {"sgd": 1, "mini": MINI, "full": None}[batch]
    lr = 3.0 * lh.largest_stable_learning_rate(X)
    epochs = 200
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=B)
    assert_diverged_cleanly(h, epochs * math.ceil(N / (B or N)))


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("batch", ["sgd", "mini", "full"])
@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
@pytest.mark.parametrize("lr", [1e6, 1e300])
def test_enormous_learning_rates_stop_cleanly(kind, batch, loss, lr):
    X, y = DATA[kind]()
    B = {"sgd": 1, "mini": MINI, "full": None}[batch]
    epochs = 5
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=epochs, batch_size=B, loss=loss)
    assert_diverged_cleanly(h, epochs * math.ceil(N / (B or N)))


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("lr", [1e200, 1e300])
def test_tukey_runaway_is_flagged_although_its_loss_is_bounded(kind, lr):
    # Tukey's loss stops growing once every residual passes c: the run-away shows in the parameters.
    X, y = DATA[kind]()
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=5, batch_size=MINI, loss="tukey")
    assert_diverged_cleanly(h, 5 * math.ceil(N / MINI))
    calm = lh.gradient_descent(X, y, learning_rate=SAFE_LR[kind], epochs=30, batch_size=MINI, loss="tukey")
    assert not calm.diverged


@pytest.mark.parametrize("kind", list(DATA))
@pytest.mark.parametrize("loss", ["mse", "mae", "huber"])
def test_a_stable_rate_does_not_diverge(kind, loss):
    X, y = DATA[kind]()
    h = lh.gradient_descent(X, y, learning_rate=SAFE_LR[kind], epochs=30, batch_size=MINI, loss=loss)
    assert h.diverged is False
    assert h.diverged_at is None
    assert h.steps == 30 * math.ceil(N / MINI)
    assert h.losses[-1] < h.losses[0]


@pytest.mark.parametrize("kind", list(DATA))
def test_largest_stable_learning_rate_is_a_sharp_threshold(kind):
    X, y = DATA[kind]()
    lr = lh.largest_stable_learning_rate(X)
    epochs = 4000
    below = lh.gradient_descent(X, y, learning_rate=0.99 * lr, epochs=epochs)
    assert not below.diverged and below.steps == epochs
    np.testing.assert_allclose(
        np.append(below.w, below.b), np.append(lh.fit_closed_form(X, y)[0], lh.fit_closed_form(X, y)[1]), rtol=1e-6
    )
    above = lh.gradient_descent(X, y, learning_rate=1.01 * lr, epochs=epochs)
    assert_diverged_cleanly(above, epochs)


@pytest.mark.parametrize("kind", list(DATA))
def test_largest_stable_learning_rate_is_two_over_the_top_hessian_eigenvalue(kind):
    X, _ = DATA[kind]()
    X2 = np.asarray(X, dtype=float).reshape(N, -1)
    A = np.column_stack([X2, np.ones(N)])
    sigma_max = np.linalg.svd(A, compute_uv=False)[0]
    lam_max = 2.0 / N * sigma_max**2  # top eigenvalue of H = (2/n) AᵀA
    assert lh.largest_stable_learning_rate(X) == pytest.approx(2.0 / lam_max, rel=1e-12)


def test_largest_stable_learning_rate_by_hand():
    # x = (0, 1, 2): AᵀA / n = [[5/3, 1], [1, 1]], trace 8/3, determinant 2/3, eigenvalues (4 ± √10) / 3
    lam_max = 2.0 * (4.0 + math.sqrt(10.0)) / 3.0
    assert lh.largest_stable_learning_rate([0.0, 1.0, 2.0]) == pytest.approx(2.0 / lam_max, rel=1e-14)


# --------------------------------------------------------------------------- near a perfect fit
@pytest.mark.parametrize("B", [1, 5, None])
@pytest.mark.parametrize("start", ["truth", "zero", "close"])
def test_whole_data_mse_is_never_negative_near_a_perfect_fit(B, start):
    rng = np.random.default_rng(0)
    x = 1e4 + rng.uniform(0.0, 1.0, 40)
    y = 3.0 * x + 2.0
    w0, b0 = {"truth": (3.0, 2.0), "zero": (0.0, 0.0), "close": (3.0 + 1e-12, 2.0)}[start]
    lr = 0.5 * lh.largest_stable_learning_rate(x) if B is None else 0.5 / (x.max() ** 2 + 1)
    h = lh.gradient_descent(x, y, learning_rate=lr, epochs=20, batch_size=B, w0=w0, b0=b0)
    assert not h.diverged
    assert (h.losses >= 0).all()
    if start == "truth":
        assert h.losses[0] == pytest.approx(0.0, abs=1e-15)


def test_whole_data_mse_is_never_negative_for_perfect_multi_feature_data():
    rng = np.random.default_rng(1)
    X = 1e4 + rng.uniform(0.0, 1.0, (40, 2))
    y = X @ np.array([3.0, -1.0]) + 2.0
    h = lh.gradient_descent(X, y, learning_rate=1e-12, epochs=10, batch_size=7, w0=[3.0, -1.0], b0=2.0)
    assert (h.losses >= 0).all()
    assert h.losses[0] == pytest.approx(0.0, abs=1e-15)


# ------------------------------------------------------------------ descent on the RMSE itself


def _naive_rmse_descent(X, y, lr, epochs, batch_size, w0=0.0, b0=0.0):
    """Textbook loop over batches in the data's order: ∇RMSE = (1/m) Σ r a / RMSE of the batch."""
    X = np.ravel(X)
    w, b = w0, b0
    for _ in range(epochs):
        for s in range(0, len(y), batch_size):
            xb, yb = X[s : s + batch_size], y[s : s + batch_size]
            r = w * xb + b - yb
            root = math.sqrt(float(np.mean(r**2)))
            if root > 0:
                w, b = w - lr * np.mean(r * xb) / root, b - lr * np.mean(r) / root
    return w, b


def test_rmse_descent_steps_on_the_rmse_gradient():
    X, y = lh.make_linear_data(N, seed=4)
    h = lh.gradient_descent(X, y, learning_rate=0.1, epochs=1, loss="rmse", w0=0.3, b0=-0.2)
    g = lh.numerical_gradient(lambda p: lh.rmse(y, lh.predict(X, p[0], p[1])), [0.3, -0.2])
    assert h.weights[1, 0] == pytest.approx(0.3 - 0.1 * g[0], rel=1e-8)
    assert h.biases[1] == pytest.approx(-0.2 - 0.1 * g[1], rel=1e-8)
    assert h.losses[0] == pytest.approx(lh.rmse(y, lh.predict(X, 0.3, -0.2)))
    assert h.loss == "rmse"


def test_rmse_descent_is_not_mse_descent_but_has_its_minimiser():
    X, y = lh.make_linear_data(N, seed=4)
    h_rmse = lh.gradient_descent(X, y, learning_rate=0.05, epochs=20, loss="rmse")
    h_mse = lh.gradient_descent(X, y, learning_rate=0.05, epochs=1, loss="mse")
    assert not np.allclose(h_rmse.weights[1], h_mse.weights[1])  # a different first step
    w, b = _naive_rmse_descent(X, y, 0.05, 20, N)
    assert (h_rmse.w[0], h_rmse.b) == pytest.approx((w, b), rel=1e-9)
    A = np.column_stack([np.ravel(X), np.ones(N)])
    exact, *_ = np.linalg.lstsq(A, y, rcond=None)  # independent oracle: RMSE and MSE share the minimiser
    rmse_min = math.sqrt(np.mean((A @ exact - y) ** 2))
    # ∇²RMSE ≼ ∇²MSE / (2·RMSE_min): 2·RMSE_min·η is as safe for the RMSE as η for the MSE
    rate = 2 * rmse_min * 0.5 * lh.largest_stable_learning_rate(X)
    long = lh.gradient_descent(X, y, learning_rate=rate, epochs=5000, loss="rmse")
    assert (long.w[0], long.b) == pytest.approx(tuple(exact), abs=1e-6)
    assert long.losses[-1] == pytest.approx(rmse_min)


def test_rmse_minibatch_matches_naive_loop_and_survives_a_zero_residual():
    X, y = lh.make_linear_data(N, seed=5)
    h = lh.gradient_descent(X, y, learning_rate=0.02, epochs=3, batch_size=MINI, loss="rmse", shuffle=False)
    w, b = _naive_rmse_descent(X, y, 0.02, 3, MINI)
    assert (h.w[0], h.b) == pytest.approx((w, b), rel=1e-9)
    # a batch of one example whose residual is exactly 0: the RMSE has a kink there, the step is 0
    x1, y1 = np.array([2.0]), np.array([5.0])
    h0 = lh.gradient_descent(x1, y1, learning_rate=0.1, epochs=2, loss="rmse", w0=2.0, b0=1.0)
    assert np.all(h0.weights == 2.0) and np.all(h0.biases == 1.0) and not h0.diverged


@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("seed", [0, 7])
def test_two_feature_sgd_matches_the_textbook_loop(shuffle, seed):
    X, y = lh.make_linear_data(N, weights=[1.5, -0.5], bias=0.3, noise=0.5, x_range=(0.0, 2.0), seed=seed)
    kw = dict(lr=0.02, epochs=7, batch_size=1, shuffle=shuffle, seed=seed)
    h = lh.gradient_descent(X, y, learning_rate=0.02, epochs=7, batch_size=1, shuffle=shuffle, seed=seed)
    assert h.steps == 7 * N
    assert_history_matches(h, textbook_loop(X, y, **kw))
    runaway = lh.gradient_descent(X, y, learning_rate=50.0, epochs=7, batch_size=1, seed=seed)
    assert runaway.diverged and runaway.weights.shape[1] == 2


def _blackboard_slopes(loss, r, c):
    """The per-example slopes of the RMSE (of the batch) and Tukey's ρ, from their formulas."""
    if loss == "rmse":
        root = math.sqrt(float(np.mean(r**2)))
        return r / root if root > 0 else np.zeros_like(r)
    return np.where(np.abs(r) <= c, r * (1 - (r / c) ** 2) ** 2, 0.0)  # ρ' for ρ = c²/6·(1 − (1 − (r/c)²)³)


@pytest.mark.parametrize("loss", ["rmse", "tukey", "mae", "huber"])
@pytest.mark.parametrize("B", [2, 5, 8, 9, 13, N])  # float sums up to 8 examples a batch, numpy above
@pytest.mark.parametrize("shuffle", [False, True])
def test_one_feature_minibatch_steps_match_the_blackboard_loop_for_every_loss(loss, B, shuffle):
    X, y = one_feature_data()
    y = y.copy()
    y[::7] += 25.0  # outliers, so that Tukey's and Huber's slopes take both branches
    c, delta, lr, epochs = 4.0, 1.0, 0.003, 6
    h = lh.gradient_descent(
        X, y, learning_rate=lr, epochs=epochs, batch_size=B, loss=loss, c=c, delta=delta, shuffle=shuffle, seed=4
    )
    rng = np.random.default_rng(4)
    theta = np.zeros(2)
    A = np.column_stack([X, np.ones(N)])
    path = [theta.copy()]
    for _ in range(epochs):
        order = rng.permutation(N) if shuffle and B < N else np.arange(N)
        for s in range(0, N, B):
            j = order[s : s + B]
            r = A[j] @ theta - y[j]
            if loss in ("rmse", "tukey"):
                g = _blackboard_slopes(loss, r, c)
            else:
                g = np.sign(r) if loss == "mae" else np.clip(r, -delta, delta)
            theta = theta - lr * A[j].T @ g / len(j)
            path.append(theta.copy())
    path = np.array(path)
    np.testing.assert_allclose(h.weights[:, 0], path[:, 0], rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(h.biases, path[:, 1], rtol=1e-9, atol=1e-12)
    if loss == "tukey":
        r = A @ path[-1] - y
        assert np.any(np.abs(r) > c) and np.any(np.abs(r) <= c)


# --------------------------------------------------------------------------- bounded work
def test_sgd_mae_on_20000_examples_is_not_quadratic():
    import time

    # Scaling, not seconds (the machine may be busy): n = 5,000 and 20,000, interleaved, medians of 3.
    # Linear work is 4x for 4x the data; the quadratic loop the review measured (the whole-data loss
    # at all n + 1 states) was 10x (0.14 s -> 1.42 s), and ideally 16x. The absolute figure is
    # make bench's sgd_mae_n20000_ms.
    small = lh.make_linear_data(5_000, seed=0)
    x, y = lh.make_linear_data(20_000, seed=0)
    times: dict[int, list[float]] = {5_000: [], 20_000: []}
    for _ in range(3):
        for xs, ys in (small, (x, y)):
            t0 = time.perf_counter()
            h = lh.gradient_descent(xs, ys, learning_rate=0.01, epochs=1, batch_size=1, loss="mae")
            times[xs.shape[0]].append(time.perf_counter() - t0)
    ratio = sorted(times[20_000])[1] / sorted(times[5_000])[1]
    assert ratio < 7.0, f"4x the data took {ratio:.1f}x the time: the loop is not linear in n"
    # the whole-data loss was evaluated at few enough states, each exactly
    assert h.losses.shape[0] * x.shape[0] <= lh.training.LOSS_EVALUATION_BUDGET + x.shape[0]
    assert h.steps == 20_000 and h.step_index[0] == 0 and h.step_index[-1] == 20_000
    assert np.all(np.diff(h.step_index) > 0)
    for k in (0, 7, -1):
        w, b = h.weights[k, 0], h.biases[k]
        assert h.losses[k] == pytest.approx(np.mean(np.abs(w * x + b - y)), rel=1e-12)
    np.testing.assert_allclose(h.epoch_axis, h.step_index / h.steps_per_epoch)


def test_thinned_history_holds_the_states_of_the_full_run(monkeypatch):
    X, y = one_feature_data()
    full = lh.gradient_descent(X, y, learning_rate=0.004, epochs=3, batch_size=1, loss="huber", seed=1)
    assert full.step_index is None
    monkeypatch.setattr(lh.training, "LOSS_EVALUATION_BUDGET", 10 * N)  # force thinning
    thin = lh.gradient_descent(X, y, learning_rate=0.004, epochs=3, batch_size=1, loss="huber", seed=1)
    idx = thin.step_index
    assert idx[-1] == full.steps == thin.steps and thin.losses.shape[0] * N <= 10 * N + N
    np.testing.assert_array_equal(thin.weights, full.weights[idx])
    np.testing.assert_array_equal(thin.losses, full.losses[idx])


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        (dict(epochs=10**9, batch_size=1), ["too big", "Lower epochs", "raise batch_size"]),
        (dict(epochs=10**6, batch_size=1, loss="mae"), ["too", "Lower epochs"]),
        (dict(epochs=10_000, batch_size=1, loss="tukey"), ["too long", "300,000"]),
    ],
)
def test_oversized_requests_are_refused_up_front(kwargs, words):
    import time

    X, y = one_feature_data()
    t0 = time.perf_counter()
    with pytest.raises(ValueError) as info:
        lh.gradient_descent(X, y, learning_rate=0.001, **kwargs)
    assert time.perf_counter() - t0 < 0.5  # refused before any work
    for word in words:
        assert word in str(info.value)


def test_sgd_with_several_features_keeps_no_per_step_temporaries():
    import tracemalloc

    ds = lh.load_dataset("cars_multi")
    X = (ds.X - ds.X.mean(0)) / ds.X.std(0)
    tracemalloc.start()
    h = lh.gradient_descent(X, ds.y, learning_rate=1e-3, epochs=100, batch_size=1)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    # the path itself (39,201 states of 4 numbers) is the only thing that grows: ≈ 220 B a step;
    # building every epoch's affine maps up front took ≈ 870 B a step (33 MiB here)
    assert peak / h.steps < 400


@pytest.mark.parametrize("loss", ["mae", "huber", "tukey"])
def test_loss_surface_in_blocks_equals_the_direct_sum(monkeypatch, loss):
    x, y = lh.make_linear_data(997, noise=3.0, seed=4)
    W, B = np.linspace(0, 4, 13), np.linspace(-3, 3, 7)
    R = W[None, :, None] * x[None, None, :] + B[:, None, None] - y
    a = np.abs(R)
    c = 4.685
    direct = {
        "mae": a,
        "huber": np.where(a <= 1.0, 0.5 * R * R, a - 0.5),
        "tukey": np.where(a <= c, c * c / 6 * (1 - (1 - (R / c) ** 2) ** 3), c * c / 6),
    }[loss].mean(axis=2)
    monkeypatch.setattr(lh.surfaces, "_CHUNK", 500)  # 13 weights × 997 examples > 500: the block path
    np.testing.assert_allclose(lh.loss_surface(x, y, W, B, loss), direct, rtol=1e-12)


def test_loss_surface_memory_does_not_grow_with_n():
    import tracemalloc

    x, y = lh.make_linear_data(400_000, seed=1)
    tracemalloc.start()
    lh.loss_surface(x, y, np.linspace(0, 4, 41), np.linspace(-2, 3, 2), "mae")
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 64 * 2**20  # one bias row of 41 weights × 400,000 examples alone is 125 MiB


# --------------------------------------------------------------------------- the divergence rule
def _divergence_datasets():
    cars, penguins = lh.load_dataset("cars"), lh.load_dataset("penguins")
    return {
        "synthetic": one_feature_data(),
        "cars": (cars.X, cars.y),
        "penguins": (penguins.X, penguins.y),
        "three-features": three_feature_data(),
    }


@pytest.mark.parametrize("name", ["synthetic", "cars", "penguins", "three-features"])
def test_just_above_the_limit_is_flagged_when_the_loss_is_ten_times_its_start(name):
    """Reliability review defect 5: 1.05 × η_max grew 2,000-fold unflagged under the old 10⁶ rule."""
    X, y = _divergence_datasets()[name]
    h = lh.gradient_descent(X, y, learning_rate=1.05 * lh.largest_stable_learning_rate(X), epochs=300)
    assert h.diverged
    k = h.diverged_at
    scale = max(h.losses[0], lh.mse(y, np.full_like(y, y.mean())))
    # the rule, exactly: the first step whose loss is more than 10 × the scale
    assert h.losses[k] > lh.DIVERGENCE_FACTOR * scale >= h.losses[:k].max()
    # the history goes on past the flag (the blow-up is visible) and stays finite
    assert h.steps > k and np.isfinite(h.losses).all() and h.losses[-1] > 100 * h.losses[k]


@pytest.mark.parametrize("name", ["synthetic", "cars", "penguins", "three-features"])
def test_a_converging_oscillation_is_not_flagged(name):
    X, y = _divergence_datasets()[name]
    lr_max = lh.largest_stable_learning_rate(X)
    h = lh.gradient_descent(X, y, learning_rate=0.97 * lr_max, epochs=300)
    assert not h.diverged and h.diverged_at is None
    # full-batch descent below the limit lowers the MSE at every step (a zig-zag in w, not in the loss)
    assert np.all(np.diff(h.losses) <= 1e-9 * h.losses[:-1])


def test_sgd_noise_at_a_stable_rate_is_not_divergence():
    X, y = one_feature_data()
    for seed in range(5):
        h = lh.gradient_descent(X, y, learning_rate=SAFE_LR["one-feature"], epochs=50, batch_size=1, seed=seed)
        assert not h.diverged


# --------------------------------------------------------------------------- the float loops, to the bit
def _reference_epoch(xe, ye, bounds, w, b, lr, loss, delta):
    """A batch step as :func:`_small_batch_sums` takes it (one float loop for every loss)."""
    ws, bs = [], []
    for s, t in bounds:
        m = float(t - s)
        gw, gs = lh.training._small_batch_sums(xe[s:t], ye[s:t], w, b, loss, delta, 4.685, m)
        w = w - lr * gw / m
        b = b - lr * gs / m
        ws.append(w)
        bs.append(b)
    return ws, bs


@pytest.mark.parametrize("loss", ["mae", "huber", "rmse"])
@pytest.mark.parametrize("batch_size", [1, 2, 3, 7, 16])
@pytest.mark.parametrize("lr", [0.01, 3.0])  # 3.0 with x of 1e308: overflows to inf, then NaN
def test_mae_huber_and_rmse_float_loops_take_the_reference_steps_to_the_last_bit(loss, batch_size, lr):
    rng = np.random.default_rng(batch_size)
    x, y = rng.normal(2.0, 3.0, 40), rng.normal(0.0, 5.0, 40)
    y[::9] = 0.5 * x[::9] + 0.25  # residuals exactly zero at the start: a zero slope
    if lr == 3.0:
        x[5:8] = 1e308, 1e308, 0.0
    xe, ye = x.tolist(), y.tolist()
    bounds = [(s, min(s + batch_size, 40)) for s in range(0, 40, batch_size)]
    ws, bs, w, b = [], [], 0.5, 0.25
    with np.errstate(all="ignore"):
        for _ in range(30):
            if batch_size > 1 or loss == "rmse":  # (RMSE's SGD steps are the general loop's, tested elsewhere)
                step = {
                    "mae": lh.training._mae_batches_epoch,
                    "huber": lh.training._huber_batches_epoch,
                    "rmse": lh.training._rmse_batches_epoch,
                }[loss]
                w, b = step(xe, ye, bounds, w, b, lr, 0.7, ws.append, bs.append)
            elif loss == "mae":
                w, b = lh.training._mae_sgd_epoch(xe, ye, w, b, lr, ws.append, bs.append)
            else:
                w, b = lh.training._huber_sgd_epoch(xe, ye, w, b, lr, 0.7, ws.append, bs.append)
        expected_w, expected_b, w, b = [], [], 0.5, 0.25
        for _ in range(30):
            ew, eb = _reference_epoch(xe, ye, bounds, w, b, lr, loss, 0.7)
            expected_w += ew
            expected_b += eb
            w, b = ew[-1], eb[-1]
    assert len(ws) == len(expected_w)
    np.testing.assert_array_equal(ws, expected_w)  # NaN equal to NaN, and every finite value to the bit
    np.testing.assert_array_equal(bs, expected_b)
    assert (lr == 3.0) == (not np.all(np.isfinite(ws)))


@pytest.mark.parametrize("batch_size", [2, 7, 40])
@pytest.mark.parametrize("lr", [0.01, 0.5])  # 0.5 diverges: the run stops at the epoch it passes _HUGE
def test_the_mse_loop_over_the_same_batches_every_epoch_takes_the_general_loops_steps_to_the_last_bit(batch_size, lr):
    """With a fixed order (full batch, or no shuffling) the batches' sums are zipped once for every epoch
    (full batch: half the time): the same steps as the loop that zips each epoch's own sums."""
    rng = np.random.default_rng(batch_size)
    x, y = rng.normal(2.0, 3.0, 40), rng.normal(0.0, 5.0, 40)
    step = lh.training._mse_scalar_batches
    with np.errstate(all="ignore"):
        fixed = step(x, y, lh.training._EpochOrders(40, False, 0), 300, lr, 0.5, 0.25, batch_size, True)
        general = step(x, y, lh.training._EpochOrders(40, False, 0), 300, lr, 0.5, 0.25, batch_size, False)
    for a, b in zip(fixed, general, strict=True):
        assert a.shape == b.shape
        np.testing.assert_array_equal(a, b)
    assert (lr == 0.5) == (fixed[0].shape[0] < 300 * -(-40 // batch_size) + 1)


def _sgd_one_epoch_at_a_time(x, y, orders, epochs, lr, w, b, loss, delta):
    """Batch size 1, one feature, as the SGD loops ran before they took a chunk of epochs at once: each epoch's
    order drawn (``orders(epoch)``) and its examples converted on their own."""
    T = lh.training
    ws, bs = [w], [b]
    for epoch in range(epochs):
        idx = orders(epoch)
        xl, yl = x[idx].tolist(), y[idx].tolist()
        if loss == "mae":
            w, b = T._mae_sgd_epoch(xl, yl, w, b, lr, ws.append, bs.append)
        elif loss == "huber":
            w, b = T._huber_sgd_epoch(xl, yl, w, b, lr, delta, ws.append, bs.append)
        else:
            for xj, yj in zip(xl, yl, strict=True):
                if loss == "mse":
                    g = 2.0 * lr * (w * xj + b - yj)
                    w -= g * xj
                    b -= g
                else:  # RMSE of a batch of one: r / |r|
                    r = w * xj + b - yj
                    root = math.sqrt(r * r / 1)
                    g = r / root if root > 0.0 else 0.0
                    w = w - lr * (g * xj) / 1
                    b = b - lr * float(g) / 1
                ws.append(w)
                bs.append(b)
        if not (abs(w) < T._HUGE and abs(b) < T._HUGE):
            break
    return np.array(ws)[:, None], np.array(bs)


@pytest.mark.parametrize("loss", ["mse", "mae", "huber", "rmse"])
@pytest.mark.parametrize("shuffle", [True, False])
@pytest.mark.parametrize("lr", [0.01, 2.0])  # 2.0: the MSE run diverges and stops within a chunk of epochs
def test_sgd_taking_a_chunk_of_epochs_at_once_takes_the_one_epoch_at_a_time_steps_to_the_last_bit(loss, shuffle, lr):
    """Batch size 1, one feature: the orders of a chunk of epochs are drawn and converted to lists at once
    (``_EpochOrders.many``, about 170 epochs of 24 examples): the same permutations, and the same steps, as one
    epoch at a time. 400 epochs cross two chunk boundaries."""
    rng = np.random.default_rng(11)
    x, y = rng.normal(2.0, 3.0, 24), rng.normal(0.0, 5.0, 24)
    T = lh.training
    assert 400 // (T._CHUNK_STEPS // 24) >= 2
    with np.errstate(all="ignore"):
        if loss == "mse":
            w, b = T._mse_scalar_sgd(x, y, T._EpochOrders(24, shuffle, 7), 400, lr, 0.5, 0.25, not shuffle)
        else:
            w, b = T._residual_scalar_sgd(
                x, y, T._EpochOrders(24, shuffle, 7), 400, lr, 0.5, 0.25, loss, 0.7, not shuffle
            )
        w_ref, b_ref = _sgd_one_epoch_at_a_time(x, y, T._EpochOrders(24, shuffle, 7), 400, lr, 0.5, 0.25, loss, 0.7)
    np.testing.assert_array_equal(w, w_ref)
    np.testing.assert_array_equal(b, b_ref)
    if loss == "mse":  # (the other losses' steps are bounded: they bounce, they do not diverge)
        assert (lr == 2.0) == (b.shape[0] < 400 * 24 + 1)
