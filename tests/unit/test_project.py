"""project.py finds the tracker store exactly as Rasa does, or says why it cannot."""
import pytest
from rasa.core.tracker_store import SQLTrackerStore, create_tracker_store
from rasa.utils.endpoints import read_endpoint_config

import project
from project import PROJECT_ROOT, NoTrackerStore, tracker_db_url


class Stop(Exception):
    """Ends Rasa's tracker store set-up once it has built its database URL."""


def rasas_url(monkeypatch) -> str:
    """The URL Rasa's own start-up builds from RASA_ENDPOINTS and the environment."""
    built = []
    original = SQLTrackerStore.get_db_url

    def spy(*args, **kwargs):
        built.append(original(*args, **kwargs))
        raise Stop

    monkeypatch.setattr(SQLTrackerStore, "get_db_url", staticmethod(spy))
    monkeypatch.setenv("ACTION_ENDPOINT_URL", "http://127.0.0.1:5055/webhook")  # Rasa reads the whole file
    with pytest.raises(Stop):
        create_tracker_store(read_endpoint_config(project.setting("RASA_ENDPOINTS"), "tracker_store"))
    return str(built[0])


def test_sqlite_as_rasa_finds_it(monkeypatch, tmp_path):
    monkeypatch.setenv("RASA_ENDPOINTS", str(PROJECT_ROOT / "endpoints.yml"))
    monkeypatch.setenv("TRACKER_DB", str(tmp_path / "tracker.db"))
    assert str(tracker_db_url()) == rasas_url(monkeypatch) == f"sqlite:///{tmp_path / 'tracker.db'}"


def test_postgresql_as_rasa_finds_it(monkeypatch):
    monkeypatch.setenv("RASA_ENDPOINTS", str(PROJECT_ROOT / "endpoints.production.yml"))
    for name, value in {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": "5433", "POSTGRES_DB": "rasa",
                        "POSTGRES_USER": "rasa", "POSTGRES_PASSWORD": "p@ss/w:rd",
                        "REDIS_HOST": "127.0.0.1", "REDIS_PORT": "6380"}.items():
        monkeypatch.setenv(name, value)
    url = tracker_db_url()
    assert str(url) == rasas_url(monkeypatch)
    assert (url.drivername, url.host, url.port, url.database, url.password) == (
        "postgresql", "127.0.0.1", 5433, "rasa", "p@ss/w:rd")


def test_the_sqlite_file_has_one_default(monkeypatch):
    monkeypatch.setenv("RASA_ENDPOINTS", str(PROJECT_ROOT / "endpoints.yml"))
    monkeypatch.delenv("TRACKER_DB", raising=False)
    assert tracker_db_url().database == str(PROJECT_ROOT / "var" / "tracker.db")


@pytest.mark.parametrize("endpoints, why", [
    ("action_endpoint:\n  url: http://localhost:5055/webhook\n", "names no tracker_store"),
    ("tracker_store:\n  type: redis\n  url: localhost\n", "not an SQL tracker store"),
    ("tracker_store:\n  type: sql\n  dialect: postgresql\n  url: ${NOT_SET_ANYWHERE}\n", "NOT_SET_ANYWHERE"),
])
def test_no_usable_tracker_store_is_an_error(monkeypatch, tmp_path, endpoints, why):
    (tmp_path / "endpoints.yml").write_text(endpoints)
    monkeypatch.setenv("RASA_ENDPOINTS", str(tmp_path / "endpoints.yml"))
    monkeypatch.delenv("NOT_SET_ANYWHERE", raising=False)
    with pytest.raises(NoTrackerStore, match=why):
        tracker_db_url()


def test_a_missing_endpoints_file_is_an_error(monkeypatch, tmp_path):
    monkeypatch.setenv("RASA_ENDPOINTS", str(tmp_path / "nowhere.yml"))
    with pytest.raises(NoTrackerStore, match="cannot read"):
        tracker_db_url()
