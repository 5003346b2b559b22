"""A Processing feedback that keeps every message a run reports, by kind."""

from __future__ import annotations

import re

from qgis.core import QgsProcessingFeedback


class Recorder(QgsProcessingFeedback):
    """Keeps the warnings, errors and information a run reports."""

    def __init__(self):
        super().__init__()
        self.warnings: list[str] = []
        self.errors: list[str] = []
        self.infos: list[str] = []

    def pushWarning(self, message):  # noqa: N802 (Qt name)
        self.warnings.append(message)
        super().pushWarning(message)

    def reportError(self, message, fatalError=False):  # noqa: N802, N803 (QGIS names)
        self.errors.append(message)
        super().reportError(message, fatalError)

    def pushInfo(self, message):  # noqa: N802
        self.infos.append(message)
        super().pushInfo(message)

    @property
    def summary(self) -> str:
        """The one end-of-log warnings summary of the run."""
        blocks = [e for e in self.errors if re.match(r"\d+ warning\(s\):", e)]
        assert len(blocks) == 1, f"expected one warning summary, got {self.errors}"
        return blocks[0]
