"""The notebook-style example in python/README.md runs as written."""
import os
import re

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
