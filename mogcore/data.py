"""The Old Faithful data, shipped with the package (nothing is fetched)."""

from __future__ import annotations

from importlib import resources

import numpy as np

from ._validate import check_choice

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
