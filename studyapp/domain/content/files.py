"""The content files as bytes in memory: read from a folder, or from a published archive."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path

CONTENT_SUFFIXES = (".yaml", ".yml", ".md")


class ContentFiles(Mapping[str, bytes]):
    """Relative path (forward slashes) → file bytes; hashable as one content version."""

    def __init__(self, files: Mapping[str, bytes]):
        self._files = dict(sorted(files.items()))

    @classmethod
    def from_directory(cls, root: str | Path) -> ContentFiles:
        root = Path(root)
        if not root.is_dir():
            raise FileNotFoundError(f"content folder not found: {root}")
        files = {}
        for path in root.rglob("*"):
            if path.is_file() and path.suffix in CONTENT_SUFFIXES:
                if any(part.startswith(".") for part in path.relative_to(root).parts):
                    continue  # editor swap files and hidden folders are not content
                files[path.relative_to(root).as_posix()] = path.read_bytes()
        return cls(files)

    @classmethod
    def from_archive(cls, data: bytes) -> ContentFiles:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return cls({name: archive.read(name) for name in archive.namelist()})

    def to_archive(self) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in self._files.items():
                # A fixed timestamp keeps the archive of the same files byte-identical.
                info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, data)
        return buffer.getvalue()

    def content_hash(self) -> str:
        digest = hashlib.sha256()
        for name, data in self._files.items():
            digest.update(name.encode())
            digest.update(b"\0")
            digest.update(hashlib.sha256(data).digest())
        return digest.hexdigest()

    def text(self, name: str) -> str:
        return self._files[name].decode("utf-8")

    def under(self, prefix: str) -> list[str]:
        return [name for name in self._files if name.startswith(prefix)]

    def __getitem__(self, name: str) -> bytes:
        return self._files[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)
