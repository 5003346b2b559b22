"""The QGIS API differences between the versions we support (3.22 to 4.x), chosen once at import.

Newer QGIS deprecates (and QGIS 4 removes) names that 3.22 still needs: the Processing enums
moved to ``Qgis`` in 3.36, geometry types in 3.30, ``parameterAsStrings`` replaced
``parameterAsFields`` in 3.32, and fields are typed by ``QMetaType`` from 3.38. Everywhere
else the plugin uses the names defined here.
"""

from __future__ import annotations

from qgis.core import Qgis, QgsProcessing, QgsProcessingAlgorithm, QgsWkbTypes
from qgis.PyQt.QtCore import QMetaType, QVariant

if hasattr(Qgis, "ProcessingSourceType"):  # QGIS >= 3.36
    SOURCE_VECTOR = Qgis.ProcessingSourceType.Vector
    SOURCE_ANY_GEOMETRY = Qgis.ProcessingSourceType.VectorAnyGeometry
    SOURCE_POLYGON = Qgis.ProcessingSourceType.VectorPolygon
    SOURCE_FILE = Qgis.ProcessingSourceType.File
    NUMBER_INTEGER = Qgis.ProcessingNumberParameterType.Integer
    NUMBER_DOUBLE = Qgis.ProcessingNumberParameterType.Double
    FIELD_ANY = Qgis.ProcessingFieldParameterDataType.Any
    FIELD_NUMERIC = Qgis.ProcessingFieldParameterDataType.Numeric
    FLAG_ADVANCED = Qgis.ProcessingParameterFlag.Advanced
    FILE_FOLDER = Qgis.ProcessingFileParameterBehavior.Folder
else:
    from qgis.core import (
        QgsProcessingParameterDefinition,
        QgsProcessingParameterField,
        QgsProcessingParameterFile,
        QgsProcessingParameterNumber,
    )

    SOURCE_VECTOR = QgsProcessing.TypeVector
    SOURCE_ANY_GEOMETRY = QgsProcessing.TypeVectorAnyGeometry
    SOURCE_POLYGON = QgsProcessing.TypeVectorPolygon
    SOURCE_FILE = QgsProcessing.TypeFile
    NUMBER_INTEGER = QgsProcessingParameterNumber.Integer
    NUMBER_DOUBLE = QgsProcessingParameterNumber.Double
    FIELD_ANY = QgsProcessingParameterField.Any
    FIELD_NUMERIC = QgsProcessingParameterField.Numeric
    FLAG_ADVANCED = QgsProcessingParameterDefinition.FlagAdvanced
    FILE_FOLDER = QgsProcessingParameterFile.Folder

if hasattr(Qgis, "GeometryType"):  # QGIS >= 3.30
    GEOMETRY_POINT = Qgis.GeometryType.Point
    GEOMETRY_POLYGON = Qgis.GeometryType.Polygon
    GEOMETRY_NULL = Qgis.GeometryType.Null
    GEOMETRY_UNKNOWN = Qgis.GeometryType.Unknown
    WKB_NO_GEOMETRY = Qgis.WkbType.NoGeometry
else:
    GEOMETRY_POINT = QgsWkbTypes.PointGeometry
    GEOMETRY_POLYGON = QgsWkbTypes.PolygonGeometry
    GEOMETRY_NULL = QgsWkbTypes.NullGeometry
    GEOMETRY_UNKNOWN = QgsWkbTypes.UnknownGeometry
    WKB_NO_GEOMETRY = QgsWkbTypes.NoGeometry

# QgsField's QVariant.Type constructor is deprecated from 3.38 (and gone with Qt6).
if Qgis.QGIS_VERSION_INT >= 33800:
    FIELD_BOOL, FIELD_INT64, FIELD_DOUBLE, FIELD_STRING = (
        QMetaType.Type.Bool, QMetaType.Type.LongLong, QMetaType.Type.Double,
        QMetaType.Type.QString)
else:
    FIELD_BOOL, FIELD_INT64, FIELD_DOUBLE, FIELD_STRING = (
        getattr(QVariant, n) for n in ("Bool", "LongLong", "Double", "String"))


def field_names(alg: QgsProcessingAlgorithm, parameters: dict, name: str,
                context) -> list[str]:
    """The field names chosen in the field parameter ``name``."""
    if hasattr(alg, "parameterAsStrings"):  # QGIS >= 3.32
        return alg.parameterAsStrings(parameters, name, context)
    return alg.parameterAsFields(parameters, name, context)
