"""Which SQL statements the app sends: for tests that prove a path costs what it should."""

from sqlalchemy import event

from studyapp.extensions import db


class Statements:
    """The SQL statements the engine sends while the block runs (``sent``: their first words;
    ``text``: the whole statements)."""

    def __enter__(self):
        self.sent, self.text = [], []
        event.listen(db.engine, "before_cursor_execute", self._record)
        return self

    def _record(self, conn, cursor, statement, parameters, context, executemany):
        self.sent.append(statement.split(None, 1)[0].upper())
        self.text.append(statement)

    def __exit__(self, *exc):
        event.remove(db.engine, "before_cursor_execute", self._record)
