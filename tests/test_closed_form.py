"""``fit_closed_form`` against oracles from outside the package, and descent reaching it."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.linear_model import LinearRegression

import linreg_helpers as lh

DATASETS = lh.list_datasets()


def as_2d(X: np.ndarray) -> np.ndarray:
    X = np.asarray(X, dtype=float)
    return X[:, None] if X.ndim == 1 else X


def theta_of(w, b) -> np.ndarray:
    """Stack ``(w, b)`` into one parameter vector ``[w..., b]``."""
    return np.append(np.atleast_1d(np.asarray(w, dtype=float)), float(b))


def lstsq_oracle(X, y) -> np.ndarray:
    """numpy's SVD least squares on the *uncentred* design matrix ``[X, 1]``."""
    X2 = as_2d(X)
    A = np.column_stack([X2, np.ones(X2.shape[0])])
    return np.linalg.lstsq(A, np.asarray(y, dtype=float), rcond=None)[0]


def sklearn_oracle(X, y) -> np.ndarray:
    model = LinearRegression().fit(as_2d(X), y)
    return np.append(model.coef_, model.intercept_)


# --------------------------------------------------------------------------- oracles
@pytest.mark.parametrize("name", DATASETS)
@pytest.mark.parametrize("oracle", [lstsq_oracle, sklearn_oracle], ids=["numpy-lstsq", "sklearn"])
def test_lstsq_matches_outside_oracles_on_every_shipped_data_set(name, oracle):
    ds = lh.load_dataset(name)
    got = theta_of(*lh.fit_closed_form(ds.X, ds.y, method="lstsq"))
    expected = oracle(ds.X, ds.y)
    np.testing.assert_allclose(got, expected, rtol=1e-9, atol=0)


@pytest.mark.parametrize("name", DATASETS)
def test_default_method_is_lstsq(name):
    ds = lh.load_dataset(name)
    default = theta_of(*lh.fit_closed_form(ds.X, ds.y))
    explicit = theta_of(*lh.fit_closed_form(ds.X, ds.y, method="lstsq"))
    np.testing.assert_array_equal(default, explicit)


@pytest.mark.parametrize("name", DATASETS)
def test_normal_equation_agrees_on_shipped_data(name):
    # cond([X, 1]) is at most ~2e4 on the shipped data, so the normal equation loses at most
    # ~cond² · ε ≈ 1e-7 relative accuracy.
    ds = lh.load_dataset(name)
    got = theta_of(*lh.fit_closed_form(ds.X, ds.y, method="normal"))
    np.testing.assert_allclose(got, sklearn_oracle(ds.X, ds.y), rtol=1e-6, atol=0)


@pytest.mark.parametrize("weights", [1.5, [1.5, -2.0, 0.5]], ids=["one-feature", "three-features"])
def test_normal_equation_agrees_on_well_conditioned_data(weights):
    X, y = lh.make_linear_data(200, weights=weights, bias=0.7, noise=0.3, x_range=(-1.0, 1.0), seed=4)
    normal = theta_of(*lh.fit_closed_form(X, y, method="normal"))
    lstsq = theta_of(*lh.fit_closed_form(X, y, method="lstsq"))
    np.testing.assert_allclose(normal, lstsq, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(lstsq, lstsq_oracle(X, y), rtol=1e-9, atol=0)


def test_exact_line_is_recovered():
    x = np.array([-2.0, 0.5, 1.0, 4.0, 7.5])
    w, b = lh.fit_closed_form(x, 3.0 * x - 1.25)
    assert w == pytest.approx(3.0, rel=1e-12)
    assert b == pytest.approx(-1.25, rel=1e-12)


def test_return_types_follow_the_shape_of_X():
    X, y = lh.make_linear_data(30, weights=2.0, seed=1)
    w, b = lh.fit_closed_form(X, y)
    assert isinstance(w, float) and isinstance(b, float)
    X3, y3 = lh.make_linear_data(30, weights=[1.0, 2.0, 3.0], seed=1)
    w3, b3 = lh.fit_closed_form(X3, y3)
    assert isinstance(w3, np.ndarray) and w3.shape == (3,) and isinstance(b3, float)
    # a (n, 1) column gives an array of one weight
    w1, _ = lh.fit_closed_form(X[:, None], y)
    assert isinstance(w1, np.ndarray) and w1.shape == (1,)
    assert w1[0] == pytest.approx(w, rel=1e-12)


# --------------------------------------------------------------------------- collinear features
def _collinear_cases():
    rng = np.random.default_rng(7)
    x = rng.uniform(0, 10, 20)
    z = rng.uniform(0, 10, 20)
    y = 2 * x - z + rng.normal(0, 0.1, 20)
    return {
        "duplicated-column": (np.column_stack([x, x]), y),
        "scaled-column": (np.column_stack([x, z, 3.0 * x]), y),
        "constant-feature": (np.column_stack([x, np.full(20, 4.0)]), y),
        "constant-one-feature": (np.full(20, 2.5), y),
        "fewer-examples-than-parameters": (np.array([[1.0, 2.0], [3.0, 5.0]]), np.array([1.0, 2.0])),
    }


@pytest.mark.parametrize("case", list(_collinear_cases()))
def test_normal_equation_refuses_collinear_features(case):
    X, y = _collinear_cases()[case]
    with pytest.raises(ValueError, match=r"linearly\s+dependent"):
        lh.fit_closed_form(X, y, method="normal")


@pytest.mark.parametrize("case", list(_collinear_cases()))
def test_lstsq_handles_collinear_features_with_the_least_squares_fit(case):
    X, y = _collinear_cases()[case]
    w, b = lh.fit_closed_form(X, y, method="lstsq")
    # the fitted values of a least-squares problem are unique even when the parameters are not
    fitted = lh.predict(X, w, b)
    A = np.column_stack([as_2d(X), np.ones(len(y))])
    expected = A @ np.linalg.lstsq(A, y, rcond=None)[0]
    np.testing.assert_allclose(fitted, expected, rtol=1e-9, atol=1e-9)


# --------------------------------------------------------------------------- descent reaches it
@pytest.mark.parametrize(
    "weights, x_range",
    [(2.0, (0.0, 10.0)), ([1.0, -2.0, 0.5], (0.0, 3.0))],
    ids=["one-feature", "three-features"],
)
def test_full_batch_gradient_descent_converges_to_the_closed_form(weights, x_range):
    X, y = lh.make_linear_data(80, weights=weights, bias=1.0, noise=1.0, x_range=x_range, seed=2)
    lr = 0.9 * lh.largest_stable_learning_rate(X)
    h = lh.gradient_descent(X, y, learning_rate=lr, epochs=6000)
    assert not h.diverged
    expected = theta_of(*lh.fit_closed_form(X, y))
    np.testing.assert_allclose(theta_of(h.w, h.b), expected, rtol=1e-8, atol=1e-10)
    best = lh.mse(y, lh.predict(X, *lh.fit_closed_form(X, y)))
    assert h.losses[-1] == pytest.approx(best, rel=1e-10)


@pytest.mark.parametrize("name", ["penguins", "cars", "anscombe1", "cars_multi"])
def test_gradient_descent_on_standardised_real_data_reaches_the_closed_form(name):
    ds = lh.load_dataset(name)
    X = as_2d(ds.X)
    Xs = (X - X.mean(axis=0)) / X.std(axis=0)
    lr = 0.9 * lh.largest_stable_learning_rate(Xs)
    h = lh.gradient_descent(Xs, ds.y, learning_rate=lr, epochs=4000)
    assert not h.diverged
    np.testing.assert_allclose(theta_of(h.w, h.b), sklearn_oracle(Xs, ds.y), rtol=1e-8, atol=1e-8)


def test_normal_equation_tells_ill_conditioned_from_dependent():
    x = 1e6 + np.arange(10.0)
    assert np.linalg.matrix_rank(np.column_stack([x, np.ones(10)])) == 2  # independent columns
    with pytest.raises(ValueError, match=r"independent but badly conditioned \(cond\(\[X, 1\]\) = 3\.\d+e\+11"):
        lh.fit_closed_form(x, 3 * x + 1, method="normal")
    with pytest.raises(ValueError, match="linearly dependent"):
        lh.fit_closed_form(np.column_stack([x, 2 * x]), 3 * x + 1, method="normal")


def test_lstsq_never_returns_infinity_silently():
    with pytest.raises(ValueError, match=r"overflow.*Rescale X"):
        lh.fit_closed_form(np.array([1e-310, 2e-310, 3e-310]), [1.0, 2.0, 3.0])
