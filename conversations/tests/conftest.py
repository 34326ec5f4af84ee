import os

import pytest


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test stores its files in its own folder."""
    root = tmp_path / "media"
    settings.MEDIA_ROOT = str(root)
    return root


@pytest.fixture
def stored_files(media_root):
    """The files stored under conversations/ (a function: call it to count)."""

    def files() -> list[str]:
        folder = media_root / "conversations"
        if not folder.exists():
            return []
        return [
            os.path.join(path, name) for path, _dirs, names in os.walk(folder) for name in names
        ]

    return files
