"""The concept questions of notebooks 00–09 (data for :mod:`linreg_helpers.concept_questions`).

Each question targets one misconception its notebook names; every option carries the feedback a
learner sees on choosing it. Plain Unicode, no ``$…$`` (radio-button labels do not render maths).
"""

from __future__ import annotations

from .concept_questions import Option, Question

QUESTIONS: tuple[Question, ...] = (
    # ------------------------------------------------------------------ 00 · Start here
    Question(
        "Q00.1",
        "You move a dashboard's learning-rate slider and nothing redraws. What is the first thing to check?",
        (
            Option(
                "That the kernel is running and the cell was run in this session",
                True,
                "A dashboard is drawn by the kernel: after a restart, or opened from disk, it must be run again.",
            ),
            Option(
                "That the learning rate is small enough",
                False,
                "Any learning rate redraws the figure (a too-large one says 'diverged'): no redraw means no kernel.",
            ),
            Option(
                "That the browser has a fast graphics card",
                False,
                "A frame takes a few milliseconds of the kernel's time; the graphics card does not matter.",
            ),
        ),
        "a dead figure is the model's fault",
    ),
    Question(
        "Q00.2",
        "Which sentence describes what 'training' a linear regression model means in this series?",
        (
            Option(
                "Choosing w and b so that a loss measured on the data is as small as possible",
                True,
                "Notebooks 02–04 build exactly this: a loss, its gradient, and steps downhill.",
            ),
            Option(
                "Drawing a line through every data point",
                False,
                "Noisy data have no line through every point; training finds the line with the least loss.",
            ),
            Option(
                "Storing the data so that the model can look the answers up",
                False,
                "That is memorising; a linear model keeps only w and b, two numbers, not the data.",
            ),
        ),
        "training means fitting every point",
    ),
    Question(
        "Q00.3",
        "A dashboard shows a still picture and one sentence saying what to install. What happened?",
        (
            Option(
                "Its live front end (anywidget) is missing or of another version than the kernel's",
                True,
                "The kernel and the browser side must match; the sentence names what to install.",
            ),
            Option(
                "The dashboard crashed",
                False,
                "It did not: it fell back on purpose to a static picture of the same figure.",
            ),
            Option(
                "Lecture mode is switched on",
                False,
                "Lecture mode only enlarges the text and lines; the dashboard stays live.",
            ),
        ),
        "a static fallback is an error",
    ),
    # ------------------------------------------------------------------ 01 · The model
    Question(
        "Q01.1",
        "In y = w·x + b + ε, where does the noise ε belong?",
        (
            Option(
                "To the observed label y: the prediction ŷ = w·x + b has no noise",
                True,
                "The model is a fixed rule; the data scatter around it.",
            ),
            Option(
                "To the prediction ŷ: the model adds noise to its output",
                False,
                "A prediction is deterministic: the same x always gives the same ŷ. The noise is in what we observe.",
            ),
            Option(
                "To the feature x", False, "In this model x is taken as measured exactly; the noise is in the label y."
            ),
        ),
        "the noise belongs to the prediction",
    ),
    Question(
        "Q01.2",
        "The design matrix A has the column of x first and the column of ones last. θ = [0.5, 1.5]. What is the slope?",
        (
            Option(
                "0.5: the first entry of θ multiplies the first column, which holds x",
                True,
                "The entries of θ follow the columns of A, so θ = [w, b].",
            ),
            Option(
                "1.5: the bias always comes first",
                False,
                "Only if the ones column comes first. Here it is last, so b is the last entry.",
            ),
            Option(
                "It cannot be said without the data", False, "The order of A's columns decides it; no data are needed."
            ),
        ),
        "the order of θ",
    ),
    Question(
        "Q01.3",
        "A residual is defined in this series as r = ŷ − y. A point lies above the line. Its residual is …",
        (
            Option("negative: the prediction is below the observation", True, "ŷ < y above the line, so ŷ − y < 0."),
            Option(
                "positive: the point is above",
                False,
                "That would be y − ŷ. With this series' sign, r = ŷ − y, a point above the line has r < 0.",
            ),
            Option(
                "zero, because the line is the best fit",
                False,
                "The best line still misses almost every point; the residuals are not zero.",
            ),
        ),
        "the sign of the error",
    ),
    # ------------------------------------------------------------------ 02 · Losses
    Question(
        "Q02.1",
        "Labels are in grams. In what unit is the MSE?",
        (
            Option("g² (grams squared)", True, "It averages squared errors; the RMSE brings it back to grams."),
            Option("g, like the data", False, "That is the RMSE or the MAE; the MSE squares the unit."),
            Option("It has no unit", False, "It has one: the square of the label's unit."),
        ),
        "MSE is in the same units as the data",
    ),
    Question(
        "Q02.2",
        "A constant model ŷ = c is fitted to data with one huge outlier in y. "
        "Which loss keeps c with the bulk of the data?",
        (
            Option(
                "The MAE: its best constant is the median",
                True,
                "The median counts points on each side, not how far away they are.",
            ),
            Option(
                "The MSE: its best constant is the mean",
                False,
                "The mean is exactly what an outlier drags along: the MSE moves toward it.",
            ),
            Option("Both give the same constant", False, "Only for symmetric data without outliers."),
        ),
        "with MAE the model moves closer to the average",
    ),
    Question(
        "Q02.3",
        "Minimising the MSE and minimising the RMSE over the same lines give …",
        (
            Option(
                "the same best line", True, "The square root is increasing, so the order of the lines does not change."
            ),
            Option(
                "different lines: the RMSE is less sensitive to outliers",
                False,
                "The RMSE is a monotone function of the MSE; it ranks every line the same way.",
            ),
            Option("the same line only when there is no noise", False, "It holds for any data."),
        ),
        "RMSE is a different objective",
    ),
    Question(
        "Q02.4",
        "Why average the squared errors (MSE) instead of summing them (SSE)?",
        (
            Option(
                "So the loss and its gradient do not grow with the number of examples",
                True,
                "Then one learning rate works for 10 or 10 000 points.",
            ),
            Option("The average has a different minimum", False, "Dividing by n does not move the minimum."),
            Option("The sum cannot be differentiated", False, "It can; it is n times the MSE."),
        ),
        "sum and mean give different fits",
    ),
    # ------------------------------------------------------------------ 03 · Gradients
    Question(
        "Q03.1",
        "With r = ŷ − y, ∂MSE/∂w equals …",
        (
            Option("(2/n) Σ rᵢ xᵢ", True, "Chain rule: 2rᵢ from the square, times ∂ŷᵢ/∂w = xᵢ, averaged."),
            Option("(2/n) Σ rᵢ", False, "That is ∂MSE/∂b: the inner derivative for b is 1, for w it is xᵢ."),
            Option(
                "−(2/n) Σ rᵢ xᵢ",
                False,
                "The minus sign belongs to the other residual, y − ŷ. With ŷ − y there is none.",
            ),
        ),
        "the sign of the gradient",
    ),
    Question(
        "Q03.2",
        "Someone trains with ½·MSE instead of the MSE. Compared with the MSE, its gradient is …",
        (
            Option(
                "half as large, at the same minimum",
                True,
                "So the same learning rate takes half the step; learning rates are not interchangeable.",
            ),
            Option(
                "the same: constants do not matter",
                False,
                "They do not move the minimum, but they scale the gradient and so the step.",
            ),
            Option("pointing elsewhere", False, "A positive factor keeps the direction; only the length changes."),
        ),
        "1/(2m) Σ (y − ŷ)² is the MSE",
    ),
    Question(
        "Q03.3",
        "The gradient of the loss at (w, b) points …",
        (
            Option(
                "uphill: the direction in which the loss grows fastest",
                True,
                "That is why descent steps against it, −∇.",
            ),
            Option("downhill, toward the minimum", False, "The negative gradient points downhill, and only locally."),
            Option(
                "straight at the minimum",
                False,
                "Only on a perfectly round bowl; on a long valley it points across the valley.",
            ),
        ),
        "the gradient points at the minimum",
    ),
    Question(
        "Q03.4",
        "How can you check a hand-derived gradient without trusting the algebra?",
        (
            Option(
                "Compare it with a central finite difference (L(w+h) − L(w−h))/2h",
                True,
                "numerical_gradient does that: an independent oracle.",
            ),
            Option("Check that it is zero at w = b = 0", False, "It is not zero there, unless the data are."),
            Option(
                "Run gradient descent and see if the loss falls",
                False,
                "A wrong gradient can still lower the loss for a while (e.g. one off by a factor 2).",
            ),
        ),
        "a falling loss proves the gradient",
    ),
    # ------------------------------------------------------------------ 04 · Gradient descent
    Question(
        "Q04.1",
        "When has gradient descent on noisy data converged?",
        (
            Option(
                "When the loss stops falling, at the smallest loss this model can reach",
                True,
                "For the cars that is about 18.68 mpg², not zero.",
            ),
            Option(
                "When the loss reaches zero",
                False,
                "Zero MSE needs a line through every point, which noisy data do not allow.",
            ),
            Option(
                "After a fixed number of epochs",
                False,
                "The number of epochs needed depends on the learning rate and the data.",
            ),
        ),
        "the model has converged when the loss reaches zero",
    ),
    Question(
        "Q04.2",
        "Predict: at η = 0.97 × η_max, what does the loss curve do?",
        (
            Option(
                "It zigzags but converges", True, "Between 1/λ_max and 2/λ_max each overshoot is smaller than the last."
            ),
            Option("It diverges", False, "Only above η_max = 2/λ_max does each overshoot grow."),
            Option(
                "It falls smoothly without any zigzag",
                False,
                "Above 1/λ_max the steep direction overshoots on every step.",
            ),
        ),
        "a too-large learning rate just bounces around",
    ),
    Question(
        "Q04.3",
        "Predict: at η = 1.1 × η_max, what does the loss do?",
        (
            Option(
                "It grows geometrically: the dashboard says 'diverged'",
                True,
                "|1 − ηλ_max| > 1: the error along the steep direction is multiplied each step.",
            ),
            Option(
                "It bounces around the minimum forever",
                False,
                "That happens only exactly at η_max; above it the bounces grow.",
            ),
            Option("It converges, only more slowly", False, "Above η_max there is no convergence."),
        ),
        "a too-large learning rate just bounces around",
    ),
    Question(
        "Q04.4",
        "Is η = 0.01 a good learning rate?",
        (
            Option(
                "It depends on the data's scale and the loss: η_max = 2/λ_max of the Hessian",
                True,
                "The same η crawls on one data set and diverges on another.",
            ),
            Option("Yes, it is a safe default", False, "It diverges when λ_max > 200, e.g. on unscaled features."),
            Option("No, learning rates must be below 0.001", False, "On small-scaled data 0.001 just crawls."),
        ),
        "a learning rate of 0.01 is a good default",
    ),
    # ------------------------------------------------------------------ 05 · Batch sizes
    Question(
        "Q05.1",
        "n = 100 examples, batch size B = 8. How many weight updates in one epoch?",
        (
            Option("13 = ⌈100/8⌉", True, "One update per batch; the last batch holds the 4 examples left over."),
            Option("1", False, "One update per epoch is full batch (B = n) only."),
            Option("12", False, "The 4 examples left over form a 13th, smaller batch."),
            Option("100", False, "That is SGD, B = 1."),
        ),
        "mini-batch descent updates once per pass over all examples",
    ),
    Question(
        "Q05.2",
        "For linear regression with the MSE, does the noise of SGD find better weights than full-batch descent?",
        (
            Option(
                "No: there is one best (w, b); noise only jitters around it",
                True,
                "Small batches are used because their steps are cheap, not because the noise helps here.",
            ),
            Option(
                "Yes: noise escapes local minima", False, "The MSE of a linear model has no false minima to escape."
            ),
            Option(
                "Yes: noisy steps are always better",
                False,
                "At a fixed learning rate SGD ends in a cloud, not at the point.",
            ),
        ),
        "the noise of SGD helps the model find the optimal weights",
    ),
    Question(
        "Q05.3",
        "Is the batch size a parameter or a hyperparameter?",
        (
            Option(
                "A hyperparameter: chosen before training, not learned",
                True,
                "Like the learning rate and the number of epochs; w and b are the parameters.",
            ),
            Option("A parameter: training adjusts it", False, "Gradient descent changes only w and b."),
            Option("Neither", False, "It is a setting of the training procedure: a hyperparameter."),
        ),
        "everything is a parameter",
    ),
    # ------------------------------------------------------------------ 06 · Convexity
    Question(
        "Q06.1",
        "Is every loss of a linear model convex in (w, b)?",
        (
            Option(
                "No: a convex ρ of the residual is needed; Tukey's biweight can give several valleys",
                True,
                "Convex ρ of a residual linear in the parameters gives a convex surface; Tukey's ρ is not convex.",
            ),
            Option(
                "Yes, a linear model always gives a convex surface", False, "Section 6's Tukey surface has two valleys."
            ),
            Option("Only the MSE is convex", False, "The MAE and Huber are convex too (not smooth everywhere)."),
        ),
        "loss functions for linear models always produce convex surfaces",
    ),
    Question(
        "Q06.2",
        "Gradient descent on the MSE stops where the gradient is zero. That point is …",
        (
            Option("a global minimum", True, "Convex: every point with zero gradient is a global minimum."),
            Option("maybe only a local minimum", False, "A convex function has no false valleys."),
            Option("a point of zero loss", False, "The minimum loss is not zero on noisy data."),
        ),
        "descent may stop in a local minimum",
    ),
    Question(
        "Q06.3",
        "The Hessian of the MSE is (2/n)AᵀA. What does it tell about the surface?",
        (
            Option(
                "It is positive semi-definite, so the surface is a convex bowl",
                True,
                "vᵀAᵀAv = |Av|² ≥ 0 for every direction v.",
            ),
            Option(
                "It depends on w and b, so the surface may bend differently elsewhere",
                False,
                "It contains only the data, not w or b: the same curvature everywhere.",
            ),
            Option("It is always invertible", False, "Not with collinear features (notebook 07)."),
        ),
        "curvature changes across the surface",
    ),
    # ------------------------------------------------------------------ 07 · Many features
    Question(
        "Q07.1",
        "X has shape (n, M) and r = ŷ − y has shape (n,). The gradient of the MSE with respect to w is …",
        (
            Option("(2/n) Xᵀr", True, "Each partial derivative sums over the examples, down a column of X."),
            Option("(2/n) X r", False, "X r is not even defined for (n, M) times (n,) unless n = M."),
            Option("(2/n) r Xᵀ", False, "The shapes do not match here either; Xᵀr is (M,)."),
        ),
        "the gradient is (2/n)·X(ŷ − y)",
    ),
    Question(
        "Q07.2",
        "How should code solve the normal equation?",
        (
            Option(
                "With a least-squares solver on A (np.linalg.lstsq)",
                True,
                "It avoids forming AᵀA, whose condition number is the square of A's.",
            ),
            Option("Compute (AᵀA)⁻¹ and multiply by Aᵀy", False, "Inverting costs more and loses more accuracy."),
            Option(
                "np.linalg.solve(AᵀA, Aᵀy) is always best",
                False,
                "Better than inverting, but forming AᵀA still squares the condition number.",
            ),
        ),
        "the normal equation is θ = (AᵀA)⁻¹Aᵀy, so compute the inverse",
    ),
    Question(
        "Q07.3",
        "Two features are exactly collinear. How many minimising weight vectors are there?",
        (
            Option(
                "Infinitely many, a line of them, all with the same loss",
                True,
                "Convex means no false valleys, not one minimiser.",
            ),
            Option("Exactly one: the loss is convex", False, "Convex allows a flat floor of minima."),
            Option(
                "None: the fit fails", False, "The lowest loss is still reached; lstsq returns one of the minimisers."
            ),
        ),
        "a convex loss has exactly one minimum",
    ),
    Question(
        "Q07.4",
        "Standardising features for a model that will be tested: whose mean and standard deviation?",
        (
            Option(
                "The training data's, applied unchanged to every new example",
                True,
                "They are part of the model, learned from the training data.",
            ),
            Option("All the data's, training and test together", False, "That leaks the test data into the model."),
            Option("Each new example's own", False, "One new example has a standard deviation of 0."),
        ),
        "standardise with the statistics of all the data",
    ),
    # ------------------------------------------------------------------ 08 · From scratch to PyTorch
    Question(
        "Q08.1",
        "A loop trains with loss = ((y_hat - y) ** 2).mean() / 2 at learning rate 0.1. "
        "On the MSE, the same steps take …",
        (
            Option(
                "learning rate 0.05",
                True,
                "½·MSE has half the MSE's gradient, so 0.1 on it steps like 0.05 on the MSE.",
            ),
            Option("learning rate 0.1", False, "The /2 halves the gradient autograd returns."),
            Option("learning rate 0.2", False, "The other way round: the MSE's gradient is twice as large."),
        ),
        "((y_hat - y) ** 2).mean() / 2 is the MSE",
    ),
    Question(
        "Q08.2",
        "y_hat has shape (n, 1) and y has shape (n,). What does ((y_hat - y) ** 2).mean() compute?",
        (
            Option(
                "The mean over an (n, n) matrix of every pairwise difference: a wrong loss, no error",
                True,
                "Broadcasting; reshape so that both have the same shape.",
            ),
            Option("The MSE", False, "(n, 1) − (n,) broadcasts to (n, n)."),
            Option("It raises a shape error", False, "It does not: broadcasting makes it silent."),
        ),
        "the (n, 1) shape trap",
    ),
    Question(
        "Q08.3",
        "Why call optimizer.zero_grad() on every step?",
        (
            Option(
                "backward() adds to .grad; without it the gradients of earlier steps pile up",
                True,
                "PyTorch accumulates gradients on purpose.",
            ),
            Option("To reset the weights to zero", False, "It clears only the gradients, not the parameters."),
            Option("It is only needed on the first step", False, "Every step would add to the previous gradient."),
        ),
        "gradients are replaced on every backward()",
    ),
    # ------------------------------------------------------------------ 09 · Training in practice
    Question(
        "Q09.1",
        "The training MSE is still falling, but the validation MSE has risen for the last 10 epochs. What now?",
        (
            Option(
                "Stop, and keep the parameters of the epoch with the lowest validation MSE",
                True,
                "That is early stopping: the validation loss estimates the error on new data, and it has stopped "
                "improving.",
            ),
            Option(
                "Train longer: the training MSE shows that the model is still improving",
                False,
                "It is improving on the data it sees; on data it has not seen it is getting worse (overfitting).",
            ),
            Option(
                "Raise the learning rate so that it gets past the bump",
                False,
                "The rise is not a bump of the training loss: the model is fitting the noise of the training set.",
            ),
        ),
        "a falling training loss means the model keeps getting better",
    ),
    Question(
        "Q09.2",
        "SGD with a constant learning rate hovers around the minimum and never settles. Which change makes it settle?",
        (
            Option(
                "Lower the learning rate as the epochs go by (a schedule such as 1/t or cosine)",
                True,
                "The noise of each step is proportional to the rate: a rate that decays shrinks the noise ball.",
            ),
            Option(
                "Train for more epochs at the same rate",
                False,
                "At a constant rate the hovering does not shrink with time: it has reached its noise ball.",
            ),
            Option(
                "Add momentum 0.9",
                False,
                "Momentum accumulates the noisy steps too: it speeds up descent in a valley, not the settling.",
            ),
        ),
        "more epochs at a constant rate make SGD converge",
    ),
    Question(
        "Q09.3",
        "Two features are exactly collinear (weight in lb and in kg). What does adding the ridge penalty α‖w‖² "
        "(α > 0) do?",
        (
            Option(
                "The flat valley of equally good weights becomes one minimum, and the Hessian is better conditioned",
                True,
                "The penalty adds 2α to the curvature of every weight direction, including the flat one.",
            ),
            Option(
                "Nothing: the predictions and the loss along the valley stay the same",
                False,
                "The MSE stays the same along the valley, but α‖w‖² does not: it picks the point of smallest ‖w‖.",
            ),
            Option(
                "It makes the loss non-convex, with one minimum per feature",
                False,
                "MSE + α‖w‖² is a sum of convex functions, and strictly convex in w: one minimum.",
            ),
        ),
        "a penalty changes nothing when the fit is already perfect along the valley",
    ),
    Question(
        "Q09.4",
        "On a narrow valley with condition number κ = 10,000, roughly how many times fewer steps does the best "
        "heavy-ball momentum need than the best fixed-step gradient descent?",
        (
            Option(
                "About 100: the steps per e-fold shrink of the error grow like √κ/2 = 50 instead of κ/2 = 5,000",
                True,
                "Per step the error shrinks by (√κ − 1)/(√κ + 1) instead of (κ − 1)/(κ + 1).",
            ),
            Option("About 2", False, "Momentum changes the dependence on κ itself, not only the constant."),
            Option(
                "About 10,000",
                False,
                "That would make momentum's step count independent of κ; it still grows, like √κ.",
            ),
        ),
        "momentum only adds a constant speed-up",
    ),
)
