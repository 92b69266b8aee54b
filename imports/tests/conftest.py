import pytest


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    """Uploads and job files go to a fresh private directory in every test."""
    settings.PRIVATE_STORAGE_ROOT = tmp_path / "private"
    settings.PRIVATE_STORAGE_ROOT.mkdir()
    return settings.PRIVATE_STORAGE_ROOT
