"""Source of notebooks/01_model.ipynb. Build with: python tools/build_notebooks.py 01 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 01 · The model: a line that makes predictions

    **Purpose:** see what a linear regression model *is* (a rule that turns features into
    predictions) and how far its predictions are from what we observed.

    **Learning objectives.** After this notebook you can

    1. name the **features** (inputs, $x$) and **labels** (targets, $y$) of a data set of $n$ examples;
    2. compute predictions with $\hat y = w x + b$ for one feature and $\hat{\mathbf y} = X\mathbf w + b$
       for many, and say the shape of every array involved;
    3. explain the **bias** $b$ as the intercept, and why a model without it is forced through the origin;
    4. explain the **noise** in $y = f(x) + \varepsilon$, and why even the true line misses the points;
    5. compute **residuals** $r_i = \hat y_i - y_i$ and read their sign.

    **Prerequisites:** [00 · Start here](00_start_here.ipynb); numpy arrays and the `@` operator; the
    equation of a straight line from school.
    """),
    md("""
    ## Setup

    Run this cell first (Shift+Enter). `%matplotlib widget` makes the figures interactive.
    """),
    code("""
    %matplotlib widget
    import matplotlib.pyplot as plt
    import numpy as np

    import linreg_helpers as lh
    from linreg_helpers import exercises as ex
    """),
    md(r"""
    ## 1. Features and labels

    A **data set** is a table of $n$ **examples** (rows). For each example we know some **features**
    (the inputs we measure) and a **label** (the number we want to predict). Here is a real one:
    342 penguins from the Palmer Station study. The feature is the flipper length in millimetres,
    the label the body mass in grams.
    """),
    code("""
    penguins = lh.load_dataset("penguins")
    x, y = penguins.X, penguins.y  # feature x [mm] and label y [g], one entry per penguin
    penguins
    """),
    checked("""
    print(f"n = {len(x)} examples; x has shape {x.shape}, y has shape {y.shape}")
    print(f"mean flipper length = {x.mean():.1f} mm, mean body mass = {y.mean():.1f} g")
    """),
    code("""
    # extra code – draws the figure
    fig, ax = plt.subplots(figsize=(5.5, 3.6), layout="constrained")
    ax.scatter(x, y, s=12, alpha=0.6)
    ax.set(xlabel="flipper length x [mm]", ylabel="body mass y [g]", title="342 penguins: one dot per example")
    plt.show()
    """),
    md(r"""
    Longer flippers go with heavier penguins, and roughly along a straight line. A model that
    captures this can **predict** the mass of a penguin we have only measured the flipper of.

    ## 2. The model: $\hat y = w x + b$

    Linear regression with one feature predicts

    $$\hat y = w\,x + b ,$$

    where $\hat y$ ("y-hat") is the **prediction**, $w$ the **weight** (the slope: how many grams
    the prediction goes up per millimetre of flipper, so its unit is g/mm) and $b$ the **bias**
    (the intercept, in grams). $w$ and $b$ are the model's **parameters**: *training* the model
    means finding good values for them, which is what the rest of the series is about.

    In numpy, one line computes the predictions for all $n$ examples at once:
    """),
    code("""
    w, b = 50.0, -5800.0  # a guess: 50 g per mm of flipper
    y_hat = w * x + b  # one prediction per penguin, shape (n,)

    assert y_hat.shape == y.shape
    assert np.allclose(y_hat, lh.predict(x, w, b))  # the package's predict agrees
    y_hat[:5]
    """),
    code("""
    # extra code – draws the figure
    ax = lh.plot_fit(x, y, w, b, xlabel="flipper length x [mm]", ylabel="body mass y [g]")
    ax.set_title("the line ŷ = 50·x − 5800")
    plt.show()
    """),
    md(r"""
    ## 3. The bias is the intercept

    At $x = 0$ the model predicts $\hat y = b$: the bias is where the line crosses the vertical axis.
    For penguins that point is far outside the data (no penguin has 0-mm flippers), so $b$ has no
    meaning of its own there, but the model still needs it: **without a bias the line must pass
    through the origin**, and no slope then fits these points well.
    """),
    code("""
    # extra code – draws the figure: the same data with and without a bias
    xs = np.linspace(0, x.max(), 2)
    fig, ax = plt.subplots(figsize=(5.5, 3.6), layout="constrained")
    ax.scatter(x, y, s=10, alpha=0.5, label="penguins")
    ax.plot(xs, 50 * xs - 5800, color="C1", lw=2, label="ŷ = 50x − 5800 (with a bias)")
    ax.plot(xs, 21 * xs, "--", color="C2", lw=2, label="ŷ = 21x (no bias: through (0, 0))")
    ax.axhline(0, color="grey", lw=0.8)
    ax.axvline(0, color="grey", lw=0.8)
    ax.plot(0, -5800, "o", color="C1")
    ax.annotate("b = −5800: where the line meets x = 0", (0, -5800), xytext=(12, -5600), fontsize=8)
    ax.set(xlabel="flipper length x [mm]", ylabel="body mass y [g]", ylim=(-6500, 7000))
    ax.legend(loc="upper left", fontsize=8)
    plt.show()
    """),
    md(r"""
    ## 4. Noise: the data are a line *plus* something

    Penguins with the same flipper length do not all weigh the same. We model this by saying each
    observed label is a function of the features **plus noise**:

    $$y_i = f(x_i) + \varepsilon_i ,$$

    where $\varepsilon_i$ ("epsilon") collects everything the features do not explain: other
    causes, measurement error, individual variation. Noise is usually assumed to average zero.
    Linear regression *guesses* that $f$ is a line, $f(x) = wx + b$, and looks for the $w$ and $b$
    that make its predictions closest to the observations.

    With synthetic data we know the truth. `lh.make_linear_data` draws points from
    $y = 2x + 1 + \varepsilon$ with Gaussian noise of standard deviation 1 (seeded, so the numbers
    are the same every run):
    """),
    code("""
    x_syn, y_syn = lh.make_linear_data(n=50, weights=2.0, bias=1.0, noise=1.0, seed=0)
    eps = y_syn - (2.0 * x_syn + 1.0)  # what the true line does not explain
    """),
    checked("""
    print(f"mean of ε = {eps.mean():.3f}, standard deviation of ε = {eps.std():.3f}")
    """),
    code("""
    # extra code – draws the figure
    ax = lh.plot_fit(x_syn, y_syn, 2.0, 1.0, residuals=True)
    line = next(ln for ln in ax.get_lines() if ln.get_label().startswith("model"))
    line.set_label("true line f(x) = 2x + 1")  # here the line is the truth, not a model's guess
    ax.legend(loc="best", fontsize=8, frameon=False)
    ax.set_title("even the true line f(x) = 2x + 1 misses every point")
    plt.show()
    """),
    md(r"""
    Even the *true* line does not pass through the points: **the best possible model still has
    errors**, as large as the noise. A good model is one whose errors are about that size, not zero.
    """),
    misconception(
        "the noise belongs to the prediction",
        r"""
        Some notes write the model as $\tilde y_i = f(X_i, \theta) - \varepsilon_i$, putting the noise
        on the *prediction*. The model's prediction contains no noise: $\hat y = f(x)$ is a fixed rule.
        The noise is in the **observed** label: $y = f(x) + \varepsilon$. (Whether you write $+\varepsilon$
        or $-\varepsilon$ does not matter for zero-mean noise, but it belongs to $y$, not to $\hat y$.)
        """,
    ),
    md(r"""
    ## 5. Many features: $\hat{\mathbf y} = X\mathbf w + b$

    With $M$ features, each example $i$ has a row of features $x_{i1}, \dots, x_{iM}$, and the model
    gives each feature its own weight:

    $$\hat y_i = w_1 x_{i1} + w_2 x_{i2} + \dots + w_M x_{iM} + b = \sum_{j=1}^{M} x_{ij} w_j + b .$$

    Stack the examples as the rows of a matrix $X$ of shape $(n, M)$ and the weights in a vector
    $\mathbf w$ of shape $(M,)$: all $n$ predictions are one matrix-vector product plus the bias,

    $$\hat{\mathbf y} = X\mathbf w + b, \qquad (n, M)\,@\,(M,) \to (n,) .$$

    The bias is one number, added to every prediction. Here are 392 cars with $M = 3$ features
    (weight [lb], horsepower [hp], engine displacement [cubic inches]) and the label fuel
    efficiency [miles per gallon]:
    """),
    code("""
    cars = lh.load_dataset("cars_multi")
    X_cars, y_cars = cars.X, cars.y
    w_cars = np.array([-0.005, -0.03, -0.01])  # guessed, not trained: mpg per lb, per hp, per cubic inch
    b_cars = 47.0  # mpg (also a guess)

    y_hat_cars = X_cars @ w_cars + b_cars
    assert np.allclose(y_hat_cars, lh.predict(X_cars, w_cars, b_cars))
    """),
    checked("""
    print(f"X: {X_cars.shape}, w: {w_cars.shape}, ŷ: {y_hat_cars.shape}")
    print(f"first car: observed {y_cars[0]:.1f} mpg, predicted {y_hat_cars[0]:.2f} mpg")
    """),
    md(r"""
    Notebook [07 · Many features](07_many_features.ipynb) trains such models; until then we keep
    one feature, where everything can be drawn.

    ## 6. A worked example: four points in matrix form

    Take four points $(x, y)$: $(1, 2), (2, 3), (3, 5), (4, 7)$. A neat trick puts the bias *inside*
    the matrix product: append a column of ones to the features. The result is the **design
    matrix** $A$, and the parameters become one vector $\boldsymbol\theta$ whose entries follow
    the columns of $A$:

    $$
    A = \begin{bmatrix} 1 & 1 \\ 2 & 1 \\ 3 & 1 \\ 4 & 1 \end{bmatrix}, \qquad
    \boldsymbol\theta = \begin{bmatrix} w \\ b \end{bmatrix}, \qquad
    \hat{\mathbf y} = A\boldsymbol\theta
    \quad\text{since}\quad
    \begin{bmatrix} x_i & 1 \end{bmatrix} \begin{bmatrix} w \\ b \end{bmatrix} = w x_i + b .
    $$

    With $w = 0.5$ and $b = 1.5$:

    $$
    \hat{\mathbf y} = \begin{bmatrix} 1 & 1 \\ 2 & 1 \\ 3 & 1 \\ 4 & 1 \end{bmatrix}
    \begin{bmatrix} 0.5 \\ 1.5 \end{bmatrix}
    = \begin{bmatrix} 2.0 \\ 2.5 \\ 3.0 \\ 3.5 \end{bmatrix}.
    $$
    """),
    code("""
    x4 = np.array([1.0, 2.0, 3.0, 4.0])
    y4 = np.array([2.0, 3.0, 5.0, 7.0])
    A = np.column_stack([x4, np.ones_like(x4)])  # design matrix: [x_i, 1] in row i
    theta = np.array([0.5, 1.5])  # [w, b]: same order as A's columns

    y_hat4 = A @ theta
    assert np.allclose(y_hat4, lh.predict(x4, 0.5, 1.5))
    """),
    md(r"""
    ## 7. Predictions vs observations: residuals

    For each example, compare the prediction with the observation. Their difference is the
    **residual**

    $$r_i = \hat y_i - y_i \qquad\text{(prediction minus observation).}$$

    $r_i > 0$: the model predicts too high; $r_i < 0$: too low; $r_i = 0$: exactly right.
    This series always uses this order, $\hat y - y$. In vector form, $\mathbf r = A\boldsymbol\theta - \mathbf y$.

    **A word on the sign.** Statistics books define the residual the other way round, as
    $e_i = y_i - \hat y_i$ (observed minus fitted), and so do the residual plots you will meet in
    statistics software; machine-learning texts often use the *error* $\hat y - y$, as we do. Only the sign
    differs: a residual of $+2$ here is $-2$ there. We use $\hat y - y$ throughout.
    """),
    code("""
    r4 = y_hat4 - y4  # residuals r = ŷ − y
    """),
    checked("""
    print("ŷ =", y_hat4)
    print("r =", r4)
    """),
    md(r"""
    The line is exact at $x = 1$, then too low, and more so as $x$ grows: all residuals are $\le 0$.
    A better line would be steeper. Notebook [02 · Losses](02_losses.ipynb) turns the four residuals
    into one number that says *how* wrong the line is.
    """),
    code("""
    # extra code – draws the figure
    ax = lh.plot_fit(x4, y4, 0.5, 1.5, residuals=True)
    ax.set_title("ŷ = 0.5x + 1.5 and its residuals")
    plt.show()
    """),
    misconception(
        "the order of θ, and the sign of the error",
        r"""
        A popular write-up of this very example uses $A$ with the ones column *last* but writes
        $\boldsymbol\theta = [b, w]^\top = [0.5, 1.5]^\top$. The first entry of $\boldsymbol\theta$ multiplies the
        first column of $A$, which holds $x$: so $0.5$ is the **slope** $w$, not the bias. The entries
        of $\boldsymbol\theta$ must follow the columns of $A$: ones last means $\boldsymbol\theta = [w, b]^\top$.

        The same text writes the error as $\mathbf e = \mathbf y - \hat{\mathbf y} = X\mathbf w - \mathbf y$.
        The two sides have opposite signs: $X\mathbf w - \mathbf y = \hat{\mathbf y} - \mathbf y$. Pick one order and
        keep it; this series uses $\mathbf r = \hat{\mathbf y} - \mathbf y$. Inside a square the sign does not matter,
        but in a gradient (notebook 03) it does.
        """,
    ),
    md(r"""
    ## 8. The model explorer

    Now move the line yourself. The explorer shows data, the line $\hat y = wx + b$ and its residuals.
    Drag the **w** and **b** sliders and watch the residuals and the read-out under the figure. The number
    it reads out is the **MSE**, which notebook 02 defines: the mean of the *squared* residuals, one number
    for how far the line is from the data (smaller is better). The figure has four panels, in the places
    every dashboard of the series uses. Top left: the data, your line and its residuals. Top right: that
    number over all $(w, b)$ as a 3D surface (drag it to turn it), with your line as a dot and the best
    line as ★; bottom left: the same surface seen from above as a contour map (notebook 03 explains such
    maps). Bottom right: the **loss curve**, your line's MSE after each of your moves of **w** or **b**,
    with the smallest MSE any line reaches dotted: your own search, step by step.

    The **descent epochs** slider starts at 0 (off). Set it above 0 *after* you have tried by hand: gradient
    descent then runs from your $(w, b)$, draws where it ends as a dashed line and its path on the surface
    and the map, and the loss curve shows its MSE epoch by epoch; the **learning rate** and
    **batch size** sliders steer it (notebooks 04 and 05 explain them; moving either while descent is off
    switches it on, with 25 epochs).

    Things to try:

    * Make the residuals as short as you can by hand. Can you get every residual to zero?
    * Set **b** to 0, so the line must pass through the origin, and find the best slope you can.
      Compare the loss read-out with your best line before.
    * Make **w** negative. Which residuals grow fastest?
    """),
    code("lh.model_explorer()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * A data set has $n$ examples; each has features $x$ (inputs) and a label $y$ (the target).
    * The linear model predicts $\hat y = wx + b$ (one feature) or $\hat{\mathbf y} = X\mathbf w + b$ with
      $X$ of shape $(n, M)$ and $\mathbf w$ of shape $(M,)$; $w$ and $b$ are the **parameters**.
    * The bias $b$ is the intercept: without it the line is forced through the origin.
    * Data are $y = f(x) + \varepsilon$: the noise is in the observations, so even the true line has errors.
    * With a ones column, $\hat{\mathbf y} = A\boldsymbol\theta$; the order of $\boldsymbol\theta$ follows the columns of $A$.
    * The residual is $r_i = \hat y_i - y_i$ (prediction minus observation): positive means too high.

    **Next:** [02 · Losses](02_losses.ipynb) turns all residuals into one number to minimise.

    """),
    *concept_check("01"),
    md(r"""
    ## Exercises

    Write your answer in place of the `...`, then run the cell: the check says ✅ or gives a hint.
    Each solution is hidden under **Solution**; try first.
    """),
    *exercise(
        "01.1",
        r"""
        Write `my_predict(x, w, b)` that returns the predictions $\hat y = wx + b$ for a 1-D array `x`
        and numbers `w`, `b`.
        """,
        """
        def my_predict(x, w, b):
            ...  # your code here


        ex.check_predict(my_predict)
        """,
    ),
    *exercise(
        "01.2",
        r"""
        Write `my_predict_matrix(X, w, b)` for many features: `X` has shape `(n, M)`, `w` shape `(M,)`,
        `b` is a number. Return the $n$ predictions as an array of shape `(n,)`.
        """,
        """
        def my_predict_matrix(X, w, b):
            ...  # your code here


        ex.check_predict_matrix(my_predict_matrix)
        """,
    ),
    *exercise(
        "01.3",
        r"""
        Write `my_residuals(x, y, w, b)` that returns the residuals $r_i = \hat y_i - y_i$ of the line
        $\hat y = wx + b$ (one feature).
        """,
        """
        def my_residuals(x, y, w, b):
            ...  # your code here


        ex.check_residuals(my_residuals)
        """,
    ),
    *exercise(
        "01.4",
        r"""
        For the four points of section 6, build the design matrix `A` (shape `(4, 2)`: the feature and a
        column of ones) and the parameter vector `theta` for **w = 1.5, b = 0.5**, so that `A @ theta`
        gives the predictions $1.5x + 0.5$.
        """,
        """
        A = ...  # design matrix
        theta = ...  # parameter vector

        ex.check_design_matrix(A, theta)
        """,
    ),
]
