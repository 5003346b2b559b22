"""The disclosure-control parameter shared by the algorithms that count people or records, and
the log line that says what it hid (the rule itself is `core.disclosure`)."""

from __future__ import annotations

from qgis.core import QgsProcessingParameterEnum

METHOD_LABELS = ["Suppress small cells (and the cells that would give them away)",
                 "Round counts to the nearest 5"]
HELP = (
    "Suppress (default): counts of 1 to MIN_COUNT − 1 are hidden, with every figure made from "
    "them, and further cells are hidden so that none of them can be worked out from the "
    "totals, the other levels, the indicator values or the percentages shown; zeros are shown "
    "as 0 (a true zero tells nothing about a person). Round: every count, and every total, is "
    "rounded to the nearest 5 and the percentages and rates are computed from the rounded "
    "counts (nothing is hidden; small counts may show as 0 or 5). See the README, 'Disclosure "
    "control'."
)


def add_parameter(alg, advanced: bool = False) -> None:
    """Add DISCLOSURE (0 suppress, 1 round) to ``alg``."""
    alg.add(QgsProcessingParameterEnum(
        "DISCLOSURE", alg.tr("Disclosure control"), [alg.tr(s) for s in METHOD_LABELS],
        defaultValue=0, optional=True), HELP, advanced=advanced)  # optional: older models


def method(alg, parameters, context) -> str:
    """'suppress' or 'round'."""
    from ..core.disclosure import METHODS

    if "DISCLOSURE" not in parameters or parameters.get("DISCLOSURE") in (None, ""):
        return METHODS[0]
    return METHODS[alg.parameterAsEnum(parameters, "DISCLOSURE", context)]


def watching(feedback, start: float, end: float):
    """A block in which suppression moves the progress bar from ``start`` to ``end`` % and
    stops when the officer cancels (``core.disclosure.Cancelled``: no output is written)."""
    from ..core.disclosure import reporting

    def report(fraction: float) -> bool:
        feedback.setProgress(start + (end - start) * fraction)
        return feedback.isCanceled()

    return reporting(report)


def log(alg, feedback, protection, what: str = "") -> None:
    """One line: how many cells were hidden (primary, secondary), or the rounding base."""
    from ..core.disclosure import ROUND

    prefix = f"{what}: " if what else ""
    if protection.method == ROUND:
        feedback.pushInfo(prefix + alg.tr(
            "Disclosure control: counts rounded to the nearest {base}; percentages and rates "
            "computed from the rounded counts.").format(base=protection.base))
        return
    if protection.min_count <= 1:
        feedback.pushInfo(prefix + alg.tr(
            "Disclosure control: off (minimum count {m:g}): every count is shown.").format(
            m=protection.min_count))
        return
    feedback.pushInfo(prefix + alg.tr(
        "Disclosure control: {primary} cell(s) of 1 to {top:g} records suppressed (primary) "
        "and {secondary} more suppressed so that they cannot be worked out from the totals, "
        "levels, indicator values or percentages (secondary); zeros are shown as 0, a true "
        "zero being not disclosive.").format(
            primary=protection.n_primary, top=protection.min_count - 1,
            secondary=protection.n_secondary))
    if protection.unprotected:
        from ..core.errors import SegmentationError

        raise SegmentationError(prefix + alg.tr(
            "Disclosure control cannot protect this output: {n} small count(s) could still be "
            "worked out from the totals whatever else is hidden (the counts are too sparse), "
            "so nothing was written. Round the counts to 5 instead (DISCLOSURE), use larger "
            "groups, or set MIN_COUNT to 0 for an internal output that will not be "
            "published.").format(n=len(protection.unprotected)))
