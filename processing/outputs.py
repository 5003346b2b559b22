"""Outputs written whole or not at all, and never over an input.

Every file output of an algorithm (feature sinks and file destinations: GeoPackage, CSV, XLSX,
JSON, HTML, PDF …) is redirected to a hidden folder beside its target (`.stem.cs-XXXX/name`, on
the same file system, so that the final rename is atomic). Only when the whole run succeeded are
the files moved into place (`os.replace`; files already there are moved aside first and put
back if a move fails half way); a failed or cancelled run deletes the folders, leaving no new
file and no half file. Each feature output is re-opened after it was closed and its
feature count checked, so that a write lost at close (a full disk) is an error, not a short file.

Memory and temporary outputs (`TEMPORARY_OUTPUT`, `memory:`) and provider URIs (`ogr:`,
`postgres:` …) are passed through untouched (an `ogr:dbname=… table=…` layer added to an existing
GeoPackage is not transactional: copying and replacing a GeoPackage other layers of the project
may have open is not safe), but an `ogr:` output is still checked against the inputs.

Before anything is read or written, `check_not_inputs` refuses an output that is the same file as
an input (also through symlinks, relative paths or a GeoPackage `|layername=` URI) or as another
output, or that is a folder.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from qgis.core import (
    QgsMapLayer,
    QgsProcessing,
    QgsProcessingContext,
    QgsProcessingDestinationParameter,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterFile,
    QgsProcessingParameterMapLayer,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterVectorLayer,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
)
from qgis.PyQt.QtCore import QCoreApplication

_PROVIDER_URI = re.compile(r"^[A-Za-z][A-Za-z0-9_]{2,}:")  # memory:, ogr:, postgres: (not C:)
TEMP_MARK = ".cs-"
OLD = ".old-"  # a file moved aside at commit (put back if the commit fails)


def tr(text: str) -> str:
    """Translate (the plugin's one context)."""
    return QCoreApplication.translate("CustomerSegmentation", text)


@dataclass
class _Output:
    """One redirected file output."""

    name: str
    description: str
    final: Path
    folder: Path  # the hidden temporary folder beside `final`
    expected: dict[str, int] = field(default_factory=dict)  # temp dest -> feature count

    @property
    def temp(self) -> Path:
        return self.folder / self.final.name


def _value_text(value, context: QgsProcessingContext) -> str | None:
    """The text of a destination value (a path, a URI or TEMPORARY_OUTPUT), or None."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        value = value.sink
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext())
        value = value[0] if isinstance(value, tuple) else value
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def destination_file(value, context: QgsProcessingContext) -> Path | None:
    """The file an output value names, or None for memory/temporary outputs and URIs."""
    text = _value_text(value, context)
    if not text or text == QgsProcessing.TEMPORARY_OUTPUT or _PROVIDER_URI.match(text):
        return None
    if "|" in text:
        text = text.split("|")[0]
    return Path(os.path.abspath(os.path.expanduser(text)))


def _layer_file(layer) -> Path | None:
    if not isinstance(layer, QgsMapLayer):
        return None
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    path = parts.get("path") if parts else None
    return Path(os.path.abspath(path)) if path else None


def _uri_file(text: str) -> Path | None:
    """The file behind a path or an OGR/delimited-text URI given as text."""
    text = text.strip()
    if not text:
        return None
    if text.startswith("ogr:"):
        from qgis.core import QgsDataSourceUri

        db = QgsDataSourceUri(text[4:]).database()
        return Path(os.path.abspath(db)) if db else None
    if text.startswith("file:"):
        parts = QgsProviderRegistry.instance().decodeUri("delimitedtext", text)
    else:
        parts = QgsProviderRegistry.instance().decodeUri("ogr", text)
    path = (parts or {}).get("path") or text.split("|")[0]
    if _PROVIDER_URI.match(path) and not os.path.exists(path):
        return None
    return Path(os.path.abspath(os.path.expanduser(path)))


def input_files(value, context: QgsProcessingContext) -> list[Path]:
    """The files an input parameter value reads (layers, layer ids, paths, lists of them)."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [p for v in value for p in input_files(v, context)]
    if isinstance(value, QgsMapLayer):
        path = _layer_file(value)
        return [path] if path else []
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source
    if isinstance(value, QgsProperty):
        value = value.valueAsString(context.expressionContext())
        value = value[0] if isinstance(value, tuple) else value
    text = str(value).strip()
    if not text:
        return []
    layer = QgsProcessingUtils.mapLayerFromString(text, context, False)
    if layer is not None and not os.path.exists(text.split("|")[0]):
        path = _layer_file(layer)
        return [path] if path else []
    path = _uri_file(text)
    return [path] if path else []


def _same(a: Path, b: Path) -> bool:
    """Whether two paths are one file (symlinks, relative paths and hard links followed)."""
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.realpath(a) == os.path.realpath(b)


_INPUT_TYPES = (QgsProcessingParameterFeatureSource, QgsProcessingParameterVectorLayer,
                QgsProcessingParameterMapLayer, QgsProcessingParameterMultipleLayers,
                QgsProcessingParameterFile)


def _sink_file(param, path: Path) -> Path:
    """A feature sink without an extension is written as a GeoPackage (as QGIS does)."""
    if isinstance(param, QgsProcessingParameterFeatureSink) and not path.suffix:
        return path.with_name(path.name + ".gpkg")
    return path


def check_not_inputs(alg, parameters: dict, context: QgsProcessingContext) -> None:
    """Refuse an output that is an input's file, another output's file, or a folder."""
    inputs = []
    for p in alg.parameterDefinitions():
        if isinstance(p, _INPUT_TYPES) and not isinstance(p, QgsProcessingDestinationParameter):
            inputs += [(p.name(), f) for f in input_files(parameters.get(p.name()), context)]
    outputs = []
    for p in alg.destinationParameterDefinitions():
        path = destination_file(parameters.get(p.name()), context)
        text = _value_text(parameters.get(p.name()), context) or ""
        if path is None and text.startswith("ogr:"):  # a new layer in a GeoPackage …
            path = _uri_file(text)
        if path is None:
            continue
        path = _sink_file(p, path)
        if path.is_dir():
            raise QgsProcessingException(tr(
                "The output {name} ({file}) is a folder: choose a file name.").format(
                name=p.name(), file=path))
        for in_name, in_file in inputs:
            if _same(path, in_file):
                raise QgsProcessingException(tr(
                    "The output {out} would overwrite the input {inp}: both are the file "
                    "{file}. Choose another output file (the input is never written over).")
                    .format(out=p.name(), inp=in_name, file=in_file))
        for other, other_path in outputs:
            if _same(path, other_path):
                raise QgsProcessingException(tr(
                    "The outputs {first} and {second} are the same file {file}: choose a "
                    "different file for each.").format(first=other, second=p.name(), file=path))
        outputs.append((p.name(), path))


class OutputTransaction:
    """The run's file outputs: redirected to temporary files, then committed or rolled back."""

    def __init__(self, context: QgsProcessingContext):
        self.context = context
        self.outputs: dict[str, _Output] = {}
        self.kept: set[Path] = set()  # folders holding a previous file not put back: never deleted
        self.done = False

    # --- before the run -------------------------------------------------------------------
    def redirect(self, alg, parameters: dict, feedback=None) -> dict:
        """A copy of `parameters` with every file output pointing at a temporary file.

        Temporary folders left beside a target by an interrupted run (QGIS closed or crashed
        mid-run) are reported, not deleted: one may hold a previous file (see `commit`)."""
        params = dict(parameters)
        for p in alg.destinationParameterDefinitions():
            value = params.get(p.name())
            path = destination_file(value, self.context)
            if path is None:
                continue
            self._check_folder(p, path)
            # not `.name.ext…`: GDAL reads `x.xlsx/…` or `x.zip/…` as a path inside an archive
            stem = path.stem.replace(".", "_")
            if feedback is not None:
                for left in sorted(path.parent.glob(f".{stem}{TEMP_MARK}*")):
                    message = tr(
                        "A temporary folder left by an interrupted run is beside the output "
                        "{name}: {folder}. Check it and delete it.").format(
                        name=p.name(), folder=left)
                    if hasattr(alg, "warn"):  # also in the end-of-log summary
                        alg.warn(message)
                    else:
                        feedback.reportError(message, False)
            folder = path.parent / f".{stem}{TEMP_MARK}{uuid.uuid4().hex[:8]}"
            try:
                folder.mkdir()
            except OSError as e:
                self.rollback()
                raise QgsProcessingException(tr(
                    "Cannot write the output {name} to {file}: {error}.").format(
                    name=p.name(), file=path, error=e.strerror or e)) from None
            out = _Output(p.name(), p.description(), path, folder)
            self.outputs[p.name()] = out
            if isinstance(value, QgsProcessingOutputLayerDefinition):
                value = QgsProcessingOutputLayerDefinition(value)
                value.sink = QgsProperty.fromValue(str(out.temp))
                params[p.name()] = value
            else:
                params[p.name()] = str(out.temp)
        return params

    def _check_folder(self, param, path: Path) -> None:
        folder = path.parent
        if not folder.is_dir():
            self.rollback()
            raise QgsProcessingException(tr(
                "Cannot write the output {name} to {file}: the folder {folder} does not "
                "exist.").format(name=param.name(), file=path, folder=folder))
        if path.exists() and not os.access(path, os.W_OK):  # renaming over it would succeed
            self.rollback()
            raise QgsProcessingException(tr(
                "Cannot write the output {name} to {file}: the file exists and is read-only "
                "(it is left as it is).").format(name=param.name(), file=path))

    # --- during the run -------------------------------------------------------------------
    def output_for(self, dest: str) -> _Output | None:
        """The output whose temporary file `dest` (a path or a `path|layername=` URI) is."""
        for out in self.outputs.values():
            if str(dest).startswith(str(out.folder) + os.sep):
                return out
        return None

    def final(self, value):
        """`value` with any temporary path replaced by its final path (other values as is)."""
        if isinstance(value, str):
            for out in self.outputs.values():
                value = value.replace(str(out.folder), str(out.final.parent))
        return value

    def final_file(self, name: str) -> Path | None:
        """The final file of output parameter `name` (None when it is not redirected)."""
        out = self.outputs.get(name)
        return out.final if out else None

    def expect(self, dest: str, count: int) -> None:
        """Record that the feature output `dest` must hold `count` features when closed."""
        out = self.output_for(dest)
        if out is not None:
            out.expected[dest] = count

    def describe(self, error: OSError) -> str:
        """A message for an OS error while writing, naming the final file."""
        name = str(error.filename) if error.filename else None
        if name is not None and self.final(name) == name:  # not one of the outputs
            return tr("{file}: {error}. Nothing was written.").format(
                file=name, error=error.strerror or error)
        where = self.final(name) if name else ", ".join(
            str(o.final) for o in self.outputs.values()) or tr("an output")
        return tr("Could not write {file}: {error}. Nothing was written.").format(
            file=where, error=error.strerror or error)

    # --- after the run --------------------------------------------------------------------
    def verify(self) -> None:
        """Re-open each closed feature output and check it holds every feature written."""
        from osgeo import gdal, ogr

        for out in self.outputs.values():
            for dest, count in out.expected.items():
                path, _, rest = dest.partition("|")
                layer_name = rest.split("=", 1)[1] if rest.startswith("layername=") else None
                gdal.PushErrorHandler("CPLQuietErrorHandler")
                try:
                    try:
                        ds = ogr.Open(path)
                    except RuntimeError:  # newer GDAL raises where older returned None
                        ds = None
                    layer = None
                    if ds is not None:
                        layer = ds.GetLayerByName(layer_name) if layer_name else ds.GetLayer(0)
                    found = layer.GetFeatureCount() if layer is not None else None
                    error = gdal.GetLastErrorMsg()
                finally:
                    ds = layer = None
                    gdal.PopErrorHandler()
                if found != count:
                    if found is None:
                        detail = tr("it cannot be read back")
                        detail += f" ({error})" if error else ""
                    else:
                        detail = tr("{found} of {count} features were written").format(
                            found=found, count=count)
                    disk = disk_note(out.final.parent) or tr(
                        "; was the disk full, or the file changed by another program?")
                    raise QgsProcessingException(tr(
                        "Could not write the output {name} ({file}): {detail}{disk} Nothing "
                        "was written.").format(name=out.name, file=out.final, detail=detail,
                                               disk=disk if disk.endswith("?") else disk + "."))

    def commit(self) -> None:
        """Move every output into place (the run succeeded), then re-key layers to load.

        Files already at the targets are first moved aside into the temporary folders, so
        that a move failing half way (a file locked by another program) puts every previous
        file back: the outputs change all together or not at all."""
        self.verify()
        moves = []  # (temporary file, target, old file moved aside or None), in order
        for out in self.outputs.values():
            files = sorted(f for f in out.folder.iterdir() if not f.name.startswith(OLD)) \
                if out.folder.exists() else []
            names = {f.name for f in files}
            if out.final.suffix.lower() in (".gpkg", ".sqlite"):  # stale side files of a DB
                for side in ("-wal", "-shm", "-journal"):
                    name = out.final.name + side
                    if name not in names and (out.final.parent / name).exists():
                        moves.append((out, None, out.final.parent / name,
                                      out.folder / (OLD + name)))
            moves += [(out, f, out.final.parent / f.name, out.folder / (OLD + f.name))
                      for f in files]
        done = []
        current = None
        try:
            for out, temp, target, old in moves:
                current = out
                if os.path.lexists(target):
                    os.replace(target, old)
                else:
                    old = None
                done.append((out, temp, target, old))
                if temp is not None:
                    os.replace(temp, target)
        except OSError as e:
            for out, temp, target, old in reversed(done):  # put everything back as it was
                try:
                    if temp is not None and os.path.lexists(target) and not temp.exists():
                        os.replace(target, temp)
                    if old is not None:
                        os.replace(old, target)
                except OSError:
                    self.kept.add(out.folder)
            self.rollback()
            message = tr(
                "Could not move the output {name} into place ({file}): {error}. Nothing was "
                "written; the previous files were kept.").format(
                name=current.name if current else "", file=current.final if current else "",
                error=e.strerror or e)
            if self.kept:
                message += " " + tr("Some could not be put back: they are in {folders}.").format(
                    folders=", ".join(str(f) for f in sorted(self.kept)))
            raise QgsProcessingException(message) from None
        for out in self.outputs.values():
            shutil.rmtree(out.folder, ignore_errors=True)  # the old files moved aside
        self._rekey_layers(keep=True)
        self.done = True

    def rollback(self) -> None:
        """Delete every temporary file (a failed or cancelled run leaves nothing)."""
        for out in self.outputs.values():
            if out.folder not in self.kept:
                shutil.rmtree(out.folder, ignore_errors=True)
        self._rekey_layers(keep=False)
        self.done = True

    def _rekey_layers(self, keep: bool) -> None:
        """Layers Processing loads after the run: by their final path, or dropped."""
        if not self.outputs:
            return
        loads = self.context.layersToLoadOnCompletion()
        changed = {}
        for key, details in loads.items():
            out = self.output_for(key)
            if out is None:
                changed[key] = details
            elif keep:
                changed[self.final(key)] = details
        if len(changed) != len(loads) or any(k not in loads for k in changed):
            self.context.setLayersToLoadOnCompletion(changed)


def disk_note(folder: Path) -> str:
    """`; the disk is full` when `folder`'s file system has (almost) no space left, else ''."""
    try:
        full = shutil.disk_usage(folder).free < 64 * 1024
    except OSError:
        return ""
    return tr("; the disk is full") if full else ""


def shapefile_names(final: Path | None, names: list[str]) -> None:
    """Refuse a shapefile output whose field names the format would change (10-byte ASCII)."""
    if final is None or final.suffix.lower() != ".shp":
        return
    bad = [n for n in names if len(n) > 10 or not n.isascii()]
    if bad:
        raise QgsProcessingException(tr(
            "A shapefile cannot hold the field name(s) {fields} (at most 10 ASCII characters): "
            "they would be cut or changed and no longer match the names used elsewhere (e.g. "
            "in the parameters file). Choose a GeoPackage (.gpkg) for {file}.").format(
            fields=", ".join(bad), file=final))
