"""Refuse to keep the live database where SQLite's locking does not hold.

SQLite: "WAL does not work over a network filesystem" and network locking "has been known to
operate incorrectly … This has led to database corruption" (sqlite.org/useovernet.html).
Cloud sync clients (OneDrive, Dropbox, Google Drive) copy a live file half-written and have
corrupted SQLite databases of Anki, Joplin, Qiqqa (docs/architecture.md#location). The database stays
on the local disk; backups (finished, encrypted files) may go to a cloud folder or a share.

An administrator who knows better can set KISDESK_ALLOW_NETWORK_DB=1.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any, Protocol

from kisdesk.errors import StorageError

ALLOW_ENV = "KISDESK_ALLOW_NETWORK_DB"

# Linux file-system types whose locks cannot be trusted (/proc/mounts, third column).
NETWORK_FS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb",
        "smb2",
        "smb3",
        "smbfs",
        "ncpfs",
        "afs",
        "9p",
        "ceph",
        "glusterfs",
        "lustre",
        "gpfs",
        "davfs",
        "sshfs",
        "fuse",
    }
)
# FUSE file systems backed by a local block device (ntfs-3g, exfat) are local.
LOCAL_FUSE = frozenset({"fuseblk"})

# Folder names used by sync clients (compared case-insensitively, whole path components).
CLOUD_FOLDERS = frozenset(
    {
        "onedrive",
        "dropbox",
        "google drive",
        "googledrive",
        "my drive",
        "mój dysk",
        "shared drives",
        "dyski współdzielone",
        "icloud drive",
        "iclouddrive",
        "mobile documents",
        "nextcloud",
        "owncloud",
        "pcloud drive",
        "megasync",
        "box",  # Box Drive: C:\Users\<user>\Box
        "box sync",
        "yandex.disk",
        "seafile",
    }
)
CLOUD_PREFIXES = ("onedrive - ", "onedrive-", "dropbox (", "nextcloud-")
CLOUD_ENV = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")

# Windows: GetDriveTypeW
DRIVE_REMOTE = 4
# Windows file attributes set on folders managed by a cloud sync client (Files On-Demand).
_CLOUD_ATTRIBUTES = 0x00040000 | 0x00080000 | 0x00100000 | 0x00400000  # recall/pinned/unpinned


@dataclass(frozen=True, slots=True)
class Verdict:
    kind: str  # "local" | "network" | "cloud"
    detail: str = ""

    @property
    def safe(self) -> bool:
        return self.kind == "local"


def windows_network_reason(path: str, drive_type: Callable[[str], int] | None = None) -> str | None:
    """A UNC path (\\\\server\\share) or a drive letter mapped to a share."""
    text = path.replace("/", "\\")
    upper = text.upper()
    if upper.startswith("\\\\?\\UNC\\"):
        return text
    if upper.startswith(("\\\\?\\", "\\\\.\\")):
        text = text[4:]
    elif text.startswith("\\\\"):
        return text
    drive = PureWindowsPath(text).drive
    if drive and drive_type is not None and drive_type(drive + "\\") == DRIVE_REMOTE:
        return drive
    return None


def posix_mount_type(path: Path, mounts: str) -> str:
    """The file-system type of the longest mount point containing `path`."""
    best, best_type = "", ""
    target = str(path)
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = target == point or target.startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, best_type = point, fields[2]
    return best_type


def posix_network_reason(path: Path, mounts: str) -> str | None:
    fs = posix_mount_type(path, mounts)
    if fs in LOCAL_FUSE:
        return None
    base = fs.split(".", 1)[0]  # "fuse.sshfs" -> "fuse"
    if fs in NETWORK_FS or base in NETWORK_FS:
        return fs
    return None


def _dropbox_roots(env: Mapping[str, str]) -> list[Path]:
    """Dropbox writes its folders to info.json (%APPDATA%/Dropbox or ~/.dropbox)."""
    roots = []
    candidates = [Path(env["APPDATA"]) / "Dropbox" if "APPDATA" in env else None]
    candidates.append(Path(env["LOCALAPPDATA"]) / "Dropbox" if "LOCALAPPDATA" in env else None)
    candidates.append(Path(env["HOME"]) / ".dropbox" if "HOME" in env else None)
    for folder in candidates:
        if folder is None:
            continue
        try:
            info = json.loads((folder / "info.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for account in info.values() if isinstance(info, dict) else ():
            if isinstance(account, dict) and account.get("path"):
                roots.append(Path(account["path"]))
    return roots


def _under(path: PurePath, root: PurePath) -> bool:
    a = [p.casefold() for p in path.parts]
    b = [p.casefold() for p in root.parts]
    return len(b) > 0 and a[: len(b)] == b


class Registry(Protocol):
    """The part of the Windows registry the sync-root lookup reads (winreg on Windows; a
    fake with the same keys in the tests). Missing keys read as empty."""

    def subkeys(self, hive: str, key: str) -> list[str]: ...

    def values(self, hive: str, key: str) -> dict[str, object]: ...


# Every sync engine built on the Cloud Files API (OneDrive, SharePoint and Teams libraries
# synced by OneDrive, Box Drive, Google Drive, Dropbox, Nextcloud…) registers its folders
# here; the value data of <provider>\UserSyncRoots are the folders (learn.microsoft.com,
# "Integrate a cloud sync engine": StorageProviderSyncRootManager.Register).
SYNC_ROOT_MANAGER = "SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Explorer\\SyncRootManager"
# OneDrive's own list: the account folder and every SharePoint/Teams library it syncs
# ("C:\Users\<user>\<Organisation>\<Site> - Dokumenty"), which no name rule catches.
ONEDRIVE_ACCOUNTS = "Software\\Microsoft\\OneDrive\\Accounts"


def windows_sync_roots(registry: Registry) -> list[str]:
    """Folders Windows knows are kept in sync with a cloud, as their client declared them."""
    roots: list[str] = []

    def add(values: Iterable[object]) -> None:
        roots.extend(v for v in values if isinstance(v, str) and v.strip())

    for hive in ("HKLM", "HKCU"):
        for provider in registry.subkeys(hive, SYNC_ROOT_MANAGER):
            key = f"{SYNC_ROOT_MANAGER}\\{provider}\\UserSyncRoots"
            add(registry.values(hive, key).values())
    for account in registry.subkeys("HKCU", ONEDRIVE_ACCOUNTS):
        key = f"{ONEDRIVE_ACCOUNTS}\\{account}"
        add([registry.values("HKCU", key).get("UserFolder")])
        add(registry.values("HKCU", f"{key}\\ScopeIdToMountPointPathCache").values())
    return roots


class WinRegistry:
    """Registry reads through winreg (Windows only; missing keys read as empty)."""

    def __init__(self) -> None:
        # imported by name: typeshed declares winreg for win32 only, and mypy runs on Linux
        self.winreg: Any = importlib.import_module("winreg")

    def _open(self, hive: str, key: str) -> Any:
        reg = self.winreg
        root = reg.HKEY_LOCAL_MACHINE if hive == "HKLM" else reg.HKEY_CURRENT_USER
        return reg.OpenKey(root, key)

    def subkeys(self, hive: str, key: str) -> list[str]:
        try:
            with self._open(hive, key) as handle:
                count = self.winreg.QueryInfoKey(handle)[0]
                return [str(self.winreg.EnumKey(handle, i)) for i in range(count)]
        except OSError:
            return []

    def values(self, hive: str, key: str) -> dict[str, object]:
        try:
            with self._open(hive, key) as handle:
                count = self.winreg.QueryInfoKey(handle)[1]
                found: dict[str, object] = {}
                for i in range(count):
                    name, data, _kind = self.winreg.EnumValue(handle, i)
                    found[str(name)] = data
                return found
        except OSError:
            return {}


def system_registry() -> Registry | None:
    """The registry to ask for sync roots: Windows' own, or none elsewhere (a seam: the
    tests hand in a fake one with the keys a OneDrive or Box installation writes)."""
    return WinRegistry() if sys.platform == "win32" else None


registry: Callable[[], Registry | None] = system_registry


def _as_path(root: str) -> PurePath:
    return PureWindowsPath(root) if "\\" in root or root[1:2] == ":" else PurePath(root)


def _shown(path: PurePath, count: int) -> str:
    """The first `count` components as the user knows them (C:\\Users\\jan\\Dropbox, with
    one backslash after the drive: os.sep.join doubled it)."""
    return str(type(path)(*path.parts[:count]))


def cloud_reason(
    path: PurePath, env: Mapping[str, str], sync_roots: Iterable[str] = ()
) -> str | None:
    """A folder a sync client declares (Windows' sync roots, the client's environment
    variables or settings), or a component named like a sync client's folder."""
    declared = [*sync_roots, *(env.get(name, "") for name in CLOUD_ENV)]
    for root in declared:
        if root and _under(path, _as_path(root)):
            return root
    for dropbox in _dropbox_roots(env):
        if _under(path, dropbox):
            return str(dropbox)
    parts = [p.casefold() for p in path.parts]
    for index, part in enumerate(parts):
        if part in CLOUD_FOLDERS or part.startswith(CLOUD_PREFIXES):
            return _shown(path, index + 1)
        # macOS File Provider: ~/Library/CloudStorage/<provider>
        if part == "cloudstorage" and index > 0 and parts[index - 1] == "library":
            return _shown(path, index + 1)
    return None


def _existing(path: Path) -> Path:
    current = path
    while not current.exists() and current.parent != current:
        current = current.parent
    return current


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def _windows_cloud_attributes(path: Path) -> bool:
    try:
        attributes = getattr(os.stat(path), "st_file_attributes", 0)
    except OSError:
        return False
    return bool(attributes & _CLOUD_ATTRIBUTES)


def classify(path: Path, env: Mapping[str, str] | None = None) -> Verdict:
    """Where `path` (a database file, existing or not) lives."""
    env = os.environ if env is None else env
    absolute = Path(os.path.abspath(path))
    windows_registry = registry()
    roots = windows_sync_roots(windows_registry) if windows_registry is not None else []
    if sys.platform == "win32":
        reason = windows_network_reason(str(absolute), _windows_drive_type)
        if reason:
            return Verdict("network", reason)
        existing = _existing(absolute)
        if _windows_cloud_attributes(existing):
            return Verdict("cloud", str(existing))
    else:
        try:
            mounts = Path("/proc/mounts").read_text(encoding="utf-8", errors="replace")
        except OSError:
            mounts = ""
        reason = posix_network_reason(_existing(absolute).resolve(), mounts)
        if reason:
            return Verdict("network", reason)
    cloud = cloud_reason(absolute, env, roots)
    if cloud:
        return Verdict("cloud", cloud)
    return Verdict("local")


# GetProfileType (userenv.h): profiles whose files Windows deletes at sign-out.
PT_TEMPORARY = 0x1
PT_MANDATORY = 0x4


def _windows_profile_flags() -> int:
    import ctypes

    flags = ctypes.c_ulong(0)
    userenv = ctypes.windll.userenv  # type: ignore[attr-defined]
    if not userenv.GetProfileType(ctypes.byref(flags)):
        return 0  # not known: assume an ordinary profile rather than refuse every start
    return int(flags.value)


def _no_profile_flags() -> int:
    return 0


# A seam: GetProfileType on Windows; elsewhere no profile is thrown away at sign-out.
profile_flags: Callable[[], int] = (
    _windows_profile_flags if sys.platform == "win32" else _no_profile_flags
)


def refuse_throwaway_profile(path: Path, env: Mapping[str, str] | None = None) -> None:
    """Refuse to create a database inside a temporary or mandatory Windows profile.

    When Windows cannot load a user's profile it signs them in with a temporary one
    (C:\\Users\\TEMP, "Zalogowano przy użyciu profilu tymczasowego"); a mandatory profile is
    reset likewise. The data folder then holds no database and no backups, so the first
    start would found an empty office, and everything typed in would be deleted at sign-out."""
    flags = profile_flags()
    if not flags & (PT_TEMPORARY | PT_MANDATORY):
        return
    env = os.environ if env is None else env
    profile = env.get("USERPROFILE", "")
    if profile and not _under(path, _as_path(profile)):
        return  # a database kept outside the profile survives the sign-out
    kind = "db.temporary_profile" if flags & PT_TEMPORARY else "db.mandatory_profile"
    raise StorageError(kind, path=str(path), profile=profile or "?")


def check_database_location(path: Path, env: Mapping[str, str] | None = None) -> Verdict:
    """Raise StorageError when the live database must not be kept at `path`."""
    env = os.environ if env is None else env
    verdict = classify(path, env)
    if verdict.safe or env.get(ALLOW_ENV, "").strip() in ("1", "true", "tak", "yes"):
        return verdict
    code = "db.network_location" if verdict.kind == "network" else "db.cloud_location"
    raise StorageError(code, path=str(path), where=verdict.detail, override=ALLOW_ENV)
