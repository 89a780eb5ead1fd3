"""The ``callmine`` command: each command module registers itself on the shared app."""

from api import commands as _commands  # noqa: F401  (registers commands)
from api.cli_app import app

__all__ = ["app"]

if __name__ == "__main__":
    app()
