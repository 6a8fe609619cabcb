"""The stopping rules every fitter shares: a path that ran away (diverged) and a variance that collapsed.

:func:`mogcore.fitting.gradient_ascent`, :func:`~mogcore.fitting.em_fit` and :func:`~mogcore.fitting.newton` stop
by these same rules, with these same words.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

#: A variance below this fraction of the data's variance counts as collapsed.
COLLAPSE_FRACTION = 1e-12


class Limits(NamedTuple):
    """The data's centre, range and variance, which the stopping rules measure a fitter's parameters against."""

    center: float
    span: float
    scale: float

    @classmethod
    def of(cls, x: np.ndarray) -> Limits:
        """The limits of data ``x`` (a range or variance of 0 counts as 1)."""
        return cls(float(np.mean(x)), float(np.ptp(x)) or 1.0, float(np.var(x)) or 1.0)

    def stop(self, t: int, mu: np.ndarray, var: np.ndarray, usable: bool = True) -> str | None:
        """Why a fitter stops at iteration ``t`` (None: it goes on). Diverged: unusable parameters, a mean more
        than :math:`10^3` data ranges from the data's centre, or a variance above :math:`10^6` var(x); else
        :meth:`collapse`."""
        if not usable or np.abs(mu - self.center).max() > 1e3 * self.span or var.max() > 1e6 * self.scale:
            return f"diverged at iteration {t}"
        return self.collapse(t, var)

    def collapse(self, t: int, var: np.ndarray) -> str | None:
        """ "Collapsed" if a variance fell below ``COLLAPSE_FRACTION`` var(x) at iteration ``t``, else None."""
        if var.min() < COLLAPSE_FRACTION * self.scale:
            return f"collapsed at iteration {t}: a variance fell below {COLLAPSE_FRACTION:g} var(x)"
        return None
