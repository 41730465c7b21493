#!/usr/bin/env python3
"""Fault-injection tests of klantwijs: what an operator meets when disks
fill, processes are killed, runs collide, data are hostile or memory is
limited.

    fault.py CASE KLANTWIJS FAILSHIM WORKDIR [sanitize]

CASE is one of: disk_full (a size-limited tmpfs; needs root, else skipped
with exit 77), write_shim (LD_PRELOAD failshim.so: write, fsync, rename fail
with ENOSPC), signals (SIGTERM, SIGINT, SIGKILL mid-write), concurrent (a
second run on one report folder), overflow (money sums past int64 cents),
headers (65,536 columns, most of one name), injection (formula-like cells,
control characters), modes (umask and kept modes), ulimit (a file larger
than the address-space limit). Exit 0 passed, 1 failed, 77 skipped.
"""
import csv
import hashlib
import os
import re
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
import zipfile

KW = SHIM = WORK = None
SANITIZE = False


class Skip(Exception):
    pass


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def run(args, env=None, preexec=None, timeout=600):
    e = dict(os.environ)
    e.update(env or {})
    e.setdefault("LC_ALL", "C")
    p = subprocess.run([KW] + args, env=e, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, preexec_fn=preexec,
                       timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), \
        p.stderr.decode("utf-8", "replace")


def demo(n, name):
    d = os.path.join(WORK, name)
    if not os.path.isdir(d):
        rc, _, err = run(["demo", "--customers", str(n), "-o", d])
        check(rc == 0, "demo data: " + err)
    return d


def sums(folder):
    out = {}
    for f in sorted(os.listdir(folder)):
        with open(os.path.join(folder, f), "rb") as fh:
            out[f] = hashlib.sha256(fh.read()).hexdigest()
    return out


def temps(parent, base):
    """Temporary folders of the report folder base left in parent."""
    return [f for f in os.listdir(parent)
            if f.startswith("." + base + ".tmp.")
            or f.startswith("." + base + ".old.")]


REPORT = ["customers.csv", "customers.xlsx", "index.html", "summary.json"]


def check_whole(folder, before, what):
    check(os.path.isdir(folder), what + ": the report folder is gone")
    check(sorted(os.listdir(folder)) == REPORT,
          what + ": the folder holds " + str(os.listdir(folder)))
    check(sums(folder) == before,
          what + ": the previous report was changed")


def customers_of(folder):
    import json
    with open(os.path.join(folder, "summary.json")) as f:
        return json.load(f)["headline"]["customers"]


# --------------------------------------------------------------- cases

def case_disk_full():
    """Issue: 500 customers into a 1 MB tmpfs gave exit 0 and a corrupt
    workbook. Now: exit 3 naming the file and the system's reason, nothing
    left; a run that fills a disk leaves the previous report whole."""
    if os.geteuid() != 0:
        raise Skip("needs root to mount a size-limited tmpfs")
    data = demo(500, "demo500")
    mounts = []

    def mount(name, size):
        m = os.path.join(WORK, name)
        os.makedirs(m, exist_ok=True)
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=" + size,
                            "tmpfs", m], stderr=subprocess.PIPE)
        if r.returncode != 0:
            raise Skip("cannot mount a tmpfs here: " +
                       r.stderr.decode().strip())
        mounts.append(m)
        return m

    try:
        # the report of 500 customers takes about 770 KB
        m1 = mount("mnt1m", "512k")
        rep = os.path.join(m1, "rep")
        rc, _, err = run(["analyze", data, "-o", rep])
        check(rc == 3, "1 MB tmpfs: exit %d, not 3: %s" % (rc, err))
        check(re.search(r"rep/customers\.(xlsx|csv)|rep/index\.html|"
                        r"rep/summary\.json", err) and
              "No space left on device" in err,
              "1 MB tmpfs: the message names no file or reason: " + err)
        check(not os.path.exists(rep), "1 MB tmpfs: a report folder was left")
        check(temps(m1, "rep") == [], "1 MB tmpfs: temporaries left: %s" %
              temps(m1, "rep"))

        m4 = mount("mnt4m", "4m")
        rep = os.path.join(m4, "rep")
        rc, _, err = run(["analyze", data, "-o", rep])
        check(rc == 0, "4 MB tmpfs, first run: " + err)
        before = sums(rep)
        # leave about 300 KB: the new report (about 520 KB) cannot fit
        st = os.statvfs(m4)
        free = st.f_bavail * st.f_frsize
        with open(os.path.join(m4, "filler"), "wb") as f:
            f.write(b"\0" * max(0, free - 300 * 1024))
        rc, _, err = run(["analyze", data, "--lang", "nl", "-o", rep])
        check(rc == 3, "full disk: exit %d, not 3: %s" % (rc, err))
        check("geen ruimte meer op het apparaat" in err and rep in err,
              "full disk: message without path or reason: " + err)
        check_whole(rep, before, "full disk")
        check(temps(m4, "rep") == [], "full disk: temporaries left")
        os.unlink(os.path.join(m4, "filler"))
        rc, _, err = run(["analyze", data, "--lang", "nl", "-o", rep])
        check(rc == 0 and sums(rep) != before,
              "after freeing space the run should succeed: " + err)
    finally:
        for m in mounts:
            subprocess.run(["umount", m])


def case_write_shim():
    """Every write checked: writes, fsync and rename fail with ENOSPC at
    many points (the workbook's row stream among them, which libxlsxwriter
    itself ignores). Exit 3, path and reason, previous report whole."""
    data = demo(500, "demo500")
    rep = os.path.join(WORK, "rep")
    env = {"LD_PRELOAD": SHIM}
    if SANITIZE:
        env["ASAN_OPTIONS"] = os.environ.get("ASAN_OPTIONS", "") + \
            ":verify_asan_link_order=0"
    rc, _, err = run(["analyze", data, "-o", rep], env=env)
    check(rc == 0, "with the shim but no fault: " + err)
    before = sums(rep)
    faults = [{"KW_FAIL_AFTER": str(n)} for n in
              (0, 1, 4096, 30000, 100000, 170000, 200000, 250000, 300000,
               350000, 400000, 450000, 500000)]
    faults += [{"KW_FAIL_FSYNC": "1"}, {"KW_FAIL_RENAME": "1"}]
    for f in faults:
        e = dict(env)
        e.update(f)
        rc, _, err = run(["analyze", data, "--lang", "nl", "-o", rep], env=e)
        tag = " ".join("%s=%s" % kv for kv in f.items())
        check(rc == 3, "%s: exit %d, not 3: %s" % (tag, rc, err))
        # --lang nl: the message in Dutch, with the file and the reason
        check(re.search(re.escape(rep) + r"/[a-z.]+: kan niet schrijven: geen "
                        r"ruimte meer op het apparaat|" + re.escape(rep) +
                        r": kan het nieuwe rapport niet op zijn plaats "
                        r"zetten: geen ruimte", err),
              "%s: message: %s" % (tag, err))
        check_whole(rep, before, tag)
        check(temps(WORK, "rep") == [], tag + ": temporaries left")
    # a single output file of another command, the same way
    out = os.path.join(WORK, "summary.csv")
    e = dict(env, KW_FAIL_AFTER="100")
    rc, _, err = run(["summary", "--format", "csv", "-o", out,
                      os.path.join(data, "transactions.csv")], env=e)
    check(rc == 3 and "No space left on device" in err,
          "summary -o with a full disk: exit %d: %s" % (rc, err))
    check(not any(f.startswith("summary.csv") for f in os.listdir(WORK)),
          "summary -o: a file or temporary was left")


def wait_for(cond, timeout=60):
    t0 = time.time()
    while time.time() - t0 < timeout:
        if cond():
            return True
        time.sleep(0.002)
    return False


def case_signals():
    """SIGTERM and SIGINT mid-write: temporaries removed, previous report
    whole. SIGKILL: previous report whole; the next run removes what the
    killed one left."""
    data = demo(4000, "demo4000")
    small = demo(300, "demo300")
    rep = os.path.join(WORK, "rep")
    rc, _, err = run(["analyze", small, "-o", rep])
    check(rc == 0, err)
    before = sums(rep)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
        for moment in ("analysis", "writing"):
            p = subprocess.Popen([KW, "analyze", data, "-o", rep],
                                 stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            if moment == "writing":
                seen = wait_for(lambda: temps(WORK, "rep") or
                                p.poll() is not None)
                check(seen and p.poll() is None,
                      "the run ended before it wrote (make the data larger)")
            else:
                time.sleep(0.2)
            p.send_signal(sig)
            rc = p.wait()
            name = signal.Signals(sig).name + " during " + moment
            check(rc == -sig, "%s: exit %s" % (name, rc))
            # a signal right after the swap finds the new report complete
            # in place: a whole set too
            if sums(rep) != before and customers_of(rep) == 4000:
                check(sorted(os.listdir(rep)) == REPORT, name + ": files")
                rc, _, err = run(["analyze", small, "-o", rep])
                check(rc == 0, err)
                before = sums(rep)
            check_whole(rep, before, name)
            left = temps(WORK, "rep")
            if sig != signal.SIGKILL:
                check(left == [], name + ": temporaries left: %s" % left)
            elif moment == "writing":
                check(left != [], name + ": expected the killed run's "
                      "temporary folder (the next run removes it)")
    # the next run removes the killed runs' temporaries, then replaces
    rc, _, err = run(["analyze", small, "--lang", "nl", "-o", rep])
    check(rc == 0, err)
    check(temps(WORK, "rep") == [], "stale temporaries were not removed")
    check(sums(rep) != before, "the report was not replaced")


def lock_held(path):
    ino = os.stat(path).st_ino
    with open("/proc/locks") as f:
        for line in f:
            parts = line.split()
            if "FLOCK" in parts and any(
                    p.endswith(":%d" % ino) for p in parts):
                return True
    return False


def case_concurrent():
    """A second run on a folder that another run is writing is refused with
    a clear message; the first finishes and its report is the whole set."""
    big = demo(4000, "demo4000")
    small = demo(300, "demo300")
    rep = os.path.join(WORK, "rep")
    lock = os.path.join(WORK, ".rep.lock")
    p = subprocess.Popen([KW, "analyze", big, "-o", rep],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    check(wait_for(lambda: os.path.exists(lock) and lock_held(lock)),
          "the first run never held the lock")
    rc, _, err = run(["analyze", small, "-o", rep])
    check(rc == 3, "second run: exit %d, not 3: %s" % (rc, err))
    check("another run is writing this report folder" in err and
          ".rep.lock" in err, "second run: message: " + err)
    _, perr = p.communicate()
    check(p.returncode == 0, "first run: " + perr.decode())
    check(customers_of(rep) == 4000, "the report is not the first run's")
    rc, _, err = run(["analyze", small, "-o", rep])
    check(rc == 0 and customers_of(rep) == 300,
          "a later run should succeed: " + err)


def case_overflow():
    """Two amounts of 92.233.720.368.547.758,07 gave a total of -0.02 with
    exit 0. Now: an error naming the column."""
    d = os.path.join(WORK, "ovf")
    os.makedirs(d, exist_ok=True)
    f = os.path.join(d, "transactions.csv")
    with open(f, "w") as fh:
        fh.write("klant;datum;bedrag\n"
                 "A;01-02-2024;92.233.720.368.547.758,07\n"
                 "B;02-02-2024;92.233.720.368.547.758,07\n")
    for args in (["summary", f], ["analyze", d, "-o",
                                  os.path.join(WORK, "ovrep")],
                 ["pareto", f], ["rfm", f]):
        rc, out, err = run(args)
        check(rc == 1, "%s: exit %d, not 1: %s%s" % (args[0], rc, out, err))
        check('column "bedrag"' in err and "out of range" in err,
              "%s: message: %s" % (args[0], err))
        check("-0.02" not in out and "-0,02" not in out,
              args[0] + ": printed the wrapped total")
    check(not os.path.exists(os.path.join(WORK, "ovrep")),
          "analyze left a report folder")
    # costs from a rate: 2 x 50,000,000 hours at 1,000,000,000 an hour
    # (each row fits, the sum does not; it printed -84,467,440,737,095,516.16)
    pc = os.path.join(WORK, "pc")
    os.makedirs(pc, exist_ok=True)
    with open(os.path.join(pc, "transactions.csv"), "w") as fh:
        fh.write("klant;datum;bedrag\nA;01-02-2024;10,00\n")
    with open(os.path.join(pc, "costs.csv"), "w") as fh:
        fh.write("klant;datum;type;uren\n"
                 "A;01-02-2024;service_hours;50000000\n"
                 "A;01-02-2024;service_hours;50000000\n")
    rc, out, err = run(["profit", pc, "--rate", "service_hours=1000000000"])
    check(rc == 1 and "out of range" in err and "costs" in err,
          "profit, rated costs past int64: exit %d: %s" % (rc, err))
    # analyze leaves the costs out and says why (the profit step's note)
    import json
    pcrep = os.path.join(WORK, "pcrep")
    rc, out, err = run(["analyze", pc, "--rate", "service_hours=1000000000",
                        "-o", pcrep])
    check(rc == 0, "analyze, rated costs past int64: " + err)
    with open(os.path.join(pcrep, "summary.json")) as fh:
        steps = {x["step"]: x for x in json.load(fh)["steps"]}
    check(steps["profit"]["status"] == "limited" and
          "out of range" in steps["profit"]["note"],
          "analyze: the profit step does not say why: %r" % steps["profit"])
    # a cost column: a line's cost from its margin (amount - margin) too
    with open(f, "w") as fh:
        fh.write("klant;datum;bedrag;marge\n"
                 "A;01-02-2024;92.233.720.368.547.758,07;-1,00\n")
    rc, out, err = run(["summary", f])
    check(rc in (0, 1) and "-92" not in out,
          "margin overflow: exit %d: %s%s" % (rc, out, err))
    # in range: the largest total that fits is printed exactly
    with open(f, "w") as fh:
        fh.write("klant;datum;bedrag\n"
                 "A;01-02-2024;92.233.720.368.547.758,07\n"
                 "B;02-02-2024;-0,07\n")
    rc, out, err = run(["summary", "--format", "json", f])
    check(rc == 0, "in range: " + err)
    check("92233720368547758" in out.replace(".", "").replace(",", ""),
          "in range: total not shown exactly: " + out[:300])


def sheet_cells(path, sheet):
    """(ref, type, text) of the cells of a worksheet in an xlsx file."""
    import xml.etree.ElementTree as ET
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(path) as z:
        shared = []
        if "xl/sharedStrings.xml" in z.namelist():
            root = ET.fromstring(z.read("xl/sharedStrings.xml"))
            for si in root.findall("m:si", ns):
                shared.append("".join(t.text or "" for t in
                                      si.iter("{%s}t" % ns["m"])))
        root = ET.fromstring(z.read("xl/worksheets/sheet%d.xml" % sheet))
    cells = []
    for c in root.iter("{%s}c" % ns["m"]):
        t = c.get("t", "n")
        if t == "inlineStr":
            text = "".join(x.text or "" for x in c.iter("{%s}t" % ns["m"]))
        elif t == "s":
            text = shared[int(c.find("m:v", ns).text)]
        else:
            v = c.find("m:v", ns)
            text = v.text if v is not None else ""
        # OOXML escapes control characters as _xHHHH_
        text = re.sub(r"_x([0-9A-Fa-f]{4})_",
                      lambda m: chr(int(m.group(1), 16)), text)
        cells.append((c.get("r"), t, text))
    return cells


def case_injection():
    """Formula-like text cells are neutralised (leading apostrophe) in
    customers.csv, customers.xlsx and CSV tables; numbers stay numbers; no
    control character from data reaches the terminal."""
    d = os.path.join(WORK, "inj")
    os.makedirs(d, exist_ok=True)
    ids = ['=HYPERLINK("http://evil.example/?x=1","klik")', "+32475123456",
           "@SUM(A1:A9)", "-5", "\tTAB", "\rCR", "\x1b[31mRED\x1b[0m",
           "gewoon"]
    with open(os.path.join(d, "transactions.csv"), "w", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\n")
        w.writerow(["klant", "datum", "bedrag"])
        for k, c in enumerate(ids):
            w.writerow([c, "%02d-02-2024" % (k + 1), "1%d,50" % k])
            w.writerow([c, "%02d-03-2024" % (k + 1), "2%d,25" % k])
    rep = os.path.join(WORK, "injrep")
    rc, out, err = run(["analyze", d, "-o", rep])
    check(rc == 0, err)
    check("\x1b" not in out + err, "an ESC reached the terminal (analyze)")
    # the reader trims a cell's leading blanks (tab, CR): those ids arrive
    # as "TAB" and "CR"; the writers' guard for tab and CR covers text that
    # keeps them
    ids = [c.lstrip("\t\r") for c in ids]
    risky = {c for c in ids if c[0] in "=+-@\t\r"}
    with open(os.path.join(rep, "customers.csv"), newline="") as fh:
        rows = list(csv.DictReader(fh))
    got = {r["customer_id"] for r in rows}
    for c in ids:
        want = "'" + c if c in risky else c
        check(want in got, "customers.csv: %r not written as %r (got %r)" %
              (c, want, sorted(got)))
    for r in rows:
        float(r["revenue"])  # numbers stay plain numbers
        check(not r["revenue"].startswith("'"), "a number was quoted")
    # the workbook: sheet 2 is every customer; its first column the id
    cells = sheet_cells(os.path.join(rep, "customers.xlsx"), 2)
    texts = {t for ref, ty, t in cells
             if re.match(r"A\d+$", ref) and ref != "A1"}
    for c in ids:
        want = "'" + c if c in risky else c
        check(want in texts, "customers.xlsx: %r not written as %r" %
              (c, want))
    numeric = [ty for ref, ty, t in cells if re.match(r"[B-Z]\d+$", ref)
               and ty == "n" and t]
    check(len(numeric) > 0, "customers.xlsx: no numeric cells")
    # CSV tables of the commands
    f = os.path.join(d, "transactions.csv")
    rc, out, err = run(["summary", "--format", "csv", f])
    check(rc == 0, err)
    first = {row[0] for row in csv.reader(out.splitlines()[1:]) if row}
    check("'@SUM(A1:A9)" in first and "'-5" in first,
          "summary --format csv: cells not neutralised: %r" % first)
    # terminal tables and diagnostics: escaped, never raw
    rc, out, err = run(["summary", f])
    check(rc == 0 and "\x1b" not in out + err,
          "summary: an ESC reached the terminal")
    check("\\x1b[31mRED" in out, "summary: the escaped id is missing")
    with open(os.path.join(d, "transactions.csv"), "a") as fh:
        fh.write("bad\x1b]0;pwned\x07;x;y;z\n")
    rc, out, err = run(["summary", "--strict", f])
    check("\x1b" not in out + err and "\x07" not in out + err,
          "an error message carried control characters: %r" % err)
    hdr = os.path.join(WORK, "hdr.csv")
    with open(hdr, "w") as fh:
        fh.write("klant;datum;bedrag;\x1b[2Jx;\x1b[2Jx\nA;01-02-2024;1,00;;\n")
    rc, out, err = run(["summary", hdr])
    check(rc == 0 and "duplicate column name" in err and "\x1b" not in err,
          "a warning carried control characters: %r" % err)


def case_modes():
    """Every report file, customers.xlsx included, gets 0666 less the
    umask (the folder 0777 less the umask), or the mode of the file it
    replaces."""
    data = demo(300, "demo300")
    rep = os.path.join(WORK, "moderep")
    rc, _, err = run(["analyze", data, "-o", rep],
                     preexec=lambda: os.umask(0o027))
    check(rc == 0, err)
    check(stat.S_IMODE(os.stat(rep).st_mode) == 0o750,
          "folder mode %o" % stat.S_IMODE(os.stat(rep).st_mode))
    for f in REPORT:
        m = stat.S_IMODE(os.stat(os.path.join(rep, f)).st_mode)
        check(m == 0o640, "%s: mode %o, not 640 (umask 027)" % (f, m))
    os.chmod(rep, 0o700)
    for f in REPORT:
        os.chmod(os.path.join(rep, f), 0o600)
    os.chmod(os.path.join(rep, "index.html"), 0o644)
    rc, _, err = run(["analyze", data, "-o", rep],
                     preexec=lambda: os.umask(0o022))
    check(rc == 0, err)
    check(stat.S_IMODE(os.stat(rep).st_mode) == 0o700, "folder mode lost")
    for f in REPORT:
        m = stat.S_IMODE(os.stat(os.path.join(rep, f)).st_mode)
        want = 0o644 if f == "index.html" else 0o600
        check(m == want, "%s: mode %o, not the previous %o" % (f, m, want))
    # a folder holding other files is not replaced (nor emptied)
    other = os.path.join(WORK, "otherdir")
    os.makedirs(other, exist_ok=True)
    with open(os.path.join(other, "notes.txt"), "w") as fh:
        fh.write("mine")
    rc, _, err = run(["analyze", data, "-o", other])
    check(rc == 3 and "notes.txt" in err, "a folder with other files: " + err)
    check(os.listdir(other) == ["notes.txt"], "the other folder was changed")


def case_ulimit():
    """A file too large to map under an address-space limit is out of
    memory: exit 4, not 1 (bad input)."""
    if SANITIZE:
        raise Skip("the sanitizer runtime needs more address space than "
                   "the limit under test")
    d = os.path.join(WORK, "huge")
    os.makedirs(d, exist_ok=True)
    f = os.path.join(d, "transactions.csv")
    with open(f, "wb") as fh:
        fh.write(b"klant;datum;bedrag\n")
        fh.truncate(4 << 30)  # sparse: 4 GiB, no disk used

    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))
    rc, out, err = run(["summary", f], preexec=limit)
    check(rc == 4, "exit %d, not 4: %s" % (rc, err))
    check("Cannot allocate memory" in err or "out of memory" in err,
          "message: " + err)


def case_headers():
    """Duplicate header names in linear time: 65,536 columns, all but
    three of one name, load (the ctest timeout bounds the time; the
    benchmark bench_header prints it)."""
    f = os.path.join(WORK, "wide.csv")
    n = 65533
    with open(f, "w") as fh:
        fh.write("klant;datum;bedrag" + ";x" * n + "\n")
        fh.write("A;01-02-2024;1,00" + ";1" * n + "\n")
    t0 = time.time()
    rc, out, err = run(["summary", f])
    took = time.time() - t0
    check(rc == 0, err)
    check('renamed "x_2"' in err and "%d more duplicate column names" %
          (n - 1 - 10) in err, "warnings: " + err[-500:])
    print("65,536 columns loaded in %.2f s (whole command)" % took)


CASES = {n[5:]: f for n, f in globals().items() if n.startswith("case_")}


def main():
    global KW, SHIM, WORK, SANITIZE
    if len(sys.argv) < 5 or sys.argv[1] not in CASES:
        print(__doc__, file=sys.stderr)
        return 2
    case, KW, SHIM, root = sys.argv[1:5]
    SANITIZE = len(sys.argv) > 5 and sys.argv[5] not in ("", "0", "OFF")
    os.makedirs(root, exist_ok=True)
    WORK = os.path.join(root, case)
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    try:
        CASES[case]()
    except Skip as e:
        print("skipped: " + str(e))
        return 77
    shutil.rmtree(WORK, ignore_errors=True)
    print(case + ": passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
