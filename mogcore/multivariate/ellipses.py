r"""A 2 x 2 covariance from two standard deviations and a correlation, and the ellipse it draws."""

from __future__ import annotations

import numpy as np


def covariance(sd_x: float, sd_y: float, rho: float) -> np.ndarray:
    r"""The 2 x 2 covariance with standard deviations ``sd_x, sd_y`` and correlation ``rho``.

    Parameters
    ----------
    sd_x, sd_y : float
        Positive.
    rho : float
        In (-1, 1).

    Returns
    -------
    ndarray, shape (2, 2)

    Raises
    ------
    ValueError
        If a standard deviation is not positive and finite, or ``rho`` is not in (-1, 1).

    Notes
    -----
    .. math:: \Sigma = \begin{pmatrix}\sigma_1^2 & \rho\sigma_1\sigma_2\\ \rho\sigma_1\sigma_2 & \sigma_2^2\end{pmatrix}

    positive definite exactly when :math:`\sigma_1, \sigma_2 > 0` and :math:`|\rho| < 1`.

    Examples
    --------
    >>> from mogcore.multivariate import covariance
    >>> covariance(1.0, 2.0, 0.5).tolist()
    [[1.0, 1.0], [1.0, 4.0]]
    >>> covariance(1.0, 2.0, 1.0)
    Traceback (most recent call last):
    ...
    ValueError: rho must be in (-1, 1) for a positive definite covariance; got 1.0
    """
    for name, sd in (("sd_x", sd_x), ("sd_y", sd_y)):
        if not (np.isfinite(sd) and sd > 0):
            raise ValueError(f"{name} must be positive and finite; got {sd!r}")
    if not -1 < rho < 1:
        raise ValueError(f"rho must be in (-1, 1) for a positive definite covariance; got {rho!r}")
    c = rho * sd_x * sd_y
    return np.array([[sd_x**2, c], [c, sd_y**2]])


def shape_of(cov: np.ndarray) -> tuple[float, float, float]:
    r"""``(sd_x, sd_y, rho)`` of a 2 x 2 covariance: the inverse of :func:`covariance`.

    Parameters
    ----------
    cov : ndarray, shape (2, 2)
        Positive definite.

    Returns
    -------
    (float, float, float)

    Notes
    -----
    :math:`\sigma_a = \sqrt{\Sigma_{aa}}`, :math:`\rho = \Sigma_{12}/(\sigma_1\sigma_2)`.

    Examples
    --------
    >>> from mogcore.multivariate import covariance, shape_of
    >>> shape_of(covariance(0.5, 3.0, -0.25))
    (0.5, 3.0, -0.25)
    """
    sx, sy = float(np.sqrt(cov[0, 0])), float(np.sqrt(cov[1, 1]))
    return sx, sy, float(cov[0, 1] / (sx * sy))


def ellipse_geometry(
    mean: np.ndarray, cov: np.ndarray, radius: float
) -> tuple[tuple[float, float], float, float, float]:
    r"""Centre, width, height and angle (degrees) of the ellipse :math:`(x-\mu)^\top\Sigma^{-1}(x-\mu) = r^2`.

    Parameters
    ----------
    mean : ndarray, shape (2,)
    cov : ndarray, shape (2, 2)
        Positive definite.
    radius : float
        r, in standard deviations.

    Returns
    -------
    ((float, float), float, float, float)
        As matplotlib's ``Ellipse`` takes them: the width along the major axis, at the angle in [0, 180).

    Notes
    -----
    With eigenvalues :math:`\lambda_1 \ge \lambda_2` of :math:`\Sigma`, the axes are :math:`2r\sqrt{\lambda_a}`
    along the eigenvectors.

    Examples
    --------
    >>> import numpy as np
    >>> from mogcore.multivariate import ellipse_geometry
    >>> ellipse_geometry(np.zeros(2), np.diag([4.0, 1.0]), 1.0)
    ((0.0, 0.0), 4.0, 2.0, 0.0)
    """
    vals, vecs = np.linalg.eigh(cov)  # ascending
    major = vecs[:, 1]
    angle = float(np.degrees(np.arctan2(major[1], major[0]))) % 180.0
    width, height = 2 * radius * np.sqrt(vals[::-1])
    return (float(mean[0]), float(mean[1])), float(width), float(height), angle
