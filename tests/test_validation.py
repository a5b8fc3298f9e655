"""Every bad input raises the documented error, with a message that names the argument."""

from __future__ import annotations

import re

import numpy as np
import pytest

import linreg_helpers as lh

X1 = np.array([1.0, 2.0, 3.0, 4.0])
Y1 = np.array([2.0, 4.1, 5.9, 8.2])
X3 = np.arange(12.0).reshape(4, 3)
N = len(Y1)

NAN_X = np.array([1.0, np.nan, 3.0, 4.0])
INF_X = np.array([[1.0, 2.0], [3.0, np.inf], [5.0, 6.0], [7.0, 8.0]])
NAN_Y = np.array([2.0, 4.0, np.nan, 8.0])
INF_Y = np.array([2.0, -np.inf, 6.0, 8.0])


def gd(X=X1, y=Y1, **kw):
    kw.setdefault("learning_rate", 0.01)
    kw.setdefault("epochs", 2)
    return lh.gradient_descent(X, y, **kw)


def grid(loss="mse", X=X1, y=Y1, weights=(0.0, 1.0), biases=(0.0, 1.0), **kw):
    return lh.loss_surface(X, y, np.asarray(weights), np.asarray(biases), loss=loss, **kw)


# Each case: (call, exception type, a fragment of the message that names the argument).
CASES = {
    # ---- mismatched lengths
    "gd-lengths": (lambda: gd(X1, Y1[:3]), ValueError, r"X and y have different numbers of examples"),
    "gd-lengths-2d": (lambda: gd(X3, np.ones(5)), ValueError, r"X has 4 rows.*y has 5"),
    "closed-form-lengths": (lambda: lh.fit_closed_form(X1, Y1[:2]), ValueError, r"X and y"),
    "mse-gradient-lengths": (lambda: lh.mse_gradient(X1, Y1[:3], 1.0, 0.0), ValueError, r"X and y"),
    "mae-gradient-lengths": (lambda: lh.mae_gradient(X1[:2], Y1, 1.0, 0.0), ValueError, r"X and y"),
    "huber-gradient-lengths": (lambda: lh.huber_gradient(X1, Y1[:1], 1.0, 0.0), ValueError, r"X and y"),
    "surface-lengths": (lambda: grid(y=Y1[:3]), ValueError, r"X and y"),
    "lsr-empty": (lambda: lh.largest_stable_learning_rate([]), ValueError, r"X is empty"),
    # ---- losses with mismatched shapes
    **{
        f"{name}-lengths": (lambda f=f: f([1.0, 2.0, 3.0], [1.0, 2.0]), ValueError, r"y_true and y_pred.*same length")
        for name, f in [
            ("sse", lh.sse),
            ("sae", lh.sae),
            ("mse", lh.mse),
            ("mae", lh.mae),
            ("rmse", lh.rmse),
            ("huber", lh.huber),
            ("tukey", lh.tukey),
        ]
    },
    "mse-2d-pred": (lambda: lh.mse([1.0, 2.0], [[1.0, 2.0], [3.0, 4.0]]), ValueError, r"y_pred must be 1-D"),
    "mae-2d-true": (lambda: lh.mae(np.ones((2, 3)), [1.0, 2.0]), ValueError, r"y_true must be 1-D"),
    "rmse-row-vector": (lambda: lh.rmse(np.ones((1, 3)), np.ones(3)), ValueError, r"y_true must be 1-D"),
    "mse-nan": (lambda: lh.mse([1.0, np.nan], [1.0, 2.0]), ValueError, r"y_true contains 1 non-finite.*NaN"),
    "sse-inf": (lambda: lh.sse([1.0, 2.0], [np.inf, 2.0]), ValueError, r"y_pred contains 1 non-finite.*infinity"),
    "huber-delta-0": (lambda: lh.huber([1.0], [2.0], delta=0.0), ValueError, r"delta must be positive"),
    "huber-delta-nan": (lambda: lh.huber([1.0], [2.0], delta=np.nan), ValueError, r"delta must be finite"),
    "tukey-c-negative": (lambda: lh.tukey([1.0], [2.0], c=-1.0), ValueError, r"c must be positive"),
    "mse-strings": (lambda: lh.mse("abc", [1.0, 2.0, 3.0]), TypeError, r"y_true must be numeric"),
    # ---- predict with mismatched shapes
    "predict-too-many-weights": (
        lambda: lh.predict(X1, [1.0, 2.0], 0.0),
        ValueError,
        r"w must have one weight per feature",
    ),
    "predict-too-few-weights": (
        lambda: lh.predict(X3, [1.0, 2.0], 0.0),
        ValueError,
        r"w must have one weight.*3 feature",
    ),
    "predict-scalar-for-three": (lambda: lh.predict(X3, 1.0, 0.0), ValueError, r"w must have one weight per feature"),
    "predict-2d-weights": (
        lambda: lh.predict(X3, np.ones((3, 1)), 0.0),
        ValueError,
        r"w must have one weight per feature",
    ),
    "predict-3d-X": (
        lambda: lh.predict(np.ones((2, 2, 2)), 1.0, 0.0),
        ValueError,
        r"X must be 1-D .* or 2-D.*3 dimensions",
    ),
    "predict-empty": (lambda: lh.predict([], 1.0, 0.0), ValueError, r"X is empty"),
    "predict-no-columns": (lambda: lh.predict(np.ones((3, 0)), [], 0.0), ValueError, r"X has no feature columns"),
    "predict-nan-X": (
        lambda: lh.predict(NAN_X, 1.0, 0.0),
        ValueError,
        r"X contains 1 non-finite value.*NaN at index 1",
    ),
    "predict-nan-w": (lambda: lh.predict(X1, np.nan, 0.0), ValueError, r"w contains 1 non-finite"),
    "predict-inf-b": (lambda: lh.predict(X1, 1.0, np.inf), ValueError, r"b must be finite"),
    "predict-string-b": (lambda: lh.predict(X1, 1.0, "0"), TypeError, r"b must be a real number"),
    "predict-string-X": (lambda: lh.predict("1, 2", 1.0, 0.0), TypeError, r"X must be numeric"),
    "predict-ragged-X": (lambda: lh.predict([[1.0, 2.0], [3.0]], [1.0, 1.0], 0.0), TypeError, r"X must be numeric"),
    # ---- empty data
    "gd-empty": (lambda: gd([], []), ValueError, r"X is empty"),
    "gd-empty-y": (lambda: gd(X1, []), ValueError, r"y is empty"),
    "closed-form-empty": (lambda: lh.fit_closed_form(np.empty((0, 2)), []), ValueError, r"X is empty"),
    "gradient-empty": (lambda: lh.mse_gradient([], [], 1.0, 0.0), ValueError, r"X is empty"),
    "surface-empty": (lambda: grid(X=[], y=[]), ValueError, r"X is empty"),
    # ---- NaN or inf in X or y
    "gd-nan-X": (lambda: gd(NAN_X, Y1), ValueError, r"X contains 1 non-finite value\(s\) \(first: NaN at index 1\)"),
    "gd-inf-X": (
        lambda: gd(INF_X, Y1),
        ValueError,
        r"X contains 1 non-finite value\(s\) \(first: infinity at index \(1, 1\)\)",
    ),
    "gd-nan-y": (lambda: gd(X1, NAN_Y), ValueError, r"y contains 1 non-finite value\(s\) \(first: NaN at index 2\)"),
    "gd-inf-y": (
        lambda: gd(X1, INF_Y),
        ValueError,
        r"y contains 1 non-finite value\(s\) \(first: infinity at index 1\)",
    ),
    "closed-form-nan-X": (lambda: lh.fit_closed_form(NAN_X, Y1), ValueError, r"X contains"),
    "closed-form-inf-y": (lambda: lh.fit_closed_form(X1, INF_Y), ValueError, r"y contains"),
    "gradient-nan-y": (lambda: lh.mae_gradient(X1, NAN_Y, 1.0, 0.0), ValueError, r"y contains"),
    "surface-inf-X": (lambda: grid(X=np.array([1.0, np.inf, 2.0, 3.0])), ValueError, r"X contains"),
    "lsr-nan": (lambda: lh.largest_stable_learning_rate(NAN_X), ValueError, r"X contains"),
    # ---- dimensions
    "gd-3d-X": (
        lambda: gd(np.ones((4, 2, 2)), Y1),
        ValueError,
        r"X must be 1-D .* or 2-D .*3 dimensions and shape \(4, 2, 2\)",
    ),
    "closed-form-3d-X": (lambda: lh.fit_closed_form(np.ones((4, 1, 1)), Y1), ValueError, r"X must be 1-D"),
    "lsr-3d-X": (lambda: lh.largest_stable_learning_rate(np.ones((4, 1, 1))), ValueError, r"X must be 1-D"),
    "gd-2d-y": (lambda: gd(X1, np.ones((4, 2))), ValueError, r"y must be 1-D"),
    "gradient-3d-X": (lambda: lh.huber_gradient(np.ones((4, 1, 1)), Y1, 1.0, 0.0), ValueError, r"X must be 1-D"),
    # ---- wrong number of weights
    "gd-w0-too-many": (lambda: gd(X1, Y1, w0=[1.0, 2.0]), ValueError, r"w0 must have one weight per feature"),
    "gd-w0-too-few": (lambda: gd(X3, Y1, w0=[1.0, 2.0]), ValueError, r"w0 must have one weight.*3 feature"),
    "gd-w0-nan": (lambda: gd(X1, Y1, w0=np.nan), ValueError, r"w0 contains"),
    "gd-b0-inf": (lambda: gd(X1, Y1, b0=np.inf), ValueError, r"b0 must be finite"),
    "mse-gradient-weights": (lambda: lh.mse_gradient(X3, Y1, [1.0], 0.0), ValueError, r"w must have one weight"),
    "mae-gradient-weights": (lambda: lh.mae_gradient(X1, Y1, [1.0, 2.0], 0.0), ValueError, r"w must have one weight"),
    "huber-gradient-weights": (lambda: lh.huber_gradient(X3, Y1, 1.0, 0.0), ValueError, r"w must have one weight"),
    "huber-gradient-delta": (
        lambda: lh.huber_gradient(X1, Y1, 1.0, 0.0, delta=-1.0),
        ValueError,
        r"delta must be positive",
    ),
    # ---- learning rate
    "lr-zero": (lambda: gd(learning_rate=0.0), ValueError, r"learning_rate must be positive, got 0\.0"),
    "lr-negative": (lambda: gd(learning_rate=-0.1), ValueError, r"learning_rate must be positive, got -0\.1"),
    "lr-nan": (lambda: gd(learning_rate=np.nan), ValueError, r"learning_rate must be finite, got nan"),
    "lr-inf": (lambda: gd(learning_rate=np.inf), ValueError, r"learning_rate must be finite, got inf"),
    "lr-minus-inf": (lambda: gd(learning_rate=-np.inf), ValueError, r"learning_rate must be finite"),
    "lr-string": (lambda: gd(learning_rate="0.1"), TypeError, r"learning_rate must be a real number, got '0\.1'"),
    "lr-none": (lambda: gd(learning_rate=None), TypeError, r"learning_rate must be a real number"),
    "lr-bool": (lambda: gd(learning_rate=True), TypeError, r"learning_rate must be a real number"),
    "lr-list": (lambda: gd(learning_rate=[0.1]), TypeError, r"learning_rate must be a real number"),
    # ---- batch size
    "batch-0": (lambda: gd(batch_size=0), ValueError, rf"batch_size must be between 1 and {N}, got 0"),
    "batch-negative": (lambda: gd(batch_size=-3), ValueError, r"batch_size must be between 1 and"),
    "batch-n-plus-1": (lambda: gd(batch_size=N + 1), ValueError, rf"batch_size must be between 1 and {N}, got {N + 1}"),
    "batch-2.5": (lambda: gd(batch_size=2.5), TypeError, r"batch_size must be a whole number, got 2\.5"),
    "batch-string": (lambda: gd(batch_size="2"), TypeError, r"batch_size must be a whole number"),
    # ---- epochs
    "epochs-0": (lambda: gd(epochs=0), ValueError, r"epochs must be at least 1, got 0"),
    "epochs-negative": (lambda: gd(epochs=-5), ValueError, r"epochs must be at least 1"),
    "epochs-1.5": (lambda: gd(epochs=1.5), TypeError, r"epochs must be a whole number"),
    "epochs-nan": (lambda: gd(epochs=np.nan), TypeError, r"epochs must be a whole number"),
    # ---- other settings of gradient_descent
    "shuffle-string": (lambda: gd(shuffle="yes"), TypeError, r"shuffle must be True or False"),
    "gd-delta-0": (lambda: gd(loss="huber", delta=0.0), ValueError, r"delta must be positive"),
    # ---- unknown names
    "loss-unknown": (lambda: gd(loss="l2"), ValueError, r"Unknown loss 'l2'\. Valid values: 'mse', 'mae', 'huber'"),
    "loss-not-a-string": (lambda: gd(loss=2), ValueError, r"Unknown loss 2"),
    "surface-loss-unknown": (lambda: grid(loss="hinge"), ValueError, r"Unknown loss 'hinge'\. Valid values: .*'tukey'"),
    "closed-form-method": (
        lambda: lh.fit_closed_form(X1, Y1, method="qr"),
        ValueError,
        r"Unknown method 'qr'.*'lstsq'.*'normal'",
    ),
    "data-set-unknown": (
        lambda: lh.load_dataset("iris"),
        ValueError,
        r"Unknown data set name 'iris'\. Valid values: 'penguins'",
    ),
    # ---- loss_surface specifics
    "surface-two-features": (lambda: grid(X=X3[:, :2]), ValueError, r"X needs exactly one feature"),
    "surface-2d-weights": (lambda: grid(weights=[[0.0, 1.0]]), ValueError, r"weights must be a non-empty 1-D"),
    "surface-empty-biases": (lambda: grid(biases=[]), ValueError, r"biases must be a non-empty 1-D"),
    "surface-nan-weights": (lambda: grid(weights=[0.0, np.nan]), ValueError, r"weights contains 1 non-finite"),
    "surface-huber-delta": (lambda: grid(loss="huber", delta=-2.0), ValueError, r"delta must be positive"),
    "surface-tukey-c": (lambda: grid(loss="tukey", c=0.0), ValueError, r"c must be positive"),
    # ---- closed form
    "closed-form-one-example": (lambda: lh.fit_closed_form([1.0], [2.0]), ValueError, r"X has 1 example\(s\)"),
    # ---- numerical_gradient
    "numgrad-not-callable": (lambda: lh.numerical_gradient(3.0, [1.0]), TypeError, r"f must be a function"),
    "numgrad-vector-valued": (
        lambda: lh.numerical_gradient(lambda p: p, [1.0, 2.0]),
        TypeError,
        r"f must return a single number",
    ),
    "numgrad-2d-params": (lambda: lh.numerical_gradient(np.sum, np.ones((2, 2))), ValueError, r"params must be a 1-D"),
    "numgrad-empty-params": (lambda: lh.numerical_gradient(np.sum, []), ValueError, r"params must be a 1-D"),
    "numgrad-nan-params": (lambda: lh.numerical_gradient(np.sum, [np.nan]), ValueError, r"params contains"),
    "numgrad-eps": (lambda: lh.numerical_gradient(np.sum, [1.0], eps=0.0), ValueError, r"eps must be positive"),
    # ---- make_linear_data
    "make-n-0": (lambda: lh.make_linear_data(0), ValueError, r"n must be at least 1"),
    "make-n-float": (lambda: lh.make_linear_data(2.5), TypeError, r"n must be a whole number"),
    "make-noise-negative": (lambda: lh.make_linear_data(5, noise=-1.0), ValueError, r"noise must be at least 0"),
    "make-weights-2d": (
        lambda: lh.make_linear_data(5, weights=np.ones((2, 2))),
        ValueError,
        r"weights must be a number or a 1-D",
    ),
    "make-weights-nan": (lambda: lh.make_linear_data(5, weights=[1.0, np.nan]), ValueError, r"weights contains"),
    "make-bias-inf": (lambda: lh.make_linear_data(5, bias=np.inf), ValueError, r"bias must be finite"),
    "make-x-range-reversed": (
        lambda: lh.make_linear_data(5, x_range=(3.0, 1.0)),
        ValueError,
        r"x_range must have low < high",
    ),
    "make-x-range-triple": (
        lambda: lh.make_linear_data(5, x_range=(0.0, 1.0, 2.0)),
        ValueError,
        r"x_range must be a pair",
    ),
    "make-outliers-too-many": (
        lambda: lh.make_linear_data(5, outliers=6),
        ValueError,
        r"outliers must be between 0 and 5",
    ),
    "make-outliers-negative": (
        lambda: lh.make_linear_data(5, outliers=-1),
        ValueError,
        r"outliers must be between 0 and 5",
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_raises_the_documented_error(case):
    call, error, fragment = CASES[case]
    with pytest.raises(error, match=fragment):
        call()


@pytest.mark.parametrize("bad", ["l2", "MSE2", "", "squared"])
def test_unknown_loss_lists_every_valid_loss(bad):
    with pytest.raises(ValueError, match="loss") as info:
        gd(loss=bad)
    for name in ("mse", "mae", "huber"):
        assert repr(name) in str(info.value)


def test_unknown_data_set_lists_every_valid_name():
    with pytest.raises(ValueError, match=r"data set name 'palmer'") as info:
        lh.load_dataset("palmer")
    for name in lh.list_datasets():
        assert repr(name) in str(info.value)


def test_loss_names_are_case_insensitive():
    a = gd(loss="Huber")
    b = gd(loss="huber")
    np.testing.assert_array_equal(a.weights, b.weights)
    assert a.loss == "huber"


def test_a_y_column_is_accepted_as_a_vector():
    # a (n, 1) target must not broadcast against (n,) predictions into an (n, n) matrix
    assert lh.mse(Y1[:, None], Y1 + 1.0) == pytest.approx(1.0)
    a = lh.fit_closed_form(X1, Y1[:, None])
    b = lh.fit_closed_form(X1, Y1)
    assert a == b


def test_integer_valued_floats_are_accepted_as_counts():
    h = gd(epochs=2.0, batch_size=np.int64(2))
    assert h.steps == 2 * 2


def test_the_message_says_what_was_received_and_what_is_expected():
    with pytest.raises(ValueError) as info:
        lh.predict(X3, [1.0, 2.0], 0.0)
    msg = str(info.value)
    assert "w" in msg and "3 feature(s)" in msg and "(3,)" in msg and "(2,)" in msg


# --------------------------------------------------------------------------- CSV files
def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "row, cell, kind",
    [
        (3, "", "missing value"),
        (4, "NA", "missing value"),
        (2, "nan", "missing value"),
        (3, "  ", "missing value"),
        (4, "abc", "is not a number"),
        (2, "1,5", "is not a number"),  # a decimal comma splits the row: the quoted cell is not a number
        (3, "inf", "is not finite"),
    ],
)
@pytest.mark.parametrize("column", ["flipper", "mass"])
def test_a_bad_csv_cell_is_reported_with_file_row_and_column(tmp_path, row, cell, kind, column):
    rows = [["species", "flipper", "mass"], ["a", "181", "3750"], ["b", "186", "3800"], ["c", "195", "3250"]]
    rows[row - 1][rows[0].index(column)] = f'"{cell}"' if "," in cell else cell
    path = write(tmp_path, "birds.csv", "\n".join(",".join(r) for r in rows) + "\n")
    with pytest.raises(ValueError, match=re.escape(f"birds.csv, row {row}, column {column!r}")) as info:
        lh.load_csv(path, features=["flipper"], target="mass")
    assert kind in str(info.value)


def test_a_bad_cell_in_a_column_that_is_not_read_is_fine(tmp_path):
    path = write(tmp_path, "ok.csv", "note,x,y\n,1,2\nn/a,3,4\n")
    ds = lh.load_csv(path, features=["x"], target="y")
    np.testing.assert_array_equal(ds.X, [1.0, 3.0])


def test_a_csv_without_the_column_names_it(tmp_path):
    path = write(tmp_path, "cols.csv", "x,y\n1,2\n")
    with pytest.raises(ValueError, match=r"cols\.csv: no column\(s\) \['z'\]"):
        lh.load_csv(path, features=["x"], target="z")


def test_a_csv_without_data_rows(tmp_path):
    path = write(tmp_path, "empty.csv", "x,y\n")
    with pytest.raises(ValueError, match=r"empty\.csv has a header but no data rows"):
        lh.load_csv(path, features=["x"], target="y")


def test_a_missing_csv_file(tmp_path):
    with pytest.raises(ValueError, match=r"No CSV file at .*nowhere\.csv"):
        lh.load_csv(tmp_path / "nowhere.csv", features=["x"], target="y")


def test_a_short_csv_row_is_a_missing_value(tmp_path):
    path = write(tmp_path, "short.csv", "x,y\n1,2\n3\n")
    with pytest.raises(ValueError, match=r"short\.csv, row 3, column 'y': missing value"):
        lh.load_csv(path, features=["x"], target="y")


# ----------------------------------------------------- seed and array types numpy would accept silently
@pytest.mark.parametrize(
    ("seed", "exc", "words"),
    [(-1, ValueError, "at least 0"), ("abc", TypeError, "whole number"), (1.5, TypeError, "whole number")],
)
def test_seed_is_validated_even_for_full_batch(seed, exc, words):
    X, y = lh.make_linear_data(10, seed=0)
    for batch_size in (None, 2):
        with pytest.raises(exc, match=f"seed.*{words}"):
            lh.gradient_descent(X, y, learning_rate=0.01, epochs=1, batch_size=batch_size, seed=seed)


@pytest.mark.parametrize(
    ("X", "words"),
    [
        (np.ma.masked_array([1.0, 2.0, 1e9], mask=[0, 0, 1]), "masked array"),
        (np.array([1 + 1j, 2 + 0j, 3 + 0j]), "complex"),
        (np.array(["2020-01-01", "2020-01-02", "2020-01-03"], dtype="datetime64[D]"), "dates or times"),
        (np.array([1, 2, 3], dtype="timedelta64[s]"), "dates or times"),
    ],
)
def test_odd_array_types_are_rejected(X, words):
    with pytest.raises(TypeError, match=f"X.*{words}"):
        lh.fit_closed_form(X, [1.0, 2.0, 3.0])
