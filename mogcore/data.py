"""The Old Faithful data, shipped with the package (nothing is fetched)."""

from __future__ import annotations

from importlib import resources

import numpy as np

from ._validate import check_choice
from .mixture import sample

COLUMNS = ("eruptions", "waiting")
#: The choices of :func:`load_old_faithful`: one column, or both as the columns of an (m, 2) array.
CHOICES = (*COLUMNS, "both")


def load_old_faithful(column: str = "eruptions") -> np.ndarray:
    r"""Old Faithful geyser data: 272 eruptions (Härdle, 1991; R's ``faithful``).

    Parameters
    ----------
    column : {"eruptions", "waiting", "both"}
        ``"eruptions"``: eruption duration in minutes (bimodal, the classic data for a
        2-component mixture); ``"waiting"``: minutes to the next eruption; ``"both"``: the two
        as columns (eruption minutes, waiting minutes), the 2-D data of notebook 07.

    Returns
    -------
    ndarray, shape (272,), or (272, 2) for ``"both"``

    Notes
    -----
    Source: R's ``datasets::faithful``, which cites Härdle, W. (1991), *Smoothing Techniques with
    Implementation in S*, Springer, New York. Azzalini, A. and Bowman, A. W. (1990), Applied
    Statistics 39, 357-365, studied a fuller record of the same geyser (R's ``MASS::geyser``).
    Sample mean :math:`\bar{x} = \frac{1}{m}\sum_i x_i` = 3.4878 min for eruptions.

    Examples
    --------
    >>> from mogcore import load_old_faithful
    >>> x = load_old_faithful()
    >>> x.shape, round(float(x.mean()), 4)
    ((272,), 3.4878)
    >>> load_old_faithful("both").shape
    (272, 2)
    """
    check_choice(column, "column", CHOICES)
    path = resources.files("mogcore") / "data" / "old_faithful.csv"
    with path.open() as fh:
        table = np.loadtxt(fh, delimiter=",", skiprows=1)
    if column == "both":
        return table
    return table[:, COLUMNS.index(column)].copy()


def separated_sample(delta: float, m: int = 400, seed: int = 0) -> np.ndarray:
    r"""Two unit-variance clusters whose means are ``delta`` apart: m points of
    :math:`\tfrac12\mathcal{N}(-\delta/2, 1) + \tfrac12\mathcal{N}(\delta/2, 1)`.

    Parameters
    ----------
    delta : float
        The separation of the two means.
    m : int
        The number of points.
    seed : int
        The random seed.

    Returns
    -------
    ndarray, shape (m,)

    Notes
    -----
    :math:`x_i = \pm\delta/2 + \varepsilon_i` (:func:`mogcore.sample`): the labels and the noise
    :math:`\varepsilon_i` are the same for every ``delta``, so changing it slides the two clusters apart.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.data import separated_sample
    >>> a, b = separated_sample(2.0, m=5), separated_sample(3.0, m=5)
    >>> np.round(np.abs(b - a), 6).tolist()
    [0.5, 0.5, 0.5, 0.5, 0.5]
    """
    return sample(m, [0.5, 0.5], [-delta / 2, delta / 2], [1.0, 1.0], rng=seed)[0]
