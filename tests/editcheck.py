#!/usr/bin/env python3
"""Check hstsctl's edits against Python's plistlib and an independent
object-table reader.

usage: editcheck.py HSTSCTL WORKDIR STORE...

For every store: remove several hosts one at a time and all at once; the
result must equal (per plistlib) the original minus exactly those hosts;
binary results must keep every other object's bytes (objtable.py) and obey
CoreFoundation's strict reader; XML results may differ from the original
only by deleted lines, exactly the removed entries'.  Then add-then-remove
must give back an equal store (byte-identical for XML), and prune at the
fixed clock must remove exactly the expired dynamic entries.
"""
import difflib
import math
import os
import plistlib
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import objtable  # noqa: E402

META = {'HSTS Store Schema Version', 'HSTS Content Version',
        'HSTS Preload Entries Signature', 'hstsd Disk Storage Schema Version'}
NOW_CF = int(os.environ.get('HSTSCTL_NOW', '1790000000')) - 978307200
FAILS = []


def fail(msg):
    FAILS.append(msg)
    print('FAIL: ' + msg)


def load(path):
    with open(path, 'rb') as f:
        return plistlib.load(f)


def entries(top):
    """(session, host) -> value for every entry."""
    out = {}
    for s, d in top.items():
        if isinstance(d, dict):
            for h, v in d.items():
                if h not in META:
                    out[(s, h)] = v
    return out


def run(hstsctl, *args):
    return subprocess.run([hstsctl] + list(args), capture_output=True)


def norm(h):
    h = h.rstrip('.').lower()
    try:
        return h.encode('idna').decode('ascii')
    except UnicodeError:
        return h


def without(top, hosts):
    """The plistlib value of top minus every entry whose host is in hosts."""
    want = {norm(h) for h in hosts}
    out = {}
    for s, d in top.items():
        if isinstance(d, dict):
            out[s] = {h: v for h, v in d.items()
                      if h in META or norm(h) not in want}
        else:
            out[s] = d
    return out


def check_binary(orig, new, removed_keys, label):
    bad = objtable.cf_strict(new)
    for b in bad:
        fail('%s: %s' % (label, b))
    old_t, new_t = objtable.Table(orig), objtable.Table(new)
    diffs = objtable.same_objects(
        old_t, new_t, skip=lambda where, key: len(where) == 1 and
        (where[0], key) in removed_keys)
    for d in diffs[:5]:
        fail('%s: %s' % (label, d))


def check_xml(orig, new, removed_keys, label):
    a = orig.decode('utf-8').splitlines(keepends=True)
    b = new.decode('utf-8').splitlines(keepends=True)
    added = [l for l in difflib.ndiff(a, b) if l.startswith('+ ')]
    gone = [l[2:] for l in difflib.ndiff(a, b) if l.startswith('- ')]
    if added:
        fail('%s: lines were added: %r' % (label, added[:3]))
    keys_gone = [l.strip()[5:-6] for l in gone if l.strip().startswith('<key>')]
    hosts = [k for k in keys_gone if k not in
             ('Create Time', 'Expiry', 'Include Subdomains', 'HSTS Host')]
    want = sorted(h for _, h in removed_keys)
    if sorted(hosts) != sorted(h.replace('&', '&amp;') for h in want):
        fail('%s: removed key lines %r, expected %r' % (label, hosts, want))


def remove_case(hstsctl, work, store, hosts, label):
    orig = open(store, 'rb').read()
    top = load(store)
    path = os.path.join(work, os.path.basename(store))
    shutil.copyfile(store, path)
    r = run(hstsctl, '--store', path, 'remove', '-q', *hosts)
    if r.returncode != 0:
        fail('%s: remove exited %d: %s' % (label, r.returncode, r.stderr))
        return
    new = open(path, 'rb').read()
    if load(path) != without(top, hosts):
        fail('%s: plistlib reads something else than the original minus %s'
             % (label, hosts))
    removed_keys = {k for k in entries(top) if norm(k[1]) in {norm(h) for h in hosts}}
    if orig.startswith(b'bplist'):
        if not new.startswith(b'bplist'):
            fail('%s: binary became XML' % label)
        check_binary(orig, new, removed_keys, label)
    else:
        if not new.lstrip().startswith(b'<'):
            fail('%s: XML became binary' % label)
        check_xml(orig, new, removed_keys, label)
    print('%s: removed %d entries for %s' % (label, len(removed_keys), hosts))


def add_remove_case(hstsctl, work, store, label):
    orig = open(store, 'rb').read()
    path = os.path.join(work, 'ar-' + os.path.basename(store))
    shutil.copyfile(store, path)
    r1 = run(hstsctl, '--store', path, 'add', '-q', 'added.example',
             '--max-age', '31536000', '--include-subdomains')
    mid = load(path)
    e = entries(mid)
    new = [v for (s, h), v in e.items() if h == 'added.example']
    schema = load(store).get('HSTS Store Schema Version', 2)
    if r1.returncode != 0 or len(new) != 1:
        fail('%s: add failed: %s' % (label, r1.stderr))
        return
    v = new[0]
    if isinstance(v, dict):
        want = {'Create Time': float(NOW_CF), 'Expiry': float(NOW_CF + 31536000),
                'Include Subdomains': True, 'HSTS Host': True}
        if v != want or list(v) != list(want):
            fail('%s: added entry is %r' % (label, v))
    elif v != -float(NOW_CF + 31536000):
        fail('%s: added schema-%s entry is %r' % (label, schema, v))
    if orig.startswith(b'bplist'):
        for b in objtable.cf_strict(open(path, 'rb').read()):
            fail('%s (after add): %s' % (label, b))
    r2 = run(hstsctl, '--store', path, 'remove', '-q', 'added.example')
    if r2.returncode != 0 or load(path) != load(store):
        fail('%s: add then remove did not give back the store' % label)
    if not orig.startswith(b'bplist') and open(path, 'rb').read() != orig:
        fail('%s: XML add then remove is not byte-identical' % label)
    print('%s: add then remove gives back the store' % label)


def prune_case(hstsctl, work, store, label):
    top = load(store)
    path = os.path.join(work, 'pr-' + os.path.basename(store))
    shutil.copyfile(store, path)
    expired = []
    for (s, h), v in entries(top).items():
        exp = v.get('Expiry') if isinstance(v, dict) else (abs(v) if isinstance(v, float) else None)
        if isinstance(exp, (int, float)) and not isinstance(exp, bool) and \
                not math.isinf(exp) and exp < 2**63 and exp <= NOW_CF:
            expired.append((s, h))
    r = run(hstsctl, '--store', path, 'prune', '-q')
    if r.returncode != 0:
        fail('%s: prune exited %d: %s' % (label, r.returncode, r.stderr))
        return
    got = entries(load(path))
    if set(got) != set(entries(top)) - set(expired):
        fail('%s: prune kept %s' % (label, sorted(set(got) ^ (set(entries(top)) - set(expired)))))
    print('%s: prune removed %d expired entries' % (label, len(expired)))


def pick_hosts(top):
    hosts = sorted({h for _, h in entries(top)})
    if not hosts:
        return []
    picks = [hosts[0], hosts[-1], hosts[len(hosts) // 2]]
    # A non-ASCII (UTF-16 in binary) key, asked for in upper case.
    picks += [h.upper() for h in hosts if not h.isascii()][:1]
    return list(dict.fromkeys(picks))


def main():
    hstsctl, work, stores = sys.argv[1], sys.argv[2], sys.argv[3:]
    for store in stores:
        label = os.path.basename(store)
        hosts = pick_hosts(load(store))
        for h in hosts:
            remove_case(hstsctl, work, store, [h], '%s -%s' % (label, h))
        if len(hosts) > 1:
            remove_case(hstsctl, work, store, hosts, '%s -all' % label)
        add_remove_case(hstsctl, work, store, label)
        prune_case(hstsctl, work, store, label)
    print('%d passed, %d failed' % (0 if FAILS else 1, len(FAILS)))
    return 1 if FAILS else 0


if __name__ == '__main__':
    sys.exit(main())
