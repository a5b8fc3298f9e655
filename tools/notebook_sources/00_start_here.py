"""Source of notebooks/00_start_here.ipynb. Build with: python tools/build_notebooks.py 00 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md

CELLS = [
    md(r"""
    # 00 · Start here: how a linear regression model is trained

    **Purpose:** find your way around the series, get the interactive figures working, and try
    everything once: a slider, a checked exercise, a one-minute preview.

    **Learning objectives.** After this notebook you can

    1. say what the series teaches and in what order;
    2. run the notebooks locally or on Binder, and fix widgets that do not show;
    3. use the sliders of a dashboard, and the checks of the exercises.

    **Prerequisites:** Python basics (variables, functions, lists); a little numpy helps (the warm-up
    exercises below cover what the series uses); school algebra (the equation of a straight line).
    Calculus beyond "the derivative of $x^2$ is $2x$" is explained when it is needed.
    """),
    md(r"""
    ## Contents

    The series follows one model, the straight line $\hat y = wx + b$, from "what is it" to "how is it
    trained", one idea per notebook. Each builds on the ones before; take them in order.

    | | notebook | what you learn |
    |---|---|---|
    | 00 | [Start here](00_start_here.ipynb) | how to use the series (this notebook) |
    | 01 | [The model](01_model.ipynb) | features and labels, $\hat y = wx + b$ and $\hat{\mathbf y} = X\mathbf w + b$, the bias, noise, residuals |
    | 02 | [Losses](02_losses.ipynb) | L1/L2, MAE, MSE, RMSE, Huber; units; why outliers pull the MSE fit and not the MAE fit |
    | 03 | [Gradients](03_gradients.ipynb) | slopes, partial derivatives of the MSE, the gradient vector, checking it numerically |
    | 04 | [Gradient descent](04_gradient_descent.ipynb) | the training loop; the learning rate: too small, just right, diverging |
    | 05 | [Batch sizes](05_batch_sizes.ipynb) | full batch, mini-batch and stochastic gradient descent; epochs and iterations |
    | 06 | [Convexity](06_convexity.ipynb) | why the MSE of a linear model has no local minimum other than the global one (often a single best line; with collinear features a flat valley of them), and what a non-convex loss looks like |
    | 07 | [Many features](07_many_features.ipynb) | the matrix form, the normal equation, feature scaling |
    | 08 | [From scratch to PyTorch](08_from_scratch_to_pytorch.ipynb) | optional: the same training loop with PyTorch tensors and autograd |
    | 09 | [Training in practice](09_training_in_practice.ipynb) | a validation set and early stopping, learning-rate schedules, momentum, ridge regression |

    Each notebook has the same parts: learning objectives, short sections of explanation, equations and
    small code cells, a **live dashboard** to play with, a summary, and **exercises** that check your
    answer.
    """),
    md(r"""
    ## Running the notebooks

    **On your computer** (Python 3.11, and `make`): in a terminal, in the folder of the series, run

    ```bash
    make lab     # first time: creates .venv and installs everything (a few minutes); then opens JupyterLab
    make test    # optional: runs every test, notebooks included
    ```

    **With conda:** `conda env create -f environment.yml`, then `conda activate linreg-series`,
    `python -m pip install --no-deps -e .` and `jupyter lab notebooks/00_start_here.ipynb`.

    **On Binder** (nothing to install): once the repository is published, the README's *launch Binder*
    badge opens this notebook in JupyterLab in your browser (until then the badge has no address to go
    to; use one of the two ways above). Binder sessions are temporary: download any notebook you changed
    (*File → Download*) before you leave.

    Use **JupyterLab** (what `make lab` and Binder open). To run a cell, click it and press **Shift+Enter**.
    Run the cells of a notebook **from the top**: each notebook starts with a setup cell, and later cells
    use what earlier ones computed.

    ## Setup

    Every notebook starts with this cell. `%matplotlib widget` makes figures interactive (zoom, pan,
    live updates); it must run before any figure is drawn.
    """),
    code("""
    %matplotlib widget
    import numpy as np

    import linreg_helpers as lh
    from linreg_helpers import exercises as ex
    """),
    md(r"""
    ## Do the widgets work?

    Run the next cell. It prints the versions that matter for the interactive figures.
    """),
    code("""
    import sys

    import anywidget
    import ipympl
    import ipywidgets
    import matplotlib

    print("Python        ", sys.version.split()[0], "at", sys.executable)
    print("ipywidgets    ", ipywidgets.__version__, "  (need 8.x)")
    print("ipympl        ", ipympl.__version__, "  (`%matplotlib widget`; its front end is jupyter-matplotlib)")
    print("anywidget     ", anywidget.__version__, "  (the dashboards' figures; the front end needs this minor version)")
    print("matplotlib    ", matplotlib.__version__, "  backend:", matplotlib.get_backend())
    print("linreg_helpers", lh.__version__, "  from", lh.__file__)
    """),
    md(r"""
    The preview dashboard below should show sliders and a figure. **If instead you see a line of text such
    as `DescentDashboard(children=(...))`, "Error displaying widget", or no figure at all:**

    1. **JupyterLab 4 or Jupyter Notebook 7**, not the classic Notebook 6. Open the series with `make lab` (or
       Binder). Other front ends need their own widget support.
    2. **Run `%matplotlib widget` first.** If figures were made before it ran, use *Kernel → Restart Kernel…*
       and run the notebook again from the top.
    3. **The right kernel.** `sys.executable` above should point into the project's `.venv` (or your conda
       environment). If not, pick that kernel (top right of the notebook).
    4. **Matching versions.** The front end must have the same minor versions as the kernel (above): anywidget's
       own, `jupyter-matplotlib` for ipympl and `@jupyter-widgets/jupyterlab-manager` for ipywidgets. In a
       terminal, `jupyter labextension list` should show all three as *enabled OK*. If anywidget's is missing or
       of another version, each dashboard shows a static picture and says what to install.
    5. **After installing or upgrading** ipympl, anywidget or ipywidgets: stop JupyterLab, start it again, and
       reload the browser tab. Restarting the kernel is not enough for the front-end part.

    ## How to use the sliders

    * **Drag** a slider with the mouse; the figure follows as you move.
    * For **fine steps**, click a slider and use the **← →** arrow keys.
    * To set an **exact value**, click the number next to the slider, type, and press **Enter**.
    * The **learning-rate** slider is logarithmic: each step multiplies the rate, so it spans "crawl" to
      "explode".
    * The line of text **under the figure** reads out the current $w$, $b$ and loss.
    * **Reset** returns every control to its starting value.
    * The **demonstration preset** menu (top left of every dashboard) sets all controls at once to a prepared
      situation worth looking at ("just right", "diverging", …); move any slider afterwards to explore from there.
    * **Show as code** prints the `lh.…` call that computes what the figure shows, to copy into a cell.

    ## A one-minute preview

    Here is where the series is going: **gradient descent** fitting a line. The figure has four panels:
    **top left** the data and the current line; **top right** the loss over all $(w, b)$ as a surface, with the
    path of the descent; **bottom left** the same surface seen from above (its contour lines), with the path
    and the ★ minimum; **bottom right** the loss after every step. The read-out under the figure gives the numbers.

    Try this:

    1. Move the **learning rate** slowly to the left. The path gets shorter: training **crawls**.
    2. Move it slowly to the right end. Near the end the steps overshoot and **zig-zag** across the valley;
       at the very end the loss **explodes**, and the dashboard says so.
    3. Set the **batch size** to 1. Each step now looks at one example: the path becomes **noisy**.
    4. Press **Reset**.

    By notebook 05 you will know why each of these happens.
    """),
    code("lh.descent_dashboard()", tags=["dashboard"]),
    md(r"""
    The same training, without sliders: `lh.gradient_descent` runs 1000 passes (epochs) over 100 seeded points from
    $y = 2x + 1 + \text{noise}$ and ends close to the exact best line, which `lh.fit_closed_form` computes directly.
    """),
    code("""
    x, y = lh.make_linear_data(n=100, seed=0)  # seeded: the same numbers on every run
    history = lh.gradient_descent(x, y, learning_rate=0.02, epochs=1000)
    w_best, b_best = lh.fit_closed_form(x, y)
    """),
    checked("""
    print(f"gradient descent: w = {history.w[0]:.3f}, b = {history.b:.3f}, MSE = {history.losses[-1]:.4f}")
    print(f"exact best line:  w = {w_best:.3f}, b = {b_best:.3f}, MSE = {lh.mse(y, lh.predict(x, w_best, b_best)):.4f}")
    """),
    md(r"""
    ## For teachers: lecture mode

    On a projector, switch on **lecture mode** before building the dashboards: larger fonts, thicker lines,
    bigger figures (colours are colour-blind safe in both modes). It applies to every dashboard and figure created
    afterwards; re-run a dashboard's cell to redraw it.

    ```python
    lh.lecture_mode()        # on
    lh.lecture_mode(False)   # off again
    ```

    A single dashboard can also be built large with `lh.descent_dashboard(lecture=True)`.

    ## Notation used throughout

    | symbol | meaning |
    |---|---|
    | $n$, $M$ | number of examples, number of features |
    | $x$ (or $X$, shape $(n, M)$), $y$ | features and labels (observations) |
    | $w$ (or $\mathbf w$, shape $(M,)$), $b$ | weight(s) and bias: the parameters |
    | $\hat y = wx + b$ | the model's prediction |
    | $r_i = \hat y_i - y_i$ | residual: prediction **minus** observation (statistics books usually define it as $y_i - \hat y_i$; only the sign differs, see notebook 01) |
    | `loss(y_true, y_pred)` | every loss takes the observations first, as in scikit-learn |
    | $\mathrm{MSE} = \frac1n\sum r_i^2$ | mean squared error, **no ½** (notebook 03 explains the choice) |
    | $\eta$ | learning rate |

    ## How the exercises work

    Each exercise has a cell with a `...` to replace, followed by a **check**. Run the cell: the check says
    **✅ Correct**, or gives a **hint** about the typical mistake (it never prints the answer), or says the
    exercise is **not answered yet**. Nothing breaks if you skip one. The **Solution** under each exercise is
    folded: click it when you have tried.

    For example, this answer to warm-up 00.2 below forgets to divide, and the check says so:
    """),
    code("""
    ex.check_mean(lambda v: np.sum(v))
    """),
    md(r"""
    ## Summary

    * The series goes 00 → 07: model, losses, gradients, gradient descent, batch sizes, convexity, many features
      (and the optional 08: the same loop in PyTorch).
    * Run it with `make lab` (or conda, or Binder), in JupyterLab, each notebook from the top.
    * No widgets? JupyterLab, `%matplotlib widget` first, the right kernel, matching anywidget/ipympl/ipywidgets
      versions, then restart JupyterLab.
    * Sliders: drag, arrow keys, or type a value; **Reset** goes back. Teachers: `lh.lecture_mode()`.
    * Exercises: replace `...`, run, read the check; the solution is one click away.

    **Next:** [01 · The model](01_model.ipynb).

    """),
    *concept_check("00"),
    md(r"""
    ## Warm-up exercises

    Three small numpy exercises, to try the checks and to practise what the series uses.
    """),
    *exercise(
        "00.1",
        r"""
        Make a numpy array `x` holding the 11 numbers $0, 0.5, 1, \dots, 5$ (both ends included).
        """,
        """
        x = ...

        ex.check_grid(x)
        """,
    ),
    *exercise(
        "00.2",
        r"""
        Write `my_mean(v)` that returns the average of a 1-D array `v` without using `np.mean`.
        """,
        """
        def my_mean(v):
            ...  # your code here


        ex.check_mean(my_mean)
        """,
    ),
    *exercise(
        "00.3",
        r"""
        Compute the dot product `d` of $\mathbf a = [1, 2, 3]$ and $\mathbf b = [4, 5, 6]$: multiply matching entries
        and add the products. (In notebook 01, every prediction of a many-feature model is such a dot product.)
        """,
        """
        a = np.array([1.0, 2.0, 3.0])
        b = np.array([4.0, 5.0, 6.0])
        d = ...

        ex.check_dot(d)
        """,
    ),
]
