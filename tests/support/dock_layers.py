"""A small classified layer for the dock tests: counts, percentages with their denominators,
and a standardised copy of the population, marked as the plugin marks its outputs."""

from __future__ import annotations

import json

import numpy as np
from qgis.core import QgsFeature, QgsProject, QgsVectorLayer

N = 60


def town(marked=True):
    """60 areas, 3 clusters: counts, percentages with their denominators, and a standardised
    copy of the population (0–1), as a k-means output with KEEP_TOTALS carries it."""
    rng = np.random.default_rng(7)
    layer = QgsVectorLayer(
        "Polygon?crs=EPSG:27700&field=OA_CODE:string&field=cluster:string"
        "&field=Total_Population:double&field=pop:integer&field=hh:integer"
        "&field=adults:integer&field=unemp_pct:double&field=rent_pct:double", "town", "memory")
    data = {"pop": rng.integers(100, 500, N), "hh": rng.integers(40, 200, N),
            "adults": rng.integers(50, 400, N)}
    data["unemp_pct"] = rng.uniform(1, 20, N)
    data["rent_pct"] = rng.uniform(5, 60, N)
    data["cluster"] = np.array([str(1 + i % 3) for i in range(N)])
    feats = []
    for i in range(N):
        f = QgsFeature(layer.fields())
        f.setAttributes([f"E{i:05d}", str(data["cluster"][i]), float(data["pop"][i] / 500),
                         int(data["pop"][i]), int(data["hh"][i]), int(data["adults"][i]),
                         float(data["unemp_pct"][i]), float(data["rent_pct"][i])])
        feats.append(f)
    assert layer.dataProvider().addFeatures(feats)[0] and layer.featureCount() == N
    from customer_segmentation.ui.styling import mark_layer

    if marked:
        mark_layer(layer, "cluster", {
            "population_field": "pop", "households_field": "hh",
            "variables": json.dumps(["unemp_pct", "rent_pct"]),
            "denominators": json.dumps({"unemp_pct": "adults", "rent_pct": "hh"})})
    else:
        mark_layer(layer, "cluster")
    QgsProject.instance().addMapLayer(layer)
    return layer, data
