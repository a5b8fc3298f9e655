"""Which notebook cell, and which run of it, the kernel is executing (for cleaning up after re-runs)."""

from __future__ import annotations


def _parent() -> dict:
    try:
        from IPython import get_ipython

        kernel = getattr(get_ipython(), "kernel", None)
        return (kernel.get_parent() if kernel is not None else None) or {}
    except Exception:  # no IPython, or an ipykernel without get_parent: nothing to tell
        return {}


def current_cell_id() -> str | None:
    """The id of the notebook cell being run (JupyterLab and Notebook 7 send it), or None outside one."""
    cell = _parent().get("metadata", {}).get("cellId")
    return cell if isinstance(cell, str) and cell else None


def current_run_id() -> str | None:
    """An id of this execution request (one per run of a cell), or None outside a kernel."""
    run = _parent().get("header", {}).get("msg_id")
    return run if isinstance(run, str) and run else None
