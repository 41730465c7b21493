#!/usr/bin/python3
"""Every message key the library's readers and models use (step notes and
action reasons included) has a row in the one message table
(src/report/messages.c) with an English and a Dutch text,
and the English sentence a model writes itself (kw_warn_tpl) is the table's
English, word for word (also kw_fail_tpl and kw_fail_at_tpl), so that a Dutch run shows the same message in Dutch.

    msgkeys_check.py SOURCE_DIR
"""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else "."
STR = r'"(?:[^"\\]|\\.)*"'


def join(lits):
    return "".join(bytes(l[1:-1], "utf-8").decode("unicode_escape")
                   .encode("latin-1").decode("utf-8")
                   for l in re.findall(STR, lits))


table = {}
src = open(os.path.join(root, "src/report/messages.c"), encoding="utf-8").read()
for m in re.finditer(r'\{\s*"([\w.]+)",\s*((?:%s\s*)+),\s*((?:%s\s*)+)\}' % (STR, STR), src):
    table[m.group(1)] = (join(m.group(2)), join(m.group(3)))

bad = 0
used = set()
tpls = []
for d, _, files in os.walk(os.path.join(root, "src")):
    for f in files:
        if not f.endswith(".c") or f == "messages.c":
            continue
        text = open(os.path.join(d, f), encoding="utf-8").read()
        rel = os.path.relpath(os.path.join(d, f), root)
        for k in re.findall(r'"(?:\\001)?((?:ingest|load|model|xlsx|data|note|why)\.[\w.]+)"', text):
            if not k.endswith("."):
                used.add((k, rel))
        for m in re.finditer(r'kw_(?:warn|fail)_tpl\(\s*[^,"]+,\s*(?:\w+,\s*)?"([\w.]+)",\s*((?:%s\s*)+)' % STR, text):
            tpls.append((m.group(1), join(m.group(2)), rel))
        for m in re.finditer(r'kw_fail_at_tpl\(\s*(?:[^,"]+,\s*){5}"([\w.]+)",\s*((?:%s\s*)+)' % STR, text):
            tpls.append((m.group(1), join(m.group(2)), rel))

for k, rel in sorted(used):
    if k not in table:
        print(f"{rel}: key {k} has no row in the message table")
        bad += 1
    elif not table[k][1] or (table[k][1] == table[k][0] and
                             not re.fullmatch(r"(\{\w+\})+", table[k][0])):
        print(f"{rel}: key {k} has no Dutch text")
        bad += 1
for k, en, rel in tpls:
    if k in table and table[k][0] != en:
        print(f"{rel}: {k}: the model's English differs from the table's:\n"
              f"  model: {en}\n  table: {table[k][0]}")
        bad += 1
print(f"{len(used)} key uses, {len(tpls)} model templates checked, {bad} problems")
sys.exit(1 if bad else 0)
