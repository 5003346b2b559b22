"""Statistics of the Customer Segmentation plugin.

Nothing in this package imports QGIS or Qt: it needs only numpy, pandas,
scikit-learn, scipy and matplotlib, so it can be tested and reused on its own.
"""
