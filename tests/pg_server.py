"""A throw-away PostgreSQL server on loopback for the test suite (Debian's postgresql).

Started once per test run when KISDESK_TEST_PG=auto (what `dev.py test` and CI set) and the
server binaries are installed; KISDESK_TEST_PG_URL points at an existing server instead.
The cluster lives in a temporary folder and is removed at the end of the run.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

USER = "kisdesk"
DATABASE = "kisdesk_test"


def _bin_dir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class TestServer:
    def __init__(self) -> None:
        self.bin = _bin_dir()
        self.folder: Path | None = None
        self.port = 0

    @property
    def available(self) -> bool:
        return self.bin is not None

    def _run(self, *args: str, password: str | None = None) -> None:
        command = [str(self.bin / args[0]), *args[1:]]  # type: ignore[operator]
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        env = {**os.environ, "PGPASSWORD": password} if password else None
        subprocess.run(command, check=True, capture_output=True, timeout=120, env=env)

    def start(self, password: str | None = None) -> str:
        """The server's URL (without the password); `password`: sign-in by password
        (SCRAM) instead of trust, for the tests of a refused login."""
        assert self.bin is not None
        self.folder = Path(tempfile.mkdtemp(prefix="kisdesk-pg-"))
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        auth = ["--auth=trust"]
        if password is not None:
            secret = self.folder / "password"
            secret.write_text(password, encoding="utf-8")
            if os.geteuid() == 0:
                shutil.chown(secret, "postgres", "postgres")
            auth = ["--auth=scram-sha-256", f"--pwfile={secret}"]
        self._run("initdb", "-D", str(data), "-U", USER, *auth, "-E", "UTF8", "--locale=C.UTF-8")
        self.port = _free_port()
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            "pg_ctl", "-D", str(data), "-o", options, "-l", str(self.folder / "log"), "-w", "start"
        )
        self._run(
            *("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", USER, DATABASE),
            password=password,
        )
        return f"postgresql+psycopg://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    def stop(self) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(subprocess.SubprocessError):
            self._run("pg_ctl", "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None


def wait_for(url_port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", url_port)) == 0:
                return
        time.sleep(0.1)
