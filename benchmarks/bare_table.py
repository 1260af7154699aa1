"""The baseline for start-up: a bare QTableView over the register's rows read with plain SQL,
no program around it. Prints "painted <epoch seconds>" after its first paint and quits.

    python benchmarks/bare_table.py REGISTER.sqlite
"""

from __future__ import annotations

import sqlite3
import sys
import time

from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication, QTableView

# The columns the program's table shows, in one query.
ROWS = """
SELECT p.title, p.audit_year, r.number, r.text,
       (SELECT group_concat(b.name, ', ') FROM recommendation_bodies rb JOIN bodies b ON b.id = rb.body_id
        WHERE rb.recommendation_id = r.id),
       coalesce(r.reply_deadline, p.reply_deadline),
       (SELECT f.status FROM follow_ups f WHERE f.recommendation_id = r.id ORDER BY f.date DESC, f.id DESC LIMIT 1)
FROM recommendations r JOIN reports p ON p.id = r.report_id
ORDER BY p.title, r.number
"""


class Model(QAbstractTableModel):
    def __init__(self, rows: list[tuple]) -> None:
        super().__init__()
        self.rows = rows

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 7

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            value = self.rows[index.row()][index.column()]
            return "" if value is None else str(value)
        return None


class FirstPaint(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False


def done() -> None:
    print(f"painted {time.time():.6f}", flush=True)
    QApplication.quit()


def main() -> int:
    app = QApplication(sys.argv[:1])
    conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
    view = QTableView()
    view.setModel(Model(conn.execute(ROWS).fetchall()))
    watcher = FirstPaint(view)
    view.viewport().installEventFilter(watcher)
    view.resize(1200, 800)
    view.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
