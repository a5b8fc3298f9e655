"""A dashboard's descents are kept by their data and settings (``dashboards/_recent_runs.py``): a move that
leaves a run as it was finds it, and anything that changes the run computes it anew."""

from __future__ import annotations

import numpy as np
import pytest

import linreg_helpers as lh
from linreg_helpers.dashboards._recent_runs import RecentRuns


@pytest.fixture
def data():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 5, 30)
    return x[:, None], 2.0 * x + 1.0 + rng.normal(0, 0.5, 30)


def test_the_same_data_and_settings_give_the_same_run_as_gradient_descent(data):
    X, y = data
    runs = RecentRuns()
    first = runs(X, y, learning_rate=0.02, epochs=20, batch_size=5, seed=3)
    again = runs(X.copy(), y.copy(), seed=3, batch_size=5, epochs=20, learning_rate=0.02)  # equal copies, any order
    assert again is first and runs.computed == 1
    fresh = lh.gradient_descent(X, y, learning_rate=0.02, epochs=20, batch_size=5, seed=3)
    for name in ("weights", "biases", "losses"):
        np.testing.assert_array_equal(getattr(first, name), getattr(fresh, name))


def test_other_data_or_settings_are_another_run(data):
    X, y = data
    runs = RecentRuns()
    first = runs(X, y, learning_rate=0.02, epochs=20, batch_size=5)
    assert runs(X, y, learning_rate=0.02, epochs=21, batch_size=5) is not first
    assert runs(X, y, learning_rate=0.02, epochs=20, batch_size=5, seed=1) is not first
    y[0] += 1.0  # the same array, other values: known by its bytes, not its identity
    changed = runs(X, y, learning_rate=0.02, epochs=20, batch_size=5)
    assert changed is not first and changed.losses[0] != first.losses[0]
    assert runs.computed == 4


def test_a_schedule_function_is_never_kept_and_old_runs_go_first(data):
    X, y = data
    runs = RecentRuns(size=2)
    runs(X, y, learning_rate=0.02, epochs=5, schedule=lambda k: 1.0)
    runs(X, y, learning_rate=0.02, epochs=5, schedule=lambda k: 1.0)
    assert runs.computed == 2
    a = runs(X, y, learning_rate=0.01, epochs=5)
    runs(X, y, learning_rate=0.02, epochs=5)
    runs(X, y, learning_rate=0.01, epochs=5)  # a used again: now the newest
    runs(X, y, learning_rate=0.03, epochs=5)  # the 0.02 run goes
    assert runs(X, y, learning_rate=0.01, epochs=5) is a
    assert runs.computed == 5
    runs(X, y, learning_rate=0.02, epochs=5)
    assert runs.computed == 6


@pytest.mark.parametrize(
    ("name", "moves"),
    [
        ("batch_size", {"loss_view": ["gap", "loss"], "x_axis": ["steps", "epochs"]}),
        ("many_features", {"loss_view": ["gap", "loss"], "standardise": [True, False]}),
        ("convexity", {"loss_view": ["gap", "loss"]}),
        ("gradient_descent", {"loss_view": ["gap", "loss"]}),
    ],
)
def test_a_view_change_or_a_toggle_turned_back_runs_no_descent_again(name, moves):
    dash = lh.DASHBOARDS[name]()
    try:
        for key, values in moves.items():
            if key not in dash.controls:
                pytest.fail(f"{name} has no control {key!r}")
            for value in values:
                before = dash.descend.computed
                dash.controls[key].value = value
                if key != "standardise" or value is False:  # standardised features: a new run, the first time
                    assert dash.descend.computed == before, f"{name}: {key}={value!r} ran a descent again"
        readout = dash.readout.value
        dash.descend.clear()
        dash.update()  # computed afresh: the same numbers on the screen
        assert dash.readout.value == readout
    finally:
        dash.close()


@pytest.mark.parametrize(
    "settings",
    [
        {"learning_rate": 0.02, "batch_size": 1, "seed": 4},  # SGD, shuffled each epoch
        {"learning_rate": 0.01, "batch_size": 7, "loss": "mae"},
        {"learning_rate": 0.05, "batch_size": 30, "loss": "huber", "delta": 0.5},
        {"learning_rate": 0.02, "batch_size": 4, "loss": "rmse", "momentum": 0.5},
        {"learning_rate": 0.12, "batch_size": 30},  # diverges on the way
    ],
)
def test_fewer_epochs_of_a_kept_run_are_its_beginning_to_the_last_bit(data, settings):
    X, y = data
    runs = RecentRuns()
    long = runs(X, y, epochs=60, **settings)
    for epochs in (59, 17, 2, 1):
        short = runs(X, y, epochs=epochs, **settings)
        fresh = lh.gradient_descent(X, y, epochs=epochs, **settings)
        for name in ("weights", "biases", "losses"):
            np.testing.assert_array_equal(getattr(short, name), getattr(fresh, name))
        assert (short.diverged, short.diverged_at, short.steps, short.epochs) == (
            fresh.diverged,
            fresh.diverged_at,
            fresh.steps,
            fresh.epochs,
        )
    assert runs.computed == 1 and runs.sliced == 4
    assert long.diverged == (settings["learning_rate"] == 0.12)


def test_more_epochs_a_schedule_or_a_thinned_history_are_computed_anew(data):
    X, y = data
    runs = RecentRuns()
    runs(X, y, learning_rate=0.02, epochs=10)
    runs(X, y, learning_rate=0.02, epochs=11)  # more epochs than any kept run
    runs(X, y, learning_rate=0.02, epochs=20, schedule="cosine")
    cosine = runs(X, y, learning_rate=0.02, epochs=10, schedule="cosine")  # a cosine over 10 epochs, not 20's start
    fresh = lh.gradient_descent(X, y, learning_rate=0.02, epochs=10, schedule="cosine")
    np.testing.assert_array_equal(cosine.weights, fresh.weights)
    big = np.tile(X, (400, 1)), np.tile(y, 400)  # 12,000 examples: SGD's MAE history is thinned
    thinned = runs(*big, learning_rate=0.001, epochs=2, batch_size=1, loss="mae")
    assert thinned.step_index is not None
    runs(*big, learning_rate=0.001, epochs=1, batch_size=1, loss="mae")
    assert runs.computed == 6 and runs.sliced == 0


@pytest.mark.parametrize(
    ("settings", "unused"),
    [
        ({"loss": "mse", "batch_size": 7}, {"delta": [0.3, 2.0], "c": [1.0, 9.0]}),
        ({"loss": "mae", "batch_size": 7}, {"delta": [0.3, 2.0]}),
        ({"loss": "rmse", "batch_size": 4}, {"delta": [0.3, 2.0]}),
        ({"loss": "huber", "delta": 0.5, "batch_size": 7}, {"c": [1.0, 9.0]}),
        ({"loss": "tukey", "c": 3.0, "batch_size": 7}, {"delta": [0.3, 2.0]}),
        ({"loss": "mse"}, {"seed": [1, 7], "shuffle": [False, True]}),  # full batch: the data's order every epoch
        ({"loss": "mae", "batch_size": 30}, {"seed": [1, 7], "shuffle": [False, True]}),
        ({"loss": "huber", "batch_size": 30, "delta": 0.5}, {"seed": [1, 7]}),
    ],
)
def test_a_setting_the_run_does_not_depend_on_finds_the_kept_run(data, settings, unused):
    """Moving Huber's δ under another loss, Tukey's c under another, or the seed of a full-batch run leaves the run
    as it was: the kept run is given back, and it is the run ``gradient_descent`` computes with that value."""
    X, y = data
    runs = RecentRuns()
    first = runs(X, y, learning_rate=0.01, epochs=15, **settings)
    for name, values in unused.items():
        for value in values:
            moved = {**settings, name: value}
            assert runs(X, y, learning_rate=0.01, epochs=15, **moved) is first, f"{name}={value!r} ran again"
            fresh = lh.gradient_descent(X, y, learning_rate=0.01, epochs=15, **moved)
            for part in ("weights", "biases", "losses"):
                np.testing.assert_array_equal(getattr(first, part), getattr(fresh, part))
    assert runs.computed == 1


def test_settings_a_run_depends_on_are_still_part_of_its_key(data):
    X, y = data
    runs = RecentRuns()
    huber = runs(X, y, learning_rate=0.01, epochs=15, loss="huber", delta=0.5)
    assert runs(X, y, learning_rate=0.01, epochs=15, loss="huber", delta=0.6) is not huber
    tukey = runs(X, y, learning_rate=0.01, epochs=15, loss="tukey", c=3.0)
    assert runs(X, y, learning_rate=0.01, epochs=15, loss="tukey", c=3.5) is not tukey
    mini = runs(X, y, learning_rate=0.01, epochs=15, batch_size=7, seed=1)
    assert runs(X, y, learning_rate=0.01, epochs=15, batch_size=7, seed=2) is not mini
    assert runs.computed == 6


@pytest.mark.parametrize(("name", "value"), [("delta", -1.0), ("c", 0.0), ("seed", -3), ("shuffle", "yes")])
def test_an_invalid_unused_setting_is_still_refused(data, name, value):
    """A kept run does not hide a mistake: gradient_descent's error, as without the kept runs."""
    X, y = data
    runs = RecentRuns()
    runs(X, y, learning_rate=0.01, epochs=15)
    with pytest.raises((TypeError, ValueError), match=name):
        runs(X, y, learning_rate=0.01, epochs=15, **{name: value})


@pytest.mark.parametrize(
    ("name", "key", "values", "computed"),
    [
        ("losses", "delta", [0.5, 3.0, 1.7], 0),  # the starting loss is the MSE: δ changes nothing
        ("batch_size", "seed", [3, 5], 2),  # the mini-batch and SGD runs again, not the full-batch one
    ],
)
def test_a_dashboard_move_that_leaves_a_run_as_it_was_runs_no_descent_for_it(name, key, values, computed):
    dash = lh.DASHBOARDS[name]()
    try:
        assert dash.controls.get("loss") is None or dash.controls["loss"].value == "mse"
        for value in values:
            before = dash.descend.computed
            dash.controls[key].value = value
            assert dash.descend.computed - before == computed, f"{name}: {key}={value!r}"
    finally:
        dash.close()


@pytest.mark.parametrize(
    ("settings", "continues"),
    [
        ({"learning_rate": 0.02}, True),  # full batch
        ({"learning_rate": 0.02, "batch_size": 1, "seed": 4}, True),  # SGD, shuffled each epoch
        ({"learning_rate": 0.02, "batch_size": 7, "seed": 2}, True),
        ({"learning_rate": 0.01, "batch_size": 7, "loss": "mae"}, True),
        ({"learning_rate": 0.01, "batch_size": 1, "loss": "mae"}, True),
        ({"learning_rate": 0.05, "batch_size": 30, "loss": "huber", "delta": 0.5}, True),
        ({"learning_rate": 0.05, "batch_size": 4, "loss": "huber", "delta": 0.5}, True),
        ({"learning_rate": 0.02, "batch_size": 12, "loss": "rmse"}, True),
        ({"learning_rate": 0.05, "batch_size": 5, "loss": "tukey", "c": 2.0}, True),
        ({"learning_rate": 0.02, "batch_size": 4, "loss": "rmse", "momentum": 0.5}, False),  # a velocity: anew
        ({"learning_rate": 0.02, "batch_size": 6, "l2": 0.3}, False),
        ({"learning_rate": 0.02, "schedule": "step"}, False),
        ({"learning_rate": 0.12, "batch_size": 30}, False),  # the kept run diverged
    ],
)
def test_more_epochs_start_from_the_end_of_a_kept_run_to_the_last_bit(data, settings, continues):
    X, y = data
    runs = RecentRuns()
    runs(X, y, epochs=9, **settings)
    runs(X, y, epochs=3, **settings)  # sliced from the 9
    for epochs in (10, 25, 26, 60):
        longer = runs(X, y, epochs=epochs, **settings)
        fresh = lh.gradient_descent(X, y, epochs=epochs, **settings)
        for name in ("weights", "biases", "losses"):
            np.testing.assert_array_equal(getattr(longer, name), getattr(fresh, name), err_msg=f"{epochs}: {name}")
        assert (longer.diverged, longer.diverged_at, longer.steps, longer.epochs) == (
            fresh.diverged,
            fresh.diverged_at,
            fresh.steps,
            fresh.epochs,
        )
    assert runs.continued == (4 if continues else 0)


@pytest.mark.parametrize("features", [2, 3])
def test_more_epochs_of_several_features_start_from_the_end_of_a_kept_run(features):
    rng = np.random.default_rng(1)
    X = rng.normal(size=(40, features))
    y = X @ np.arange(1.0, features + 1) + 0.5 + rng.normal(0, 0.1, 40)
    for batch_size in (1, 8, 40):
        runs = RecentRuns()
        runs(X, y, learning_rate=0.03, epochs=7, batch_size=batch_size, seed=5)
        longer = runs(X, y, learning_rate=0.03, epochs=19, batch_size=batch_size, seed=5)
        fresh = lh.gradient_descent(X, y, learning_rate=0.03, epochs=19, batch_size=batch_size, seed=5)
        np.testing.assert_array_equal(longer.weights, fresh.weights)
        np.testing.assert_array_equal(longer.losses, fresh.losses)
        assert runs.continued == 1


def test_the_loss_explorer_works_out_its_best_lines_once_for_the_data_and_loss_shown(monkeypatch):
    """The exact best lines (the MSE's, the MAE's, the chosen loss's: Huber's is iterative) depend on the loss, δ
    and the targets shown, not on the descent's rate, epochs or batch size: those moves work none out again, and
    the read-out is the one a dashboard computing them afresh shows."""
    import linreg_helpers.dashboards.losses as losses

    calls = []
    exact = losses.exact_line
    monkeypatch.setattr(losses, "exact_line", lambda *a: (calls.append(a[0]), exact(*a))[1])
    dash = lh.loss_explorer(loss="huber", delta=1.5)
    try:
        for key, value in (("learning_rate", 0.01), ("epochs", 120), ("batch_size", 5), ("epochs", 700)):
            before = len(calls)
            dash.controls[key].value = value
            assert len(calls) == before, f"{key}={value!r} worked out {calls[before:]} again"
        dash.controls["delta"].value = 2.0  # Huber's line for a new δ; the MSE's and MAE's are kept
        assert calls[-1:] == ["huber"]
        readout = dash.readout.value
        dash._best.clear()
        dash.update()
        assert dash.readout.value == readout
    finally:
        dash.close()
