"""Source of notebooks/07_many_features.ipynb. Build with: python tools/build_notebooks.py 07 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 07 · Many features: the matrix form, the normal equation and feature scaling

    **Purpose:** go from one feature to many. Write the model, its gradient and its exact solution with
    matrices, see why solvers avoid inverting $A^\top A$, and why gradient descent needs its features on
    comparable scales.

    **Learning objectives.** After this notebook you can

    1. write the model as $\hat{\mathbf y} = X\mathbf w + b = A\boldsymbol\theta$ with the **design matrix**
       $A = [X, \mathbf 1]$, and give the shape of every array;
    2. **derive the vectorised gradient** $\nabla\mathrm{MSE} = \frac2n A^\top(A\boldsymbol\theta - \mathbf y)$ and check
       it with finite differences;
    3. derive the **normal equation** $A^\top A\,\boldsymbol\theta = A^\top\mathbf y$ and solve it;
    4. explain why good solvers use **least squares (QR/SVD)** instead of inverting $A^\top A$:
       $\kappa(A^\top A) = \kappa(A)^2$, and a **collinear** feature leaves a flat valley with no unique minimum;
    5. **standardise** features with the training statistics, measure how much faster gradient descent gets,
       and convert the weights back to the original units;
    6. get the same fit from `lh`, `numpy.linalg.lstsq` and scikit-learn.

    **Prerequisites:** [01 · The model](01_model.ipynb) (the matrix form and the design matrix),
    [03 · Gradients](03_gradients.ipynb) (the MSE gradient), [04 · Gradient descent](04_gradient_descent.ipynb)
    (the Hessian, its eigenvalues and $\eta_{\max}$), [06 · Convexity](06_convexity.ipynb); matrix products and
    the transpose.
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
    """),
    md(r"""
    ## 1. Three features, one label

    The 392 cars of notebooks 01 and 04, now with **three** features: weight [lb], horsepower [hp] and engine
    displacement [cubic inches]. The label is still the fuel efficiency [miles per US gallon].
    """),
    code("""
    cars = lh.load_dataset("cars_multi")
    X, y = cars.X, cars.y  # X: (n, 3), y: (n,)
    names = ["weight", "horsepower", "displacement"]
    units = ["lb", "hp", "cu in"]
    n, M = X.shape
    cars
    """),
    checked("""
    print(f"n = {n} cars, M = {M} features; X {X.shape}, y {y.shape}")
    for j in range(M):
        print(f"{names[j]:>12}: mean {X[:, j].mean():8.1f} {units[j]:<5}  std {X[:, j].std():6.1f} {units[j]}")
    print(f"{'mpg':>12}: mean {y.mean():8.1f}        std {y.std():6.1f}")
    """),
    md(r"""
    Keep these scales in mind: a typical weight is in the thousands, a typical horsepower around a hundred. They
    will matter in section 6.

    ## 2. The matrix form and the design matrix

    Each car $i$ has a row of features $x_{i1}, x_{i2}, x_{i3}$, and the model gives each feature its own weight
    (notebook 01):

    $$\hat y_i = w_1 x_{i1} + w_2 x_{i2} + w_3 x_{i3} + b, \qquad \hat{\mathbf y} = X\mathbf w + b .$$

    Append a **column of ones** to $X$ and the bias joins the weights: with the **design matrix** $A$ and the
    parameter vector $\boldsymbol\theta$,

    $$
    A = \begin{bmatrix} x_{11} & x_{12} & x_{13} & 1 \\ \vdots & \vdots & \vdots & \vdots \\ x_{n1} & x_{n2} & x_{n3} & 1 \end{bmatrix},
    \qquad
    \boldsymbol\theta = \begin{bmatrix} w_1 \\ w_2 \\ w_3 \\ b \end{bmatrix},
    \qquad
    \hat{\mathbf y} = A\boldsymbol\theta ,
    $$

    because row $i$ of $A$ times $\boldsymbol\theta$ is $w_1x_{i1} + w_2x_{i2} + w_3x_{i3} + 1\cdot b$. The entries of
    $\boldsymbol\theta$ follow the columns of $A$; this series puts the ones **last**.

    | array | shape | here |
    |---|---|---|
    | $X$ | $(n, M)$ | (392, 3) |
    | $\mathbf w$ | $(M,)$ | (3,) |
    | $A = [X, \mathbf 1]$ | $(n, M + 1)$ | (392, 4) |
    | $\boldsymbol\theta = [\mathbf w; b]$ | $(M + 1,)$ | (4,) |
    | $\hat{\mathbf y} = A\boldsymbol\theta$, $\mathbf r = \hat{\mathbf y} - \mathbf y$ | $(n,)$ | (392,) |
    """),
    code("""
    A = np.column_stack([X, np.ones(n)])  # design matrix: the features, then a column of ones
    theta = np.array([-0.005, -0.03, -0.01, 47.0])  # [w1, w2, w3, b]: the guess of notebook 01

    y_hat = A @ theta
    assert np.allclose(y_hat, X @ theta[:-1] + theta[-1])
    assert np.allclose(y_hat, lh.predict(X, theta[:-1], theta[-1]))
    """),
    md(r"""
    **What the ones column buys.** Without it, $A\boldsymbol\theta$ has no constant term, and every model goes
    through the origin: a car with zero weight, zero horsepower and zero displacement would be predicted 0 mpg.
    The best fit with and without it (computed with `np.linalg.lstsq`, section 7):
    """),
    checked("""
    theta_with = np.linalg.lstsq(A, y, rcond=None)[0]
    w_without = np.linalg.lstsq(X, y, rcond=None)[0]  # no ones column: no bias
    print(f"smallest MSE with the ones column:    {lh.mse(y, A @ theta_with):.2f} mpg²")
    print(f"smallest MSE without (through 0):     {lh.mse(y, X @ w_without):.2f} mpg²")
    """),
    md(r"""
    ## 3. The gradient in matrix form

    The MSE as a function of $\boldsymbol\theta$ is

    $$\mathrm{MSE}(\boldsymbol\theta) = \frac1n\sum_{i=1}^n r_i^2 = \frac1n\,\mathbf r^\top\mathbf r, \qquad \mathbf r = A\boldsymbol\theta - \mathbf y .$$

    **Component by component** (the four steps of notebook 03). The residual $r_i = \sum_k A_{ik}\theta_k - y_i$
    depends on $\theta_j$ through the single term $A_{ij}\theta_j$, so $\partial r_i/\partial\theta_j = A_{ij}$ and,
    by the chain rule,

    $$\frac{\partial\,\mathrm{MSE}}{\partial\theta_j} = \frac1n\sum_{i=1}^n 2r_i\,A_{ij} = \frac2n\sum_{i=1}^n A_{ij}\,r_i = \frac2n\,\big(A^\top\mathbf r\big)_j .$$

    The sum runs down **column $j$** of $A$, pairing each example's feature with its residual: that is row $j$ of
    $A^\top$ times $\mathbf r$. All $M + 1$ partial derivatives at once:

    $$\boxed{\;\nabla_{\boldsymbol\theta}\,\mathrm{MSE} = \frac2n\,A^\top\big(A\boldsymbol\theta - \mathbf y\big)\;}
    \qquad (M{+}1, n)\,@\,(n,) \to (M{+}1,) .$$

    **The same by expanding.** $\mathbf r^\top\mathbf r = \boldsymbol\theta^\top A^\top A\,\boldsymbol\theta - 2\,\mathbf y^\top A\boldsymbol\theta + \mathbf y^\top\mathbf y$,
    and the gradients of a quadratic form and a linear form are $\nabla(\boldsymbol\theta^\top S\boldsymbol\theta) = 2S\boldsymbol\theta$
    (for symmetric $S$) and $\nabla(\mathbf c^\top\boldsymbol\theta) = \mathbf c$, so
    $\nabla\,\mathrm{MSE} = \frac1n\big(2A^\top A\boldsymbol\theta - 2A^\top\mathbf y\big)$, the same.

    Split into the weights and the bias (the last column of $A$ is all ones), this is the formula of notebook 03:
    $\nabla_{\mathbf w} = \frac2n X^\top\mathbf r$ and $\partial/\partial b = \frac2n\sum_i r_i$. In numpy, without a loop:
    """),
    code("""
    def mse_gradient_theta(A, y, theta):
        n = A.shape[0]
        r = A @ theta - y  # residuals r = ŷ − y, shape (n,)
        return 2 / n * (A.T @ r)  # shape (M+1,): one partial derivative per parameter


    grad = mse_gradient_theta(A, y, theta)
    dw, db = lh.mse_gradient(X, y, theta[:-1], theta[-1])
    assert np.allclose(grad, np.append(dw, db))
    """, handout="""
    # Exercise 07.2 asks you to write this function; until you do, this copy uses the library's.
    def mse_gradient_theta(A, y, theta):
        dw, db = lh.mse_gradient(A[:, :-1], y, theta[:-1], theta[-1])  # the last column of A is the ones
        return np.append(dw, db)


    grad = mse_gradient_theta(A, y, theta)
    """),
    md(r"""
    **Checked with finite differences** (notebook 03): nudge each of the four parameters in turn.
    """),
    code("""
    def mse_of_theta(t):
        return lh.mse(y, A @ t)


    numeric = lh.numerical_gradient(mse_of_theta, theta)
    assert np.allclose(grad, numeric, rtol=1e-6)
    """),
    checked("""
    print("analytic (2/n)·Aᵀr:", "  ".join(f"{g:10.6g}" for g in grad))
    print("finite differences:", "  ".join(f"{g:10.6g}" for g in numeric))
    """),
    md(r"""
    Look at the sizes: the partial derivative for the weight (in lb) is thousands of times larger than the one
    for the bias. One learning rate has to serve all four entries. Keep that in mind for section 6.
    """),
    misconception(
        '"the gradient is (2/n)·X(ŷ − y)", or the error is "y − ŷ = Xw − y"',
        r"""
        Check the shapes: $X$ is $(n, M)$ and $\mathbf r$ is $(n,)$, so $X\mathbf r$ is not even defined (unless
        $n = M$, and then it means something else). Each partial derivative sums over the **examples**, down a column
        of $X$, which is what $X^\top\mathbf r$ does. numpy catches the slip only when the shapes disagree: a square
        $X$ would silently give a wrong answer.

        One popular write-up also states $\mathbf e = \mathbf y - \hat{\mathbf y} = X\mathbf w - \mathbf y$: the two
        sides have **opposite signs**. With $\mathbf r = \hat{\mathbf y} - \mathbf y = A\boldsymbol\theta - \mathbf y$ (this
        series) the gradient is $+\frac2n A^\top\mathbf r$; with $\mathbf y - \hat{\mathbf y}$ it is $-\frac2n A^\top(\mathbf y - \hat{\mathbf y})$,
        the same vector. Mixing the two flips the step uphill.
        """,
    ),
    md(r"""
    ## 4. The normal equation

    The MSE is a convex bowl (notebook 06), so its minimum is where the gradient is zero:

    $$\frac2n A^\top\big(A\boldsymbol\theta - \mathbf y\big) = \mathbf 0
    \quad\Longleftrightarrow\quad
    \boxed{\;A^\top A\,\boldsymbol\theta = A^\top\mathbf y\;}$$

    These are the **normal equations**: $M + 1$ linear equations for the $M + 1$ unknowns in $\boldsymbol\theta$, with the
    $(M{+}1)\times(M{+}1)$ matrix $A^\top A$. (For one feature, solving them by hand gives the textbook formulas for $w$ and
    $b$ of notebook 04.) The name says what they mean: $A^\top\mathbf r = \mathbf 0$, the residual vector is
    **normal** (perpendicular) to every column of $A$. For the ones column this says $\sum_i r_i = 0$: at the best fit
    the residuals average to zero.
    """),
    code("""
    AtA = A.T @ A  # (4, 4)
    Aty = A.T @ y  # (4,)
    theta_normal = np.linalg.solve(AtA, Aty)  # solve the linear system; no inverse needed
    r_best = A @ theta_normal - y

    w_lh, b_lh = lh.fit_closed_form(X, y, method="normal")  # the same equation, solved by lh
    assert np.allclose(theta_normal, np.append(w_lh, b_lh))
    assert np.allclose(A.T @ r_best, 0, atol=1e-6 * np.abs(Aty).max())  # residuals ⟂ every column
    """),
    checked("""
    for j in range(M):
        print(f"w_{names[j]:<12} = {theta_normal[j]:+.5f} mpg per {units[j]}")
    print(f"b{'':<14} = {theta_normal[-1]:+.3f} mpg")
    print(f"MSE = {lh.mse(y, A @ theta_normal):.3f} mpg², mean residual = {abs(r_best.mean()):.6f}")
    """),
    md(r"""
    Read the weights **with their units**: holding horsepower and displacement fixed, 1000 lb more costs about
    5.35 mpg; holding the others fixed, 10 hp more cost about 0.42 mpg. The three weights are not comparable with each
    other as they stand (mpg per lb vs mpg per hp); section 6 shows how to compare them.
    """),
    misconception(
        '"the normal equation is θ = (AᵀA)⁻¹Aᵀy, so compute the inverse"',
        r"""
        The formula is right **on paper**, when $A^\top A$ is invertible. As a recipe it is wrong twice:

        * **Do not invert to solve.** Computing $(A^\top A)^{-1}$ and multiplying costs more and loses more accuracy
          than solving the system (`np.linalg.solve`, which factorises the matrix once).
        * **Better still, do not form $A^\top A$.** Least-squares solvers (`np.linalg.lstsq`, scikit-learn) work on $A$
          itself with a QR or singular value decomposition (SVD). Forming $A^\top A$ **squares the condition number**
          and so loses **twice as many** digits as a QR/SVD solver working on $A$ (section 5).

        And when a feature is a combination of others, $A^\top A$ has **no** inverse at all (section 5).
        Notes that list "the normal equation" next to "inverting matrices" invite exactly this recipe.
        """,
    ),
    md(r"""
    ## 5. Why solvers avoid $A^\top A$: conditioning and collinear features

    **The condition number.** $\kappa(A) = \sigma_{\max}/\sigma_{\min}$, the ratio of the largest to the smallest
    singular value of $A$, measures how much a least-squares answer can react to tiny changes in the data,
    such as the rounding of every number to about 16 significant digits. A rule of thumb: a computation with condition
    number $\kappa$ loses about $\log_{10}\kappa$ of those 16 digits.

    The singular values of $A^\top A$ are the **squares** of those of $A$, so

    $$\kappa(A^\top A) = \kappa(A)^2 .$$

    Solving the normal equations therefore loses about $2\log_{10}\kappa(A)$ digits; QR- and SVD-based least squares
    work with $A$ itself and, for a well-fitting model, lose only about $\log_{10}\kappa(A)$.
    """),
    checked("""
    kappa_A, kappa_AtA = np.linalg.cond(A), np.linalg.cond(A.T @ A)
    print(f"cond(A)    = {kappa_A:.3g}")
    print(f"cond(AᵀA)  = {kappa_AtA:.3g}")
    print(f"cond(A)²   = {kappa_A ** 2:.3g}")
    """),
    md(r"""
    For the cars, $\kappa(A^\top A) \approx 3\times10^8$: the normal equations keep about 8 good digits, enough here.
    With more features, features on very different scales or nearly collinear features, it gets much worse.
    A classic example is **polynomial features**: fitting $\hat y = w_1x + w_2x^2 + \dots + w_{8}x^{8} + b$ is linear
    regression with the 8 features $x, x^2, \dots, x^8$, and on $[0, 1]$ these powers look much alike. With labels
    computed exactly from known parameters, we can measure each solver's error:
    """),
    code("""
    x_poly = np.linspace(0, 1, 60)
    A_poly = np.column_stack([x_poly**k for k in range(1, 9)] + [np.ones_like(x_poly)])  # x, x², …, x⁸, 1
    theta_true = np.arange(1.0, 10.0)  # known parameters 1, 2, …, 9
    y_poly = A_poly @ theta_true  # exact labels: the perfect answer is theta_true


    def relative_error(t):
        return np.linalg.norm(t - theta_true) / np.linalg.norm(theta_true)


    err_normal = relative_error(np.linalg.solve(A_poly.T @ A_poly, A_poly.T @ y_poly))
    err_lstsq = relative_error(np.linalg.lstsq(A_poly, y_poly, rcond=None)[0])
    print(f"normal equations: relative error {err_normal:.1e}")  # the exact digits vary with the machine
    print(f"lstsq (SVD):      relative error {err_lstsq:.1e}")
    """),
    checked("""
    print(f"cond(A) = {np.linalg.cond(A_poly):.2g}, cond(AᵀA) = {np.linalg.cond(A_poly.T @ A_poly):.2g}")
    print("the normal equations are over 1000 times less accurate:", err_normal > 1000 * err_lstsq)
    """),
    md(r"""
    **A collinear feature.** Now the extreme case. Add the weight in **kilograms** as a fourth feature. It is the
    weight in pounds times 0.4536, a column that is an exact combination of another: the columns of $A$ are
    **linearly dependent** (collinear).
    """),
    code("""
    kg = 0.45359237 * X[:, 0]  # weight in kg: an exact multiple of the weight in lb
    X_kg = np.column_stack([X, kg])
    A_kg = np.column_stack([X_kg, np.ones(n)])
    H_kg = 2 / n * A_kg.T @ A_kg  # Hessian of the MSE (notebook 04)
    eigenvalues = np.linalg.eigvalsh(H_kg)
    """),
    checked("""
    print("cond(A) is astronomically large (> 10¹²):", np.linalg.cond(A_kg) > 1e12)
    print("smallest eigenvalue of H is 0 up to rounding:", abs(eigenvalues[0]) < 1e-12 * eigenvalues[-1])
    try:
        lh.fit_closed_form(X_kg, y, method="normal")
    except ValueError as err:
        print("ValueError:", err)
    """),
    md(r"""
    The Hessian has an eigenvalue 0: in that direction the bowl does not curve at all. Moving $0.4536$ mpg/lb of weight
    out of $w_{\text{lb}}$ and $1$ mpg/kg into $w_{\text{kg}}$ changes no prediction, so it changes no loss. The MSE is
    still **convex**, but its minimum is a whole **line** of equally good parameters, a flat valley floor. The normal
    equations have no unique solution, and `lh.fit_closed_form(..., method="normal")` says so instead of returning
    numbers made of rounding errors. Least squares via the SVD picks one point on that line: the one with the smallest
    $\lVert\boldsymbol\theta\rVert$ (the **minimum-norm** solution).
    """),
    code("""
    theta_min_norm = np.linalg.lstsq(A_kg, y, rcond=None)[0]
    direction = np.array([0.45359237, 0.0, 0.0, -1.0, 0.0])  # along the valley floor: A_kg @ direction = 0
    theta_other = theta_min_norm + 0.01 * direction  # another point of the floor
    assert np.allclose(A_kg @ direction, 0)
    """),
    checked("""
    for label, t in [("minimum-norm solution", theta_min_norm), ("another solution     ", theta_other)]:
        print(f"{label}: w_lb = {t[0]:+.5f}, w_kg = {t[3]:+.5f}, MSE = {lh.mse(y, A_kg @ t):.4f}")
    print(f"the two weights combined, w_lb + 0.4536·w_kg: {theta_min_norm[0] + 0.45359237 * theta_min_norm[3]:+.5f}"
          f" and {theta_other[0] + 0.45359237 * theta_other[3]:+.5f} (= w_weight of section 4)")
    """),
    code("""
    # extra code – draws the figure: the MSE over the two collinear weights (the others at their best): a flat valley
    z_lb = (X[:, 0] - X[:, 0].mean()) / X[:, 0].std()  # standardised (section 6), so both axes have the same scale;
    z_kg = (kg - kg.mean()) / kg.std()  # standardised, the kg column is identical to the lb column
    rest = y - y.mean() - (X[:, 1:] - X[:, 1:].mean(axis=0)) @ theta_normal[1:3]  # what the two weights must explain
    u = np.linspace(-8, 4, 121)
    U1, U2 = np.meshgrid(u, u)
    Z = np.mean((U1[..., None] * z_lb + U2[..., None] * z_kg - rest) ** 2, axis=-1)
    fig, ax = plt.subplots(figsize=(4.6, 4.0), layout="constrained")
    ax.contour(U1, U2, Z, levels=12, cmap="viridis", linewidths=1)
    best_sum = theta_normal[0] * X[:, 0].std()  # every pair with w₁ + w₂ = best_sum is a minimum
    ax.plot(u, best_sum - u, "k--", lw=2, label="all minima: a line, not a point")
    ax.set(xlim=(u[0], u[-1]), ylim=(u[0], u[-1]), aspect="equal",
           xlabel="weight of 'weight in lb' (per std)", ylabel="weight of 'weight in kg' (per std)",
           title="collinear features: a flat valley")
    ax.legend(fontsize=8, loc="upper right")
    plt.show()
    """),
    misconception(
        '"a convex loss has exactly one minimum"',
        r"""
        Convex means no *false* valleys: every point where the gradient is zero is a **global** minimum (notebook 06).
        It does not mean there is only one such point. With collinear features, or more features than examples, the
        minimum is a flat line or plane of parameters that all give the same predictions and the same loss.
        Gradient descent still reaches the lowest loss, but which point of the floor it stops at depends on where it
        started; the individual weights of collinear features mean nothing on their own.
        """,
    ),
    md(r"""
    **Nearly collinear** features are the common case in practice. The cars' three features are strongly correlated
    (heavy cars have big engines with many horsepower):
    """),
    checked("""
    print(np.round(np.corrcoef(X, rowvar=False), 3))
    """),
    md(r"""
    A correlation near $\pm1$ makes the valley long and thin (a small eigenvalue, a large condition number): the
    fit is still unique, but the individual weights are poorly determined and change a lot with small changes in
    the data. Least-squares solvers handle it as well as the data allow; the normal equations lose twice as many digits.

    ## 6. Feature scaling: why gradient descent crawls on raw features

    Gradient descent never forms $A^\top A$, but it feels the same conditioning. Notebook 04 showed that full-batch
    descent on the MSE is stable only for $\eta < \eta_{\max} = 2/\lambda_{\max}$, where $\lambda_{\max}$ is the largest
    eigenvalue of the Hessian $H = \frac2n A^\top A$, and that the slowest direction shrinks by $1 - \eta\lambda_{\min}$ per
    step. The ratio $\lambda_{\max}/\lambda_{\min}$ is the condition number of $H$; its **square root** is the
    elongation of the bowl's contour ellipses (their axes are proportional to $1/\sqrt{\lambda}$), and with the best
    fixed step the condition number itself is roughly the number of steps needed per digit of accuracy.

    On the raw cars features two things make $H$ badly conditioned. The weight column (thousands of lb) makes
    $\lambda_{\max}$ huge next to the ones column. And every feature has a large **mean**, so its column is nearly
    parallel to the ones column: changing $b$ and changing the weights are almost the same move, which makes
    $\lambda_{\min}$ tiny (its eigenvector is mostly the bias direction).

    **Standardising** fixes both: subtract each feature's mean $\mu_j$ (this **centring** decouples $b$ from the
    weights) and divide by its standard deviation $\sigma_j$ (this **scaling** equalises the curvatures),

    $$z_{ij} = \frac{x_{ij} - \mu_j}{\sigma_j} ,$$

    so that every column has mean 0 and standard deviation 1, and no unit. Only the features are scaled; $y$ stays
    in mpg.
    """),
    code("""
    mean, std = X.mean(axis=0), X.std(axis=0)  # one per feature column; all 392 cars are the training set here
    Z_cars = (X - mean) / std  # standardised features


    def hessian_eigenvalues(F):
        A_F = np.column_stack([F, np.ones(len(F))])
        return np.linalg.eigvalsh(2 / len(F) * A_F.T @ A_F)


    def steps_to_one_percent(history, min_loss):  # first step with an MSE within 1 % of the minimum
        ok = np.flatnonzero(history.losses <= 1.01 * min_loss)
        return int(ok[0]) if ok.size else None


    min_mse = lh.mse(y, A @ theta_normal)  # the same minimum for both: scaling does not change the model
    runs = {}
    for label, F in [("raw features", X), ("standardised", Z_cars)]:
        eta = 0.9 * lh.largest_stable_learning_rate(F)  # 90 % of the largest stable rate: about the best fixed step
        runs[label] = (eta, hessian_eigenvalues(F), lh.gradient_descent(F, y, learning_rate=eta, epochs=20_000))
    """),
    md(r"""
    Both halves of standardising matter. The condition number of $H$ with neither, only one, or both, and how much
    of the eigenvector of $\lambda_{\min}$ lies along the bias (1 = entirely):
    """),
    checked("""
    for label, F in [("raw", X), ("scaled only (x / σ)", X / std), ("centred only (x − μ)", X - mean),
                     ("centred and scaled", Z_cars)]:
        A_F = np.column_stack([F, np.ones(n)])
        lam, vec = np.linalg.eigh(2 / n * A_F.T @ A_F)
        print(f"{label:>21}: cond(H) = {lam[-1] / lam[0]:9.3g}, bias share of the slowest direction {vec[-1, 0] ** 2:.2f}")
    """),
    md(r"""
    Scaling alone still leaves a condition number of about a thousand, and the slowest direction is still mostly
    the bias: with large means, a change of $b$ can be nearly undone by changing the weights. Centring alone
    decouples $b$ but leaves the huge spread of the column scales (the ones column is now the flattest direction
    because it is tiny next to the weight column). Only both together give a small condition number, with no
    bias in the slowest direction.
    """),
    checked("""
    for label, (eta, lam, h) in runs.items():
        k = steps_to_one_percent(h, min_mse)
        reached = f"within 1 % of the minimum after {k} steps" if k is not None else (
            f"not within 1 % after {h.steps:,} steps (MSE still {h.losses[-1] / min_mse:.1f} × the minimum)")
        print(f"{label:>12}: η = {eta:.3g}, λmax/λmin = {lam[-1] / lam[0]:.3g}; {reached}")
    """),
    md(r"""
    Twenty thousand steps on the raw features get nowhere near the minimum; on the standardised features a few dozen
    suffice. How far away was the raw run? The slowest direction shrinks by $1 - \eta\lambda_{\min}$ per step, and the
    MSE gap by its square, so shrinking that gap 100-fold takes $\ln 100 \,/\, \big({-2}\ln(1 - \eta\lambda_{\min})\big)$ steps:
    """),
    checked("""
    for label, (eta, lam, _history) in runs.items():
        needed = np.log(100) / (-2 * np.log1p(-eta * lam[0]))
        print(f"{label:>12}: about {needed:.2g} steps to shrink the slow direction's gap 100-fold")
    """),
    md(r"""
    Hundreds of millions of steps against about 56 (and the standardised run itself was within 1 % of the minimum
    after only 16, as printed above: the estimate is for a 100-fold shrink of the slowest direction's gap). The picture behind the numbers, with two features (weight and
    horsepower, centred like the dashboard below so that the bias drops out of the picture) and the two weights drawn
    to the same scale:
    """),
    code("""
    # extra code – draws the figure: descent on raw and on standardised features, two weights
    X2c = X[:, :2] - X[:, :2].mean(axis=0)  # centred weight and horsepower
    yc = y - y.mean()
    panels = [("raw features (centred)", X2c, 0.95), ("raw: the first 12 steps, zoomed in", X2c, 0.95),
              ("standardised features", X2c / X[:, :2].std(axis=0), 0.5)]
    fig, axes = plt.subplots(1, 3, figsize=(11, 3.9), layout="constrained")
    for ax, (title, F, fraction) in zip(axes, panels, strict=True):
        h = lh.gradient_descent(F, yc, learning_rate=fraction * lh.largest_stable_learning_rate(F), epochs=100)
        w_star = lh.fit_closed_form(F, yc)[0]
        path = h.weights
        if "zoomed" in title:
            path = path[:13]
            lo, hi = path.min(axis=0), path.max(axis=0)
            pad = 0.15 * (hi - lo)
            g1, g2 = np.linspace(lo[0] - pad[0], hi[0] + pad[0], 160), np.linspace(lo[1] - pad[1], hi[1] + pad[1], 160)
        else:
            half = 1.3 * np.abs(w_star).max()
            g1, g2 = (np.linspace(c - half, c + half, 160) for c in w_star)
        G1, G2 = np.meshgrid(g1, g2)
        Z = np.mean((G1[..., None] * F[:, 0] + G2[..., None] * F[:, 1] - yc) ** 2, axis=-1)
        ax.contour(G1, G2, Z, levels=np.quantile(Z, np.linspace(0.003, 0.9, 14)), cmap="viridis", linewidths=1)
        ax.plot(path[:, 0], path[:, 1], ".-", color="C3", lw=1, ms=3, label=f"{len(path) - 1} steps")
        if "zoomed" not in title:
            ax.plot(*w_star, "*", color="k", ms=12, label="minimum")
            ax.set_aspect("equal")
        ax.set(title=title, xlabel="w₁ (weight)", ylabel="w₂ (horsepower)")
        ax.legend(fontsize=8, loc="lower right")
    plt.show()
    """),
    md(r"""
    * **Raw** (left): the valley is so narrow that it looks like a few vertical lines; it runs along $w_2$, the
      horsepower weight, because a change of $w_1$ (per lb, times thousands of lb) changes the loss enormously and a change
      of $w_2$ hardly at all. After 100 steps the path (red) has barely left the start.
    * **Zoomed** (middle, axes stretched differently): the path **zig-zags** across the valley, because a step large
      enough to make progress along it overshoots across it, and only creeps along its floor.
    * **Standardised** (right): the contours are much rounder, and descent reaches the minimum in a handful of steps.

    **What scaling cannot fix.** The standardised contours are still tilted ellipses: weight and horsepower are
    correlated (0.865), and per-feature scaling does not remove correlation. The remaining elongation comes from the
    data, not from the units.
    """),
    md(r"""
    ### Back to the original units

    Standardising does not change the model, only how its parameters are written. Multiply out the prediction on
    standardised features:

    $$\hat y = \sum_j w'_j\,\frac{x_j - \mu_j}{\sigma_j} + b' = \sum_j \underbrace{\frac{w'_j}{\sigma_j}}_{w_j}\,x_j + \underbrace{\Big(b' - \sum_j \frac{w'_j}{\sigma_j}\,\mu_j\Big)}_{b} .$$

    So $w_j = w'_j/\sigma_j$ and $b = b' - \sum_j w_j\mu_j$: the same predictions, the same minimum MSE.
    """),
    code("""
    h_std = runs["standardised"][2]
    w_std, b_std = h_std.w, h_std.b  # learned on standardised features: mpg per standard deviation
    w_orig = w_std / std  # mpg per lb, per hp, per cu in
    b_orig = b_std - np.sum(w_orig * mean)
    assert np.allclose(np.append(w_orig, b_orig), theta_normal, rtol=1e-6)
    assert np.allclose(Z_cars @ w_std + b_std, X @ w_orig + b_orig)  # the same predictions
    """),
    checked("""
    for j in range(M):
        per_std = f"{w_std[j]:+.3f} mpg per std ({std[j]:.1f} {units[j]})"
        print(f"{names[j]:>12}: {per_std}  ->  {w_orig[j]:+.5f} mpg per {units[j]}")
    print(f"{'bias':>12}: {b_std:+.3f} mpg (the mean mpg)        ->  {b_orig:+.3f} mpg")
    """),
    md(r"""
    The standardised weights answer "how much does mpg change per **typical** difference in this feature?", which
    makes them comparable: weight matters most per standard deviation here. (With correlated features, treat any
    single weight with care: section 5.) The bias on standardised features is the mean mpg, because every
    standardised feature has mean 0.
    """),
    misconception(
        "standardise with the statistics of all the data, and report the standardised weights",
        r"""
        The mean and standard deviation are part of the model: they are **learned from the training data** and then
        applied, unchanged, to every new example. Computing them on the test set (or on training and test together)
        lets information from the test data leak into the model, so the test score is no longer an honest estimate.
        And at prediction time there is often only **one** new example, whose "own" standard deviation is 0.

        (Section 6 used all 392 cars because there all of them were the training set: no test set was held out yet.
        With a split, as below, only the training part supplies the statistics.)
        """,
    ),
    code("""
    rng = np.random.default_rng(0)
    order = rng.permutation(n)
    train, test = order[:300], order[300:]  # a seeded split: 300 cars to train on, 92 to test with
    mean_train, std_train = X[train].mean(axis=0), X[train].std(axis=0)
    Z_test = (X[test] - mean_train) / std_train  # new data: scaled with the training statistics

    one_new_car = X[test[:1]]
    with np.errstate(invalid="ignore"):  # 0 / 0 below
        own_statistics = (one_new_car - one_new_car.mean(axis=0)) / one_new_car.std(axis=0)
    """),
    checked("""
    print("one new car, training statistics:", np.round((one_new_car - mean_train) / std_train, 3))
    print("one new car, its own statistics: ", own_statistics)
    """),
    md(r"""
    And the weights of a standardised model are **per standard deviation**: before reporting "mpg per lb" or using the
    weights on raw features, convert them back as above.

    ## 7. One fit, five ways

    The exact least-squares fit on the raw features, five ways: `lh.fit_closed_form` (centres the data, then SVD-based
    least squares), `np.linalg.lstsq` on the design matrix, the normal equations of section 4, scikit-learn's
    `LinearRegression`, and gradient descent on standardised features (converted back).
    """),
    code("""
    try:
        from sklearn.linear_model import LinearRegression
    except ImportError:  # scikit-learn is optional for this notebook
        LinearRegression = None
        print("scikit-learn is not installed here (pip install scikit-learn); its row is left out.")

    w_fit, b_fit = lh.fit_closed_form(X, y)
    fits = {
        "lh.fit_closed_form": np.append(w_fit, b_fit),
        "np.linalg.lstsq": np.linalg.lstsq(A, y, rcond=None)[0],
        "normal equations": theta_normal,
        "gradient descent (std)": np.append(w_orig, b_orig),
    }
    if LinearRegression is not None:
        model = LinearRegression().fit(X, y)
        fits["scikit-learn"] = np.append(model.coef_, model.intercept_)
    for theta_k in fits.values():
        assert np.allclose(theta_k, fits["lh.fit_closed_form"], rtol=1e-6)
    """),
    checked("""
    print(f"{'':>22}  {'w_weight':>9} {'w_hp':>9} {'w_displ':>9} {'b':>8}")
    for label, t in fits.items():
        print(f"{label:>22}  {t[0]:+.6f} {t[1]:+.6f} {t[2]:+.6f} {t[3]:8.4f}")
    """),
    md(r"""
    All agree to the digits shown. When to use which:

    * **Least squares** (`np.linalg.lstsq`, `lh.fit_closed_form`, scikit-learn's `LinearRegression`): the default for
      linear regression with up to thousands of features. Exact, no learning rate, works on raw features, and handles
      collinear features (minimum-norm answer).
    * **The normal equations**: fine on paper and for small, well-conditioned problems; they square the condition number.
    * **Gradient descent** (standardised features!): when there is no closed form (other losses, other models), when
      the data do not fit in memory (mini-batches, notebook 05), or for very many features.

    ## 8. The many-features dashboard

    Two features of the cars (weight and horsepower, centred) and gradient descent on them, in the places every
    dashboard of the series uses. Top left: the model's predictions against the observed mpg (a model with two
    features is not one line over one axis; a perfect model puts every point on the dashed diagonal). Top right: the
    MSE over the two weights in 3D, with the descent path: a narrow ravine for raw features, a round bowl for
    standardised ones. Bottom left: the same surface as contours, both axes to the same scale, where the zig-zag's
    angles show. Bottom right: the loss curve. The read-out counts the steps until the MSE is within 1 % of its
    minimum, and shows the contours' elongation $\sqrt{\lambda_{\max}/\lambda_{\min}}$.
    Tick **standardise features** to switch between raw and standardised features: the learning-rate slider keeps the
    same fraction of the largest stable rate. The **demonstration preset** menu has three set-ups, and *Show as code*
    prints the `lh.gradient_descent` call that reproduces the picture.

    Things to try:

    * Choose the preset *raw features: zig-zag and crawl*. The loss curve looks flat just above the dotted minimum:
      switch **loss curve shows** to *gap to minimum* to see how far it still is. Then tick **standardise
      features**. How many steps now?
    * On raw features, push the learning rate to the top of its range. The zig-zag grows, then diverges. Can any
      learning rate make raw descent fast?
    * On standardised features, lower the **batch size** to 32, then to 1: the path gets noisy (notebook 05), but it
      still heads straight for the minimum.
    * Compare the elongation in the read-out with the two contour maps. What is left after standardising, and why?
    * Watch the predicted-vs-observed panel while the run is short (a few epochs): which features' scale lets the
      points reach the diagonal sooner?
    """),
    code("lh.many_features_dashboard()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * With $M$ features: $\hat{\mathbf y} = X\mathbf w + b = A\boldsymbol\theta$, with the **design matrix**
      $A = [X, \mathbf 1]$ $(n, M{+}1)$ and $\boldsymbol\theta = [\mathbf w; b]$; the entries of $\boldsymbol\theta$ follow
      the columns of $A$.
    * The gradient of the MSE is $\nabla\mathrm{MSE} = \frac2n A^\top(A\boldsymbol\theta - \mathbf y)$: $A^\top$, not
      $A$, because each partial derivative sums over the examples. Finite differences confirm it.
    * Setting it to zero gives the **normal equation** $A^\top A\,\boldsymbol\theta = A^\top\mathbf y$: the residuals
      are perpendicular to every column of $A$ (and sum to zero).
    * $\kappa(A^\top A) = \kappa(A)^2$: forming $A^\top A$ loses twice as many digits, so solvers use **QR/SVD least
      squares** on $A$ (`np.linalg.lstsq`), never an explicit inverse. A **collinear** feature makes $A^\top A$
      singular: the loss stays convex but its minimum is a flat valley, and `method="normal"` refuses.
    * Gradient descent feels the conditioning too: on raw cars features it would need hundreds of millions of steps;
      **standardised** with the training set's mean and standard deviation, a few dozen. Convert the weights back
      ($w_j = w'_j/\sigma_j$, $b = b' - \sum_j w_j\mu_j$) to report them in original units.
    * `lh.fit_closed_form`, `np.linalg.lstsq`, the normal equations, scikit-learn and gradient descent all give the
      same fit.

    **Next:** the optional appendix [08 · From scratch to PyTorch](08_from_scratch_to_pytorch.ipynb) writes the same
    training loop with PyTorch tensors and autograd; or back to the [contents](00_start_here.ipynb#Contents).

    """),
    *concept_check("07"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "07.1",
        r"""
        Write `my_design_matrix(X)` that returns the design matrix $A = [X, \mathbf 1]$ of shape `(n, M + 1)` for
        features `X` of shape `(n, M)`, with the column of ones **last**.
        """,
        """
        def my_design_matrix(X):
            ...  # your code here


        ex.check_add_ones_column(my_design_matrix)
        """,
    ),
    *exercise(
        "07.2",
        r"""
        Write `my_gradient(A, y, theta)` that returns the gradient of the MSE with respect to $\boldsymbol\theta$, for a
        design matrix `A` of shape `(n, M + 1)`: an array of shape `(M + 1,)`. No loop: use `@`.
        """,
        """
        def my_gradient(A, y, theta):
            ...  # your code here


        ex.check_gradient_theta(my_gradient)
        """,
    ),
    *exercise(
        "07.3",
        r"""
        Write `my_fit_normal(X, y)` that builds the design matrix, solves the normal equation
        $A^\top A\,\boldsymbol\theta = A^\top\mathbf y$, and returns `(w, b)`: `w` of shape `(M,)` and `b` a number.
        (Try it on the cars: it should give the weights of section 4.)
        """,
        """
        def my_fit_normal(X, y):
            ...  # your code here


        ex.check_normal_equation(my_fit_normal)
        """,
    ),
    *exercise(
        "07.4",
        r"""
        Write `my_standardise(X_train, X_test)` that returns `(Z_train, Z_test)`: both arrays standardised column by
        column with the mean and standard deviation (numpy's default, `ddof=0`) of the **training** set.
        """,
        """
        def my_standardise(X_train, X_test):
            ...  # your code here


        ex.check_standardise(my_standardise)
        """,
    ),
    *exercise(
        "07.5",
        r"""
        A model trained on standardised features has weights `w_std` (shape `(M,)`) and bias `b_std`. The features were
        standardised with `mean` and `std` (shape `(M,)` each). Write `my_unscale(w_std, b_std, mean, std)` that returns
        `(w, b)` for the **original** features, giving the same predictions.
        """,
        """
        def my_unscale(w_std, b_std, mean, std):
            ...  # your code here


        ex.check_unscale(my_unscale)
        """,
    ),
]
