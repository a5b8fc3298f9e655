"""Source of notebooks/05_batch_sizes.ipynb. Build with: python tools/build_notebooks.py 05 --execute"""
# ruff: noqa: E501  (prose and formulas are easier to edit unwrapped)

from nbtools import checked, code, concept_check, exercise, md, misconception

CELLS = [
    md(r"""
    # 05 · Batch sizes: full batch, mini-batches and SGD

    **Purpose:** take each step from a few examples instead of all of them. Learn what a batch, an iteration and an
    epoch are, what the resulting noise does, and why every large data set is trained this way.

    **Learning objectives.** After this notebook you can

    1. tell the **hyperparameters** (learning rate, batch size, epochs) from the parameters $w, b$;
    2. write **full-batch** gradient descent, **SGD** (batch size 1) and **mini-batch** gradient descent as one numpy
       loop, and check it against `lh.gradient_descent`;
    3. count **iterations and epochs**: an epoch of $n$ examples in batches of $B$ takes $\lceil n/B \rceil$ steps;
    4. read **noisy loss curves**, plotted per step and per epoch, and compare the **cost of a step** with the cost
       of an epoch;
    5. show on a data set of 500,000 examples **why large data sets use mini-batches**;
    6. say when the **noise** of small batches is a cost and when it is useful;
    7. explain why the examples are **shuffled every epoch**, from what SGD does on sorted data.

    **Prerequisites:** [04 · Gradient descent](04_gradient_descent.ipynb).
    """),
    md("""
    ## Setup
    """),
    code("""
    %matplotlib widget
    import time

    import matplotlib.pyplot as plt
    import numpy as np

    import linreg_helpers as lh
    from linreg_helpers import exercises as ex
    """),
    md(r"""
    ## 1. Parameters and hyperparameters

    **Parameters** are what training learns: here $w$ and $b$. **Hyperparameters** are the settings we choose
    *before* training, which decide how it learns:

    | hyperparameter | what it sets | notebook |
    |---|---|---|
    | learning rate $\eta$ | the length of each step | 04 |
    | batch size $B$ | how many examples each step's gradient is computed from | this one |
    | epochs $E$ | how many passes over the whole data set | this one |

    (The start $w_0, b_0$ and the seed of the random shuffling are settings too.) None of them is learned from the
    data by gradient descent; they are chosen by the person training, by rules of thumb and by trying.

    ## 2. One loop for full batch, SGD and mini-batches

    In notebook 04 every step used the gradient of the MSE over **all** $n$ examples. A step can instead use a
    **batch**, a subset of $m$ examples, and the gradient of the MSE *on that batch*:

    $$\frac{\partial\,\mathrm{MSE}_{\text{batch}}}{\partial w} = \frac2m \sum_{i \in \text{batch}} r_i x_i, \qquad \frac{\partial\,\mathrm{MSE}_{\text{batch}}}{\partial b} = \frac2m \sum_{i \in \text{batch}} r_i .$$

    Note the $\frac2m$: an average over the batch, whatever its size. One **epoch** goes through the data once:

    1. shuffle: draw a random order of the $n$ examples (a new one every epoch);
    2. cut that order into consecutive batches of $B$ examples; the last batch holds what is left over;
    3. take **one step per batch**, each with that batch's gradient.

    The batch size names the method: $B = n$ is **full-batch** gradient descent (one step per epoch, notebook 04),
    $B = 1$ is **stochastic gradient descent** (SGD, one step per example), and anything in between is
    **mini-batch** gradient descent. Our data: 1,000 synthetic examples around the line $y = 2x + 1$.
    """),
    code("""
    x, y = lh.make_linear_data(1000, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=5)
    w_best, b_best = lh.fit_closed_form(x, y)
    min_loss = lh.mse(y, lh.predict(x, w_best, b_best))
    """),
    code("""
    def minibatch_gd(x, y, learning_rate, batch_size, epochs):
        n = len(x)
        rng = np.random.default_rng(0)  # seeded: the same shuffles on every run
        w, b = 0.0, 0.0
        path = [(w, b)]
        for _epoch in range(epochs):
            perm = rng.permutation(n)  # 1. a new random order every epoch
            for start in range(0, n, batch_size):  # 2. consecutive batches; the last may be smaller
                idx = perm[start : start + batch_size]
                m = len(idx)  # this batch's size
                r = w * x[idx] + b - y[idx]
                dw, db = 2 / m * np.sum(r * x[idx]), 2 / m * np.sum(r)  # the batch's gradient
                w, b = w - learning_rate * dw, b - learning_rate * db  # 3. one step per batch
                path.append((w, b))
        return np.array(path)
    """),
    md(r"""
    `lh.gradient_descent(..., batch_size=B, seed=0)` shuffles the same way (one `rng.permutation(n)` per epoch from
    `np.random.default_rng(0)`), so it must go through the same states. Full batch, a batch size with a remainder
    (300), mini-batches of 100, and SGD:
    """),
    code("""
    for B in [1000, 300, 100, 1]:
        path = minibatch_gd(x, y, learning_rate=0.02, batch_size=B, epochs=3)
        h = lh.gradient_descent(x, y, learning_rate=0.02, epochs=3, batch_size=B, seed=0)
        assert np.allclose(path[:, 0], h.weights[:, 0]) and np.allclose(path[:, 1], h.biases)
    """),
    md(r"""
    ## 3. Iterations and epochs

    * A **step**, also called an **iteration** or an **update**, changes $(w, b)$ once, from the gradient of one batch.
    * An **epoch** is one pass over all $n$ examples: $\lceil n / B \rceil$ steps (rounded **up**: the examples left
      over form a last, smaller batch, and that is a step too).

    1,000 examples in batches of 100 take 10 iterations per epoch. In batches of 300 they take 4: three batches of 300
    and one of 100. `lh` counts the same way:
    """),
    checked("""
    n, epochs = len(x), 5
    for B in [1000, 300, 100, 32, 1]:
        per_epoch = int(np.ceil(n / B))
        h = lh.gradient_descent(x, y, learning_rate=0.02, epochs=epochs, batch_size=B)
        assert (h.steps_per_epoch, h.steps) == (per_epoch, epochs * per_epoch)
        print(f"B = {B:>4}: {per_epoch:>4} steps per epoch, {epochs * per_epoch:>4} steps in {epochs} epochs")
    """),
    misconception(
        '"mini-batch gradient descent updates the weights once per pass over all examples"',
        r"""
        One popular note describes mini-batch descent with a batch size $1 < B < N$ that "updates the weights and bias
        once per iteration of all examples in the batch". That sentence is ambiguous: read as "once per batch" it is
        right, read as "once per pass over all the examples" it is not. The update happens once **per batch**: one
        batch, one gradient, one step. A pass over all examples is an **epoch**, and it holds $\lceil N/B \rceil$ updates. Only
        full-batch descent ($B = N$) updates once per epoch.

        Also, $B = 1$ (SGD) and $B = N$ (full batch) are not different algorithms but the two ends of the same one, and
        "SGD" in libraries (`torch.optim.SGD`, for example) usually means any batch size.
        """,
    ),
    md(r"""
    ## 4. Noisy loss curves, per step and per epoch

    Each step of a small batch follows *that batch's* gradient, which is only an estimate of the whole data's gradient.
    The loss on the **whole** data set can therefore go **up** on a step. Four runs with the same learning rate,
    10 epochs each:
    """),
    code("""
    batch_sizes = [1000, 100, 10, 1]
    runs = {B: lh.gradient_descent(x, y, learning_rate=0.02, epochs=10, batch_size=B) for B in batch_sizes}
    """),
    checked("""
    print(f"minimum MSE: {min_loss:.4f}")
    for B, h in runs.items():
        spe = h.steps_per_epoch
        ups = int(np.sum(np.diff(h.losses) > 0))
        print(f"B = {B:>4}: {h.steps:>5} steps; MSE after 1 epoch {h.losses[spe]:.4f}, after 10 epochs "
              f"{h.losses[-1]:.4f}; the loss went up on {ups} steps")
    """),
    code("""
    # extra code – draws the figure: the same four runs, against steps and against epochs
    from matplotlib.ticker import NullFormatter

    from linreg_helpers.style import COLORS

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.6), layout="constrained")
    colors = {1000: COLORS["full"], 100: COLORS["mini"], 10: "#CC79A7", 1: COLORS["sgd"]}  # as in the dashboard
    for B in sorted(runs):  # the noisiest first, so that it lies underneath
        h = runs[B]
        label = "full batch" if B == len(x) else ("SGD (B = 1)" if B == 1 else f"B = {B}")
        lw, alpha = {1: (0.4, 0.5), 10: (0.8, 0.9)}.get(B, (1.6, 1.0))  # SGD thin and light: the others show
        ax1.plot(np.arange(1, h.steps + 1), h.losses[1:], color=colors[B], lw=lw, alpha=alpha, label=label)
        ax2.plot(h.epoch_axis, h.losses, color=colors[B], lw=lw, alpha=alpha, label=label)
    for ax in (ax1, ax2):
        ax.axhline(min_loss, color="k", ls=":", lw=1)
        ax.set(yscale="log", ylim=(min_loss * 0.95, 50), ylabel="MSE on all data")
        ax.set_yticks([4, 5, 10, 20, 50], labels=["4", "5", "10", "20", "50"])  # plain numbers on the log axis
        ax.yaxis.set_minor_formatter(NullFormatter())
    ax1.set(xscale="log", xlabel="step (log scale)", title="per step: each update")
    ax2.set(xlabel="epoch", title="per epoch: each pass over the data")
    handles, labels = ax2.get_legend_handles_labels()
    ax2.legend(handles[::-1], labels[::-1], fontsize=8)
    plt.show()
    """),
    md(r"""
    The two panels tell different stories, and both are true:

    * **Per step** (left), the first ten steps of full batch, $B = 100$ and $B = 10$ do almost the same: far from the
      minimum, a batch's gradient points nearly the same way as the full one. SGD's curve jumps around from its first
      steps (here its first few steps even happen to land lower than the others'), and near the minimum every small
      batch falls behind and jitters.
    * **Per epoch** (right), small batches win: in one pass over the data, $B = 100$ takes 10 steps and SGD 1,000,
      while full batch takes one. But the small-batch curves do not settle at the minimum: they keep jittering above
      it, SGD the most.

    Which panel matters depends on what a step **costs**. A step computes $B$ example gradients, so an epoch always
    computes $n$ of them, whatever $B$ is. In arithmetic, an epoch costs the same for every batch size; per step,
    full batch is $n/B$ times more expensive. In wall-clock time, each step also carries a fixed overhead (here: a
    Python loop iteration), which makes very small batches slow per epoch. Timing one epoch of our numpy loop
    (the numbers vary from machine to machine and run to run):
    """),
    code("""
    def best_time(run, repeat=5):  # the fastest of a few runs: less disturbed by whatever else the machine does
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return min(times)


    for B in [1000, 100, 10, 1]:
        seconds = best_time(lambda B=B: minibatch_gd(x, y, learning_rate=0.02, batch_size=B, epochs=1))
        print(f"B = {B:>4}: one epoch ({int(np.ceil(len(x) / B)):>4} steps) took {1000 * seconds:6.2f} ms")
    """),
    md(r"""
    This is why practice settles in between: batches of tens to thousands of examples, large enough that the
    arithmetic of one step is done in a single vectorised operation (on a GPU, in parallel), small enough that an
    epoch still holds many steps.

    ## 5. Why large data sets use mini-batches

    Now 500,000 examples, still one feature (the same ideas hold with many). One full-batch step reads all of them;
    a mini-batch step reads 1,000.
    """),
    code("""
    x_big, y_big = lh.make_linear_data(500_000, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=6)
    w_big, b_big = lh.fit_closed_form(x_big, y_big)
    min_big = lh.mse(y_big, lh.predict(x_big, w_big, b_big))
    """),
    md(r"""
    **First: a random batch already points the right way.** The gradient of a random batch is an *unbiased* estimate
    of the full gradient: averaged over the batches of one epoch (every example used once), the batch gradients give
    exactly the full gradient. And a single batch of 1,000 is already close to it:
    """),
    code("""
    rng = np.random.default_rng(0)
    perm = rng.permutation(len(x_big))
    batch_grads = np.array([lh.mse_gradient(x_big[idx], y_big[idx], 0.0, 0.0) for idx in np.split(perm, 500)])
    full_grad = np.array(lh.mse_gradient(x_big, y_big, 0.0, 0.0))
    assert np.allclose(batch_grads.mean(axis=0), full_grad)  # the average of 500 equal batches = the full gradient
    """),
    checked("""
    error = np.linalg.norm(batch_grads - full_grad, axis=1) / np.linalg.norm(full_grad)
    print(f"full gradient at w = b = 0: ({full_grad[0]:.2f}, {full_grad[1]:.2f})")
    print(f"one batch of 1,000 differs from it by about {np.median(error):.0%} (median over the 500 batches)")
    """),
    md(r"""
    **Second: both need about as many steps, but the steps cost very different amounts.** Full batch and mini-batches
    of 1,000, same learning rate, counting the examples each has processed:
    """),
    code("""
    full = lh.gradient_descent(x_big, y_big, learning_rate=0.1, epochs=20)
    mini = lh.gradient_descent(x_big, y_big, learning_rate=0.1, epochs=1, batch_size=1000)
    """),
    checked("""
    print(f"minimum MSE: {min_big:.4f}")
    for name, h, B in [("full batch", full, len(x_big)), ("batches of 1,000", mini, 1000)]:
        k = int(np.argmax(h.losses <= 1.01 * min_big))  # first step within 1 % of the minimum
        after_one_epoch = h.losses[h.steps_per_epoch]
        print(f"{name:>16}: within 1 % after {k} steps = {k * B:,} examples; after one epoch: MSE {after_one_epoch:.4f}")
    """),
    code("""
    # extra code – draws the figure: loss against the number of examples processed
    fig, ax = plt.subplots(figsize=(6.5, 3.4), layout="constrained")
    ax.plot(np.arange(1, full.steps + 1) * len(x_big), full.losses[1:], "o-", ms=4, color=COLORS["full"],
            label="full batch (500,000 per step)")
    ax.plot(np.arange(1, mini.steps + 1) * 1000, mini.losses[1:], lw=1, color=COLORS["mini"], label="mini-batches of 1,000")
    ax.axhline(min_big, color="k", ls=":", lw=1, label="minimum")
    ax.set(xscale="log", yscale="log", xlabel="examples processed so far (log scale)",
           ylabel="MSE on all data", title="the same progress for far less work")
    ax.yaxis.set_major_formatter("{x:g}")  # plain numbers on the log axis
    ax.yaxis.set_minor_formatter("{x:g}")
    ax.legend(fontsize=8)
    plt.show()
    """),
    md(r"""
    How many steps descent needs depends on the shape of the loss (notebook 04), **not on $n$**. A mini-batch step
    costs $B$ example gradients, a full-batch step $n$. So with 500,000 examples, the mini-batches got within 1 % of the
    minimum after a few thousand examples; full batch needed 1.5 million. Wall-clock time (not checked: it varies).
    A mini-batch gradient is 500 times less arithmetic, but usually less than 500 times faster: every call has a fixed
    overhead, one more reason why batches are not made tiny.
    """),
    code("""
    batch = perm[:1000]
    t_full = best_time(lambda: lh.mse_gradient(x_big, y_big, 0.0, 0.0))
    t_mini = best_time(lambda: lh.mse_gradient(x_big[batch], y_big[batch], 0.0, 0.0))
    print(f"one full-batch gradient: {1000 * t_full:.2f} ms;  one mini-batch gradient: {1000 * t_mini:.3f} ms")
    t_epoch = best_time(lambda: minibatch_gd(x_big, y_big, learning_rate=0.1, batch_size=1000, epochs=1), repeat=2)
    print(f"one epoch of mini-batches (500 steps) with our loop: {1000 * t_epoch:.0f} ms")
    """),
    md(r"""
    Two more reasons, beyond arithmetic:

    * **Memory.** A full-batch step needs every example at once. A mini-batch step needs $B$ rows: the data can stay on
      disk and be streamed batch by batch, and a batch fits on a GPU.
    * **Redundancy.** Real data sets repeat themselves: many examples carry nearly the same information. A batch of
      1,000 random examples already tells the direction to within a few percent, as computed above.

    ## 6. Noise: a cost, and sometimes a feature

    **The cost.** With a fixed learning rate, a small batch never settles: near the minimum the true gradient is tiny,
    but each batch's gradient is not, so the parameters keep jittering in a small cloud around the minimum (a
    **noise ball**), and the loss stays above its minimum.

    To measure the noise ball alone, start the runs **at the minimum**: any excess loss is then noise, not unfinished
    optimisation. For comparison, the same runs from $w = b = 0$, and how much of their excess is simply unfinished
    (full-batch descent with as many steps, which has no noise). Average excess MSE over epochs 2–20, on the 1,000
    examples:
    """),
    checked("""
    ball = {}
    print("  B      η   noise ball (from the minimum)   from w = b = 0 (last epoch)",
          "  unfinished (full batch, as many steps)")
    for B in [1, 10, 100]:
        for eta in [0.01, 0.04]:
            at_min = lh.gradient_descent(x, y, learning_rate=eta, epochs=20, batch_size=B, w0=w_best, b0=b_best)
            from_zero = lh.gradient_descent(x, y, learning_rate=eta, epochs=20, batch_size=B)
            spe = from_zero.steps_per_epoch
            no_noise = lh.gradient_descent(x, y, learning_rate=eta, epochs=20 * spe)  # full batch: no noise at all
            ball[B, eta] = np.mean(at_min.losses[spe:]) - min_loss
            print(f"{B:>3}   {eta:.2f}   {ball[B, eta]:10.5f}   {np.mean(from_zero.losses[-spe:]) - min_loss:27.5f}"
                  f"   {max(no_noise.losses[-1] - min_loss, 0.0):33.5f}")
    for eta in [0.01, 0.04]:
        print(f"η = {eta}: the ball shrinks {ball[1, eta] / ball[10, eta]:.0f}× from B = 1 to 10 and "
              f"{ball[10, eta] / ball[100, eta]:.0f}× from B = 10 to 100")
    for B in [1, 10, 100]:
        print(f"B = {B:>3}: the ball grows {ball[B, 0.04] / ball[B, 0.01]:.1f}× when η grows 4×")
    """),
    md(r"""
    What the numbers show. From $w = b = 0$, the excess of $B = 100$ at $\eta = 0.01$ is mostly unfinished
    optimisation (noise-free full batch is not done either); started at the minimum, its noise ball is several times
    smaller. The noise ball itself **grows with $\eta$** (more than in proportion here) and **falls quickly with $B$**,
    faster than $1/B$. The
    textbook estimate "proportional to $\eta/B$" holds to first order for batches drawn independently (with
    replacement). Here every epoch draws a new order and uses each example exactly once, so within an epoch the
    batch errors partly cancel (the batch gradients of one epoch average to the full gradient), and more so the
    fewer steps an epoch has.
    """),
    md(r"""
    The usual remedies for the noise ball: lower the learning rate as training goes on (a learning-rate **schedule**), or use larger
    batches towards the end.

    **Why that cost is often acceptable.** The data themselves are noisy: another sample of 1,000 examples from the same
    source would have a somewhat different best line. Compare how much the best $w$ moves between data sets with how
    much mini-batch descent's final $w$ jitters between shuffles:
    """),
    checked("""
    best_w_other_samples = [
        lh.fit_closed_form(*lh.make_linear_data(1000, weights=2.0, bias=1.0, noise=2.0, x_range=(0, 4), seed=s))[0]
        for s in range(100, 130)
    ]
    print(f"best w over 30 fresh data sets:         spread (std) {np.std(best_w_other_samples):.3f}")
    for B, eta in [(100, 0.05), (10, 0.02), (1, 0.01)]:
        final_w = [lh.gradient_descent(x, y, learning_rate=eta, epochs=20, batch_size=B, seed=s).w[0] for s in range(30)]
        print(f"final w over 30 shuffles, B = {B:>3}, η = {eta}: spread (std) {np.std(final_w):.3f}")
    """),
    md(r"""
    With batches of 100, the jitter is smaller than the uncertainty that the data leave in $w$ anyway: more precision
    would be precision about *this* sample, not about the world. Batches of 10 or 1 with these learning rates jitter
    more than that: they need a smaller $\eta$ towards the end.

    **Where noise helps.** The MSE of a linear model has a single minimum (notebook 06), so here noise cannot help find a
    better one. For losses with several valleys, such as Tukey's loss in notebook 06 or the losses of neural networks,
    the jitter of small batches can carry the parameters out of a poor, shallow valley or off a flat saddle, where
    full-batch descent would stop. In deep learning, small-batch training is also often observed to find solutions that
    generalise better to new data. These are observations about non-convex problems, still being researched, not
    guarantees.
    """),
    misconception(
        '"the noise of SGD helps the model find the optimal weights"',
        r"""
        For linear regression with the MSE there is exactly one best $(w, b)$, and full-batch gradient descent with a
        stable learning rate finds it. Noise cannot find a better one: it leaves the parameters jittering *around* it.
        Small batches are used here because their steps are cheap, not because their noise helps. The useful side of
        the noise (escaping shallow valleys, often better generalisation) belongs to non-convex losses and models.
        """,
    ),
    md(r"""
    ### Why shuffle? SGD on sorted data

    Step 1 of every epoch (section 2) draws a new random order. What if we skip it? Data files are often **sorted**, by
    date, by customer, by price. Below, the same 1,000 examples sorted by their label $y$, then trained with
    `shuffle=False` (`lh.gradient_descent` then takes the batches in the data's own order, the same every epoch), next
    to the usual shuffled run and to the examples sorted by $x$. Batches of 10, $\eta = 0.01$, 20 epochs:
    """),
    code("""
    by_y, by_x = np.argsort(y), np.argsort(x)  # the same examples, sorted by their label or by their feature
    orders = {"shuffled every epoch": (by_y, True), "sorted by y, shuffle=False": (by_y, False),
              "sorted by x, shuffle=False": (by_x, False)}
    order_runs = {
        name: lh.gradient_descent(x[idx], y[idx], learning_rate=0.01, epochs=20, batch_size=10, shuffle=shuffle)
        for name, (idx, shuffle) in orders.items()
    }
    """),
    checked("""
    print(f"{'':>27}  final w   final b   excess MSE: at the end   mean over the last epoch")
    for name, h in order_runs.items():
        last_epoch = h.losses[-h.steps_per_epoch :] - min_loss
        print(f"{name:>27}: {h.w[0]:7.3f}   {h.b:7.3f}   {h.losses[-1] - min_loss:22.4f}   {np.mean(last_epoch):24.4f}")
    print(f"{'best line':>27}: {w_best:7.3f}   {b_best:7.3f}")
    excess = {name: np.mean(h.losses[-h.steps_per_epoch :]) - min_loss for name, h in order_runs.items()}
    ratio = excess["sorted by y, shuffle=False"] / excess["shuffled every epoch"]
    print(f"excess over the last epoch, sorted by y against shuffled: {ratio:.0f}×")
    """),
    code("""
    # extra code – draws the figure: where each run ends, and its loss over the last three epochs
    order_colors = {"shuffled every epoch": lh.COLORS["converges"], "sorted by y, shuffle=False": lh.COLORS["diverges"],
                    "sorted by x, shuffle=False": lh.COLORS["mae"]}
    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(9.5, 3.6), layout="constrained")
    ax1.scatter(x, y, s=4, color="0.75", label="data")
    x_ends = np.array([0.0, 4.0])
    ax1.plot(x_ends, w_best * x_ends + b_best, "k:", lw=2, label="best line")
    for name, h in order_runs.items():
        ax1.plot(x_ends, h.w[0] * x_ends + h.b, color=order_colors[name], label=name)
        last3 = np.arange(h.steps - 3 * h.steps_per_epoch, h.steps + 1)
        ax2.semilogy(last3 / h.steps_per_epoch, h.losses[last3] - min_loss, color=order_colors[name], lw=1)
    ax1.set(xlabel="x", ylabel="y", title="the line at the end of epoch 20")
    ax1.legend(fontsize=7)
    ax2.set(xlabel="epoch", ylabel="MSE − minimum (log scale)", title="the last three epochs, step by step")
    plt.show()
    """),
    md(r"""
    Sorted by $y$, the run ends far above the best line (its bias is about twice the best one), its excess MSE over the
    last epoch is about 24 times that of the shuffled run, and more epochs do not help: every epoch repeats the same
    sawtooth. The reason is the order of the residuals. The first batches of each epoch hold the smallest labels, all
    **below** the line, so every one of their gradients pulls the line down; the last batches hold the largest labels,
    all above it, and pull it up. With a fixed $\eta$ recent steps weigh more than old ones, so every epoch ends
    lifted towards the largest labels. A batch gradient is a fair estimate of the full gradient only if the batch is a
    fair sample of the data; shuffling makes it one.

    Sorted by $x$, no harm is visible: every stretch of $x$ is spread evenly around the same line, so each batch's
    residuals still have both signs. What hurts is an order in which consecutive batches err **in the same
    direction**. Shuffling every epoch guards against every such order, including ones we did not notice.
    """),
    md(r"""
    ## 7. The batch-size dashboard

    Three runs with a shared learning rate on 150 examples like ours: full batch, your mini-batch size, and SGD.
    The panels sit where every dashboard of the series puts them. Top left: the fitted lines; top right: the three
    paths on the 3D MSE surface (drag it to turn it; ★ is the minimum); bottom left: the same paths on the MSE
    contours, seen from above; bottom right: the loss curves, per epoch or per step, with the minimum dotted.
    The preset menu sets up classic situations; *Show as code* prints the `lh.gradient_descent` calls behind the picture.

    Things to try:

    * Switch the loss-curve x-axis between *per epoch* and *per step*. Which run looks fastest in each view?
    * Raise the learning rate until SGD diverges. Does full batch still converge there? (SGD's single examples have
      their own, smaller stable rate.)
    * Set the mini-batch size to 64: the read-out shows $\lceil 150/64 \rceil = 3$ steps per epoch.
    * Change the shuffle seed: the full-batch path does not move; the others take a different noisy route to the
      same place. Turn the 3D surface: SGD's path zig-zags across the floor of the bowl, full batch slides down it.
    * Switch **loss curve shows** to *gap to minimum*: where does each run's gap stop falling (its noise floor)?
    * Try it on the 1,000 examples of this notebook: `lh.batch_size_dashboard(x, y)`.
    """),
    code("lh.batch_size_dashboard()", tags=["dashboard"]),
    md(r"""
    ## Summary

    * **Hyperparameters** (learning rate, batch size, epochs) are chosen before training; **parameters** ($w, b$) are
      learned.
    * A step uses the gradient of one **batch**, averaged over the batch: $\frac2m\sum_{\text{batch}} r_i x_i$.
      $B = n$: full batch; $B = 1$: SGD; in between: mini-batch.
    * An **epoch** is one pass over the data: $\lceil n/B\rceil$ **steps** (iterations), the last batch holding the remainder.
    * Small batches make **noisy** loss curves: per step they are not reliably better (they jitter, most near the end),
      per epoch they are far ahead early on. An epoch costs $n$ example-gradients for every $B$; a step costs $B$.
    * On large data sets the number of steps needed does not grow with $n$, so cheap mini-batch steps reach a good
      model after a fraction of one epoch.
    * With a fixed learning rate, noise keeps the loss slightly above its minimum (remedy: decay $\eta$, grow $B$); it
      is often smaller than the data's own uncertainty, and in non-convex problems it can help.
    * **Shuffle** every epoch: on data sorted by the label, `shuffle=False` makes consecutive batches err in the same
      direction, and every epoch ends pulled towards the last labels it saw.

    **Next:** [06 · Convexity](06_convexity.ipynb): why descent on the MSE always finds the same, global minimum, and
    which losses lack that guarantee.

    """),
    *concept_check("05"),
    md(r"""
    ## Exercises

    Replace each `...` with your code and run the cell. Solutions are hidden under **Solution**.
    """),
    *exercise(
        "05.1",
        r"""
        Write `my_step_counts(n, batch_size, epochs)` that returns `(steps_per_epoch, total_steps)` for mini-batch
        descent on `n` examples, as `lh.gradient_descent` counts them.
        """,
        """
        def my_step_counts(n, batch_size, epochs):
            ...  # your code here


        ex.check_step_counts(my_step_counts)
        """,
    ),
    *exercise(
        "05.2",
        r"""
        Write `my_batch_gradient(x, y, w, b, idx)` that returns `(dw, db)`, the gradient of the MSE **on the batch**
        whose examples are the positions in the integer array `idx`.
        """,
        """
        def my_batch_gradient(x, y, w, b, idx):
            ...  # your code here


        ex.check_batch_gradient(my_batch_gradient)
        """,
    ),
    *exercise(
        "05.3",
        r"""
        `history.losses` holds the whole-data loss after every **step**. Write `my_epoch_losses(losses, steps_per_epoch)`
        that returns the loss curve **per epoch**: the loss at the start and at the end of every epoch (for 3 epochs,
        4 numbers). Try it on `runs[10]` from section 4.
        """,
        """
        def my_epoch_losses(losses, steps_per_epoch):
            ...  # your code here


        ex.check_epoch_losses(my_epoch_losses)
        """,
    ),
    *exercise(
        "05.4",
        r"""
        A training run on 1,000 examples uses batches of 64 for 5 epochs. How many steps does it take (`n_steps`), and
        how many example gradients does it compute in total (`n_examples`)?
        """,
        """
        n_steps = ...
        n_examples = ...

        ex.check_compute_budget(n_steps, n_examples)
        """,
    ),
    *exercise(
        "05.5",
        r"""
        Write the whole mini-batch loop: `my_minibatch_gd(x, y, learning_rate, batch_size, epochs, seed)` starts at
        $w = b = 0$, makes `rng = np.random.default_rng(seed)`, and in every epoch draws a new order of the examples
        with `rng.permutation(n)`, cuts it into batches of `batch_size` and takes one step per batch. It returns the
        final `(w, b)`, which must agree with
        `lh.gradient_descent(x, y, learning_rate=..., epochs=..., batch_size=..., seed=seed)` (the same random
        orders). The checker knows four classic slips of this loop.
        """,
        """
        def my_minibatch_gd(x, y, learning_rate, batch_size, epochs, seed):
            ...  # your code here


        ex.check_minibatch_gd(my_minibatch_gd)
        """,
    ),
]
