"""Customer Segmentation QGIS plugin."""


def classFactory(iface):  # noqa: N802 (QGIS's name)
    """QGIS entry point."""
    from .plugin import CustomerSegmentationPlugin

    return CustomerSegmentationPlugin(iface)
