"""Spies: count what the package does without the package keeping counters for tests."""

from __future__ import annotations


class Calls:
    """Wrap ``obj.name`` on the instance and count its calls from now on (``.count``)."""

    def __init__(self, obj: object, name: str) -> None:
        self.count = 0
        original = getattr(obj, name)

        def spy(*args: object, **kwargs: object) -> object:
            self.count += 1
            return original(*args, **kwargs)

        setattr(obj, name, spy)


def frames(ex) -> Calls:
    """Frames an explorer renders from now on (each ``FrameRenderer.png`` call of its image)."""
    return Calls(ex.frames, "png")


def full_draws(fig) -> Calls:
    """Full redraws of ``fig`` by its live frames from now on (``canvas.draw``; ``savefig`` does not call it)."""
    return Calls(fig.canvas, "draw")
