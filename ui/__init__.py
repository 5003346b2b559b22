"""Qt/QGIS user interface: docks and layer styling."""
