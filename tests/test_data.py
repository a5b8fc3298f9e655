"""Shipped data sets, the CSV reader and the synthetic-data generator."""

from __future__ import annotations

import numpy as np
import pytest

import linreg_helpers as lh

DATASETS = lh.list_datasets()


def test_the_documented_names_are_all_there():
    assert {"penguins", "anscombe1", "anscombe2", "anscombe3", "anscombe4", "cars"} <= set(DATASETS)
    assert len(DATASETS) == len(set(DATASETS))


@pytest.mark.parametrize("name", DATASETS)
def test_every_data_set_loads_cleanly(name):
    ds = lh.load_dataset(name)
    assert isinstance(ds, lh.Dataset)
    assert ds.name == name
    assert ds.X.dtype == np.float64 and ds.y.dtype == np.float64
    assert ds.y.ndim == 1 and ds.X.ndim in (1, 2)
    assert ds.X.shape[0] == ds.y.shape[0] == ds.n > 0
    assert np.isfinite(ds.X).all() and np.isfinite(ds.y).all()
    n_features = 1 if ds.X.ndim == 1 else ds.X.shape[1]
    assert len(ds.feature_names) == n_features
    assert all(isinstance(f, str) and f.strip() for f in ds.feature_names)
    for text in (ds.target_name, ds.description, ds.source, ds.licence):
        assert isinstance(text, str) and text.strip()
    assert name in repr(ds)


@pytest.mark.parametrize("name", DATASETS)
def test_loading_twice_gives_equal_independent_arrays(name):
    a, b = lh.load_dataset(name), lh.load_dataset(name)
    np.testing.assert_array_equal(a.X, b.X)
    np.testing.assert_array_equal(a.y, b.y)
    a.y[0] += 1.0
    assert a.y[0] != b.y[0]


@pytest.mark.parametrize("name", ["Penguins", "CARS"])
def test_names_are_case_insensitive(name):
    assert lh.load_dataset(name).name == name.lower()


@pytest.mark.parametrize("name, n", [("penguins", 342), ("cars", 392), ("cars_multi", 392)])
def test_row_counts(name, n):
    assert lh.load_dataset(name).n == n


def test_penguins_values_are_plausible():
    ds = lh.load_dataset("penguins")
    assert ds.X.ndim == 1
    assert 170 <= ds.X.min() and ds.X.max() <= 235  # flipper length [mm]
    assert 2500 <= ds.y.min() and ds.y.max() <= 6500  # body mass [g]
    assert set(ds.extra["species"]) == {"Adelie", "Chinstrap", "Gentoo"}
    assert "CC0" in ds.licence


def test_cars_values_are_plausible():
    ds = lh.load_dataset("cars")
    assert ds.X.ndim == 1
    assert 1.5 <= ds.X.min() and ds.X.max() <= 5.5  # weight [1000 lb]
    assert 9 <= ds.y.min() and ds.y.max() <= 47  # mpg
    w, _ = lh.fit_closed_form(ds.X, ds.y)
    assert w < 0  # heavier cars go fewer miles per gallon
    multi = lh.load_dataset("cars_multi")
    assert multi.X.shape == (392, 3)
    np.testing.assert_allclose(multi.X[:, 0] / 1000, ds.X)
    np.testing.assert_array_equal(multi.y, ds.y)


@pytest.mark.parametrize("i", [1, 2, 3, 4])
def test_anscombe_sets_share_their_statistics(i):
    ds = lh.load_dataset(f"anscombe{i}")
    assert ds.n == 11
    assert ds.X.mean() == pytest.approx(9.0, rel=1e-12)
    assert ds.X.var(ddof=1) == pytest.approx(11.0, rel=1e-12)
    assert round(float(ds.y.mean()), 2) == 7.50
    w, b = lh.fit_closed_form(ds.X, ds.y)
    assert round(w, 2) == 0.50
    assert round(w, 3) == 0.500
    assert round(b, 2) == 3.00
    assert np.corrcoef(ds.X, ds.y)[0, 1] == pytest.approx(0.816, abs=1e-3)


def test_the_anscombe_sets_differ():
    ys = [lh.load_dataset(f"anscombe{i}").y for i in range(1, 5)]
    for i in range(4):
        for j in range(i + 1, 4):
            assert not np.array_equal(ys[i], ys[j])


# --------------------------------------------------------------------------- load_csv
def test_load_csv_reads_columns(tmp_path):
    path = tmp_path / "tiny.csv"
    path.write_text("label,a,b,t\nfirst,1,2.5,3\nsecond,4,5,-6e1\n", encoding="utf-8")
    ds = lh.load_csv(path, features=["a", "b"], target="t", keep=["label"], scale={"b": 2.0}, name="tiny")
    np.testing.assert_array_equal(ds.X, [[1.0, 5.0], [4.0, 10.0]])
    np.testing.assert_array_equal(ds.y, [3.0, -60.0])
    assert ds.feature_names == ("a", "b") and ds.target_name == "t"
    assert list(ds.extra["label"]) == ["first", "second"]
    one = lh.load_csv(path, features=["a"], target="t")
    assert one.X.shape == (2,)


# --------------------------------------------------------------------------- make_linear_data
def test_make_linear_data_is_reproducible():
    a = lh.make_linear_data(50, weights=[1.0, 2.0], seed=3)
    b = lh.make_linear_data(50, weights=[1.0, 2.0], seed=3)
    c = lh.make_linear_data(50, weights=[1.0, 2.0], seed=4)
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    assert not np.array_equal(a[1], c[1])


def test_make_linear_data_defaults():
    X, y = lh.make_linear_data()
    assert X.shape == (100,) and y.shape == (100,)
    assert 0.0 <= X.min() and X.max() < 10.0


@pytest.mark.parametrize("n", [1, 7, 200])
def test_make_linear_data_shapes(n):
    X, y = lh.make_linear_data(n, weights=-1.5)
    assert X.shape == (n,) and y.shape == (n,)
    X, y = lh.make_linear_data(n, weights=[1.0, 2.0, 3.0])
    assert X.shape == (n, 3) and y.shape == (n,)
    X, y = lh.make_linear_data(n, weights=[4.0])
    assert X.shape == (n, 1) and y.shape == (n,)


@pytest.mark.parametrize(
    "weights, bias",
    [(2.0, 1.0), (-0.75, 12.5), ([1.0, -2.0, 0.5], 0.3), ([3.0, 0.0], -4.0)],
)
def test_make_linear_data_respects_weights_and_bias(weights, bias):
    X, y = lh.make_linear_data(40, weights=weights, bias=bias, noise=0.0, x_range=(-3.0, 5.0), seed=9)
    assert -3.0 <= X.min() and X.max() < 5.0
    np.testing.assert_allclose(y, lh.predict(X, weights, bias), rtol=1e-12, atol=1e-12)
    w, b = lh.fit_closed_form(X, y)
    np.testing.assert_allclose(w, weights, rtol=1e-9, atol=1e-9)
    assert b == pytest.approx(bias, rel=1e-9, abs=1e-9)


def test_make_linear_data_noise_has_the_requested_size():
    X, y = lh.make_linear_data(20_000, weights=2.0, bias=1.0, noise=0.5, seed=0)
    r = y - (2.0 * X + 1.0)
    assert r.std() == pytest.approx(0.5, rel=0.03)
    assert abs(r.mean()) < 0.02


@pytest.mark.parametrize("k", [0, 1, 5, 30])
@pytest.mark.parametrize("shift", [None, -7.5])
def test_outliers_shift_exactly_k_targets(k, shift):
    X0, y0 = lh.make_linear_data(30, noise=1.0, seed=6)
    X, y = lh.make_linear_data(30, noise=1.0, outliers=k, outlier_shift=shift, seed=6)
    np.testing.assert_array_equal(X, X0)
    moved = y != y0
    assert moved.sum() == k
    expected_shift = 10.0 if shift is None else shift  # default: 10 · max(noise, 1)
    np.testing.assert_allclose(y[moved] - y0[moved], expected_shift, rtol=1e-12)


# ------------------------------------------------------- load_csv: files as spreadsheets write them
@pytest.mark.parametrize(
    ("content", "label"),
    [
        ("\ufeffx,y\r\n1,2\r\n2,4\r\n3,6.5\r\n".encode(), "UTF-8 with BOM and CRLF (Excel 'CSV UTF-8')"),
        (b"x;y\n1;2\n2;4\n3;6,5\n", "semicolons and a decimal comma"),
        (b"x\ty\n1\t2\n2\t4\n3\t6.5\n", "tabs"),
        (b"x,y\r\n1,2\r\n2,4\r\n3,6.5\r\n\r\n", "CRLF with a trailing blank line"),
    ],
)
def test_load_csv_reads_spreadsheet_csv(tmp_path, content, label):
    path = tmp_path / "s.csv"
    path.write_bytes(content)
    ds = lh.load_csv(path, features=["x"], target="y")
    np.testing.assert_array_equal(ds.X, [1.0, 2.0, 3.0])
    np.testing.assert_array_equal(ds.y, [2.0, 4.0, 6.5])


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_load_csv_reads_windows_and_latin1_text(tmp_path, encoding):
    path = tmp_path / "l.csv"
    path.write_bytes("x,y,nom\n1,2,café\n2,4,crème\n".encode(encoding))
    ds = lh.load_csv(path, features=["x"], target="y", keep=["nom"])
    assert list(ds.extra["nom"]) == ["café", "crème"]


def test_load_csv_string_feature_is_one_column(tmp_path):
    path = tmp_path / "g.csv"
    path.write_text("flipper,y\n1,2\n2,4\n")
    ds = lh.load_csv(path, features="flipper", target="y")
    assert ds.feature_names == ("flipper",)
    np.testing.assert_array_equal(ds.X, [1.0, 2.0])


def test_load_csv_duplicated_header_names_row_and_columns(tmp_path):
    path = tmp_path / "d.csv"
    path.write_text("x,y,y\n1,2,3\n2,4,5\n")
    with pytest.raises(ValueError, match=r"row 1.*'y' appears twice \(columns 2 and 3\)"):
        lh.load_csv(path, features=["x"], target="y")


def test_load_csv_extra_cell_names_row_and_column(tmp_path):
    path = tmp_path / "e.csv"
    path.write_text("x,y\n1,2\n2,4,9\n")
    with pytest.raises(ValueError, match=r"row 3, column 3: the row has 3 cells but the header has 2"):
        lh.load_csv(path, features=["x"], target="y")


def test_load_csv_names_the_separator_it_saw(tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("x;y,z\n1;2\n")
    with pytest.raises(ValueError, match=r"separator ','.*Another separator \(';'\)"):
        lh.load_csv(path, features=["x"], target="z")


def test_load_csv_binary_and_empty_files(tmp_path):
    gz = tmp_path / "b.csv"
    gz.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")
    with pytest.raises(ValueError, match="not a text CSV file"):
        lh.load_csv(gz, features=["x"], target="y")
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(ValueError, match="is empty"):
        lh.load_csv(empty, features=["x"], target="y")
