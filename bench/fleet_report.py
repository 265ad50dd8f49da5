#!/usr/bin/env python3
"""The figures of bench/fleet_sim.sh as a Markdown table, from its run folder: `events`
(the driver's marks, "<Unix ms> <what>"), nginx's access log (log_format fleet: $msec
$status $request_method $uri $bytes_sent $request_time $connection $http_x_hgj_screen) and
each screen's log (fleet-<name>/<screen>/sim.log, "<Unix ms> <kiosk log line>"). Times
are turned back into the kiosk's own seconds (real seconds × the time scale)."""
import argparse
import glob
import json
import os
import re
import statistics

ON_SCREEN = re.compile(r"^(\d+) new bundle from \S+ \(generated (\S+?)[,;)].* is on screen$")
WORKS_AGAIN = re.compile(r"^(\d+) bundle source \S+ works again$")


def read_events(path):
    events = []
    for line in open(path, encoding="utf-8"):
        ms, what = line.rstrip("\n").split(" ", 1)
        events.append((int(ms) / 1000.0, what))
    return events


def event(events, prefix, after=0.0):
    for t, what in events:
        if t >= after and what.startswith(prefix):
            return t, what
    raise SystemExit("fleet_report: no event %r after %s" % (prefix, after))


def read_access(path):
    rows = []
    for line in open(path, encoding="utf-8", errors="replace"):
        f = line.split()
        if len(f) < 7:
            continue
        rows.append({"t": float(f[0]), "status": f[1], "method": f[2], "uri": f[3],
                     "bytes": int(f[4]), "time": float(f[5])})
    return rows


def kind(r):
    if r["method"] == "PUT":
        return "status PUT"
    if r["uri"].endswith("/kiosk/manifest.json"):
        return "manifest.json " + ("304" if r["status"] == "304" else r["status"])
    if r["uri"].endswith("/kiosk/urgent.json"):
        return "urgent.json " + ("304" if r["status"] == "304" else r["status"])
    if r["uri"].startswith("/kiosk/"):
        return "bundle files"
    return "other"


def screen_logs(run, fleet):
    logs = {}
    for path in sorted(glob.glob(os.path.join(run, "fleet-" + fleet, "*", "sim.log"))):
        logs[os.path.basename(os.path.dirname(path))] = open(path, encoding="utf-8").read().splitlines()
    return logs


def first_on_screen(lines, generated, after):
    for line in lines:
        m = ON_SCREEN.match(line)
        if m and m.group(2) == generated and int(m.group(1)) / 1000.0 >= after:
            return int(m.group(1)) / 1000.0
    return None


def fmt(x, digits=1):
    return "{:,.{}f}".format(x, digits)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", required=True)
    ap.add_argument("--screens", type=int, required=True)
    ap.add_argument("--time-scale", type=float, required=True)
    ap.add_argument("--outage", type=float, required=True)
    ap.add_argument("--bundle", required=True)
    a = ap.parse_args()
    scale, n = a.time_scale, a.screens
    events = read_events(os.path.join(a.dir, "events"))
    access = read_access(os.path.join(a.dir, "nginx", "logs", "access.log"))
    manifest = json.load(open(os.path.join(a.bundle, "manifest.json"), encoding="utf-8"))
    bundle_bytes = sum(f["bytes"] for f in manifest["files"])
    out = []
    out.append("## Fleet: %d screens against one nginx (bench/fleet_sim.sh)\n" % n)
    out.append("The kiosk's real sync code (poll 300 s + up to 30 s jitter, urgent.json every 30 s, "
               "retry 30 s doubled up to 300 s, status report every 300 s), time scale ×%g: every "
               "figure is in the kiosk's own seconds (real seconds × %g). The demo's bundle: %s files, "
               "%s bytes.\n" % (scale, scale, len(manifest["files"]), "{:,}".format(bundle_bytes)))

    # Steady state.
    t0, _ = event(events, "steady start")
    t1, _ = event(events, "steady end", t0)
    span = (t1 - t0) * scale
    window = [r for r in access if t0 <= r["t"] < t1]
    out.append("### Steady state (%s kiosk seconds)\n" % fmt(span, 0))
    out.append("| requests | per second, all screens | per screen per hour | bytes/s, all screens | bytes per screen per hour | request time, mean / max |")
    out.append("|---|---:|---:|---:|---:|---:|")
    kinds = sorted({kind(r) for r in window})
    for k in kinds + ["all"]:
        rows = window if k == "all" else [r for r in window if kind(r) == k]
        count, sent = len(rows), sum(r["bytes"] for r in rows)
        mean_ms = statistics.mean(r["time"] for r in rows) * 1000 if rows else 0
        max_ms = max((r["time"] for r in rows), default=0) * 1000
        out.append("| %s | %s | %s | %s | %s | %s / %s ms |" % (
            "**all**" if k == "all" else k, fmt(count / span, 2), fmt(count / span / n * 3600, 1),
            fmt(sent / span, 0), fmt(sent / span / n * 3600, 0), fmt(mean_ms, 2), fmt(max_ms, 0)))
    out.append("")

    # Publish to the last screen showing it.
    logs = screen_logs(a.dir, "backoff")
    out.append("### Publish (`hgj build` swapped the output) to shown\n")
    out.append("| change | screens showing it | median | 90th percentile | last screen | requests meanwhile |")
    out.append("|---|---:|---:|---:|---:|---:|")
    for what, label in (("normal", "normal change (a notice edited)"), ("urgent", "urgent notice (紧急)")):
        t, text = event(events, "publish " + what)
        generated = text.split()[-1]
        delays = sorted((s - t) * scale for s in (first_on_screen(l, generated, t - 1) for l in logs.values())
                        if s is not None)
        if not delays:
            out.append("| %s | 0 of %d | – | – | – | – |" % (label, n))
            continue
        end = t + delays[-1] / scale
        meanwhile = sum(1 for r in access if t <= r["t"] <= end)
        p90 = delays[min(len(delays) - 1, int(0.9 * len(delays)))]
        out.append("| %s | %d of %d | %s s | %s s | **%s s** | %s |" % (
            label, len(delays), n, fmt(statistics.median(delays)), fmt(p90), fmt(delays[-1]),
            "{:,}".format(meanwhile)))
    out.append("")

    # nginx back after the outage.
    out.append("### nginx down for %s kiosk seconds, then back\n" % fmt(a.outage, 0))
    out.append("| fleet | requests, first minute back | peak requests/s (10 s windows) | steady requests/s before | last screen working again |")
    out.append("|---|---:|---:|---:|---:|")
    peaks = {}
    for fleet, label in (("backoff", "with backoff (the kiosk)"), ("nobackoff", "without (fixed 30 s retry)")):
        start, _ = event(events, "fleet %s start" % fleet)
        up, _ = event(events, "up", start)
        minute = [r for r in access if up <= r["t"] < up + 60 / scale]
        def peak(width):
            bins = {}
            for r in minute:
                b = int((r["t"] - up) * scale // width)
                bins[b] = bins.get(b, 0) + 1
            return max(bins.values()) / width if bins else 0.0

        back = []
        for lines in screen_logs(a.dir, fleet).values():
            times = [int(m.group(1)) / 1000.0 for m in map(WORKS_AGAIN.match, lines) if m]
            times = [x for x in times if x >= up]
            if times:
                back.append((times[0] - up) * scale)
        peaks[fleet] = peak(10)
        s0, _ = event(events, "steady start", start)
        s1, _ = event(events, "steady end", s0)
        steady = sum(1 for r in access if s0 <= r["t"] < s1) / ((s1 - s0) * scale)
        last = "%s s (%d of %d)" % (fmt(max(back)), len(back), n) if back else "–"
        out.append("| %s | %s | %s | %s | %s |" % (
            label, "{:,}".format(len(minute)), fmt(peak(10), 1), fmt(steady, 1), last))
    if peaks.get("backoff"):
        out.append("\nPeak (10 s windows) without backoff / with: ×%s." % fmt(peaks["nobackoff"] / peaks["backoff"], 1))
    print("\n".join(out))


if __name__ == "__main__":
    main()
