#!/usr/bin/env python3
"""Cross-check `hstsctl list --json` against Python's plistlib.

usage: crosscheck.py HSTSCTL STORE...

For each store, plistlib (an independent reader) loads the file and this
script derives every entry by the layout rules in
doc/formats.md section 1; the result must equal what hstsctl prints.
Exit 1 on any difference.
"""
import json
import math
import plistlib
import subprocess
import sys

CF_EPOCH = 978307200
META = {'HSTS Store Schema Version', 'HSTS Content Version',
        'HSTS Preload Entries Signature', 'hstsd Disk Storage Schema Version'}
NOW_CF = 1790000000 - CF_EPOCH


def expected(path):
    with open(path, 'rb') as f:
        top = plistlib.load(f)
    out = {}
    for session, d in top.items():
        if not isinstance(d, dict):
            continue
        for host, v in d.items():
            if host in META:
                continue
            if isinstance(v, dict):
                sub = v.get('Include Subdomains') is True
                created = v.get('Create Time')
                exp = v.get('Expiry')
                never = exp == math.inf or (type(exp) is int and exp >= 2**63)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                sub = math.copysign(1.0, v) < 0
                created = None
                exp = abs(v)
                never = math.isinf(exp)
            else:
                continue
            out[(session, host)] = {
                'include_subdomains': sub,
                'preloaded': never,
                'created_unix': None if created is None else created + CF_EPOCH,
                'expiry_unix': None if never else exp + CF_EPOCH,
                'expired': (not never) and exp <= NOW_CF,
            }
    return out


def actual(hstsctl, path):
    r = subprocess.run([hstsctl, '--store', path, 'list', '--json'],
                       capture_output=True, check=True)
    doc = json.loads(r.stdout)
    out = {}
    for e in doc['entries']:
        key = (e['session'], e['host'])
        if key in out:
            raise AssertionError('%s listed twice' % (key,))
        out[key] = {k: e[k] for k in ('include_subdomains', 'preloaded',
                                      'created_unix', 'expiry_unix',
                                      'expired')}
    return out


def close(a, b):
    if a is None or b is None:
        return a is b
    if isinstance(a, bool) or isinstance(b, bool):
        return a == b
    return abs(a - b) <= 1e-6 * max(1.0, abs(a))


def main():
    hstsctl, paths = sys.argv[1], sys.argv[2:]
    bad = 0
    for p in paths:
        want, got = expected(p), actual(hstsctl, p)
        if set(want) != set(got):
            print('FAIL: %s: entries differ: missing %s, extra %s' % (
                p, sorted(set(want) - set(got)), sorted(set(got) - set(want))))
            bad += 1
            continue
        for k in want:
            for f in want[k]:
                if not close(want[k][f], got[k][f]):
                    print('FAIL: %s: %s %s: plistlib %r, hstsctl %r' % (
                        p, k, f, want[k][f], got[k][f]))
                    bad += 1
        print('%s: %d entries agree' % (p, len(want)))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main())
