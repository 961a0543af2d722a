"""A database on a network share or in a cloud-synced folder is refused, with the reason."""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from kisdesk.db import locations
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe

MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export /mnt/nfs nfs4 rw 0 0
//nas/biuro /mnt/biuro cifs rw 0 0
user@host:/home /mnt/ssh fuse.sshfs rw 0 0
/dev/sdb1 /media/pendrive fuseblk rw 0 0
/dev/sdc1 /media/dysk\\040zewnetrzny vfat rw 0 0
"""


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/home/biuro/kisdesk.sqlite", None),
        ("/mnt/nfs/kis/kisdesk.sqlite", "nfs4"),
        ("/mnt/biuro/kisdesk.sqlite", "cifs"),
        ("/mnt/ssh/kisdesk.sqlite", "fuse.sshfs"),
        ("/mnt/nfsother/kisdesk.sqlite", None),  # a prefix is not a mount point
        ("/media/pendrive/kisdesk.sqlite", None),  # ntfs-3g on a local disk
        ("/media/dysk zewnetrzny/kisdesk.sqlite", None),
    ],
)
def test_network_file_systems_on_linux(path: str, network: str | None) -> None:
    assert locations.posix_network_reason(Path(path), MOUNTS) == network


REMOTE = {"Z:\\": locations.DRIVE_REMOTE, "C:\\": 3}


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ("C:\\Users\\biuro\\AppData\\Local\\kisdesk\\kisdesk.sqlite", False),
        ("\\\\serwer\\wspolny\\kisdesk.sqlite", True),
        ("//serwer/wspolny/kisdesk.sqlite", True),
        ("\\\\?\\UNC\\serwer\\wspolny\\kisdesk.sqlite", True),
        ("\\\\?\\C:\\dane\\kisdesk.sqlite", False),
        ("Z:\\kisdesk.sqlite", True),  # a drive letter mapped to a share
    ],
)
def test_network_paths_on_windows(path: str, refused: bool) -> None:
    reason = locations.windows_network_reason(path, lambda root: REMOTE.get(root.upper(), 3))
    assert bool(reason) is refused


@pytest.mark.parametrize(
    "path",
    [
        PureWindowsPath("C:/Users/Ania/OneDrive/Dokumenty/kisdesk.sqlite"),
        PureWindowsPath("C:/Users/Ania/OneDrive - Gmina Zawonia/kisdesk.sqlite"),
        PureWindowsPath("C:/Users/Ania/Dropbox/KIS/kisdesk.sqlite"),
        PureWindowsPath("G:/Mój dysk/kisdesk.sqlite"),
        PureWindowsPath("G:/My Drive/kisdesk.sqlite"),
        PurePosixPath("/home/ania/Nextcloud/kisdesk.sqlite"),
        PurePosixPath("/Users/ania/Library/CloudStorage/OneDrive-Gmina/kisdesk.sqlite"),
        PurePosixPath("/Users/ania/Library/Mobile Documents/com~apple~CloudDocs/k.sqlite"),
    ],
)
def test_cloud_folders_by_name(path: PurePosixPath) -> None:
    assert locations.cloud_reason(path, {}) is not None


def test_cloud_folders_declared_by_the_sync_client(tmp_path: Path) -> None:
    moved = PureWindowsPath("D:/Firma/Pliki/kisdesk.sqlite")
    env = {"OneDriveCommercial": "D:\\Firma"}
    assert locations.cloud_reason(moved, env) == "D:\\Firma"
    dropbox = tmp_path / "appdata" / "Dropbox"
    dropbox.mkdir(parents=True)
    (dropbox / "info.json").write_text(json.dumps({"business": {"path": "/srv/Biuro wspólne"}}))
    env = {"APPDATA": str(tmp_path / "appdata")}
    assert locations.cloud_reason(PurePosixPath("/srv/Biuro wspólne/k.sqlite"), env)
    assert locations.cloud_reason(PurePosixPath("/srv/inne/k.sqlite"), env) is None


def test_ordinary_folders_are_not_mistaken_for_cloud_ones() -> None:
    for path in ("C:/Users/Ania/Documents/kisdesk.sqlite", "/home/drive/kisdesk.sqlite"):
        assert locations.cloud_reason(PureWindowsPath(path), {}) is None


def test_opening_from_a_cloud_folder_is_refused_with_a_polish_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "OneDrive" / "KIS"
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{folder / 'kisdesk.sqlite'}")
    assert caught.value.code == "db.cloud_location"
    text = describe(caught.value)
    assert "synchronizowanym z chmurą" in text and "kopie zapasowe" in text
    assert not folder.exists()  # nothing written there, not even the folder
    monkeypatch.setenv(locations.ALLOW_ENV, "1")  # the administrator's explicit override
    db = open_database(f"sqlite:///{folder / 'kisdesk.sqlite'}")
    db.dispose()


def test_a_network_share_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(
        locations, "classify", lambda path, env=None: locations.Verdict("network", "cifs")
    )
    with pytest.raises(StorageError) as caught:
        open_database(f"sqlite:///{tmp_path / 'kisdesk.sqlite'}")
    assert caught.value.code == "db.network_location"
    assert "dysku sieciowym" in describe(caught.value)
