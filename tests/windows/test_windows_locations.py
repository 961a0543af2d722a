"""Where the database may live on Windows: folders Windows knows are synced with a cloud (asked
from the registry a sync client writes, here a fake one with the same keys) are refused."""

from __future__ import annotations

from pathlib import Path, PureWindowsPath

import pytest
from windows_sim import FakeRegistry

from kisdesk.db import locations
from kisdesk.db.open import open_database
from kisdesk.errors import StorageError
from kisdesk.messages import describe

SID = "S-1-5-21-3623811015-3361044348-30300820-1013"
SRM = locations.SYNC_ROOT_MANAGER
ACCOUNTS = locations.ONEDRIVE_ACCOUNTS
SHAREPOINT = "C:\\Users\\anna\\Gmina Zawonia\\Urząd - Dokumenty"


def office_laptop(sharepoint: str = SHAREPOINT, box: str = "C:\\Users\\anna\\Box") -> FakeRegistry:
    """What OneDrive (syncing the office's SharePoint library) and Box Drive write."""
    return FakeRegistry(
        {
            ("HKLM", f"{SRM}\\OneDrive!{SID}!Business1|{{0C2B1F4A}}\\UserSyncRoots"): {
                SID: "C:\\Users\\anna\\OneDrive - Gmina Zawonia"
            },
            ("HKLM", f"{SRM}\\Box!{SID}!Box"): {"DisplayNameResource": "Box"},
            ("HKLM", f"{SRM}\\Box!{SID}!Box\\UserSyncRoots"): {SID: box},
            ("HKCU", f"{ACCOUNTS}\\Business1"): {
                "UserFolder": "C:\\Users\\anna\\OneDrive - Gmina Zawonia",
                "UserEmail": "anna@zawonia.pl",
            },
            ("HKCU", f"{ACCOUNTS}\\Business1\\ScopeIdToMountPointPathCache"): {
                "a1b2c3d4e5f6": sharepoint,
            },
            ("HKCU", f"{ACCOUNTS}\\Personal"): {},  # signed out: no folder
        }
    )


def test_the_sync_roots_windows_knows() -> None:
    roots = locations.windows_sync_roots(office_laptop())
    assert sorted(roots) == sorted(
        [
            "C:\\Users\\anna\\OneDrive - Gmina Zawonia",
            "C:\\Users\\anna\\Box",
            "C:\\Users\\anna\\OneDrive - Gmina Zawonia",
            SHAREPOINT,
        ]
    )


@pytest.mark.parametrize(
    "where",
    [
        f"{SHAREPOINT}\\kisdesk\\kisdesk.sqlite",  # no name rule catches a site's library
        "C:\\Users\\anna\\Box\\KIS\\kisdesk.sqlite",
        "c:\\users\\ANNA\\box\\kisdesk.sqlite",  # Windows compares names case-insensitively
    ],
)
def test_a_database_in_a_declared_sync_root_is_refused(where: str) -> None:
    roots = locations.windows_sync_roots(office_laptop())
    reason = locations.cloud_reason(PureWindowsPath(where), {}, roots)
    assert reason is not None and PureWindowsPath(where).is_relative_to(PureWindowsPath(reason))


def test_the_sharepoint_library_was_missed_by_names_alone() -> None:
    where = PureWindowsPath(f"{SHAREPOINT}\\kisdesk.sqlite")
    assert locations.cloud_reason(where, {}) is None  # why the registry is asked
    assert locations.cloud_reason(PureWindowsPath("C:/Users/anna/Box/k.sqlite"), {}) is not None


def test_ordinary_folders_stay_allowed() -> None:
    roots = locations.windows_sync_roots(office_laptop())
    for where in (
        "C:\\Users\\anna\\AppData\\Local\\kisdesk\\kisdesk.sqlite",
        "C:\\Users\\anna\\Gmina Zawonia\\kisdesk.sqlite",  # beside the library, not in it
        "D:\\Boxes\\kisdesk.sqlite",
    ):
        assert locations.cloud_reason(PureWindowsPath(where), {}, roots) is None


def test_the_refusal_names_the_folder_with_single_backslashes() -> None:
    reason = locations.cloud_reason(PureWindowsPath("C:\\Users\\jan\\Dropbox\\k.sqlite"), {})
    assert reason == "C:\\Users\\jan\\Dropbox"


def test_opening_a_database_in_a_synced_library_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "Gmina Zawonia" / "Urząd - Dokumenty"
    monkeypatch.setattr(locations, "registry", lambda: office_laptop(sharepoint=str(library)))
    target = library / "kisdesk" / "kisdesk.sqlite"
    with pytest.raises(StorageError) as refused:
        open_database(f"sqlite:///{target}")
    assert refused.value.code == "db.cloud_location"
    assert str(library) in describe(refused.value)
    assert not (library / "kisdesk").exists()  # nothing written
    monkeypatch.setattr(locations, "registry", lambda: FakeRegistry({}))
    open_database(f"sqlite:///{target}").dispose()  # the same folder, not synced: fine


@pytest.fixture
def temporary_profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Signed in with C:\\Users\\TEMP: GetProfileType says PT_TEMPORARY."""
    profile = tmp_path / "Users" / "TEMP"
    profile.mkdir(parents=True)
    monkeypatch.setenv("USERPROFILE", str(profile))
    monkeypatch.setenv("KISDESK_DATA_DIR", str(profile / "AppData" / "Local" / "kisdesk"))
    monkeypatch.setattr(locations, "profile_flags", lambda: locations.PT_TEMPORARY)
    return profile


def test_a_temporary_profile_founds_no_office(
    temporary_profile: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from kisdesk.cli import main

    data = temporary_profile / "AppData" / "Local" / "kisdesk"
    with pytest.raises(StorageError) as refused:
        open_database(f"sqlite:///{data / 'kisdesk.sqlite'}")
    assert refused.value.code == "db.temporary_profile"
    assert main(["init", "--type", "kis", "--name", "KIS w Zawoni"]) == 2
    err = capsys.readouterr().err
    assert (
        "profilem tymczasowym" in err and "po wylogowaniu" in err and str(temporary_profile) in err
    )
    assert not data.exists()  # nothing written, not even the folder


def test_a_mandatory_profile_is_refused_too_but_a_database_outside_it_is_kept(
    temporary_profile: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locations, "profile_flags", lambda: locations.PT_MANDATORY)
    with pytest.raises(StorageError) as refused:
        open_database(f"sqlite:///{temporary_profile / 'kisdesk.sqlite'}")
    assert "profil obowiązkowy" in describe(refused.value)
    outside = tmp_path / "D" / "kisdesk" / "kisdesk.sqlite"  # survives the sign-out
    open_database(f"sqlite:///{outside}").dispose()
    assert outside.exists()


def test_an_existing_database_opens_in_a_temporary_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    profile = tmp_path / "Users" / "anna"
    target = profile / "AppData" / "Local" / "kisdesk" / "kisdesk.sqlite"
    open_database(f"sqlite:///{target}").dispose()  # made in an ordinary session
    monkeypatch.setenv("USERPROFILE", str(profile))
    monkeypatch.setattr(locations, "profile_flags", lambda: locations.PT_TEMPORARY)
    open_database(f"sqlite:///{target}").dispose()  # nothing new is founded: allowed
