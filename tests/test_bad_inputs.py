"""The reliability review's bad inputs for the public functions, as a table.

Each row: a call → the exception type it must raise and words its message must contain (what was
wrong and, where there is one, how to fix it). The dashboards' settings are here too (one row
per control and kind of bad value, generated from ``DASHBOARD_SETTINGS``).
"""

from __future__ import annotations

import numpy as np
import pytest
from dashboard_presets import control_names

import linreg_helpers as lh

X1 = np.linspace(0.0, 3.0, 10)
Y1 = 2.0 * X1 + 1.0
X2 = np.column_stack([X1, X1**2])
CPLX = np.array([1 + 1j, 2 + 0j])
MASKED = np.ma.masked_array([1.0, 1e9], mask=[0, 1])
DATES = np.array(["2020-01-01", "2020-01-02"], dtype="datetime64[D]")


def _history():
    return lh.gradient_descent(X1, Y1, learning_rate=0.01, epochs=2)


def _csv(d, text: str | bytes, name: str = "f.csv"):
    path = d / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    return path


ROWS: list = []


def row(label, fn, exc, *words):
    ROWS.append(pytest.param(fn, exc, words, id=label))


# ------------------------------------------------------------------ losses: (y_true, y_pred)
BAD_PAIRS = [
    ("lengths differ", [1.0, 2.0, 3.0], [1.0, 2.0], ValueError, ("same length", "3", "2")),
    ("empty", [], [], ValueError, ("empty",)),
    ("NaN", [1.0, np.nan], [1.0, 2.0], ValueError, ("non-finite", "NaN", "Drop or fill")),
    ("inf", [1.0, 2.0], [1.0, np.inf], ValueError, ("y_pred", "infinity")),
    ("string", "abc", [1.0], TypeError, ("y_true", "string")),
    ("dict", {"a": 1}, [1.0], TypeError, ("y_true", "numeric")),
    ("2-D", [[1.0, 2.0], [3.0, 4.0]], [1.0, 2.0], ValueError, ("1-D", "shape")),
    ("ragged", [[1.0], [2.0, 3.0]], [1.0, 2.0], TypeError, ("numeric",)),
    ("complex", CPLX, [1.0, 2.0], TypeError, ("complex", ".real")),
    ("masked", [1.0, 2.0], MASKED, TypeError, ("y_pred", "masked", "compressed")),
    ("datetime", DATES, [1.0, 2.0], TypeError, ("dates", "convert")),
    ("0-d", 3.0, 3.0, ValueError, ("1-D",)),
]
for loss in ("sse", "sae", "mse", "mae", "rmse", "huber", "tukey"):
    for label, t, p, exc, words in BAD_PAIRS:
        row(f"{loss}-{label}", (lambda d, name=loss, t=t, p=p: getattr(lh, name)(t, p)), exc, *words)
row("huber-delta-negative", lambda d: lh.huber([1.0], [2.0], delta=-1.0), ValueError, "delta")
row("huber-delta-string", lambda d: lh.huber([1.0], [2.0], delta="1"), TypeError, "delta")
row("tukey-c-zero", lambda d: lh.tukey([1.0], [2.0], c=0.0), ValueError, "c")
row("tukey-c-nan", lambda d: lh.tukey([1.0], [2.0], c=np.nan), ValueError, "c")

# ------------------------------------------------------------------ gradients: (X, y, w, b)
BAD_GRAD = [
    ("X-y-lengths", lambda g: g(X1, Y1[:5], 1.0, 0.0), ValueError, ("different numbers of examples",)),
    ("w-too-long", lambda g: g(X1, Y1, [1.0, 2.0], 0.0), ValueError, ("w",)),
    ("b-string", lambda g: g(X1, Y1, 1.0, "0"), TypeError, ("b",)),
    ("X-NaN", lambda g: g(np.append(X1[:-1], np.nan), Y1, 1.0, 0.0), ValueError, ("X", "NaN")),
    ("X-complex", lambda g: g(X1 + 0j, Y1, 1.0, 0.0), TypeError, ("X", "complex")),
    ("X-empty", lambda g: g([], [], 1.0, 0.0), ValueError, ("empty",)),
    ("X-3-D", lambda g: g(np.ones((2, 2, 2)), [1.0, 2.0], 1.0, 0.0), ValueError, ("dimensions",)),
]
for name in ("mse_gradient", "mae_gradient", "huber_gradient", "tukey_gradient"):
    for label, call, exc, words in BAD_GRAD:
        row(f"{name}-{label}", (lambda d, name=name, call=call: call(getattr(lh, name))), exc, *words)
row("huber_gradient-delta-zero", lambda d: lh.huber_gradient(X1, Y1, 1.0, 0.0, delta=0.0), ValueError, "delta")
row("tukey_gradient-c-negative", lambda d: lh.tukey_gradient(X1, Y1, 1.0, 0.0, c=-1.0), ValueError, "c")

# ------------------------------------------------------------------ predict, numerical_gradient
row("predict-empty", lambda d: lh.predict([], 1.0, 0.0), ValueError, "empty")
row("predict-w-length", lambda d: lh.predict(X2, [1.0], 0.0), ValueError, "w")
row("predict-b-string", lambda d: lh.predict(X1, 1.0, "1"), TypeError, "b")
row("predict-X-3-D", lambda d: lh.predict(np.ones((2, 2, 2)), 1.0, 0.0), ValueError, "dimensions")
row("predict-X-datetime", lambda d: lh.predict(DATES, 1.0, 0.0), TypeError, "dates")
row("numgrad-f-not-callable", lambda d: lh.numerical_gradient(3.0, [0.0]), TypeError, "f must be a function")
row(
    "numgrad-f-returns-str", lambda d: lh.numerical_gradient(lambda p: "x", [0.0]), TypeError, "single number", "return"
)
row(
    "numgrad-f-returns-None", lambda d: lh.numerical_gradient(lambda p: None, [0.0]), TypeError, "single number", "None"
)
row("numgrad-f-returns-array", lambda d: lh.numerical_gradient(lambda p: p, [0.0, 1.0]), TypeError, "single number")
row("numgrad-params-empty", lambda d: lh.numerical_gradient(lambda p: 0.0, []), ValueError, "params", "[w, b]")
row("numgrad-params-NaN", lambda d: lh.numerical_gradient(lambda p: 0.0, [np.nan]), ValueError, "params", "NaN")
row("numgrad-eps-zero", lambda d: lh.numerical_gradient(lambda p: 0.0, [1.0], eps=0.0), ValueError, "eps")


# ------------------------------------------------------------------ gradient_descent
def gd(**kw):
    args = dict(learning_rate=0.01, epochs=2)
    args.update(kw)
    return lambda d: lh.gradient_descent(X1, Y1, **args)


for label, kw, exc, words in [
    ("lr-negative", dict(learning_rate=-0.1), ValueError, ("learning_rate",)),
    ("lr-zero", dict(learning_rate=0.0), ValueError, ("learning_rate",)),
    ("lr-nan", dict(learning_rate=np.nan), ValueError, ("learning_rate",)),
    ("lr-inf", dict(learning_rate=np.inf), ValueError, ("learning_rate",)),
    ("lr-string", dict(learning_rate="0.1"), TypeError, ("learning_rate",)),
    ("lr-None", dict(learning_rate=None), TypeError, ("learning_rate",)),
    ("lr-list", dict(learning_rate=[0.1]), TypeError, ("learning_rate",)),
    ("lr-complex", dict(learning_rate=0.1j), TypeError, ("learning_rate",)),
    ("lr-bool", dict(learning_rate=True), TypeError, ("learning_rate",)),
    ("epochs-zero", dict(epochs=0), ValueError, ("epochs",)),
    ("epochs-float", dict(epochs=2.5), TypeError, ("epochs", "whole number")),
    ("epochs-string", dict(epochs="10"), TypeError, ("epochs",)),
    ("batch-zero", dict(batch_size=0), ValueError, ("batch_size", "use 1 for SGD")),
    ("batch-too-big", dict(batch_size=11), ValueError, ("batch_size", "n = 10")),
    ("batch-float", dict(batch_size=2.5), TypeError, ("batch_size",)),
    ("batch-bool", dict(batch_size=True), TypeError, ("batch_size",)),
    ("batch-string", dict(batch_size="5"), TypeError, ("batch_size",)),
    ("batch-negative", dict(batch_size=-1), ValueError, ("batch_size",)),
    ("loss-bogus", dict(loss="bogus"), ValueError, ("loss", "mse")),
    ("w0-length", dict(w0=[1.0, 2.0]), ValueError, ("w0",)),
    ("b0-string", dict(b0="x"), TypeError, ("b0",)),
    ("shuffle-string", dict(shuffle="yes"), TypeError, ("shuffle", "True or False")),
    ("seed-negative", dict(seed=-1), ValueError, ("seed", "at least 0")),
    ("seed-string", dict(seed="abc"), TypeError, ("seed", "whole number")),
    ("seed-float", dict(seed=1.5), TypeError, ("seed", "whole number")),
    ("delta-zero", dict(delta=0.0, loss="huber"), ValueError, ("delta",)),
    ("c-negative", dict(c=-1.0, loss="tukey"), ValueError, ("c",)),
    ("too-many-steps", dict(epochs=10**9, batch_size=1), ValueError, ("too big", "Lower epochs")),
    ("too-long-mae", dict(epochs=10**5, batch_size=1, loss="mae"), ValueError, ("too long", "Lower epochs")),
    ("momentum-one", dict(momentum=1.0), ValueError, ("momentum", "below 1")),
    ("momentum-negative", dict(momentum=-0.1), ValueError, ("momentum", "at least 0")),
    ("momentum-nan", dict(momentum=np.nan), ValueError, ("momentum", "finite")),
    ("momentum-string", dict(momentum="0.9"), TypeError, ("momentum", "real number")),
    ("schedule-bogus", dict(schedule="exp"), ValueError, ("schedule", "cosine")),
    ("schedule-number", dict(schedule=0.5), TypeError, ("schedule", "function epoch -> factor")),
    ("schedule-returns-negative", dict(schedule=lambda e: -1.0), ValueError, ("schedule(0)", "factor >= 0")),
    ("schedule-returns-nan", dict(schedule=lambda e: float("nan")), ValueError, ("schedule(0)", "finite")),
    ("schedule-returns-string", dict(schedule=lambda e: "1"), TypeError, ("schedule(0)", "real number")),
    ("l2-negative", dict(l2=-0.1), ValueError, ("l2", "at least 0")),
    ("l2-inf", dict(l2=np.inf), ValueError, ("l2", "finite")),
    ("too-long-momentum", dict(epochs=10**5, batch_size=1, momentum=0.9), ValueError, ("too long", "momentum")),
]:
    row(f"gradient_descent-{label}", gd(**kw), exc, *words)
row(
    "gradient_descent-masked-y",
    lambda d: lh.gradient_descent(X1[:2], MASKED, learning_rate=0.1, epochs=1),
    TypeError,
    "masked",
)
row(
    "gradient_descent-complex-X",
    lambda d: lh.gradient_descent(X1 + 1j, Y1, learning_rate=0.1, epochs=1),
    TypeError,
    "complex",
)
row(
    "gradient_descent-lengths",
    lambda d: lh.gradient_descent(X1, Y1[:3], learning_rate=0.1, epochs=1),
    ValueError,
    "different numbers",
)

# ------------------------------------------------------------------ largest_stable_learning_rate, fit_closed_form
row("lslr-empty", lambda d: lh.largest_stable_learning_rate([]), ValueError, "empty")
row("lslr-NaN", lambda d: lh.largest_stable_learning_rate([1.0, np.nan]), ValueError, "NaN")
row("lslr-string", lambda d: lh.largest_stable_learning_rate("abc"), TypeError, "string")
row("lslr-3-D", lambda d: lh.largest_stable_learning_rate(np.ones((2, 2, 2))), ValueError, "dimensions")
row("lslr-complex", lambda d: lh.largest_stable_learning_rate(CPLX), TypeError, "complex")
row("lslr-datetime", lambda d: lh.largest_stable_learning_rate(DATES), TypeError, "dates")
row("fit-one-example", lambda d: lh.fit_closed_form([1.0], [2.0]), ValueError, "at least 2")
row("fit-method-bogus", lambda d: lh.fit_closed_form(X1, Y1, method="qr"), ValueError, "method", "lstsq")
row("fit-lengths", lambda d: lh.fit_closed_form(X1, Y1[:4]), ValueError, "different numbers")
row("fit-masked", lambda d: lh.fit_closed_form(MASKED, [1.0, 2.0]), TypeError, "masked")
row("ridge-alpha-negative", lambda d: lh.ridge(X1, Y1, -1.0), ValueError, "alpha", "at least 0")
row("ridge-alpha-string", lambda d: lh.ridge(X1, Y1, "1"), TypeError, "alpha", "real number")
row("ridge-one-example", lambda d: lh.ridge([1.0], [2.0], 1.0), ValueError, "at least 2")
row("ridge-collinear-alpha-zero", lambda d: lh.ridge(np.column_stack([X1, X1]), Y1, 0.0), ValueError, "alpha > 0")
row("fit-datetime", lambda d: lh.fit_closed_form(DATES, [1.0, 2.0]), TypeError, "dates")
row(
    "fit-normal-dependent",
    lambda d: lh.fit_closed_form(np.column_stack([X1, 2 * X1]), Y1, method="normal"),
    ValueError,
    "linearly dependent",
    "lstsq",
)
row(
    "fit-normal-ill-conditioned",
    lambda d: lh.fit_closed_form(1e6 + X1, Y1, method="normal"),
    ValueError,
    "badly conditioned",
    "not dependent",
    "centre and scale",
)
row("fit-subnormal", lambda d: lh.fit_closed_form(X1 * 1e-310, Y1), ValueError, "overflow", "Rescale X")

# ------------------------------------------------------------------ loss_surface, parameter_grid
W, B = np.linspace(0, 4, 5), np.linspace(-1, 1, 3)
row("surface-two-features", lambda d: lh.loss_surface(X2, Y1, W, B), ValueError, "one feature", "X[:, 0]")
row("surface-weights-empty", lambda d: lh.loss_surface(X1, Y1, [], B), ValueError, "weights", "non-empty")
row("surface-biases-2-D", lambda d: lh.loss_surface(X1, Y1, W, [[0.0, 1.0]]), ValueError, "biases", "1-D")
row("surface-loss-bogus", lambda d: lh.loss_surface(X1, Y1, W, B, "l3"), ValueError, "loss", "mae")
row("surface-delta-negative", lambda d: lh.loss_surface(X1, Y1, W, B, "huber", delta=-1.0), ValueError, "delta")
row("surface-weights-NaN", lambda d: lh.loss_surface(X1, Y1, [0.0, np.nan], B), ValueError, "weights", "NaN")
row("surface-weights-string", lambda d: lh.loss_surface(X1, Y1, "abc", B), TypeError, "weights", "string")
row("grid-empty-X", lambda d: lh.parameter_grid([], []), ValueError, "empty")
row("grid-lengths", lambda d: lh.parameter_grid(X1, Y1[:2]), ValueError, "different numbers")

# ------------------------------------------------------------------ plots
row("plot_fit-w-vector", lambda d: lh.plot_fit(X1, Y1, [1.0, 2.0], 0.0), ValueError, "w must be one number", "w[0]")
row("plot_fit-w-empty", lambda d: lh.plot_fit(X1, Y1, [], 0.0), ValueError, "w must be one number", "0 values")
row("plot_fit-two-features", lambda d: lh.plot_fit(X2, Y1, 1.0, 0.0), ValueError, "one feature")
row("plot_fit-b-string", lambda d: lh.plot_fit(X1, Y1, 1.0, "b"), TypeError, "b")
row("plot_fit-lengths", lambda d: lh.plot_fit(X1, Y1[:3], 1.0, 0.0), ValueError, "different numbers")
for name in ("plot_contour", "plot_loss_surface"):
    f = getattr(lh, name)
    row(f"{name}-weights-empty", lambda d, f=f: f(X1, Y1, weights=[]), ValueError, "weights", "non-empty")
    row(f"{name}-weights-one", lambda d, f=f: f(X1, Y1, weights=[1.0]), ValueError, "weights", "at least 2")
    row(f"{name}-biases-decreasing", lambda d, f=f: f(X1, Y1, biases=[2.0, 1.0]), ValueError, "biases", "increasing")
    row(f"{name}-loss-bogus", lambda d, f=f: f(X1, Y1, loss="l3"), ValueError, "loss")
    row(f"{name}-two-features", lambda d, f=f: f(X2, Y1), ValueError, "one")
row("plot_loss_curve-None", lambda d: lh.plot_loss_curve(None), TypeError, "History", "gradient_descent")
row("plot_loss_curve-x-bogus", lambda d: lh.plot_loss_curve(_history(), x="time"), ValueError, "x", "steps")

# ------------------------------------------------------------------ data
row("make-n-zero", lambda d: lh.make_linear_data(0), ValueError, "n", "at least 1")
row("make-n-float", lambda d: lh.make_linear_data(2.5), TypeError, "n", "whole number")
row("make-noise-negative", lambda d: lh.make_linear_data(noise=-1.0), ValueError, "noise", "at least 0")
row("make-x_range-empty", lambda d: lh.make_linear_data(x_range=(5, 5)), ValueError, "low < high")
row("make-x_range-triple", lambda d: lh.make_linear_data(x_range=(1, 2, 3)), ValueError, "pair")
row("make-outliers-too-many", lambda d: lh.make_linear_data(10, outliers=30), ValueError, "outliers")
row("make-x_range-number", lambda d: lh.make_linear_data(x_range=5), TypeError, "x_range", "pair (low, high)")
row("make-x_range-string", lambda d: lh.make_linear_data(x_range="ab"), TypeError, "x_range", "pair (low, high)")
row("make-seed-string", lambda d: lh.make_linear_data(seed="x"), TypeError, "seed", "whole number")
row("make-seed-float", lambda d: lh.make_linear_data(seed=1.5), TypeError, "seed", "whole number")
row("make-seed-negative", lambda d: lh.make_linear_data(seed=-1), ValueError, "seed")
row("make-weights-empty", lambda d: lh.make_linear_data(weights=[]), ValueError, "weights", "at least one")
row("make-weights-2-D", lambda d: lh.make_linear_data(weights=[[1, 2]]), ValueError, "weights", "1-D")
row("load_dataset-typo", lambda d: lh.load_dataset("penguin"), ValueError, "Unknown", "penguins")
row("load_dataset-None", lambda d: lh.load_dataset(None), ValueError, "Unknown", "Valid values")
row("list_datasets-argument", lambda d: lh.list_datasets("x"), TypeError, "positional")
# Floating-point edge cases (review, further defects 13-14): named, with the way out.
row("mse-int-beyond-float", lambda d: lh.mse([10**400, 1], [1.0, 2.0]), ValueError, "y_true", "too large", "rescale")
row(
    "lr-max-x-1e200",
    lambda d: lh.largest_stable_learning_rate([1e200, 2e200, 3e200]),
    ValueError,
    "too large",
    "Rescale X",
)
row(
    "gd-start-loss-overflows",
    lambda d: lh.gradient_descent(X1, Y1 * 1e160, learning_rate=0.01, epochs=2),
    ValueError,
    "not finite",
    "Rescale y",
)


CSV_ROWS = [
    ("missing-value", "x,y\n1,2\n2,\n", {}, ValueError, ("row 3", "'y'", "missing")),
    ("not-a-number", "x,y\n1,2\n2,abc\n", {}, ValueError, ("row 3", "'abc' is not a number")),
    ("empty-file", "", {}, ValueError, ("is empty", "header")),
    ("header-only", "x,y\n", {}, ValueError, ("no data rows",)),
    ("inf-cell", "x,y\n1,inf\n", {}, ValueError, ("row 2", "not finite")),
    ("duplicated-header", "x,y,y\n1,2,3\n", {}, ValueError, ("row 1", "appears twice", "columns 2 and 3")),
    ("extra-cell", "x,y\n1,2\n2,4,9\n", {}, ValueError, ("row 3, column 3", "header has 2")),
    ("short-row", "x,y\n1\n", {}, ValueError, ("row 2", "'y'", "missing")),
    ("no-such-column", "a,b\n1,2\n", {}, ValueError, ("no column(s) ['x', 'y']", "separator ','")),
    ("thousands", 'x,y\n1,"1,000"\n', {}, ValueError, ("row 2", "not a number")),
    ("binary", b"\x1f\x8b\x08\x00\x00\x00", {}, ValueError, ("not a text CSV file",)),
    ("features-empty", "x,y\n1,2\n", dict(features=[]), ValueError, ("features is empty",)),
    ("features-number", "x,y\n1,2\n", dict(features=5), TypeError, ("features", "column name")),
    ("target-None", "x,y\n1,2\n", dict(target=None), TypeError, ("target", "column name")),
    ("scale-string", "x,y\n1,2\n", dict(scale="2"), TypeError, ("scale", "dict")),
    ("scale-unknown-column", "x,y\n1,2\n", dict(scale={"X": 2.0}), ValueError, ("scale", "'X'", "exactly")),
    ("scale-factor-string", "x,y\n1,2\n", dict(scale={"x": "2"}), TypeError, ("scale['x']",)),
    ("keep-number", "x,y\n1,2\n", dict(keep=3), TypeError, ("keep",)),
]
for label, text, kw, exc, words in CSV_ROWS:
    args = dict(features=["x"], target="y")
    args.update(kw)
    row(f"load_csv-{label}", (lambda d, text=text, args=args: lh.load_csv(_csv(d, text), **args)), exc, *words)
row("load_csv-path-None", lambda d: lh.load_csv(None, features=["x"], target="y"), TypeError, "path", "file name")
row("load_csv-no-file", lambda d: lh.load_csv(d / "nope.csv", features=["x"], target="y"), ValueError, "No CSV file")
row("load_csv-directory", lambda d: lh.load_csv(d, features=["x"], target="y"), ValueError, "No CSV file")

# ------------------------------------------------------------------ dashboards: their data (not their settings)
TWO = ([0.0, 1.0], [1.0, 2.0])
for name in (
    "model_explorer",
    "loss_explorer",
    "gradient_explorer",
    "descent_dashboard",
    "batch_size_dashboard",
    "convexity_explorer",
    "training_in_practice",
):
    row(f"{name}-two-points", lambda d, name=name: getattr(lh, name)(*TWO), ValueError, "at least 3 examples")
row("descent_dashboard-y-missing", lambda d: lh.descent_dashboard(X1, None), ValueError, "Pass both X and y")
row("many_features-one-feature", lambda d: lh.many_features_dashboard(X1, Y1), ValueError, "two feature columns")


# Every dashboard setting (issue 15, item 5): the control's kind decides what is wrong with a value.
# kinds: "float" and "log" sliders, "int" sliders, "bool" check boxes, "choice" toggles/menus.
DASHBOARD_SETTINGS = {
    "model": {
        "w": "float",
        "b": "float",
        "residuals": "bool",
        "learning_rate": "log",
        "batch_size": "int",
        "epochs": "int",
        "loss_view": "choice",
    },
    "losses": {
        "loss": "choice",
        "outliers": "int",
        "outlier_shift": "float",
        "delta": "float",
        "learning_rate": "log",
        "batch_size": "int",
        "epochs": "int",
    },
    "gradients": {
        "w": "float",
        "b": "float",
        "learning_rate": "log",
        "batch_size": "int",
        "batch_seed": "int",
        "loss_view": "choice",
    },
    "gradient_descent": {
        "learning_rate": "log",
        "epochs": "int",
        "batch_size": "int",
        "w0": "float",
        "b0": "float",
        "loss_view": "choice",
    },
    "batch_size": {
        "learning_rate": "log",
        "batch_size": "int",
        "epochs": "int",
        "x_axis": "choice",
        "seed": "int",
        "loss_view": "choice",
    },
    "convexity": {
        "loss": "choice",
        "w_a": "float",
        "b_a": "float",
        "w_b": "float",
        "b_b": "float",
        "learning_rate": "log",
        "batch_size": "int",
        "epochs": "int",
        "loss_view": "choice",
    },
    "training_in_practice": {
        "schedule": "choice",
        "momentum": "float",
        "l2": "float",
        "learning_rate": "log",
        "batch_size": "int",
        "epochs": "int",
    },
    "many_features": {
        "standardise": "bool",
        "learning_rate": "log",
        "batch_size": "int",
        "epochs": "int",
        "loss_view": "choice",
    },
}
BAD_SETTING = {  # kind -> [(label, value, exception, words)]
    "float": [
        ("str", "1", TypeError, "must be a number"),
        ("huge", 1e12, ValueError, "outside the slider's range"),
        ("nan", float("nan"), ValueError, "finite"),
    ],
    "log": [
        ("str", "0.01", TypeError, "must be a number"),
        ("huge", 1e12, ValueError, "outside the slider's range"),
        ("none", None, TypeError, "must be a number"),
    ],
    "int": [
        ("str", "10", TypeError, "whole number"),
        ("fraction", 2.5, ValueError, "whole number"),
        ("huge", 10**9, ValueError, "outside the slider's range"),
    ],
    "bool": [("str", "yes", TypeError, "True or False"), ("int", 1, TypeError, "True or False")],
    "choice": [("bogus", "bogus", ValueError, "not one of its choices")],
}
for dash, settings in DASHBOARD_SETTINGS.items():
    for key, kind in settings.items():
        for label, value, exc, words in BAD_SETTING[kind]:
            row(
                f"{dash}-setting-{key}-{label}",
                lambda d, dash=dash, key=key, value=value: lh.DASHBOARDS[dash](**{key: value}),
                exc,
                key,
                words,
            )
    row(
        f"{dash}-setting-unknown",
        lambda d, dash=dash: lh.DASHBOARDS[dash](no_such_control=1),
        ValueError,
        "no_such_control",
        "its controls are",
    )
row(
    "gradient_descent-setting-unknown-preset",
    lambda d: lh.descent_dashboard(preset="bogus"),
    ValueError,
    "Unknown preset",
    "too small a learning rate (crawl)",
)


@pytest.mark.parametrize(("call", "exc", "words"), ROWS)
def test_bad_input_gets_a_clear_error(tmp_path, call, exc, words):
    with pytest.raises(exc) as info:
        call(tmp_path)
    assert type(info.value) is exc  # not a subclass from deep inside numpy
    message = str(info.value)
    for word in words:
        assert word in message, f"{word!r} not in {message!r}"


def test_every_dashboard_control_has_rows():
    """The settings table above names every control of every dashboard (and no others)."""
    for name in lh.DASHBOARDS:
        assert set(DASHBOARD_SETTINGS[name]) == control_names(name) - {"preset"}, name


def test_the_table_is_big_and_covers_every_public_function():
    assert len(ROWS) >= 150
    ids = " ".join(p.id for p in ROWS)
    functions = [
        n
        for n in lh.__all__
        if callable(getattr(lh, n)) and not isinstance(getattr(lh, n), type) and n not in ("lecture_mode",)
    ]
    short = {
        "largest_stable_learning_rate": "lslr",
        "fit_closed_form": "fit",
        "loss_surface": "surface",
        "parameter_grid": "grid",
        "make_linear_data": "make",
        "numerical_gradient": "numgrad",
        "many_features_dashboard": "many_features",
    }
    missing = [n for n in functions if short.get(n, n) + "-" not in ids]
    assert not missing, f"no bad-input row for {missing}"
