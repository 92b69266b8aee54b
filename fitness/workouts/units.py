"""TEMPORARY re-export: the unit helpers now live in fitness/units.py.

Only fitness/history/* still imports this path; that package is being changed on another branch
at the same time. After the history merge, point its imports at `fitness.units` and delete this
file (tests/test_layers.py lists it as the one allowed user).
"""

from fitness.units import factor

__all__ = ["factor"]
