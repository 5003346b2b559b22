"""Names of the methods the algorithms offer, importable without numpy/pandas (fast start-up)."""

TRANSFORMS = ("none", "log1p", "ihs", "boxcox")
TRANSFORM_LABELS = ("None", "log(x+1)", "Inverse hyperbolic sine", "Box-Cox")
SCALES = ("range", "zscore", "none")
SCALE_LABELS = ("Range 0-1", "Z-score", "None")
KMEANS_STRATEGIES = ("search", "best-of-runs")
KMEANS_STRATEGY_LABELS = ("Search: hybrid genetic search (reliable, default)",
                          "Best of RUNS independent runs (each finished with Hartigan moves)")
CORRELATION_METHODS = ("pearson", "spearman")
CORRELATION_LABELS = ("Pearson", "Spearman")
PRESET_LABELS = {"oac2011": "2011 OAC: the 60 national variables (2011 census tables)",
                 "loac2021": "London OAC 2021: the 68 variables (Census 2021 tables)"}
AGGREGATE_STATISTICS = ("sum", "mean", "median", "min", "max", "wmean", "distinct")
AGGREGATE_STATISTIC_LABELS = ("Sum", "Mean", "Median", "Minimum", "Maximum", "Weighted mean",
                              "Distinct count")
AREA_REFERENCES = ("weighted", "unweighted")
AREA_REFERENCE_LABELS = ("Rate of the whole area (means weighted by the weight field)",
                         "Unweighted mean of the areas' values")
