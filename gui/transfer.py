"""File > Import… and File > Export…: dialogs, a worker with progress and Cancel, a report.

The work is core's import_paths and export_project, run as workspace
operations (an import writes, so it runs alone; an export reads a read-only
view of the folder). A QProgressDialog shows progress once the work takes longer than a
moment (so a small import never flashes a dialog) and its Cancel stops it:
a cancelled import is undone by core (the project is as before), a
cancelled export writes nothing. Imports are not span edits and are not
undoable. The results, per file, are shown in a ReportDialog, never as a
traceback.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtWidgets

from core.errors import TawsimError
from core.formats.project_io import (
    ExportReport,
    FileResult,
    ImportCancelled,
    ImportOptions,
    export_project,
    import_paths,
)
from gui.error_messages import error_text
from gui.i18n import digits_in, isolate, number
from gui.widgets.transfer_dialogs import ExportDialog, ImportDialog, ReportDialog
from gui.workspace import Op, OpResult, Workspace

PROGRESS_DELAY_MS = 400
MAX_LISTED = 2000  # problems shown with their text; the rest by offsets only


class Counts(QtCore.QObject):
    """The counted phrases of the reports, each a Qt plural message (lupdate only sees
    numerus in ``self.tr``), in the chosen digits (interface text only, never file names)."""

    def documents(self, n: int) -> str:
        """ "3 documents"."""
        return digits_in(self.tr("%n document(s)", "", n))

    def documents_added(self, n: int) -> str:
        """ "3 documents added"."""
        return digits_in(self.tr("%n document(s) added", "", n))

    def spans(self, n: int) -> str:
        """ "14 spans"."""
        return digits_in(self.tr("%n span(s)", "", n))

    def known(self, n: int) -> str:
        """ ", 2 already in the project"."""
        return digits_in(self.tr(", %n already in the project", "", n))

    def failed(self, failed: int, total: int) -> str:
        """ "; 1 of 3 files could not be imported"."""
        text = self.tr("; {failed} of %n file(s) could not be imported", "", total)
        return digits_in(text.format(failed=failed))

    def inexact(self, n: int) -> str:
        """ "; 2 spans could not be kept exactly"."""
        return digits_in(self.tr("; %n span(s) could not be kept exactly", "", n))


def import_report(results: list[FileResult]) -> tuple[str, str]:
    """A summary line and readable per-file details of an import."""
    added = sum(r.added for r in results)
    spans = sum(r.spans for r in results)
    failed = [r for r in results if not r.ok]
    # Each count is its own plural message (Arabic has six forms); digits_in gives the
    # chosen digits, applied only to interface text, never to the inserted file names.
    counts = Counts()
    summary = QtCore.QCoreApplication.translate(
        "TransferController", "{documents_added}, {spans}"
    ).format(documents_added=counts.documents_added(added), spans=counts.spans(spans))
    if failed:
        summary += counts.failed(len(failed), len(results))
    lines: list[str] = []
    for r in results:
        if r.error:
            shown = error_text(r.exception, r.path) if r.exception else isolate(r.error)
            lines.append(f"✗ {shown}")
        else:
            known = r.documents - r.added
            lines.append(
                QtCore.QCoreApplication.translate(
                    "TransferController", "✓ {path}: {documents}{extra}, {spans}"
                ).format(
                    path=isolate(str(r.path)),
                    documents=counts.documents(r.added),
                    extra=counts.known(known) if known else "",
                    spans=counts.spans(r.spans),
                )
            )
        lines.extend(
            QtCore.QCoreApplication.translate("TransferController", "    warning: {note}").format(
                note=isolate(note)
            )
            for note in r.notes
        )
    if failed:
        lines.append("")
        lines.append(
            QtCore.QCoreApplication.translate(
                "TransferController",
                "A file that failed changed nothing; the other files were imported.",
            )
        )
    return summary, "\n".join(lines)


def export_summary(
    report: ExportReport,
    out: Path,
    titles: dict[str, str],
    surfaces: dict[tuple[str, int, int], str],
) -> tuple[str, str]:
    """A summary line and the spans the format could not keep exactly, with reasons."""
    counts = Counts()
    summary = QtCore.QCoreApplication.translate(
        "TransferController", "Exported {documents}, {spans} to {out}"
    ).format(
        documents=counts.documents(report.documents),
        spans=counts.spans(report.spans),
        out=isolate(str(out)),
    )
    notes = [f"• {isolate(note)}" for note in report.notes]  # e.g. what doccano would drop
    if not report.problems:
        return summary, "\n".join(notes)
    summary += counts.inexact(len(report.problems))
    lines = []
    for p in report.problems:
        title = titles.get(p.doc, p.doc)
        surface = surfaces.get((p.doc, p.start, p.end))
        shown = f" “{isolate(surface)}”" if surface else ""
        reason = p.reason.replace(
            "use --nested columns",
            QtCore.QCoreApplication.translate(
                "TransferController", "export a tag column per nesting level"
            ),
        )
        place = f"[{number(p.start)}, {number(p.end)})"
        lines.append(f"• {isolate(title)} {place} {p.label}{shown}: {isolate(reason)}")
    return summary, "\n".join(notes + lines)


class TransferController(QtCore.QObject):
    """Runs imports and exports for one project window."""

    def __init__(self, workspace: Workspace, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.project = workspace.project
        self._parent = parent
        self.task: Op | None = None
        self.progress: QtWidgets.QProgressDialog | None = None
        self.dialog: QtWidgets.QDialog | None = None
        self.report: ReportDialog | None = None

    @property
    def running(self) -> bool:
        """True while an import or export runs."""
        return self.task is not None

    # -- import --------------------------------------------------------------
    def ask_import(self) -> ImportDialog:
        """Open the import dialog (window-modal); importing starts when it is accepted."""
        dialog = ImportDialog(self.project.annotator or "", self._parent)
        dialog.accepted.connect(lambda: self.start_import(dialog.paths(), dialog.options()))
        self._show(dialog)
        return dialog

    def start_import(self, paths: list[Path], opts: ImportOptions) -> Op | None:
        """Import files and folders in a worker, with progress and Cancel."""
        if self.project.read_only:
            self._message(
                self.tr("Import"),
                self.tr("The project is open read-only; nothing can be imported."),
            )
            return None
        project = self.project
        holder: dict[str, Any] = {}

        def work(task: Any) -> OpResult:
            with project.recording("import") as rec:
                try:
                    holder["results"] = import_paths(
                        project, paths, opts, progress=task.report, cancelled=task.cancelled.is_set
                    )
                except ImportCancelled as exc:
                    holder["cancelled"] = str(exc)
                except TawsimError as exc:
                    holder["error"] = exc  # said in the interface language once back
            return OpResult(rec.change)

        return self._run(work, True, self.tr("Importing…"), lambda: self._import_ended(holder))

    def _import_ended(self, holder: dict[str, Any]) -> None:
        if "cancelled" in holder:
            self._message(
                self.tr("Import cancelled"), self.tr("Import cancelled. The project is unchanged.")
            )
            return
        if "error" in holder:
            self._message(self.tr("Import failed"), error_text(holder["error"]))
            return
        results: list[FileResult] = holder.get("results", [])
        if not results:
            self._message(self.tr("Import"), self.tr("No files to import were found."))
            return
        summary, details = import_report(results)
        self._show_report(self.tr("Import finished"), summary, details)

    # -- export --------------------------------------------------------------
    def ask_export(self) -> ExportDialog:
        """Open the export dialog; exporting starts when it is accepted."""
        base = Path.home() / (self.project.folder.name or "export")
        dialog = ExportDialog(
            annotators=self.project.annotators(),
            annotator=self.project.annotator or "",
            default_out=base.with_suffix(".conll"),
            parent=self._parent,
        )
        dialog.accepted.connect(lambda: self.start_export(**dialog.values()))
        self._show(dialog)
        return dialog

    def start_export(self, *, fmt: str, out: Path, **options: Any) -> Op | None:
        """Export off the UI thread, with progress and Cancel; nothing is written when cancelled."""
        holder: dict[str, Any] = {}
        titles = {d.id: d.title for d in self.project.documents()}
        read_view = self.workspace.read_view

        def work(task: Any) -> None:
            try:
                with read_view() as project:
                    report = export_project(
                        project,
                        fmt,
                        out,
                        progress=task.report,
                        cancelled=task.cancelled.is_set,
                        **options,
                    )
                    holder["report"] = report
                    holder["surfaces"] = {
                        (p.doc, p.start, p.end): project.text(p.doc)[p.start : p.end].replace(
                            "\n", " "
                        )
                        for p in report.problems[:MAX_LISTED]
                        if p.doc in titles
                    }
            except ImportCancelled:
                holder["cancelled"] = True
            except TawsimError as exc:
                holder["error"] = exc  # said in the interface language once back

        def ended() -> None:
            if "cancelled" in holder:
                self._message(
                    self.tr("Export cancelled"), self.tr("Export cancelled. Nothing was written.")
                )
            elif "error" in holder:
                self._message(self.tr("Export failed"), error_text(holder["error"]))
            elif "report" in holder:
                summary, details = export_summary(
                    holder["report"], out, titles, holder.get("surfaces", {})
                )
                self._show_report(self.tr("Export finished"), summary, details)

        return self._run(work, False, self.tr("Exporting…"), ended)

    # -- running -------------------------------------------------------------
    def _run(
        self, work: Callable[[Any], Any], writes: bool, label: str, ended: Callable[[], None]
    ) -> Op:
        op = self.workspace.run_op(work, writes=writes, label=label)
        progress = QtWidgets.QProgressDialog(label, self.tr("Cancel"), 0, 0, self._parent)
        progress.setObjectName("transfer_progress")
        progress.setWindowTitle("Tawsim")
        progress.setWindowModality(QtCore.Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(PROGRESS_DELAY_MS)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.canceled.connect(op.cancel)
        op.progress.connect(lambda done, total: self._progress(done, total, progress))
        op.failed.connect(lambda message: self._message("Tawsim", message))
        op.ended.connect(lambda: self._ended(op, progress, ended))
        self.task, self.progress = op, progress
        return op

    def _progress(self, done: int, total: int, progress: QtWidgets.QProgressDialog) -> None:
        progress.setMaximum(total)
        progress.setValue(done)

    def _ended(
        self, op: Op, progress: QtWidgets.QProgressDialog, ended: Callable[[], None]
    ) -> None:
        progress.canceled.disconnect()
        progress.close()
        progress.deleteLater()
        if self.task is op:
            self.task, self.progress = None, None
        ended()

    def cancel(self) -> None:
        """Cancel the running import or export (as its Cancel button does)."""
        if self.task is not None:
            self.task.cancel()

    # -- dialogs ---------------------------------------------------------------
    def _show(self, dialog: QtWidgets.QDialog) -> None:
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()

    def _show_report(self, title: str, summary: str, details: str) -> None:
        report = ReportDialog(title, summary, details, self._parent)
        report.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report = report
        report.open()

    def _message(self, title: str, text: str) -> None:
        self._show_report(title, text, "")
