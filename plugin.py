"""The plugin object QGIS loads: registers the Processing provider and tells the officer about
missing Python packages once, without a traceback."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsMessageLog

from .core.dependencies import install_hint, missing_packages

LOG_TAG = "Customer Segmentation"


class CustomerSegmentationPlugin:
    """Registers the `segmentation` provider (QGIS and qgis_process call initProcessing)."""

    def __init__(self, iface=None):
        self.iface = iface
        self.provider = None
        self.missing: list[str] = []

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        """Add the provider; qgis_process calls only this."""
        if self.provider is not None:
            return
        from .processing.provider import SegmentationProvider

        self.provider = SegmentationProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS's name)
        """Provider, then one clear message when packages are missing."""
        self.initProcessing()
        self.missing = missing_packages()
        if self.missing:
            message = install_hint(self.missing)
            QgsMessageLog.logMessage(message, LOG_TAG, Qgis.Warning)
            if self.iface is not None:
                self.iface.messageBar().pushMessage(LOG_TAG, message, Qgis.Warning, 0)

    def unload(self):
        """Remove everything the plugin added."""
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
