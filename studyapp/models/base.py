"""The declarative base every model derives from: Flask-SQLAlchemy's ``db.Model`` at run time,
and a typed SQLAlchemy ``DeclarativeBase`` for the type checker (``db.Model`` is built at run
time, so mypy cannot see it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from studyapp.extensions import db

if TYPE_CHECKING:
    from sqlalchemy.orm import DeclarativeBase

    class Model(DeclarativeBase):
        pass

else:
    Model = db.Model
