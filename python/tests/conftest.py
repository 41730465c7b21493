"""Shared fixtures: the package from this checkout, the CLI, the data."""
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

SHARED = os.environ.get(
    "KW_SHARED_DATA",
    os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(HERE))),
                 "shared", "data"))


def shared(*parts):
    path = os.path.join(SHARED, *parts)
    if not os.path.exists(path):
        pytest.skip(f"{path} is absent (reference data not here)")
    return path


@pytest.fixture(scope="session")
def cli():
    exe = os.environ.get("KLANTWIJS_CLI")
    if not exe:
        lib = os.environ.get("KLANTWIJS_LIB", "")
        exe = os.path.join(os.path.dirname(lib), "klantwijs")
    if not os.path.exists(exe):
        pytest.skip("the klantwijs command is not built (KLANTWIJS_CLI)")
    return exe


@pytest.fixture(scope="session")
def demo(tmp_path_factory, cli):
    out = tmp_path_factory.mktemp("demo") / "data"
    subprocess.run([cli, "demo", "--customers", "400", "--seed", "11", "-o",
                    str(out)], check=True, capture_output=True)
    return str(out)
