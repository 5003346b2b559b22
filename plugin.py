"""The plugin object QGIS loads: registers the Processing provider and tells the officer about
missing Python packages once, without a traceback."""

from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsApplication, QgsMessageLog, QgsProject, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

from .core.dependencies import install_hint, missing_packages

LOG_TAG = "Customer Segmentation"
I18N = Path(__file__).resolve().parent / "i18n"
DOCKS_ELEMENT = "customer-segmentation-docks"  # in the .qgs: which docks were open


def user_locale() -> str:
    """QGIS's interface language (e.g. `cy`, `en_GB`), as the officer set it."""
    if QgsSettings().value("locale/overrideFlag", False, type=bool):
        name = QgsSettings().value("locale/userLocale", "", type=str)
    else:
        name = QLocale().name()
    return name or "en"


def install_translator() -> QTranslator | None:
    """Load i18n/customer_segmentation_<locale>.qm (e.g. `cy`) into the application."""
    locale = user_locale()
    for name in (locale, locale.split("_")[0]):
        qm = I18N / f"customer_segmentation_{name}.qm"
        if qm.exists():
            translator = QTranslator()
            if translator.load(str(qm)):
                QCoreApplication.installTranslator(translator)
                return translator
    return None


class CustomerSegmentationPlugin:
    """Registers the `segmentation` provider (QGIS and qgis_process call initProcessing)."""

    def __init__(self, iface=None):
        self.iface = iface
        self.translator = install_translator()
        self.provider = None
        self.missing: list[str] = []
        self.docks: dict = {}  # name → dock widget
        self.dock_actions: list = []

    def initProcessing(self):  # noqa: N802 (QGIS's name)
        """Add the provider; qgis_process calls only this."""
        if self.provider is not None:
            return
        from .processing.provider import SegmentationProvider

        self.provider = SegmentationProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 (QGIS's name)
        """Provider, then one clear message when packages are missing."""
        self.initProcessing()
        self.missing = missing_packages()
        if self.missing:
            message = install_hint(self.missing)
            QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Warning)
            if self.iface is not None:
                self.iface.messageBar().pushMessage(LOG_TAG, message, Qgis.MessageLevel.Warning, 0)
        self.init_docks()

    def init_docks(self):
        """Toggle actions (menu and toolbar) for the cluster summary and spider chart docks.

        The docks themselves, and the numpy/matplotlib they need, are made the first time the
        officer opens one, so that the plugin adds almost nothing to QGIS's start-up."""
        if self.iface is None or self.dock_actions:
            return
        from qgis.PyQt.QtGui import QIcon

        try:  # Qt6 moved QAction to QtGui
            from qgis.PyQt.QtGui import QAction
        except ImportError:
            from qgis.PyQt.QtWidgets import QAction

        icon = QIcon(str(Path(__file__).resolve().parent / "icon.svg"))
        titles = {"summary": QCoreApplication.translate("CustomerSegmentation", "Cluster summary"),
                  "spider": QCoreApplication.translate("CustomerSegmentation",
                                                       "Cluster spider chart")}
        for name, title in titles.items():
            action = QAction(icon, title, self.iface.mainWindow())
            action.setCheckable(True)
            action.toggled.connect(lambda on, n=name: self.show_dock(n, on))
            self.iface.addPluginToMenu(QCoreApplication.translate("CustomerSegmentation",
                                                                  "Customer Segmentation"),
                                       action)
            self.iface.addToolBarIcon(action)
            self.dock_actions.append(action)
            self._dock_action = {**getattr(self, "_dock_action", {}), name: action}
        project = QgsProject.instance()
        project.writeProject.connect(self.write_open_docks)
        project.readProject.connect(self.read_open_docks)

    def write_open_docks(self, doc) -> None:
        """Note in the project file being saved which docks are open."""
        element = doc.createElement(DOCKS_ELEMENT)
        element.setAttribute("open", ",".join(
            name for name, dock in self.docks.items() if not dock.isHidden()))
        doc.documentElement().appendChild(element)

    def read_open_docks(self, doc) -> None:
        """Open the docks that were open when the project was saved."""
        nodes = doc.elementsByTagName(DOCKS_ELEMENT)
        if nodes.isEmpty():
            return
        for name in nodes.at(0).toElement().attribute("open").split(","):
            action = getattr(self, "_dock_action", {}).get(name)
            if action is not None:
                action.setChecked(True)

    def dock(self, name: str):
        """The dock `summary` or `spider`, made on first use (None if it cannot be made)."""
        if name in self.docks:
            return self.docks[name]
        try:
            from qgis.PyQt.QtCore import Qt

            from .ui.spider_dock import SpiderDock
            from .ui.summary_dock import ClusterSummaryDock
        except ImportError as e:  # e.g. matplotlib missing
            message = f"Docks not available: {e}"
            QgsMessageLog.logMessage(message, LOG_TAG, Qgis.MessageLevel.Warning)
            self.iface.messageBar().pushMessage(LOG_TAG, message, Qgis.MessageLevel.Warning, 0)
            return None
        cls = {"summary": ClusterSummaryDock, "spider": SpiderDock}[name]
        dock = cls(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        others = [d for d in self.docks.values() if not d.isFloating()]
        window = self.iface.mainWindow()
        if others and hasattr(window, "tabifyDockWidget"):  # tabs: each dock gets the height
            window.tabifyDockWidget(others[-1], dock)
        action = self._dock_action[name]
        dock.visibilityChanged.connect(
            lambda visible, a=action: a.setChecked(visible) if a.isChecked() != visible else None)
        self.docks[name] = dock
        return dock

    def show_dock(self, name: str, visible: bool = True) -> None:
        """Show or hide a dock (making it when first shown)."""
        if not visible and name not in self.docks:
            return
        dock = self.dock(name)
        if dock is not None:
            dock.setVisible(visible)
            if visible:
                dock.raise_()

    def release_ui(self) -> None:
        """Disconnect the label synchronisers and drop every cache and kept post-processor of
        this copy of the plugin (only the modules already imported: unloading imports none)."""
        import sys

        package = __package__ or "customer_segmentation"
        for name in ("ui.labels", "ui.styling", "ui.docks_common"):
            module = sys.modules.get(f"{package}.{name}")
            release = getattr(module, "release", None) or getattr(module, "release_caches",
                                                                     None)
            if release is not None:
                release()

    def unload(self):
        """Remove everything the plugin added and disconnect every signal it connected."""
        for action in self.dock_actions:
            remove_menu = getattr(self.iface, "removePluginMenu", None)
            if remove_menu is not None:
                remove_menu(QCoreApplication.translate("CustomerSegmentation",
                                                       "Customer Segmentation"), action)
            self.iface.removeToolBarIcon(action)
            try:
                action.toggled.disconnect()
            except TypeError:  # nothing connected
                pass
            action.deleteLater()
        if self.dock_actions:
            project = QgsProject.instance()
            project.writeProject.disconnect(self.write_open_docks)
            project.readProject.disconnect(self.read_open_docks)
        self.dock_actions = []
        for dock in self.docks.values():
            dock.release()
            self.iface.removeDockWidget(dock)
            dock.deleteLater()
        self.docks = {}
        self.release_ui()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
            self.translator = None
