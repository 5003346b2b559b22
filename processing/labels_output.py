"""The optional labels table (OUTPUT_LABELS) every classification writes, as a mixin."""

from __future__ import annotations

LABELS_HELP = (
    "Optional table with one row per cluster (code, level, parent, name, description, "
    "pen_portrait, colour). Edit the names and colours in it: when it is loaded with the "
    "classified areas, it is joined to them (fields label_…) and the map legend follows it.")


class LabelsOutputMixin:
    """Adds OUTPUT_LABELS; after the run, joins and styles it with the areas (main thread)."""

    def add_labels_output(self):
        return self.add_sink("OUTPUT_LABELS", "Cluster labels", LABELS_HELP, optional=True,
                             table_only=True)

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802 (QGIS name)
        self._labels_link = None
        results = super().processAlgorithm(parameters, context, feedback)
        if self._labels_link and results and self._outputs is not None:
            areas, labels, field, variables = self._labels_link
            self._labels_link = (self._outputs.final(areas), self._outputs.final(labels),
                                 field, variables)
        elif not results:
            self._labels_link = None
        return results

    def write_labels(self, parameters, context, codes_by_level, areas_dest: str, field: str,
                     variables: list[str], **table_options) -> dict:
        """Write OUTPUT_LABELS when asked for; returns {"OUTPUT_LABELS": dest} or {}."""
        if parameters.get("OUTPUT_LABELS") is None:
            return {}
        from ..core.labels import labels_table

        frame = labels_table(codes_by_level, **table_options)
        dest = self.write_table(parameters, "OUTPUT_LABELS", context, frame)
        self._labels_link = (areas_dest, dest, field, list(variables))
        return {"OUTPUT_LABELS": dest}

    def postProcessAlgorithm(self, context, feedback):  # noqa: N802 (QGIS name)
        super().postProcessAlgorithm(context, feedback)
        link = getattr(self, "_labels_link", None)
        if link:
            from ..ui.labels import link_outputs_later

            link_outputs_later(*link, context, feedback)  # runs the styler's marking first
        return {}
