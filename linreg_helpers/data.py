"""Data sets: seeded synthetic data (``make_*``) and small real ones (``load_*``).

Introduced in ``01_model``. The real data sets live as CSV files in the
repository's ``data/`` folder; ``data/README.md`` gives their provenance,
licence, columns, units and the rows dropped for missing values. The build
maps that folder into the package (``linreg_helpers/datasets/`` in a wheel or a
``pip install .``), so an installed package finds them too.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from . import _validation as v

__all__ = ["DATA_DIR", "Dataset", "list_datasets", "load_csv", "load_dataset", "make_linear_data"]


def _shipped_data_dir() -> Path:
    """Where the shipped CSV files are: inside an installed package, else in the checkout's ``data/``.

    ``pyproject.toml`` maps the repository's ``data/`` folder to the subpackage
    ``linreg_helpers.datasets``: a wheel (and a plain ``pip install .``) has the files
    there. An editable install or a source checkout has only the top-level folder.
    """
    here = Path(__file__).resolve().parent
    installed, checkout = here / "datasets", here.parent / "data"
    return installed if installed.is_dir() else checkout


DATA_DIR = Path(os.environ.get("LINREG_DATA_DIR") or _shipped_data_dir())
"""Folder holding the shipped CSV files (override with ``$LINREG_DATA_DIR``)."""


@dataclass(frozen=True)
class Dataset:
    """A small regression data set with its provenance.

    Attributes
    ----------
    X : ndarray, shape (n,) or (n, M)
        Features; 1-D when there is one feature.
    y : ndarray, shape (n,)
        Target (label) values.
    feature_names : tuple of str
        One name per feature column, with its unit in brackets.
    target_name : str
        Name of the target, with its unit in brackets.
    description : str
        What the rows are and what was done to them.
    source : str
        Where the data come from (citation).
    licence : str
        Licence under which the data may be reused.
    name : str
        The name :func:`load_dataset` knows it by.
    """

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, ...]
    target_name: str
    description: str
    source: str
    licence: str
    name: str = ""
    extra: dict[str, np.ndarray] = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        """Number of examples."""
        return int(self.y.shape[0])

    def __repr__(self) -> str:  # short, for notebooks
        return (
            f"Dataset({self.name!r}: {self.n} examples, features={list(self.feature_names)}, "
            f"target={self.target_name!r}, licence={self.licence!r})"
        )


def make_linear_data(
    n: int = 100,
    *,
    weights: float | np.ndarray = 2.0,
    bias: float = 1.0,
    noise: float = 1.0,
    x_range: tuple[float, float] = (0.0, 10.0),
    outliers: int = 0,
    outlier_shift: float | None = None,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """Draw a seeded synthetic data set ``y = X·w + b + ε``.

    Parameters
    ----------
    n : int
        Number of examples (≥ 1).
    weights : float or array_like, shape (M,)
        True weights. A number gives one feature and a 1-D ``X``.
    bias : float
        True bias (intercept), in units of ``y``.
    noise : float
        Standard deviation of the Gaussian noise ε (≥ 0), in units of ``y``.
    x_range : (float, float)
        Features are drawn uniformly from ``[low, high)``.
    outliers : int
        How many examples (chosen at random) get ``outlier_shift`` added to ``y``.
    outlier_shift : float, optional
        Size of the outliers' shift in units of ``y``; default ``10 * max(noise, 1)``.
    seed : int
        Seed for :func:`numpy.random.default_rng`; the same seed gives the same data.

    Returns
    -------
    X : ndarray, shape (n,) or (n, M)
    y : ndarray, shape (n,)

    Examples
    --------
    >>> X, y = make_linear_data(5, seed=1)
    >>> X.shape, y.shape
    ((5,), (5,))
    """
    n = v.check_int(n, "n", minimum=1)
    w = v.as_float_array(weights, "weights")
    if w.ndim > 1:
        raise ValueError(f"weights must be a number or a 1-D array, got shape {w.shape}.")
    if w.size == 0:
        raise ValueError("weights must hold at least one number (one weight per feature), got an empty array.")
    v.check_finite(np.atleast_1d(w), "weights")
    bias = v.check_scalar(bias, "bias")
    noise = v.check_scalar(noise, "noise", minimum=0.0)
    seed = v.check_seed(seed)
    if isinstance(x_range, (str, bytes)) or not hasattr(x_range, "__len__"):
        raise TypeError(f"x_range must be a pair (low, high) such as (0, 10), got {x_range!r}.")
    if len(x_range) != 2:
        raise ValueError(f"x_range must be a pair (low, high), got {x_range!r}.")
    low = v.check_scalar(x_range[0], "x_range[0]")
    high = v.check_scalar(x_range[1], "x_range[1]")
    if not high > low:
        raise ValueError(f"x_range must have low < high, got {x_range!r}.")
    outliers = v.check_int(outliers, "outliers", minimum=0, maximum=n)
    shift = 10.0 * max(noise, 1.0) if outlier_shift is None else v.check_scalar(outlier_shift, "outlier_shift")

    rng = np.random.default_rng(seed)
    n_features = 1 if w.ndim == 0 else w.shape[0]
    X = rng.uniform(low, high, size=(n, n_features))
    y = X @ np.atleast_1d(w) + bias + noise * rng.standard_normal(n)
    if outliers:
        idx = rng.choice(n, size=outliers, replace=False)
        y[idx] += shift
    return (X[:, 0] if w.ndim == 0 else X), y


# --------------------------------------------------------------------------- CSV
_ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
"""Tried in this order: UTF-8 (with or without Excel's BOM), then Windows' cp1252, then Latin-1."""


def _check_csv_arguments(
    path: object, features: object, target: object, keep: object, scale: object
) -> tuple[list[str], str, list[str], dict[str, float]]:
    """Validate :func:`load_csv`'s arguments before the file is opened."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name (str or pathlib.Path), got {v._describe(path)}.")
    if isinstance(features, str):
        features = [features]  # one column name, not its letters
    if not isinstance(features, (list, tuple)) or not all(isinstance(f, str) for f in features):
        raise TypeError(f"features must be a column name or a list of column names, got {v._describe(features)}.")
    if not features:
        raise ValueError("features is empty: name at least one feature column, e.g. features=['x'].")
    if not isinstance(target, str):
        raise TypeError(f"target must be one column name (a str), got {v._describe(target)}.")
    if isinstance(keep, str):
        keep = [keep]
    if not isinstance(keep, (list, tuple)) or not all(isinstance(k, str) for k in keep):
        raise TypeError(f"keep must be a list of column names, got {v._describe(keep)}.")
    if scale is None:
        scale = {}
    if not isinstance(scale, dict):
        raise TypeError(
            f"scale must be a dict from column name to factor, e.g. {{'weight_lb': 1e-3}}, got {v._describe(scale)}."
        )
    factors = {str(k): v.check_scalar(f, f"scale[{k!r}]") for k, f in scale.items()}
    return list(features), target, list(keep), factors


def _read_csv_rows(path: Path) -> tuple[list[list[str]], str]:
    """The file's rows as lists of cells, decoded and split the way spreadsheets write CSV.

    Tries UTF-8 (a BOM is dropped), then cp1252, then Latin-1; line endings may be
    LF or CRLF; the separator (``,``, ``;`` or a tab) is detected from the header line.
    """
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise ValueError(
            f"{path.name} is not a text CSV file (it contains NUL bytes: a compressed or binary file?). "
            "Export it from the spreadsheet as CSV."
        )
    for encoding in _ENCODINGS:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    first = text.splitlines()[0] if text.strip() else ""
    counts = {sep: first.count(sep) for sep in (",", ";", "\t")}
    sep = max(counts, key=lambda k: (counts[k], k == ","))
    if counts[sep] == 0:
        sep = ","
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=sep)), sep


def _check_header(file_name: str, header: list[str], raw: list[str]) -> None:
    """Raise for duplicated column names, naming both columns."""
    seen: dict[str, int] = {}
    for column, name in enumerate(header, start=1):
        if name in seen and name:
            raise ValueError(
                f"{file_name}, row 1: the column name {name!r} appears twice (columns {seen[name]} and {column}); "
                "rename one of them so that each column has its own name."
            )
        seen[name] = column


def load_csv(
    path: str | os.PathLike[str],
    *,
    features: list[str] | tuple[str, ...],
    target: str,
    scale: dict[str, float] | None = None,
    name: str = "",
    description: str = "",
    source: str = "",
    licence: str = "",
    keep: list[str] | tuple[str, ...] = (),
) -> Dataset:
    """Read numeric columns of a CSV file into a :class:`Dataset`.

    Every cell of the requested columns must be a number: a missing or
    non-numeric value raises ``ValueError`` naming the file, the row (as
    numbered in a spreadsheet, header = row 1) and the column.

    The file is read the way spreadsheets write CSV: UTF-8 with or without a
    BOM (Excel's "CSV UTF-8"), else cp1252 / Latin-1; LF or CRLF line endings;
    the separator ``,``, ``;`` or a tab, detected from the header line (with
    ``;`` a decimal comma such as ``1,5`` reads as 1.5). A duplicated column
    name, or a row with more cells than the header, is an error naming the
    row and column; a short row is a missing value.

    Parameters
    ----------
    path : path-like
        CSV file with a header row.
    features : str or list of str
        Feature columns, in order. One column (a str is one column name) gives
        a 1-D ``X`` of shape (n,); M columns give shape (n, M).
    target : str
        Target column.
    scale : dict, optional
        Multiply a column by a factor after reading (e.g. pounds → 1000 lb);
        every key must be one of the feature or target columns.
    keep : list of str
        Extra (text) columns to keep in ``Dataset.extra``.
    name, description, source, licence : str
        Metadata stored on the result.
    """
    features, target, keep, scale = _check_csv_arguments(path, features, target, keep, scale)
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"No CSV file at {str(path)!r}.")
    rows, sep = _read_csv_rows(path)
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise ValueError(f"{path.name} is empty: a CSV file needs a header row and at least one data row.")
    header = [cell.strip() for cell in rows[0]]
    _check_header(path.name, header, rows[0])
    wanted = [*features, target]
    missing = [c for c in wanted + list(keep) if c not in header]
    if missing:
        others = [o for o in (",", ";", "\t") if o != sep and any(o in h for h in header)]
        hint = f" Another separator ({others[0]!r}) appears in the header: is the file consistent?" if others else ""
        raise ValueError(
            f"{path.name}: no column(s) {missing}; the columns are {header} "
            f"(read with the separator {sep!r}, detected from the header line).{hint}"
        )
    unknown = [c for c in scale if c not in wanted]
    if unknown:
        raise ValueError(
            f"scale names column(s) {unknown} that are not among the features or the target {wanted}; "
            "scale keys must be column names exactly as in the header."
        )
    position = {c: header.index(c) for c in wanted + list(keep)}
    columns: dict[str, list[float]] = {c: [] for c in wanted}
    kept: dict[str, list[str]] = {c: [] for c in keep}
    for row_number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line, as spreadsheets sometimes leave at the end
        if len(row) > len(header):
            extra = len(header) + 1
            raise ValueError(
                f"{path.name}, row {row_number}, column {extra}: the row has {len(row)} cells but the header "
                f"has {len(header)} columns ({row[len(header)]!r} has no column). Remove the extra cell or add "
                "a header for it (a stray separator in a cell needs quotes)."
            )
        for c in wanted:
            cell = row[position[c]].strip() if position[c] < len(row) else ""
            if cell == "" or cell.upper() in {"NA", "NAN", "NULL", "NONE"}:
                raise ValueError(f"{path.name}, row {row_number}, column {c!r}: missing value ({cell!r}).")
            if sep == ";" and cell.count(",") == 1 and "." not in cell:
                cell = cell.replace(",", ".")  # a decimal comma, as ';'-separated spreadsheets write
            try:
                value = float(cell)
            except ValueError:
                raise ValueError(
                    f"{path.name}, row {row_number}, column {c!r}: {cell!r} is not a number "
                    f"(the file is read with the separator {sep!r})."
                ) from None
            if not np.isfinite(value):
                raise ValueError(f"{path.name}, row {row_number}, column {c!r}: {cell!r} is not finite.")
            columns[c].append(value)
        for c in keep:
            kept[c].append(row[position[c]] if position[c] < len(row) else "")
    if not columns[target]:
        raise ValueError(f"{path.name} has a header but no data rows.")
    arrays = {c: np.asarray(vals) * scale.get(c, 1.0) for c, vals in columns.items()}
    X = np.column_stack([arrays[c] for c in features])
    return Dataset(
        X=X[:, 0] if len(features) == 1 else X,
        y=arrays[target],
        feature_names=tuple(features),
        target_name=target,
        description=description,
        source=source,
        licence=licence,
        name=name,
        extra={c: np.asarray(vals) for c, vals in kept.items()},
    )


_PENGUINS = dict(
    source=(
        "Gorman KB, Williams TD, Fraser WR (2014), PLoS ONE 9(3): e90081; Palmer Station LTER. "
        "Via the palmerpenguins package (Horst, Hill & Gorman 2020)."
    ),
    licence="CC0 1.0",
)
_ANSCOMBE = dict(
    source="Anscombe FJ (1973), 'Graphs in Statistical Analysis', The American Statistician 27(1): 17-21.",
    licence="Public domain (published facts; no copyright claimed)",
)
_CARS = dict(
    source=(
        "Auto MPG, UCI Machine Learning Repository (Quinlan 1993; originally StatLib, CMU). "
        "Via the vega_datasets package."
    ),
    licence="CC BY 4.0",
)

_REGISTRY: dict[str, dict] = {
    "penguins": dict(
        file="penguins.csv",
        features=["flipper_length_mm"],
        target="body_mass_g",
        keep=["species"],
        description="342 Palmer penguins: flipper length [mm] -> body mass [g] (2 rows with missing values dropped).",
        **_PENGUINS,
    ),
    **{
        f"anscombe{i}": dict(
            file="anscombe.csv",
            features=["x"],
            target="y",
            subset=("dataset", roman),
            description=f"Anscombe's quartet, set {roman}: 11 points with the same mean, variance, correlation "
            "and least-squares line as the other three sets.",
            **_ANSCOMBE,
        )
        for i, roman in enumerate(["I", "II", "III", "IV"], start=1)
    },
    "cars": dict(
        file="cars.csv",
        features=["weight_lb"],
        target="mpg",
        scale={"weight_lb": 1e-3},
        rename={"weight_lb": "weight_1000lb"},
        keep=["name"],
        description="392 cars (1970-82): weight [1000 lb] -> fuel efficiency [miles per US gallon] "
        "(14 rows with a missing mpg or horsepower dropped).",
        **_CARS,
    ),
    "cars_multi": dict(
        file="cars.csv",
        features=["weight_lb", "horsepower", "displacement_cu_in"],
        target="mpg",
        keep=["name"],
        description="392 cars (1970-82): weight [lb], horsepower [hp], displacement [cubic inches] -> "
        "fuel efficiency [miles per US gallon], in the original units (for feature scaling).",
        **_CARS,
    ),
}


def list_datasets() -> list[str]:
    """Names accepted by :func:`load_dataset`.

    Examples
    --------
    >>> "penguins" in list_datasets()
    True
    """
    return list(_REGISTRY)


def load_dataset(name: str) -> Dataset:
    """Load one of the shipped real data sets.

    Parameters
    ----------
    name : str
        One of :func:`list_datasets`: ``"penguins"`` (flipper length → body mass),
        ``"anscombe1"`` … ``"anscombe4"``, ``"cars"`` (weight → mpg) and
        ``"cars_multi"`` (weight, horsepower, displacement → mpg).

    Returns
    -------
    Dataset
        With ``X`` of shape ``(n,)`` (one feature) or ``(n, M)``.

    Examples
    --------
    >>> ds = load_dataset("anscombe1")
    >>> ds.X.shape, round(float(ds.y.mean()), 2)
    ((11,), 7.5)
    """
    key = v.check_choice(name, "data set name", list(_REGISTRY))
    spec = _REGISTRY[key]
    keep = list(spec.get("keep", []))
    subset = spec.get("subset")
    if subset:
        keep.append(subset[0])
    ds = load_csv(
        DATA_DIR / spec["file"],
        features=spec["features"],
        target=spec["target"],
        scale=spec.get("scale"),
        keep=keep,
        name=key,
        description=spec["description"],
        source=spec["source"],
        licence=spec["licence"],
    )
    X, y, extra = ds.X, ds.y, ds.extra
    if subset:
        mask = extra.pop(subset[0]) == subset[1]
        X, y = X[mask], y[mask]
        extra = {k: a[mask] for k, a in extra.items()}
    rename = spec.get("rename", {})
    names = tuple(rename.get(f, f) for f in spec["features"])
    return Dataset(
        X=X,
        y=y,
        feature_names=names,
        target_name=ds.target_name,
        description=ds.description,
        source=ds.source,
        licence=ds.licence,
        name=key,
        extra=extra,
    )
