"""PostgreSQL and Redis for the production profile, from Debian's packages, on loopback.

Each runs as a child process with its own data folder (nothing system-wide is started),
so stopping the profile stops them too. Installs the packages if they are missing.
"""
import glob
import os
import secrets
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from scripts.private_files import open_private, private_dir, private_file

PG_USER = "rasa"
PG_DB = "rasa"


def ensure_packages() -> None:
    missing = [pkg for pkg, binary in (("postgresql", _pg_bin("postgres")), ("redis-server", shutil.which("redis-server")))
               if not binary]
    if missing:
        print(f"==> Installing {', '.join(missing)} from Debian's packages", flush=True)
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"}, stdout=subprocess.DEVNULL)


def _pg_bin(name: str) -> Optional[str]:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else None


def _as_postgres(command: List[str]) -> List[str]:
    # PostgreSQL refuses to run as root: run it as Debian's postgres user.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@dataclass
class Services:
    data_dir: Path
    pg_port: int
    redis_port: int
    password: str = field(default_factory=lambda: secrets.token_urlsafe(18))
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def env(self) -> Dict[str, str]:
        return {
            "POSTGRES_HOST": "127.0.0.1",
            "POSTGRES_PORT": str(self.pg_port),
            "POSTGRES_DB": PG_DB,
            "POSTGRES_USER": PG_USER,
            "POSTGRES_PASSWORD": self.password,
            "REDIS_HOST": "127.0.0.1",
            "REDIS_PORT": str(self.redis_port),
        }

    def start(self) -> None:
        ensure_packages()
        pg_data = self.data_dir / "postgres"
        private_dir(self.data_dir)
        if os.geteuid() == 0:
            shutil.chown(self.data_dir, "postgres")
            # PostgreSQL's own user must pass through the folder above (search only: no listing).
            self.data_dir.parent.chmod(self.data_dir.parent.stat().st_mode | 0o001)
        password_file = self.data_dir / "pgpass"
        if not (pg_data / "PG_VERSION").exists():
            with open_private(password_file, os.O_TRUNC) as handle:
                handle.write(self.password)
            if os.geteuid() == 0:
                shutil.chown(password_file, "postgres")
            subprocess.run(_as_postgres([_pg_bin("initdb"), "-D", str(pg_data), "-U", PG_USER, "--pwfile", str(password_file),
                                         "-A", "scram-sha-256", "-E", "UTF8"]), check=True, stdout=subprocess.DEVNULL)
            password_file.unlink()
            with open_private(self.data_dir / "secret", os.O_TRUNC) as handle:
                handle.write(self.password)
        else:
            private_file(self.data_dir / "secret")  # written 0644 before this was in place
            self.password = (self.data_dir / "secret").read_text()
        self.processes["postgres"] = subprocess.Popen(
            _as_postgres([_pg_bin("postgres"), "-D", str(pg_data), "-p", str(self.pg_port), "-h", "127.0.0.1",
                          "-k", str(self.data_dir)]),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self.processes["redis"] = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.redis_port), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )
        self._wait_postgres()
        self._create_database()

    def _psql(self, sql: str, db: str = "postgres") -> subprocess.CompletedProcess:
        return subprocess.run(
            [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", PG_USER, "-d", db, "-tAc", sql],
            env={**os.environ, "PGPASSWORD": self.password}, capture_output=True, text=True,
        )

    def _wait_postgres(self, timeout_s: float = 60) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._psql("SELECT 1").returncode == 0:
                return
            time.sleep(0.3)
        raise RuntimeError("PostgreSQL did not start")

    def _create_database(self) -> None:
        if self._psql(f"SELECT 1 FROM pg_database WHERE datname = '{PG_DB}'").stdout.strip() != "1":
            self._psql(f"CREATE DATABASE {PG_DB}")

    def query(self, sql: str) -> str:
        result = self._psql(sql, PG_DB)
        if result.returncode:
            raise RuntimeError(result.stderr)
        return result.stdout

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, 15)
        for process in self.processes.values():
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, 9)
        self.processes.clear()
