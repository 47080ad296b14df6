"""The one error type a caller is meant to read."""


class InputError(ValueError):
    """A request the model refuses. The message says what was wrong and what to send instead; Cog
    reports it as the prediction's or training's error, so it must never contain secrets (signed URL
    query strings are redacted before they get here)."""
