"""Errors raised by safety components when they cannot run at all.

Contract: a component that is configured but cannot load its model or cannot score raises `SafetyLoadError`;
the request pipeline turns any exception from a safety stage into `SafetyUnavailable` (fail closed).
"""


class SafetyLoadError(RuntimeError):
    """A configured safety component could not be loaded or run."""
