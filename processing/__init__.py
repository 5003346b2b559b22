"""QGIS Processing adapters: thin algorithms over :mod:`core`."""
