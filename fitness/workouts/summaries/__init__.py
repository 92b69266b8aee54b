"""Derived per-exercise summaries (records, bests, chart periods) kept beside the sets.

Writers call `refresh.history_summaries_refresh`; the history pages read `models`.
"""
