"""Source of notebooks/08_from_scratch_to_pytorch.ipynb. Build with: python tools/build_notebooks.py 08 --execute

PyTorch is optional: every cell that needs it is guarded, so the notebook runs cleanly (and its
checked outputs are the same) with or without ``torch`` installed.
"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 08 · From scratch to PyTorch: the same training loop with tensors and autograd

    **Purpose:** an optional next step. Write the training loop of this series in PyTorch, the library most deep
    learning is written in, and check that it takes exactly the same steps as `lh.gradient_descent`.

    **Learning objectives.** After this notebook you can

    1. translate the numpy training loop into PyTorch **tensors**, line by line;
    2. let **autograd** compute the gradient (`loss.backward()`), and say what it stores in `.grad`;
    3. explain why the loop must **zero the gradients** every step;
    4. write the idiomatic loop with `nn.Linear`, `nn.MSELoss` and `torch.optim.SGD`, mini-batches included;
    5. check all of them against `lh` to floating-point tolerance, and avoid the **(n, 1) shape trap**.

    **Prerequisites:** [04 · Gradient descent](04_gradient_descent.ipynb), [05 · Batch sizes](05_batch_sizes.ipynb),
    [07 · Many features](07_many_features.ipynb). PyTorch itself is **optional**: without it this notebook still runs,
    shows the numpy side and skips the PyTorch cells (see *Installing PyTorch* below).
    """),
    md("""
    ## Setup
    """),
    code("""
    %matplotlib widget
    import matplotlib.pyplot as plt
    import numpy as np

    import linreg_helpers as lh
    from linreg_helpers import exercises as ex

    try:
        import torch
    except ImportError:  # PyTorch is optional for this notebook
        torch = None
    """),
    md(r"""
    ## Installing PyTorch

    PyTorch is not part of the series' environment (it is large). The next cell says whether this kernel has it.
    If not, every PyTorch cell below prints *skipped* and the notebook still runs to the end. To install it, in a
    terminal with the series' environment active (or in a cell, with `%pip`):

    ```bash
    python -m pip install torch      # the CPU build is all this notebook needs
    ```

    then restart the kernel (*Kernel → Restart Kernel…*) and run the notebook again from the top.
    """),
    code("""
    if torch is None:
        print("PyTorch is not installed: the PyTorch cells will be skipped. Install it with: python -m pip install torch")
    else:
        print(f"PyTorch {torch.__version__} is installed: every cell runs.")
    """),
    md(r"""
    ## 1. The reference: the loop of notebooks 04–07, in numpy

    The cars of notebook 07: three standardised features (weight, horsepower, displacement) and the fuel efficiency
    in mpg. The loop of notebook 04 in matrix form (notebook 07): residuals, the gradient $\frac2n X^\top\mathbf r$
    and $\frac2n\sum_i r_i$, a step against it.
    """),
    code("""
    cars = lh.load_dataset("cars_multi")
    X = (cars.X - cars.X.mean(axis=0)) / cars.X.std(axis=0)  # standardised features (notebook 07)
    y = cars.y
    learning_rate, steps = 0.1, 50


    def train_numpy(X, y, learning_rate, steps):
        n, M = X.shape
        w, b = np.zeros(M), 0.0
        losses = []
        for _ in range(steps):
            r = X @ w + b - y  # residuals r = ŷ − y
            losses.append(np.mean(r**2))  # the MSE before this step
            w, b = w - learning_rate * 2 / n * (X.T @ r), b - learning_rate * 2 / n * np.sum(r)
        return w, b, np.array(losses)


    w_np, b_np, losses_np = train_numpy(X, y, learning_rate, steps)
    reference = lh.gradient_descent(X, y, learning_rate=learning_rate, epochs=steps)  # full batch: a step per epoch
    assert np.allclose(w_np, reference.w) and np.isclose(b_np, reference.b)
    assert np.allclose(losses_np, reference.losses[:-1])
    """, handout="""
    cars = lh.load_dataset("cars_multi")
    X = (cars.X - cars.X.mean(axis=0)) / cars.X.std(axis=0)  # standardised features (notebook 07)
    y = cars.y
    learning_rate, steps = 0.1, 50


    def train_numpy(X, y, learning_rate, steps):
        # Exercise 04.2 asks you to write this loop; until you do, this copy runs the library's.
        history = lh.gradient_descent(X, y, learning_rate=learning_rate, epochs=steps)
        return history.w, history.b, history.losses[:-1]  # the MSE before each step


    w_np, b_np, losses_np = train_numpy(X, y, learning_rate, steps)
    reference = lh.gradient_descent(X, y, learning_rate=learning_rate, epochs=steps)  # full batch: a step per epoch
    assert np.allclose(w_np, reference.w) and np.isclose(b_np, reference.b)
    assert np.allclose(losses_np, reference.losses[:-1])
    """),
    checked("""
    print(f"after {steps} steps: w = {np.round(reference.w, 4)}, b = {reference.b:.4f}, MSE = {reference.losses[-1]:.4f}")
    """),
    md(r"""
    ## 2. Tensors: the same loop, line by line

    A PyTorch **tensor** is an n-dimensional array, like a numpy array, that can also live on a GPU and remember how
    it was computed. `torch.from_numpy` shares the numbers with the numpy array; `@`, `.T`, `.sum()`, `.mean()` and
    `**` work the same way. We keep numpy's 64-bit floats (`float64`) so that the comparison with `lh` is exact to
    rounding; PyTorch's default, and what deep learning uses, is 32-bit `float32` (about 7 significant digits).
    """),
    code("""
    def train_tensors(X, y, learning_rate, steps):
        X, y = torch.from_numpy(X), torch.from_numpy(y)  # float64 tensors sharing numpy's numbers
        n, M = X.shape
        w, b = torch.zeros(M, dtype=torch.float64), torch.tensor(0.0, dtype=torch.float64)
        losses = []
        for _ in range(steps):
            r = X @ w + b - y
            losses.append((r**2).mean().item())  # .item(): a Python number
            w, b = w - learning_rate * 2 / n * (X.T @ r), b - learning_rate * 2 / n * r.sum()
        return w.numpy(), b.item(), np.array(losses)


    if torch is not None:
        w_t, b_t, losses_t = train_tensors(X, y, learning_rate, steps)
        assert np.allclose(w_t, reference.w, rtol=1e-12, atol=1e-12)
        assert np.isclose(b_t, reference.b, rtol=1e-12)
        assert np.allclose(losses_t, reference.losses[:-1], rtol=1e-12)
        print("tensors: the same weights as lh to 12 significant digits:", np.round(w_t, 4), round(b_t, 4))
    else:
        print("skipped: PyTorch is not installed")
    """),
    md(r"""
    Nothing new yet: we still wrote the gradient ourselves. That is the part PyTorch can do for us.

    ## 3. Autograd: PyTorch computes the gradient

    Mark the parameters with `requires_grad=True`. PyTorch then records every operation that uses them, and
    `loss.backward()` runs the chain rule backwards through that record (reverse-mode automatic differentiation),
    storing $\partial\,\mathrm{loss}/\partial w$ in `w.grad` and $\partial\,\mathrm{loss}/\partial b$ in `b.grad`. It
    computes the derivative of **exactly the loss you wrote**: with `((ŷ − y)**2).mean()` that is the gradient of this
    series' MSE, $\frac2n X^\top\mathbf r$.

    Two details matter:

    * the **update** must not itself be recorded: it goes inside `with torch.no_grad():`;
    * `backward()` **adds** to `.grad`; it does not overwrite it. So the loop zeroes the gradients after each step
      (`w.grad.zero_()`), or the next step would use the sum of all gradients so far (exercise 08.2).
    """),
    code("""
    def train_autograd(X, y, learning_rate, steps):
        X, y = torch.from_numpy(X), torch.from_numpy(y)
        w = torch.zeros(X.shape[1], dtype=torch.float64, requires_grad=True)
        b = torch.zeros((), dtype=torch.float64, requires_grad=True)
        losses = []
        for _ in range(steps):
            loss = ((X @ w + b - y) ** 2).mean()  # forward: the MSE, recorded for autograd
            losses.append(loss.item())
            loss.backward()  # backward: w.grad = ∂MSE/∂w, b.grad = ∂MSE/∂b
            with torch.no_grad():  # the update is not part of the model
                w -= learning_rate * w.grad
                b -= learning_rate * b.grad
            w.grad.zero_()  # backward() adds to .grad: reset it for the next step
            b.grad.zero_()
        return w.detach().numpy(), b.item(), np.array(losses)


    if torch is not None:
        Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
        w0 = torch.zeros(3, dtype=torch.float64, requires_grad=True)
        b0 = torch.zeros((), dtype=torch.float64, requires_grad=True)
        ((Xt @ w0 + b0 - yt) ** 2).mean().backward()  # one backward pass at w = 0, b = 0
        dw, db = lh.mse_gradient(X, y, np.zeros(3), 0.0)
        assert np.allclose(w0.grad.numpy(), dw, rtol=1e-12) and np.isclose(b0.grad.item(), db, rtol=1e-12)

        w_a, b_a, losses_a = train_autograd(X, y, learning_rate, steps)
        assert np.allclose(w_a, reference.w, rtol=1e-12, atol=1e-12) and np.isclose(b_a, reference.b, rtol=1e-12)
        assert np.allclose(losses_a, reference.losses[:-1], rtol=1e-12)
        print("autograd's gradient at w = b = 0:", np.round(w0.grad.numpy(), 4), round(b0.grad.item(), 4))
        print("lh.mse_gradient at w = b = 0:     ", np.round(dw, 4), round(db, 4))
    else:
        print("skipped: PyTorch is not installed")
    """),
    md(r"""
    The gradient autograd found is the one derived by hand in notebooks 03 and 07, and the 50 steps are the same as
    `lh`'s. The numpy side of that comparison, which the notebook checks with or without PyTorch:
    """),
    checked("""
    dw, db = lh.mse_gradient(X, y, np.zeros(3), 0.0)
    print("∂MSE/∂w at w = 0:", np.round(dw, 4), " ∂MSE/∂b:", round(db, 4))
    """),
    md(r"""
    ## 4. The idiomatic loop: a model, a loss, an optimiser

    Real PyTorch code names the three parts of training: the **model** `nn.Linear(M, 1)` ($\hat y = X\mathbf w + b$,
    with its weight and bias inside), the **loss** `nn.MSELoss()` (the mean of the squared errors, no ½: this series'
    MSE), and the **optimiser** `torch.optim.SGD`, which does the `no_grad` update for every parameter and whose
    `zero_grad()` resets the gradients. "SGD" is PyTorch's name for plain gradient descent on whatever batch you give it
    (notebook 05). With mini-batches: each epoch draws a random order and takes one step per batch. We draw the order
    with numpy exactly as `lh` does, so the two runs must agree step by step:
    """),
    code("""
    def train_idiomatic(X, y, learning_rate, epochs, batch_size):
        X, y = torch.from_numpy(X), torch.from_numpy(y)
        n, M = X.shape
        model = torch.nn.Linear(M, 1, dtype=torch.float64)  # ŷ = X w + b
        torch.nn.init.zeros_(model.weight)  # start at w = 0, b = 0, as lh does
        torch.nn.init.zeros_(model.bias)
        loss_fn = torch.nn.MSELoss()  # mean of squared errors: the series' MSE
        optimiser = torch.optim.SGD(model.parameters(), lr=learning_rate)
        rng = np.random.default_rng(0)  # the same shuffles as lh.gradient_descent(..., seed=0)
        for _epoch in range(epochs):
            order = torch.from_numpy(rng.permutation(n))
            for start in range(0, n, batch_size):
                batch = order[start : start + batch_size]
                y_hat = model(X[batch]).squeeze(1)  # (m, 1) -> (m,): see section 5
                loss = loss_fn(y_hat, y[batch])
                optimiser.zero_grad()  # reset .grad ...
                loss.backward()  # ... fill it with this batch's gradient ...
                optimiser.step()  # ... and step against it
        return model.weight.detach().numpy().ravel(), model.bias.item()


    mini = lh.gradient_descent(X, y, learning_rate=0.05, epochs=5, batch_size=32, seed=0)
    if torch is not None:
        w_i, b_i = train_idiomatic(X, y, learning_rate=0.05, epochs=5, batch_size=32)
        assert np.allclose(w_i, mini.w, rtol=1e-10, atol=1e-12) and np.isclose(b_i, mini.b, rtol=1e-10)
        print("nn.Linear + SGD, batches of 32:", np.round(w_i, 4), round(b_i, 4))
    else:
        print("skipped: PyTorch is not installed")
    """),
    checked("""
    print(f"lh.gradient_descent, batches of 32, 5 epochs ({mini.steps} steps): w = {np.round(mini.w, 4)}, b = {mini.b:.4f}")
    """),
    md(r"""
    **Float32.** Run the same with PyTorch's default precision and the answer agrees with `lh` to about 6–7 significant
    digits instead of 12: plenty for training a model, which is why deep learning uses 32 bits (or fewer).
    """),
    code("""
    if torch is not None:
        X32, y32 = torch.from_numpy(X).float(), torch.from_numpy(y).float()
        w32 = torch.zeros(3, requires_grad=True)  # float32 by default
        b32 = torch.zeros((), requires_grad=True)
        for _ in range(steps):
            loss = ((X32 @ w32 + b32 - y32) ** 2).mean()
            loss.backward()
            with torch.no_grad():
                w32 -= learning_rate * w32.grad
                b32 -= learning_rate * b32.grad
            w32.grad.zero_()
            b32.grad.zero_()
        relative = np.abs(w32.detach().numpy() - reference.w) / np.abs(reference.w)
        assert relative.max() < 1e-4
        print(f"float32: largest relative difference from lh: {relative.max():.1e}")
    else:
        print("skipped: PyTorch is not installed")
    """),
    md(r"""
    ## 5. The (n, 1) shape trap

    `nn.Linear` returns predictions of shape $(n, 1)$, one column. If the labels have shape $(n,)$, then
    `y_hat - y` does not fail: both numpy and PyTorch **broadcast** it to an $(n, n)$ table that pairs every prediction
    with every label, and the "MSE" of that table is a wrong number, silently. (`nn.MSELoss` warns about it; a
    hand-written loss does not.) That is why the loop above calls `.squeeze(1)`. The trap in numpy:
    """),
    checked("""
    y_col = np.array([[2.0], [3.0], [5.0], [7.0]])  # labels as a column, shape (4, 1)
    y_hat = np.array([2.0, 3.5, 5.0, 6.5])  # predictions, shape (4,)
    print("shape of y_hat - y_col:", (y_hat - y_col).shape)
    print(f"silently wrong 'MSE': {np.mean((y_hat - y_col) ** 2):.4f}")
    print(f"right MSE (flattened): {np.mean((y_hat - y_col.ravel()) ** 2):.4f}")
    """),
    misconception(
        'the loop in one popular note: "loss = ((y_hat - y) ** 2).mean() / 2" is the MSE',
        r"""
        One learner's PyTorch loop (the seed of this notebook) trains with `((y_hat - y) ** 2).mean() / 2` and calls it
        the mean squared error. It is **½·MSE**: the same minimum, but autograd returns half of the MSE's gradient, so
        a learning rate tuned on one of the two losses takes different steps on the other (exercise 08.4 asks how
        different). The same note starts from
        `torch.randn(...)` without a seed (every run differs; use `torch.manual_seed`, or start at zero as here), and
        writes `X * w` for the prediction, which works for one feature only: with $M$ features it must be a matrix
        product `X @ w`. Its prose also says that $w$ has shape $(m, 1)$ and speaks of "matrix multiplication",
        while its code makes `w` of shape `(1,)` and multiplies element-wise with `*`: code and text disagree. And
        the loop as printed does not run at all: its `print(f'…{b.item():.3f}'')` has a stray second quote at the
        end, a `SyntaxError` before the first step. What it gets right, and what matters most: zeroing the
        gradients after every step.
        """,
    ),
    md(r"""
    ## 6. From the dashboard to PyTorch

    The gradient-descent dashboard of notebook 04, at its *just right* preset. Its **Show as code** button prints the
    `lh.gradient_descent` call behind the picture; below, the same run in PyTorch with the autograd loop of section 3
    (one feature: `X` becomes a column). Try other presets or move the sliders, then re-run the cell after it.
    """),
    code('dash = lh.descent_dashboard(preset="just right")\ndash', tags=["dashboard"]),
    code("""
    settings = dash.values()  # the sliders' current values
    print(dash.show_code())
    lh_run = dash.run(settings)  # the lh.gradient_descent call printed above
    if torch is None:
        print("skipped: PyTorch is not installed")
    elif settings["batch_size"] != len(dash.y) or settings["w0"] != 0 or settings["b0"] != 0:
        print("this comparison covers full-batch runs from w = b = 0: set the batch size to its maximum and the start to 0")
    else:
        w_dash, b_dash, _ = train_autograd(dash.X[:, None], dash.y, settings["learning_rate"], settings["epochs"])
        print(f"lh:      w = {lh_run.w[0]:.6f}, b = {lh_run.b:.6f}")
        print(f"PyTorch: w = {w_dash[0]:.6f}, b = {b_dash:.6f}")
        if not lh_run.diverged:
            assert np.allclose([w_dash[0], b_dash], [lh_run.w[0], lh_run.b], rtol=1e-9)
    """),
    md(r"""
    ## Summary

    * A PyTorch **tensor** is an array like numpy's; the numpy training loop translates line by line, and with
      `float64` it reproduces `lh.gradient_descent` to about 12 digits.
    * **Autograd**: `requires_grad=True` records the computation, `loss.backward()` fills `.grad` with the gradient of
      exactly the loss you wrote (for the MSE, $\frac2n X^\top\mathbf r$); the update goes inside `torch.no_grad()`.
    * `backward()` **adds** to `.grad`: zero the gradients every step (`optimiser.zero_grad()`).
    * The idiomatic loop: `nn.Linear` (the model), `nn.MSELoss` (the series' MSE, no ½), `torch.optim.SGD` (the step),
      with mini-batches from a shuffled order; it matches `lh` step by step.
    * Watch the shapes: an $(n, 1)$ column minus an $(n,)$ vector broadcasts to $(n, n)$, silently.
    * Constants matter for learning rates: training on ½·MSE with rate $\eta$ equals training on the MSE with $\eta/2$.

    **Next:** back to the [contents](00_start_here.ipynb#Contents). From here, the same loop trains logistic regression
    (another loss) and neural networks (another model): only the forward pass changes; autograd does the rest.

    """),
    *concept_check("08"),
    md(r"""
    ## Exercises

    These are answered with numpy, so they work with or without PyTorch. Replace each `...` with your code and run the
    cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "08.1",
        r"""
        The seed's loop trains with `loss = ((X @ w + b - y) ** 2).mean() / 2`. Write `my_autograd_gradient(X, y, w, b)`
        returning `(w_grad, b_grad)`: what `loss.backward()` stores in `w.grad` (shape `(M,)`) and `b.grad` (a number).
        """,
        """
        def my_autograd_gradient(X, y, w, b):
            ...  # your code here


        ex.check_autograd_gradient(my_autograd_gradient)
        """,
    ),
    *exercise(
        "08.2",
        r"""
        A loop forgets `w.grad.zero_()`. The gradients of its first $k$ steps would have been the rows of `grads`
        (shape `(k, M)`). Write `my_accumulated(grads)` returning an array of the same shape whose row $j$ is what `w.grad`
        holds right after the $j$-th `backward()` call (use the given gradients; ignore that the wrong steps would change
        later gradients).
        """,
        """
        def my_accumulated(grads):
            ...  # your code here


        ex.check_accumulated_grads(my_accumulated)
        """,
    ),
    *exercise(
        "08.3",
        r"""
        Write `my_mse_any_shape(y_true, y_pred)` that returns the MSE when either argument may be a column of shape
        `(n, 1)` or a vector of shape `(n,)`.
        """,
        """
        def my_mse_any_shape(y_true, y_pred):
            ...  # your code here


        ex.check_mse_any_shape(my_mse_any_shape)
        """,
    ),
    *exercise(
        "08.4",
        r"""
        The seed trains on ½·MSE with learning rate 0.1. Which learning rate `learning_rate_mse` makes gradient descent on
        this series' MSE take exactly the same steps?
        """,
        """
        learning_rate_mse = ...

        ex.check_half_mse_rate(learning_rate_mse)
        """,
    ),
]
