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


def test_normal_pdf_rejects_bad_variance():
    with pytest.raises(ValueError, match="variances must be > 0"):
        mogcore.normal_pdf(0.0, 0.0, 0.0)
