"""Slider events that arrive on two threads at once, as they do in JupyterLab 4.4+ with ipykernel 7.

JupyterLab sends widget messages to a kernel subshell (a thread of its own) when the kernel supports
it, so a browser's message can be handled while the callback of an earlier event is still drawing.
In notebook 06 that was the drop-down's start (its callback moves the step slider) and the browser's
echo of the step slider's new value: two callbacks drew one figure at once, and about half the time
the chosen start never showed. These tests deliver the second message from another thread while the
first callback is inside its update, the way the subshell does, and check that the explorer handles
one event at a time and that its last frame shows its last values.
"""

from __future__ import annotations

import threading

import numpy as np

import mogcore
from mogcore.fitting import STARTS
from mogcore.viz import explore_fitting

from . import spies


def _spy_on_updates(ex):
    """Wrap the explorer's update: count how many updates run at once, and announce the first."""
    state = {"inside": 0, "most": 0, "first_in": threading.Event(), "second_in": threading.Event(), "calls": 0}
    real = ex._update

    def update(values):
        state["inside"] += 1
        state["calls"] += 1
        state["most"] = max(state["most"], state["inside"])
        try:
            if state["calls"] == 1:
                state["first_in"].set()
                # Stay inside while the other thread delivers its message: without the lock it would
                # enter update now (and set second_in at once); with it, it waits for this event to end.
                state["second_in"].wait(1.0)
            else:
                state["second_in"].set()
            real(values)
        finally:
            state["inside"] -= 1

    ex._update = update
    return state


def test_a_message_on_another_thread_waits_for_the_event_being_drawn():
    x = mogcore.load_old_faithful()
    ex = explore_fitting(x, "typical", t=0)
    ex.set(step=ex.sliders["step"].value / 10)  # as after a drag: the start will bring its own step
    spy = _spy_on_updates(ex)
    renders = spies.frames(ex)
    echo = threading.Thread(
        target=lambda: (spy["first_in"].wait(5), ex.sliders["t"].set_state({"value": 7})),  # the subshell's message
    )
    echo.start()
    ex.sliders["start"].set_state({"index": list(STARTS).index("too large a step")})  # the drop-down's message
    echo.join(10)
    assert not echo.is_alive()
    assert spy["most"] == 1, "two slider events were inside the view's update at the same time"
    assert spy["calls"] == 2 and renders.count == 2, "each event: one update, one frame"
    assert ex.values["start"] == "too large a step" and ex.values["t"] == 7
    assert ex.view._key[0] == "too large a step"
    assert ex.image.value == ex.frames.png(), "the last frame shown is not the frame of the last values"


def test_a_step_handed_back_by_the_browser_is_not_a_second_run():
    """The browser recomputes a log slider's value in JavaScript (0.7943282347242814 for the kernel's
    0.7943282347242822): the same step to 12 digits reuses the paths instead of running them again."""
    ex = explore_fitting(mogcore.load_old_faithful(), "typical", t=0)
    ex.set(start="too large a step")
    paths, step = ex.view.paths, ex.values["step"]
    ex.set(step=float(np.nextafter(step, 0)))
    assert ex.view.paths is paths
    ex.set(step=step * 1.2)
    assert ex.view.paths is not paths
