"""Errors the officer can act on."""


class SegmentationError(ValueError):
    """Bad input: the message names the field, row, postcode or value at fault."""


class RunCancelled(Exception):
    """Raised inside a long computation when the officer cancels."""
