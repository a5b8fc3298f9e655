"""Exercises of ``07_many_features``: the design matrix, the gradient in matrix form, the normal equation, scaling.

The series' convention: ``MSE = (1/n) Σ rᵢ²`` with ``r = ŷ − y``. With the design matrix
``A = [X, 1]`` (the column of ones **last**) and ``θ = [w₁, …, w_M, b]``, the predictions are
``ŷ = Aθ``, the gradient is ``(2/n) Aᵀ(Aθ − y)`` and the minimiser solves the normal equation
``AᵀA θ = Aᵀy``. Standardising uses the **training** set's mean and (population, ``ddof=0``)
standard deviation of each column; weights learned on standardised features convert back with
``w = w'/σ`` and ``b = b' − w·μ``.

==========  ============================  ======================================================
id          check                         the learner writes
==========  ============================  ======================================================
``07.1``    ``check_add_ones_column``     ``my_design_matrix(X) -> A``, shape (n, M + 1)
``07.2``    ``check_gradient_theta``      ``my_gradient(A, y, theta) -> (M + 1,)``
``07.3``    ``check_normal_equation``     ``my_fit_normal(X, y) -> (w, b)``
``07.4``    ``check_standardise``         ``my_standardise(X_train, X_test) -> (Z_train, Z_test)``
``07.5``    ``check_unscale``             ``my_unscale(w_std, b_std, mean, std) -> (w, b)``
==========  ============================  ======================================================
"""

from __future__ import annotations

import numpy as np

from ..closed_form import fit_closed_form
from ..gradients import mse_gradient
from ._feedback import FunctionExercise, Mistake, Result

__all__ = [
    "check_add_ones_column",
    "check_gradient_theta",
    "check_normal_equation",
    "check_standardise",
    "check_unscale",
]


def _features(rng: np.random.Generator, n: int, m: int, shift: float = 0.0) -> np.ndarray:
    """Features with different means and scales in every column, like real ones (never square)."""
    means = rng.uniform(-5.0, 50.0, m) + shift
    scales = rng.uniform(0.5, 20.0, m)
    return means + scales * rng.standard_normal((n, m))


def _data(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n, m = int(rng.integers(7, 13)), int(rng.integers(2, 5))  # n > M + 1: A is never square
    X = _features(rng, n, m)
    y = X @ rng.normal(size=m) + rng.normal(0, 5) + rng.normal(size=n)
    return X, y


def _ones_last(X: np.ndarray) -> np.ndarray:
    return np.column_stack([X, np.ones(X.shape[0])])


# --------------------------------------------------------------- 07.1 design matrix


DESIGN_MATRIX = FunctionExercise(
    id="07.1",
    title="The design matrix",
    answer_name="my_design_matrix",
    reference=_ones_last,
    make_inputs=lambda rng: (_data(rng)[0],),
    fixed_inputs=[(np.array([[1.0, 10.0], [2.0, 20.0], [3.0, 40.0]]),)],
    seed=701,
    hint="Keep every feature column as it is and add one more column, so that A @ theta gives X @ w + b "
    "for theta = [w_1, ..., w_M, b].",
    mistakes=[
        Mistake(
            "no_ones",
            "Your matrix is X itself: without a column of ones, A @ theta has nothing to multiply the bias b "
            "with, and every fitted model would pass through the origin. Add one more column.",
            lambda X: X.copy(),
        ),
        Mistake(
            "ones_first",
            "Right columns, wrong order: in this series the column of ones comes last, so that "
            "theta = [w_1, ..., w_M, b] (the entries of theta follow the columns of A).",
            lambda X: np.column_stack([np.ones(X.shape[0]), X]),
        ),
        Mistake(
            "zeros",
            "Your extra column multiplies the bias by 0, so b would vanish from every prediction. "
            "Which number times b gives b?",
            lambda X: np.column_stack([X, np.zeros(X.shape[0])]),
        ),
        Mistake(
            "row_not_column",
            "You added a row (that would be one more example) instead of a column (one more parameter). "
            "A should have n rows and M + 1 columns.",
            lambda X: np.vstack([X, np.ones(X.shape[1])]),
        ),
    ],
)


def check_add_ones_column(my_design_matrix) -> Result:
    """Exercise 07.1: ``my_design_matrix(X)`` returns ``A = [X, 1]`` of shape (n, M + 1), ones last."""
    return DESIGN_MATRIX.check(my_design_matrix)


# --------------------------------------------------------------- 07.2 gradient in matrix form


def _gradient_reference(A, y, theta):
    dw, db = mse_gradient(A[:, :-1], y, theta[:-1], theta[-1])
    return np.append(dw, db)


def _gradient_inputs(rng: np.random.Generator) -> tuple:
    X, y = _data(rng)
    return _ones_last(X), y, rng.normal(size=X.shape[1] + 1)


GRADIENT_THETA = FunctionExercise(
    id="07.2",
    title="The gradient in matrix form",
    answer_name="my_gradient",
    reference=_gradient_reference,
    make_inputs=_gradient_inputs,
    seed=702,
    hint="Residuals first (r = A @ theta − y), then pair every column of A with r, add up over the examples "
    "and average with this series' constant. The result has one entry per parameter.",
    mistakes=[
        Mistake(
            "no_transpose",
            "A @ r cannot work: A has shape (n, M + 1) and r has shape (n,). To pair every column of A with the "
            "residuals and add up over the examples, which of A and A.T goes in front of r?",
            lambda A, y, theta: 2 / len(y) * (A @ (A @ theta - y)),
        ),
        Mistake(
            "one_over_n",
            "Your gradient is half as big as it should be: differentiating r² brings down a factor 2. "
            "(Without it you have the gradient of ½·MSE, the 1/(2m) convention of some notes.)",
            lambda A, y, theta: 1 / len(y) * (A.T @ (A @ theta - y)),
        ),
        Mistake(
            "sum",
            "Your gradient grows with the number of examples: the MSE is a mean, so its gradient is one too.",
            lambda A, y, theta: 2 * (A.T @ (A @ theta - y)),
        ),
        Mistake(
            "sign",
            "Every entry has the wrong sign: this series uses r = ŷ − y = A @ theta − y. (With y − ŷ the chain "
            "rule brings a minus sign that must be kept.)",
            lambda A, y, theta: 2 / len(y) * (A.T @ (y - A @ theta)),
        ),
        Mistake(
            "per_example",
            "Your answer has one row per example: each example's contribution still has to be added up (averaged), "
            "leaving one number per parameter.",
            lambda A, y, theta: 2 / len(y) * A * (A @ theta - y)[:, None],
        ),
        Mistake(
            "summed_rows",
            "Your answer has one number per example: you added up along each row (over the parameters) instead "
            "of down each column (over the examples).",
            lambda A, y, theta: 2 / len(y) * np.sum(A * (A @ theta - y)[:, None], axis=1),
        ),
    ],
)


def check_gradient_theta(my_gradient) -> Result:
    """Exercise 07.2: ``my_gradient(A, y, theta)`` returns ``(2/n) Aᵀ(Aθ − y)``, shape (M + 1,)."""
    return GRADIENT_THETA.check(my_gradient)


# --------------------------------------------------------------- 07.3 normal equation


def _normal_reference(X, y):
    w, b = fit_closed_form(X, y)
    return np.asarray(w), b


def _through_origin(X, y):
    return np.linalg.solve(X.T @ X, X.T @ y)


NORMAL_EQUATION = FunctionExercise(
    id="07.3",
    title="Solve the normal equation",
    answer_name="my_fit_normal",
    reference=_normal_reference,
    make_inputs=_data,
    seed=703,
    rtol=1e-6,
    atol=1e-8,
    hint="Build the design matrix, solve AᵀA θ = Aᵀy for θ (np.linalg.solve), and return θ split into "
    "(w, b) in the order of A's columns.",
    mistakes=[
        Mistake(
            "no_ones_split",
            "Your matrix has no column of ones, so the fitted model has no bias (it passes through the origin), "
            "and the last entry of your θ is a weight, not b. Add the ones column first.",
            lambda X, y: (_through_origin(X, y)[:-1], _through_origin(X, y)[-1]),
        ),
        Mistake(
            "no_ones",
            "Your fit has no bias: without a column of ones in the design matrix the model is forced through "
            "the origin, and its weights change to make up for it.",
            lambda X, y: (_through_origin(X, y), 0.0),
        ),
        Mistake(
            "rhs_y",
            "The shapes on the two sides do not match: AᵀA is (M + 1) × (M + 1), but y has n entries. The normal "
            "equation multiplies both sides by Aᵀ: AᵀA θ = Aᵀy.",
            lambda X, y: np.linalg.solve(_ones_last(X).T @ _ones_last(X), y),
        ),
        Mistake(
            "ones_first",
            "Your ones column is first, but you took b from the end of θ. The entries of θ follow the columns of "
            "A: put the ones last (this series' convention), or split θ to match.",
            lambda X, y: (lambda t: (t[:-1], t[-1]))(
                np.linalg.lstsq(np.column_stack([np.ones(len(y)), X]), y, rcond=None)[0]
            ),
        ),
        Mistake(
            "theta_whole",
            "Your θ looks right, but return it as two parts, (w, b): w holds the M weights (one per feature), "
            "b the last entry.",
            lambda X, y: np.linalg.lstsq(_ones_last(X), y, rcond=None)[0],
        ),
    ],
)


def check_normal_equation(my_fit_normal) -> Result:
    """Exercise 07.3: ``my_fit_normal(X, y)`` returns the exact least-squares ``(w, b)`` via ``AᵀA θ = Aᵀy``."""
    return NORMAL_EQUATION.check(my_fit_normal)


# --------------------------------------------------------------- 07.4 standardise


def _standardise_reference(X_train, X_test):
    """scikit-learn's StandardScaler, fitted on the training set (an oracle independent of the solution)."""
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test)


def _standardise_inputs(rng: np.random.Generator) -> tuple:
    m = int(rng.integers(2, 5))
    n, k = int(rng.integers(8, 15)), int(rng.integers(3, 7))
    X_train = _features(rng, n, m)
    X_test = X_train.mean(axis=0) + rng.uniform(0.5, 3.0) * X_train.std(axis=0) * rng.standard_normal((k, m)) + 2.0
    return X_train, X_test


def _scale_with(X_train, X_test, mean, std):
    return (X_train - mean) / std, (X_test - mean) / std


STANDARDISE = FunctionExercise(
    id="07.4",
    title="Standardise with the training statistics",
    answer_name="my_standardise",
    reference=_standardise_reference,
    make_inputs=_standardise_inputs,
    seed=704,
    hint="Compute one mean and one standard deviation per feature column (axis=0) from X_train, then apply "
    "(X − mean) / std to both arrays. Return (Z_train, Z_test).",
    mistakes=[
        Mistake(
            "test_stats",
            "Your Z_test uses the test set's own mean and std. New data must be scaled exactly like the training "
            "data, with the training set's numbers (a single new example has no standard deviation of its own).",
            lambda Xtr, Xte: ((Xtr - Xtr.mean(0)) / Xtr.std(0), (Xte - Xte.mean(0)) / Xte.std(0)),
        ),
        Mistake(
            "all_stats",
            "Your mean and std come from the training and test data together: the test set leaked into the "
            "preparation of the model. Use the training set's statistics only.",
            lambda Xtr, Xte: _scale_with(Xtr, Xte, np.vstack([Xtr, Xte]).mean(0), np.vstack([Xtr, Xte]).std(0)),
        ),
        Mistake(
            "no_centre",
            "You divided by the standard deviation but did not subtract the mean first: the columns do not have "
            "mean 0.",
            lambda Xtr, Xte: (Xtr / Xtr.std(0), Xte / Xtr.std(0)),
        ),
        Mistake(
            "variance",
            "You divided by the variance. Standardising divides by the standard deviation, so that every column "
            "ends with standard deviation 1 (and no unit).",
            lambda Xtr, Xte: _scale_with(Xtr, Xte, Xtr.mean(0), Xtr.var(0)),
        ),
        Mistake(
            "ddof1",
            "Almost: you used the sample standard deviation (ddof=1, the default of pandas). This series, "
            "lh and scikit-learn's StandardScaler use np.std's default (ddof=0); use that so the numbers match.",
            lambda Xtr, Xte: _scale_with(Xtr, Xte, Xtr.mean(0), Xtr.std(0, ddof=1)),
        ),
        Mistake(
            "one_number",
            "You used one mean and one std for the whole array. Each feature has its own unit and scale: "
            "compute them per column (axis=0).",
            lambda Xtr, Xte: _scale_with(Xtr, Xte, Xtr.mean(), Xtr.std()),
        ),
    ],
)


def check_standardise(my_standardise) -> Result:
    """Exercise 07.4: ``my_standardise(X_train, X_test)`` scales both with the training mean and std."""
    return STANDARDISE.check(my_standardise)


# --------------------------------------------------------------- 07.5 back to original units


def _unscale_reference(w_std, b_std, mean, std):
    """The (w, b) on the original features that gives the same predictions (via lh's exact fit)."""
    rng = np.random.default_rng(0)
    X = mean + std * rng.standard_normal((3 * len(mean) + 5, len(mean)))
    y = ((X - mean) / std) @ w_std + b_std  # predictions of the standardised model, exactly
    w, b = fit_closed_form(X, y)
    return np.asarray(w), b


def _unscale_inputs(rng: np.random.Generator) -> tuple:
    m = int(rng.integers(2, 5))
    return rng.normal(0, 3, m), float(rng.normal(20, 5)), rng.uniform(-5, 50, m), rng.uniform(0.5, 20, m)


UNSCALE = FunctionExercise(
    id="07.5",
    title="Weights back in original units",
    answer_name="my_unscale",
    reference=_unscale_reference,
    make_inputs=_unscale_inputs,
    seed=705,
    rtol=1e-6,
    atol=1e-8,
    hint="Write the prediction with the standardised features, ŷ = Σ w'ⱼ (xⱼ − μⱼ)/σⱼ + b', multiply it out, "
    "and read off the number that multiplies each xⱼ and the constant term.",
    mistakes=[
        Mistake(
            "not_undone",
            "You returned the weights of the standardised features unchanged. They are in units of y per "
            "standard deviation of each feature; in original units they must undo both the division and the "
            "centring.",
            lambda w_std, b_std, mean, std: (w_std.copy(), b_std),
        ),
        Mistake(
            "times_std",
            "Your weights are scaled the wrong way: a feature divided by σ needs a weight that is divided by σ "
            "too, so that the product stays the same.",
            lambda w_std, b_std, mean, std: (w_std * std, b_std - np.sum(w_std * std * mean)),
        ),
        Mistake(
            "bias_unchanged",
            "The weights are right, but the bias is not: subtracting the means shifted the intercept, and that "
            "shift has to be undone as well.",
            lambda w_std, b_std, mean, std: (w_std / std, b_std),
        ),
        Mistake(
            "bias_sign",
            "The weights are right; the bias correction has the wrong sign. Multiply out w'ⱼ (xⱼ − μⱼ)/σⱼ: "
            "which sign does the constant part have?",
            lambda w_std, b_std, mean, std: (w_std / std, b_std + np.sum(w_std / std * mean)),
        ),
        Mistake(
            "bias_std_weights",
            "The weights are right; in the bias correction, each mean must be divided by its standard deviation "
            "too (or, equivalently, multiplied by the converted weight).",
            lambda w_std, b_std, mean, std: (w_std / std, b_std - np.sum(w_std * mean)),
        ),
    ],
)


def check_unscale(my_unscale) -> Result:
    """Exercise 07.5: ``my_unscale(w_std, b_std, mean, std)`` returns ``(w, b)`` in the features' original units."""
    return UNSCALE.check(my_unscale)
