"""Test helpers shared by the QGIS test modules."""
