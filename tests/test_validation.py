"""Every bad input is a ValueError naming the parameter and the rule."""

import numpy as np
import pytest

import mogcore

GOOD = dict(weights=[0.5, 0.5], means=[0.0, 1.0], variances=[1.0, 2.0])
X = [0.0, 1.0]

PUBLIC = [
    mogcore.log_likelihood,
    mogcore.responsibilities,
    mogcore.gradients,
    mogcore.value_and_gradients,
    mogcore.log_sigma_gradient,
    mogcore.em_step,
    mogcore.numerical_gradients,
    mogcore.log_joint,
    mogcore.mixture_pdf,
    mogcore.component_pdfs,
    mogcore.log_likelihood_per_point,
    lambda x, **p: mogcore.weight_gradient(x, kind="simplex", **p),
    lambda x, **p: mogcore.weight_gradient(x, kind="exact", **p),
    lambda x, **p: mogcore.gradient_terms(x, **p),
]

BAD = [
    (dict(x=[[0.0, 1.0]]), r"x must be 1-D"),
    (dict(x=[0.0, np.nan]), r"x must be finite; x\[1\]"),
    (dict(x=[np.inf]), r"x must be finite"),
    (dict(x=["a", "b"]), r"x must hold real numbers"),
    (dict(variances=[1.0, 0.0]), r"variances must be > 0; variances\[1\]"),
    (dict(variances=[-1.0, 1.0]), r"variances must be > 0"),
    (dict(variances=[1.0, np.inf]), r"variances must be finite"),
    (dict(weights=[0.5, np.nan]), r"weights must be finite"),
    (dict(weights=[1.5, -0.5]), r"weights must be > 0; weights\[1\]"),
    (dict(weights=[0.6, 0.6]), r"weights must sum to 1 along the last \(component\) axis"),
    (dict(weights=[0.5, 0.5 + 1e-7]), r"weights must sum to 1"),
    (dict(means=[0.0, np.nan]), r"means must be finite; means\[1\]"),
    (dict(means=[0.0, 1.0, 2.0]), r"must broadcast against each other"),
    (dict(means=3.0), r"means must have a component axis"),
    (dict(weights=[]), r"weights must have at least one component"),
]


@pytest.mark.parametrize("func", PUBLIC)
@pytest.mark.parametrize("bad,message", BAD)
def test_bad_input_raises_clear_value_error(func, bad, message):
    args = dict(GOOD)
    x = bad.get("x", X)
    args.update({k: v for k, v in bad.items() if k != "x"})
    with pytest.raises(ValueError, match=message):
        func(x, **args)


def test_weights_sum_checked_per_batch_row():
    with pytest.raises(ValueError, match="weights must sum to 1"):
        mogcore.log_likelihood(X, [[0.5, 0.5], [0.9, 0.2]], [0.0, 1.0], [1.0, 1.0])


def test_weights_within_tolerance_are_accepted():
    assert np.isfinite(mogcore.log_likelihood(X, [0.5, 0.5 + 1e-9], [0.0, 1.0], [1.0, 1.0]))


def test_sample_rejects_bad_count_and_batches():
    with pytest.raises(ValueError, match="n must be a non-negative integer"):
        mogcore.sample(-1, **GOOD)
    with pytest.raises(ValueError, match="n must be a non-negative integer"):
        mogcore.sample(2.5, **GOOD)
    with pytest.raises(ValueError, match="must be 1-D"):
        mogcore.sample(3, [[0.5, 0.5]], [0.0, 1.0], [1.0, 1.0])
    with pytest.raises(ValueError, match="variances must be > 0"):
        mogcore.sample(3, [0.5, 0.5], [0.0, 1.0], [1.0, 0.0])


def test_normal_pdf_names_its_own_parameters():
    with pytest.raises(ValueError, match=r"^variance must be finite and > 0; got 0\.0$"):
        mogcore.normal_pdf(0.0, 0.0, 0.0)
    with pytest.raises(ValueError, match=r"^mean must be finite; got nan$"):
        mogcore.normal_pdf(0.0, np.nan, 1.0)


# The K = 2 functions: validated like the rest, and K must be 2.
K2 = [
    lambda w, mu, var: mogcore.decision_boundaries(w, mu, var),
    lambda w, mu, var: mogcore.weight_gradient(X, w, mu, var, kind="exact"),
]


@pytest.mark.parametrize("func", K2)
@pytest.mark.parametrize(
    "bad,message",
    [
        (dict(variances=[1.0, 0.0]), r"variances must be > 0"),
        (dict(weights=[0.6, 0.6]), r"weights must sum to 1"),
        (dict(means=[0.0, np.inf]), r"means must be finite"),
        (dict(weights=[0.2, 0.3, 0.5], means=[0.0, 1.0, 2.0], variances=[1.0, 1.0, 1.0]), r"for K = 2 components only"),
    ],
)
def test_two_component_functions_validate(func, bad, message):
    args = {**GOOD, **bad}
    with pytest.raises(ValueError, match=message):
        func(args["weights"], args["means"], args["variances"])


def test_best_weight_and_boundaries_reject_what_they_cannot_do():
    with pytest.raises(ValueError, match="for K = 2 components only; got K = 3"):
        mogcore.best_weight(X, [0.0, 1.0, 2.0], [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="variances must be > 0"):
        mogcore.best_weight(X, [0.0, 1.0], [1.0, -1.0])
    with pytest.raises(ValueError, match="must be 1-D \\(one mixture\\)"):
        mogcore.decision_boundaries([[0.5, 0.5]], [0.0, 1.0], [1.0, 1.0])


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: mogcore.weight_gradient(X, **GOOD, kind="lagrange"), r"kind must be one of 'partial', .*'exact'"),
        (lambda: mogcore.load_old_faithful("duration"), r"column must be one of 'eruptions', 'waiting'"),
        (lambda: mogcore.check_gradient_function(print, "mean"), r"target must be one of 'loglik'"),
    ],
)
def test_choices_list_the_valid_ones(call, message):
    with pytest.raises(ValueError, match=message):
        call()
