"""make run-production: PostgreSQL and Redis on loopback, two Rasa servers sharing them,
two action servers and the front door spreading messages across the Rasa servers.
Ctrl-C or SIGTERM stops everything it started.

    RASA_SERVERS, ACTION_SERVERS   how many of each (default 2 and 2)
    PG_PORT, REDIS_PORT            default 5433 and 6380 (clear of system-wide services)
    PROD_DATA_DIR                  default var/production (the PostgreSQL data lives here)
"""
import os
import sys
from pathlib import Path

from project import PROJECT_ROOT
from scripts.services import Services
from scripts.stack import Stack, StackConfig, serve


def production_config(services: Services, rasa_ports, action_ports, **kwargs) -> StackConfig:
    config = StackConfig(rasa_ports=list(rasa_ports), action_ports=list(action_ports),
                         endpoints=str(PROJECT_ROOT / "endpoints.production.yml"), **kwargs)
    config.extra_env.update(services.env)
    return config


def main() -> int:
    rasa_servers = int(os.environ.get("RASA_SERVERS", "2"))
    action_servers = int(os.environ.get("ACTION_SERVERS", "2"))
    services = Services(Path(os.environ.get("PROD_DATA_DIR", PROJECT_ROOT / "var" / "production")).resolve(),
                        int(os.environ.get("PG_PORT", "5433")), int(os.environ.get("REDIS_PORT", "6380")))
    print("==> Starting PostgreSQL and Redis on loopback", flush=True)
    services.start()
    config = production_config(services, range(5005, 5005 + rasa_servers), range(5055, 5055 + action_servers))
    return serve(Stack(config), f"{action_servers} action servers, {rasa_servers} Rasa servers and the front door",
                 cleanup=services.stop)


if __name__ == "__main__":
    sys.exit(main())
