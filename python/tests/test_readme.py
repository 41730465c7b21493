"""The notebook-style example in python/README.md runs as written."""
import os
import re

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))


def test_readme_example_runs(demo, tmp_path, monkeypatch):
    text = open(os.path.join(os.path.dirname(HERE), "README.md")).read()
    blocks = re.findall(r"```python\n(.*?)```", text, re.S)
    assert blocks, "README.md has no python example"
    monkeypatch.chdir(tmp_path)
    os.symlink(demo, tmp_path / "demo-data")
    ns = {}
    for code in blocks:
        exec(compile(code, "README.md", "exec"), ns)
    # what the example shows holds for the demo data it ran on
    s = ns["s"]
    assert len(s) == 400  # the demo's customers
    assert ns["bgf"].converged_
    assert s["p_alive"].between(0, 1).all() and (s["clv"] >= 0).all()
    km = ns["km"]
    assert (km["survival"].diff().dropna() <= 0).all()  # a survival curve
    assert list(ns["rules"].columns[:2]) == ["antecedent", "consequent"]
    assert ns["amount"].sum() / 100 == pytest.approx(s["revenue"].sum())
    assert (tmp_path / "report" / "index.html").exists()
