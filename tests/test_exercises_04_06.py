"""The exercises of notebooks 04–06 (gradient descent, batch sizes, convexity).

Wrong answers written the way a learner would write them (independently of the mistake
examples) get the targeted hint, and equivalent right answers are accepted. What every
exercise must do is tested for all of them in ``tests/test_exercises.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers import exercises as ex

# ------------------------------------------------------------------ the checks the notebooks call


def test_check_functions_are_exported():
    for name in [
        "check_gd_step",
        "check_gradient_descent",
        "check_largest_stable_rate",
        "check_steps_to_converge",
        "check_step_counts",
        "check_batch_gradient",
        "check_epoch_losses",
        "check_compute_budget",
        "check_chord_gap",
        "check_mse_hessian",
        "check_convex_losses",
        "check_min_loss",
    ]:
        assert callable(getattr(ex, name)), name


# ------------------------------------------------------------------ learner-style wrong answers


def step_with_plus(x, y, w, b, learning_rate):
    r = w * x + b - y
    return w + learning_rate * 2 * np.mean(r * x), b + learning_rate * 2 * np.mean(r)


def step_with_y_minus_yhat_and_lost_minus(x, y, w, b, learning_rate):
    e = y - (w * x + b)  # residual the other way round ...
    dw, db = 2 * np.mean(e * x), 2 * np.mean(e)  # ... and the chain rule's minus sign forgotten
    return w - learning_rate * dw, b - learning_rate * db


def step_one_at_a_time(x, y, w, b, learning_rate):
    w = w - learning_rate * 2 * np.mean((w * x + b - y) * x)
    b = b - learning_rate * 2 * np.mean(w * x + b - y)  # uses the new w
    return w, b


def step_half_mse(x, y, w, b, learning_rate):
    r = w * x + b - y
    return w - learning_rate * np.mean(r * x), b - learning_rate * np.mean(r)


def loop_one_too_many(X, y, learning_rate, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps + 1):
        r = X @ w + b - y
        w, b = w - learning_rate * 2 * X.T @ r / len(y), b - learning_rate * 2 * r.mean()
    return w, b


def loop_with_sum(X, y, learning_rate, steps):
    w, b = np.zeros(X.shape[1]), 0.0
    for _ in range(steps):
        r = X @ w + b - y
        w, b = w - learning_rate * 2 * X.T @ r, b - learning_rate * 2 * r.sum()
    return w, b


def rate_from_half_mse_hessian(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 2 / max(np.linalg.eigvals(A.T @ A / len(x)).real)


def rate_one_over_lambda(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 1 / np.linalg.eigvalsh(2 * A.T @ A / len(x))[-1]


def rate_without_bias(x):
    return 2 / (2 * np.mean(x**2))


def _cars_losses():
    cars = lh.load_dataset("cars")
    h = lh.gradient_descent(cars.X, cars.y, learning_rate=0.5 * lh.largest_stable_learning_rate(cars.X), epochs=2000)
    return h.losses


def counts_with_floor(n, batch_size, epochs):
    return n // batch_size, epochs * (n // batch_size)


def counts_with_math_floor(n, batch_size, epochs):
    k = math.floor(n / batch_size)
    return k, k * epochs


def counts_epochs_not_steps(n, batch_size, epochs):
    return math.ceil(n / batch_size), epochs


def batch_gradient_over_n(x, y, w, b, idx):
    r = w * x[idx] + b - y[idx]
    return 2 * np.sum(r * x[idx]) / len(x), 2 * np.sum(r) / len(x)


def batch_gradient_sum(x, y, w, b, idx):
    r = w * x[idx] + b - y[idx]
    return 2 * np.sum(r * x[idx]), 2 * np.sum(r)


def batch_gradient_everything(x, y, w, b, idx):
    r = w * x + b - y
    return 2 * np.mean(r * x), 2 * np.mean(r)


def epoch_mean(losses, steps_per_epoch):
    return [
        np.mean(losses[1 + e * steps_per_epoch : 1 + (e + 1) * steps_per_epoch])
        for e in range((len(losses) - 1) // steps_per_epoch)
    ]


def epoch_mean_one_too_many(losses, steps_per_epoch):
    # len(losses) // s epochs: right for s ≥ 2, one (empty, NaN) epoch too many for s = 1
    return [
        np.mean(losses[1 + e * steps_per_epoch : 1 + (e + 1) * steps_per_epoch])
        for e in range(len(losses) // steps_per_epoch)
    ]


def test_epoch_mean_with_an_extra_epoch_is_not_accepted():
    assert not ex.check_epoch_losses(epoch_mean_one_too_many).correct


def epoch_ends_only(losses, steps_per_epoch):
    return losses[steps_per_epoch::steps_per_epoch]


def chord_with_swapped_weights(f, a, b, t):
    return np.array([f(a + tk * (b - a)) - (tk * f(a) + (1 - tk) * f(b)) for tk in t])


def chord_minus_loss(f, a, b, t):
    return np.array([(1 - tk) * f(a) + tk * f(b) - f((1 - tk) * a + tk * b) for tk in t])


def hessian_half(x):
    A = np.column_stack([x, np.ones_like(x)])
    return A.T @ A / len(x)


def hessian_outer(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 2 * A @ A.T / len(x)


def hessian_bias_first(x):
    A = np.column_stack([np.ones_like(x), x])
    return 2 * A.T @ A / len(x)


def _penguin_fit_residuals():
    penguins = lh.load_dataset("penguins")
    w, b = lh.fit_closed_form(penguins.X, penguins.y)
    return w * penguins.X + b - penguins.y


@pytest.mark.parametrize(
    ("check", "answer", "expected_mistake"),
    [
        (ex.check_gd_step, step_with_plus, "plus"),
        (ex.check_gd_step, step_with_y_minus_yhat_and_lost_minus, "plus"),
        (ex.check_gd_step, step_one_at_a_time, "sequential"),
        (ex.check_gd_step, step_half_mse, "half"),
        (ex.check_gradient_descent, loop_one_too_many, "one_step_too_many"),
        (ex.check_gradient_descent, loop_with_sum, "sum"),
        (ex.check_largest_stable_rate, rate_from_half_mse_hessian, "no_two_in_hessian"),
        (ex.check_largest_stable_rate, rate_one_over_lambda, "one_over_lambda"),
        (ex.check_largest_stable_rate, rate_without_bias, "no_bias"),
        (ex.check_step_counts, counts_with_floor, "floor"),
        (ex.check_step_counts, counts_with_math_floor, "floor"),
        (ex.check_step_counts, counts_epochs_not_steps, "epochs_as_steps"),
        (ex.check_batch_gradient, batch_gradient_over_n, "divide_by_n"),
        (ex.check_batch_gradient, batch_gradient_sum, "sum"),
        (ex.check_batch_gradient, batch_gradient_everything, "whole_data"),
        (ex.check_epoch_losses, epoch_mean, "epoch_mean"),
        (ex.check_epoch_losses, epoch_ends_only, "no_start"),
        (ex.check_chord_gap, chord_with_swapped_weights, "weights_swapped"),
        (ex.check_chord_gap, chord_minus_loss, "sign"),
        (ex.check_mse_hessian, hessian_half, "half"),
        (ex.check_mse_hessian, hessian_outer, "outer"),
        (ex.check_mse_hessian, hessian_bias_first, "bias_first"),
    ],
)
def test_learner_style_wrong_functions_get_the_targeted_hint(check, answer, expected_mistake):
    result = check(answer)
    assert not result.correct
    assert result.mistake == expected_mistake, result.message


def test_learner_style_wrong_values_get_the_targeted_hint():
    losses = _cars_losses()
    cars = lh.load_dataset("cars")
    minimum = lh.mse(cars.y, lh.predict(cars.X, *lh.fit_closed_form(cars.X, cars.y)))
    k = int(np.flatnonzero(losses <= 1.01 * minimum)[0])
    assert ex.check_steps_to_converge(k).correct
    assert ex.check_steps_to_converge(k + 1).mistake == "states"  # counted states, not steps
    assert ex.check_steps_to_converge(0).mistake == "zero"  # argmax of all-False, from "minimum = 0"

    assert ex.check_compute_budget(5 * 16, 5 * 16 * 64).mistake == "full_batches"
    assert ex.check_compute_budget(5 * 15, 5 * 15 * 64).mistake == "floor"
    assert ex.check_compute_budget(5, 5 * 1000).mistake == "epochs_as_steps"

    assert ex.check_convex_losses(True, True, True, True).mistake == "all_convex"
    assert ex.check_convex_losses(True, False, True, False).mistake == "mae_not_convex"
    assert ex.check_convex_losses(1, 1, 1, 0).correct  # numbers for booleans are fine

    r = _penguin_fit_residuals()
    assert ex.check_min_loss(0).mistake == "zero"
    assert ex.check_min_loss(np.sqrt(np.mean(r**2))).mistake == "rmse"
    assert ex.check_min_loss(np.sum(r**2) / (2 * len(r))).mistake == "half"  # the 1/(2m) "MSE" of the seeds


# ------------------------------------------------------------------ equivalent right answers


def step_with_y_minus_yhat(x, y, w, b, learning_rate):
    e = y - (w * x + b)
    dw, db = -2 * np.mean(e * x), -2 * np.mean(e)  # the minus sign kept
    return w - learning_rate * dw, b - learning_rate * db


def step_with_lh(x, y, w, b, learning_rate):
    dw, db = lh.mse_gradient(x, y, w, b)
    return [w - learning_rate * dw, b - learning_rate * db]


def loop_with_theta(X, y, learning_rate, steps):
    A = np.column_stack([X, np.ones(len(y))])
    theta = np.zeros(A.shape[1])
    for _ in range(steps):
        theta = theta - learning_rate * 2 / len(y) * A.T @ (A @ theta - y)
    return theta[:-1], theta[-1]


def rate_with_eigvals(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 2 / np.max(np.abs(np.linalg.eigvals(2 / len(x) * A.T @ A)))


def rate_by_formula(x):
    # eigenvalues of [[p, q], [q, s]]: (p + s)/2 ± sqrt(((p − s)/2)² + q²)
    p, q, s = 2 * np.mean(x * x), 2 * np.mean(x), 2.0
    lam_max = (p + s) / 2 + np.sqrt(((p - s) / 2) ** 2 + q**2)
    return 2 / lam_max


def counts_with_negative_floor(n, batch_size, epochs):
    per_epoch = -(-n // batch_size)
    return per_epoch, per_epoch * epochs


def epoch_losses_loop(losses, steps_per_epoch):
    return [losses[k] for k in range(0, len(losses), steps_per_epoch)]


def chord_vectorised(f, a, b, t):
    points = np.outer(1 - t, a) + np.outer(t, b)
    return np.array([f(p) for p in points]) - ((1 - t) * f(a) + t * f(b))


def hessian_by_sums(x):
    n = len(x)
    return np.array([[2 * np.sum(x * x) / n, 2 * np.sum(x) / n], [2 * np.sum(x) / n, 2.0]])


@pytest.mark.parametrize(
    ("check", "answer"),
    [
        (ex.check_gd_step, step_with_y_minus_yhat),
        (ex.check_gd_step, step_with_lh),
        (ex.check_gradient_descent, loop_with_theta),
        (ex.check_largest_stable_rate, rate_with_eigvals),
        (ex.check_largest_stable_rate, rate_by_formula),
        (ex.check_step_counts, counts_with_negative_floor),
        (ex.check_batch_gradient, lambda x, y, w, b, idx: lh.mse_gradient(x[idx], y[idx], w, b)),
        (ex.check_epoch_losses, epoch_losses_loop),
        (ex.check_chord_gap, chord_vectorised),
        (ex.check_mse_hessian, hessian_by_sums),
    ],
)
def test_equivalent_right_functions_are_accepted(check, answer):
    result = check(answer)
    assert result.correct, result.message


def test_a_converged_descent_run_counts_as_the_minimum_loss():
    penguins = lh.load_dataset("penguins")
    x = (penguins.X - penguins.X.mean()) / penguins.X.std()  # standardised: descent converges fast
    h = lh.gradient_descent(x, penguins.y, learning_rate=0.5 * lh.largest_stable_learning_rate(x), epochs=200)
    assert ex.check_min_loss(h.losses[-1]).correct
    assert ex.check_min_loss(round(h.losses[-1], -1)).correct  # a rounded value is fine too


def test_wrong_shape_is_named():
    result = ex.check_mse_hessian(lambda x: 2 * np.mean(x * x))  # only ∂²/∂w²: a recognised mistake
    assert result.mistake == "w_only"
    result = ex.check_mse_hessian(lambda x: np.zeros((3, 3)))
    assert not result.correct and "shape" in result.message


# ------------------------------------------------------------------ review of notebooks 04–08 (E1–E6)


def rate_with_unsorted_eigvals(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 2 / np.linalg.eigvals(2 / len(x) * A.T @ A)[-1]  # believed to be the largest; eigvals does not sort


def test_unsorted_eigvals_gets_a_hint_that_says_why():
    result = ex.check_largest_stable_rate(rate_with_unsorted_eigvals)
    assert result.mistake == "smallest_eigenvalue", result.message
    assert "does not sort" in result.message and "eigvalsh" in result.message


def _cars_steps(eta_fraction, epochs):
    cars = lh.load_dataset("cars")
    h = lh.gradient_descent(
        cars.X, cars.y, learning_rate=eta_fraction * lh.largest_stable_learning_rate(cars.X), epochs=epochs
    )
    minimum = lh.mse(cars.y, lh.predict(cars.X, *lh.fit_closed_form(cars.X, cars.y)))
    return int(np.argmax(h.losses <= 1.01 * minimum))


@pytest.mark.parametrize(("eta_fraction", "epochs"), [(1.0, 2000), (0.5, 300)])
def test_a_run_that_never_converged_is_diagnosed_as_such(eta_fraction, epochs):
    steps = _cars_steps(eta_fraction, epochs)  # η = η_max exactly, or too few epochs: no step qualifies
    assert steps == 0
    result = ex.check_steps_to_converge(steps)
    assert result.mistake == "zero"
    assert "never got within 1 %" in result.message and "η_max" in result.message


def epoch_losses_by_count(losses, s):
    return [losses[e * s] for e in range(len(losses) // s + 1)]  # one too many when s = 1


def epoch_losses_by_epoch_count(losses, s):
    return [losses[e * s] for e in range((len(losses) - 1) // s + 1)]


def test_epoch_losses_are_tried_on_a_full_batch_run():
    assert not ex.check_epoch_losses(epoch_losses_by_count).correct  # raised IndexError for s = 1
    assert ex.check_epoch_losses(epoch_losses_by_epoch_count).correct
    assert ex.check_epoch_losses(lambda losses, s: np.asarray(losses)[::s]).correct


def test_compute_budget_names_the_part_that_is_off():
    assert ex.check_compute_budget(80, 1000).mistake == "one_epoch_examples"
    assert ex.check_compute_budget(78.125, 5000).mistake == "fractional_steps"
    assert ex.check_compute_budget(5 * math.ceil(1000 / 64), 5 * 1000).correct
    assert ex.check_compute_budget(np.int64(80), 5000.0).correct


def test_min_loss_hint_does_not_send_learners_into_a_long_raw_descent():
    penguins = lh.load_dataset("penguins")
    eta = 0.9 * lh.largest_stable_learning_rate(penguins.X)
    h = lh.gradient_descent(penguins.X, penguins.y, learning_rate=eta, epochs=5000)  # raw: far from converged
    result = ex.check_min_loss(h.losses[-1])
    assert not result.correct
    assert "long gradient-descent run" not in result.message
    assert "fit_closed_form" in result.message and "standardise" in result.message


# 05.5: the mini-batch loop, written the ways learners write it


def _step(w, b, xb, yb, lr, m):
    r = w * xb + b - yb
    return w - lr * 2 / m * np.sum(r * xb), b - lr * 2 / m * np.sum(r)


def loop_without_shuffle(x, y, learning_rate, batch_size, epochs, seed):
    w = b = 0.0
    for _ in range(epochs):
        for i in range(0, len(x), batch_size):
            xb, yb = x[i : i + batch_size], y[i : i + batch_size]
            w, b = _step(w, b, xb, yb, learning_rate, len(xb))
    return w, b


def loop_shuffled_once(x, y, learning_rate, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    idx = np.arange(len(x))
    idx = rng.permutation(idx)  # before the epochs: the same order every epoch
    xs, ys = x[idx], y[idx]
    w = b = 0.0
    for _ in range(epochs):
        for i in range(0, len(x), batch_size):
            xb, yb = xs[i : i + batch_size], ys[i : i + batch_size]
            w, b = _step(w, b, xb, yb, learning_rate, len(xb))
    return w, b


def loop_new_generator_every_epoch(x, y, learning_rate, batch_size, epochs, seed):
    w = b = 0.0
    for _ in range(epochs):
        order = np.random.default_rng(seed).permutation(len(x))  # the same order each time
        for i in range(0, len(x), batch_size):
            idx = order[i : i + batch_size]
            w, b = _step(w, b, x[idx], y[idx], learning_rate, len(idx))
    return w, b


def loop_full_batches_only(x, y, learning_rate, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    w = b = 0.0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for k in range(len(x) // batch_size):  # the left-over examples are never used
            idx = order[k * batch_size : (k + 1) * batch_size]
            w, b = _step(w, b, x[idx], y[idx], learning_rate, batch_size)
    return w, b


def loop_dividing_by_batch_size(x, y, learning_rate, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    w = b = 0.0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for i in range(0, len(x), batch_size):
            idx = order[i : i + batch_size]
            w, b = _step(w, b, x[idx], y[idx], learning_rate, batch_size)  # B, also for the short last batch
    return w, b


def loop_with_lh_gradient_and_split(x, y, learning_rate, batch_size, epochs, seed):
    rng = np.random.default_rng(seed)
    w, b = 0.0, 0.0
    for _ in range(epochs):
        order = rng.permutation(len(x))
        for idx in np.split(order, np.arange(batch_size, len(x), batch_size)):
            dw, db = lh.mse_gradient(x[idx], y[idx], w, b)
            w, b = w - learning_rate * dw, b - learning_rate * db
    return np.array([w, b])


def loop_with_theta(x, y, learning_rate, batch_size, epochs, seed):
    A = np.column_stack([x, np.ones(len(x))])
    theta = np.zeros(2)
    rng = np.random.default_rng(seed)
    for _epoch in range(epochs):
        perm = rng.permutation(len(y))
        start = 0
        while start < len(y):
            Ab, yb = A[perm[start : start + batch_size]], y[perm[start : start + batch_size]]
            theta -= learning_rate * 2 / len(yb) * Ab.T @ (Ab @ theta - yb)
            start += batch_size
    return theta[0], theta[1]


@pytest.mark.parametrize(
    ("answer", "expected_mistake"),
    [
        (loop_without_shuffle, "no_shuffle"),
        (loop_shuffled_once, "shuffle_once"),
        (loop_new_generator_every_epoch, "shuffle_once"),
        (loop_full_batches_only, "drop_last"),
        (loop_dividing_by_batch_size, "divide_by_batch_size"),
    ],
)
def test_minibatch_loop_mistakes_get_their_hint(answer, expected_mistake):
    result = ex.check_minibatch_gd(answer)
    assert result.mistake == expected_mistake, result.message


@pytest.mark.parametrize("answer", [loop_with_lh_gradient_and_split, loop_with_theta])
def test_minibatch_loop_right_answers_in_other_styles_pass(answer):
    result = ex.check_minibatch_gd(answer)
    assert result.correct, result.message


def test_minibatch_reference_is_lh_and_agrees_with_a_plain_loop():
    rng = np.random.default_rng(5)
    x = rng.uniform(0, 3, 23)
    y = 2 * x - 1 + rng.normal(0, 0.3, 23)
    h = lh.gradient_descent(x, y, learning_rate=0.03, epochs=4, batch_size=5, seed=11)
    assert np.allclose(loop_with_theta(x, y, 0.03, 5, 4, 11), (h.w[0], h.b), rtol=1e-12)


def test_steps_to_converge_wants_a_whole_number_not_text():
    k = ex.get("04.4").solution_answer()
    result = ex.check_steps_to_converge(str(k))  # review E8: "511" was accepted
    assert result.mistake == "text" and "string" in result.message
    assert not ex.check_steps_to_converge(k + 0.5).correct
    for right in (k, float(k), np.int64(k), np.array(k)):
        assert ex.check_steps_to_converge(right).correct, repr(right)
