#!/usr/bin/env python3
"""homecheck: every command on a Mac-shaped home made here.

usage: homecheck.py HSTSCTL WORKDIR TESTDATA SAMPLE

The home has a store at every place of the table in doc/formats.md
section 7 (binary and XML; fixtures and stores written here by plistlib),
hundreds of unrelated containers, the host in several stores and sessions,
a parent that includes subdomains, a damaged store and, when the test can
run a command as another user, an unreadable one.  Checked against
plistlib's reading of each store: stores, list, show, remove (each store
equal to plistlib's minus the host, every other object's bytes kept; the
damaged and unreadable stores byte-identical), add, the holder decisions
through a fake process table, and doctor, running the commands it prints.
"""
import json
import os
import plistlib
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import editcheck  # noqa: E402
from checklib import check, finish, printed, run_printed  # noqa: E402

HOST = 'dev.example.test'
LABELS = {  # how remove names a store of each kind, from (owner, profile)
    'safari': 'Safari%.0s%.0s', 'safari-profile': 'Safari profile %.0s%s',
    'webkit-app': 'WebKit app %s%.0s', 'webkit-app-profile': 'WebKit app profile %s%.0s',
    'cfnetwork-shared': 'CFNetwork shared store%.0s%.0s', 'app-cfnetwork': 'app %s%.0s'}
SESSION = 'com.apple.CFNetwork.defaultStorageSession'
NOW_CF = editcheck.NOW_CF
C = 'Library/Containers'
SAFARI = C + '/com.apple.Safari/Data/Library/Caches/WebKit/HSTS/HSTS.plist'
PROFILE = (C + '/com.apple.Safari/Data/Library/WebKit/WebsiteDataStore/'
           '6B1F0C2E-0000-4000-8000-000000000001/HSTS/HSTS.plist')


def schema3(hosts, sessions=(SESSION,)):
    """A schema-3 store, as Safari writes one, of (host, subdomains)."""
    top = {'HSTS Store Schema Version': 3, 'HSTS Content Version': 10}
    for s in sessions:
        top[s] = {h: {'Create Time': float(NOW_CF - 1000),
                      'Expiry': float(NOW_CF + 10_000_000),
                      'Include Subdomains': sub, 'HSTS Host': True}
                  for h, sub in hosts}
    return top


def schema2(hosts):
    """The 2014 layout: a bare real, negative when subdomains count."""
    d = {'HSTS Store Schema Version': 2, 'HSTS Content Version': 1}
    d.update({h: float(NOW_CF + 10_000_000) * (-1 if sub else 1)
              for h, sub in hosts})
    return {SESSION: d}


def make_home(home, data, sample):
    """The home; returns {relative path: (kind, owner, profile)}."""
    fmt_b, fmt_x = plistlib.FMT_BINARY, plistlib.FMT_XML
    stores = [  # kind, owner, profile, path, fixture or (value, format)
        ('safari', 'com.apple.Safari', None, SAFARI, 'schema3.bplist'),
        ('safari-profile', 'com.apple.Safari',
         '6B1F0C2E-0000-4000-8000-000000000001', PROFILE,
         (schema3([(HOST, False), ('other.example', True)],
                  (SESSION, 'com.apple.Safari.2.Profile')), fmt_x)),
        ('webkit-app', 'com.example.Sandboxed', None,
         C + '/com.example.Sandboxed/Data/Library/Caches/WebKit/HSTS/HSTS.plist',
         'schema3.xml'),
        ('webkit-app', 'com.example.Plain', None,
         'Library/Caches/com.example.Plain/WebKit/HSTS/HSTS.plist',
         'sessions.bplist'),
        ('webkit-app-profile', 'com.example.Sandboxed', 'P1',
         C + '/com.example.Sandboxed/Data/Library/WebKit/WebsiteDataStore/P1/'
         'HSTS/HSTS.plist', 'real32.bplist'),
        ('webkit-app-profile', 'com.example.Plain', 'P2',
         'Library/WebKit/com.example.Plain/WebsiteDataStore/P2/HSTS/HSTS.plist',
         'real32.xml'),
        ('cfnetwork-shared', None, None, 'Library/Cookies/HSTS.plist', sample),
        ('app-cfnetwork', 'com.microsoft.Word', None,
         C + '/com.microsoft.Word/Data/Library/Caches/com.microsoft.Word/HSTS.plist',
         (schema2([(HOST, False), ('word.example', True)]), fmt_b)),
        ('webkit-app', 'com.example.Broken', None,
         'Library/Caches/com.example.Broken/WebKit/HSTS/HSTS.plist',
         'malformed/ref-out-of-range.bplist'),
    ]
    out = {}
    for kind, owner, profile, rel, src in stores:
        path = os.path.join(home, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(src, tuple):
            with open(path, 'wb') as f:
                plistlib.dump(src[0], f, fmt=src[1], sort_keys=False)
        else:
            shutil.copy(src if src.startswith('/') else os.path.join(data, src), path)
        out[rel] = (kind, owner, profile)
    for i in range(300):
        os.makedirs(os.path.join(home, C, 'org.example.app%d' % i, 'Data',
                                 'Library', 'Caches'))
        os.makedirs(os.path.join(home, 'Library/Caches', 'org.example.c%d' % i))
    return out


AS = []     # how to run hstsctl as a user who cannot read every store


def run(hstsctl, home, *args, env=None):
    return subprocess.run(AS + [hstsctl, '--home', home] + list(args),
                          capture_output=True, env=env)


def readable(home, layout, skip=()):
    """plistlib's reading of every store it can read: {abs path: top}."""
    out = {}
    for rel in layout:
        path = os.path.join(home, rel)
        if path in skip:
            continue
        try:
            out[path] = editcheck.load(path)
        except Exception:   # the damaged store, which CF refuses too
            pass
    return out


def check_stores(hstsctl, home, layout):
    r = run(hstsctl, home, 'stores', '--json')
    got = json.loads(r.stdout)
    want = sorted([k, o, p, os.path.join(home, rel)]
                  for rel, (k, o, p) in layout.items())
    have = sorted([s['kind'], s['owner'], s['profile'], s['path']]
                  for s in got['stores'])
    check(r.returncode == 0 and have == want, 'stores: %s' % have)


def check_list(hstsctl, home, layout, bad):
    r = run(hstsctl, home, 'list', '--json')
    if not r.stdout:
        check(False, 'list --json printed nothing: exit %d, %s' % (r.returncode, r.stderr[-300:]))
        return
    doc = json.loads(r.stdout)
    got = sorted((e['store'], e['session'], e['host']) for e in doc['entries'])
    want = sorted((path, s, h) for path, top in readable(home, layout, bad).items()
                  for (s, h) in editcheck.entries(top))
    check(got == want, 'list: %d entries, plistlib %d' % (len(got), len(want)))
    errs = {s['path'] for s in doc['stores'] if not s['readable']}
    check(errs == bad and r.returncode in (1, 4),
          'list: unreadable %s, exit %d' % (errs, r.returncode))
    for b in bad:
        check(b.encode() in r.stderr, 'list: %s not named on stderr' % b)
    r = run(hstsctl, home, 'list')
    out = r.stdout.decode()
    check(('Safari: ' + os.path.join(home, SAFARI)) in out and
          'app com.microsoft.Word: ' in out and 'cannot be read: ' in out,
          'list: stores not named:\n' + out)


def check_show(hstsctl, home, layout):
    have = {p for p, top in readable(home, layout).items()
            if HOST in {h for _, h in editcheck.entries(top)}}
    r = run(hstsctl, home, 'show', HOST)
    out = r.stdout.decode()
    check(out.count('Safari reads this store.') == 2 and
          'Safari does not read this store; com.microsoft.Word does.' in out and
          'is forced to HTTPS by example.test' in out and
          'other stores have no entry for dev.example.test.' in out,
          'show:\n' + out)
    r = run(hstsctl, home, 'show', HOST, '--json')
    doc = json.loads(r.stdout)
    stores = {e['store'] for e in doc['entries'] if e['relation'] == 'self'}
    check(doc['forced_https'] and stores == have and len(have) >= 4,
          'show --json: %s' % stores)


def snapshot(home, layout):
    return {rel: open(os.path.join(home, rel), 'rb').read() for rel in layout}


def check_remove(hstsctl, home, layout, bad, env):
    before = snapshot(home, layout)
    tops = readable(home, layout, skip=bad)
    r = run(hstsctl, home, 'remove', HOST, env=env)
    err = r.stderr.decode()
    check(r.returncode in (1, 4), 'remove with a bad store: exit %d' % r.returncode)
    after = snapshot(home, layout)
    for rel in layout:
        path = os.path.join(home, rel)
        label = 'remove: ' + rel
        if path not in tops:
            check(after[rel] == before[rel], label + ': bad store changed')
            check(path in err, label + ': bad store not named')
            continue
        gone = {k for k in editcheck.entries(tops[path]) if k[1] == HOST}
        check(editcheck.load(path) == editcheck.without(tops[path], [HOST]),
              label + ': not plistlib minus the host')
        if not gone:
            check(after[rel] == before[rel], label + ': rewritten for nothing')
            continue
        check(('%s: removed %s' % (LABELS[layout[rel][0]] % layout[rel][1:], HOST))
              in err, label + ': not reported')
        n = len(editcheck.FAILS)
        if before[rel].startswith(b'bplist'):
            editcheck.check_binary(before[rel], after[rel], gone, label)
        else:
            editcheck.check_xml(before[rel], after[rel], gone, label)
        check(len(editcheck.FAILS) == n, label + ': bytes not kept')
    r = run(hstsctl, home, 'remove', HOST, env=env)
    check(r.returncode in (1, 4) and
          b'no store that could be read has an entry for dev.example.test' in r.stderr,
          'remove again: exit %d %s' % (r.returncode, r.stderr))


def check_holders(hstsctl, home, layout, work):
    """The fake process table: refuse, then --stop, in order."""
    procs = os.path.join(work, 'procs')
    env = dict(os.environ, HSTSCTL_TEST_PROCS=procs)
    with open(procs, 'w') as f:
        f.write('app com.apple.Safari\nhelper com.apple.WebKit.Networking\n'
                'agent nsurlstoraged\n')
    before = snapshot(home, layout)
    safari = os.path.join(home, SAFARI)
    r = subprocess.run([hstsctl, '--store', safari, 'remove', 'example.test'],
                       capture_output=True, env=env)
    err = r.stderr.decode()
    check(r.returncode == 7 and snapshot(home, layout) == before and
          "osascript -e 'quit app id \"com.apple.Safari\"'" in err and
          'killall com.apple.WebKit.Networking' in err and
          'nothing was written' in err, 'busy: %d %s' % (r.returncode, err))
    again = [l.strip() for l in err.splitlines() if l.strip().startswith('hstsctl ')]
    check(again == ['hstsctl --store %s remove example.test' % safari],
          'busy: the command again: %s' % again)
    # Word's store has no example.test: Word running does not matter.
    word = [os.path.join(home, r) for r, v in layout.items() if v[0] == 'app-cfnetwork'][0]
    with open(procs, 'w') as f:
        f.write('app com.microsoft.Word\n')
    r = subprocess.run([hstsctl, '--store', word, 'remove', 'example.test'],
                       capture_output=True, env=env)
    check(r.returncode == 3, 'a holder of an unchanged store: %d' % r.returncode)
    with open(procs, 'w') as f:
        f.write('app com.apple.Safari\nhelper com.apple.WebKit.Networking\n'
                'agent nsurlstoraged\n')
    r = subprocess.run([hstsctl, '--store', safari, '--store',
                        os.path.join(home, 'Library/Cookies/HSTS.plist'),
                        'remove', 'example.test', 'ember-reef.test', '--stop'],
                       capture_output=True, env=env)
    log = open(procs + '.log').read().splitlines()
    check(r.returncode == 0 and log == [
        'stop app com.apple.Safari', 'stop helper com.apple.WebKit.Networking',
        'stop agent nsurlstoraged', 'start agent nsurlstoraged'],
        '--stop: %d %s %s' % (r.returncode, log, r.stderr))
    check('example.test' not in editcheck.load(safari)[SESSION],
          '--stop: the edit was not made')


def check_add(hstsctl, home):
    r = run(hstsctl, home, 'add', 'new.example', '--max-age', '600')
    safari = os.path.join(home, SAFARI)
    check(r.returncode == 0 and ("writing Safari's store, " + safari).encode()
          in r.stderr and 'new.example' in editcheck.load(safari)[SESSION],
          'add: %d %s' % (r.returncode, r.stderr))
    r = run(hstsctl, home, 'add', 'x.example', '--max-age', '600', '--store',
            'a', '--store', 'b')
    check(r.returncode == 2, 'add with two stores: %d' % r.returncode)


def check_doctor(hstsctl, work, data, sample):
    """doctor on a clean home: --fix, the parent, the printed commands."""
    home = os.path.join(work, 'doctor-home')
    layout = make_home(home, data, sample)
    os.remove(os.path.join(home, 'Library/Caches/com.example.Broken/WebKit/HSTS/HSTS.plist'))
    del layout['Library/Caches/com.example.Broken/WebKit/HSTS/HSTS.plist']
    # A port nothing listens on: the server cannot be checked, HSTS can.
    live = ['--connect-to', '::127.0.0.1:9', '--timeout', '2']
    r = run(hstsctl, home, 'doctor', HOST, *live)
    out = r.stdout.decode()
    cmd = printed(out, 'To apply it, run:')
    check(r.returncode == 6 and 'example.test covers 1 other stored host.' in out and
          cmd.startswith('hstsctl --home %s doctor ' % home) and
          cmd.endswith(' --fix') and '--connect-to ::127.0.0.1:9' in cmd,
          'doctor: %d %s' % (r.returncode, out))
    before = snapshot(home, layout)
    r = run_printed(hstsctl, cmd + ' --dry-run')
    check(r.returncode == 6 and snapshot(home, layout) == before and
          b'would remove dev.example.test' in r.stdout,
          'doctor --fix --dry-run: %d %s' % (r.returncode, r.stdout))
    r = run_printed(hstsctl, cmd)
    out = r.stdout.decode()
    left = [p for p, top in readable(home, layout).items()
            if HOST in {h for _, h in editcheck.entries(top)}]
    cmd = printed(out, 'A parent domain\'s entry does; to remove it too, run:')
    check(r.returncode == 6 and not left and ' --fix' in cmd and
          cmd.endswith(' --include-parents'),
          'doctor --fix: %d left %s\n%s' % (r.returncode, left, out))
    r = run_printed(hstsctl, cmd)
    out = r.stdout.decode()
    hosts = {h for top in readable(home, layout).values()
             for _, h in editcheck.entries(top)}
    check(r.returncode == 0 and 'example.test' not in hosts and
          'old.example.test' in hosts and
          'Checked again: no store forces HTTPS on %s now.' % HOST in out,
          'doctor --include-parents: %d\n%s%s' % (r.returncode, out, r.stderr))
    r = run(hstsctl, home, 'doctor', HOST, *live)
    out = r.stdout.decode()
    check(r.returncode == 0 and 'Safari 18.2 and later upgrade http:// links' in out,
          'doctor, nothing left: %d\n%s' % (r.returncode, out))


def main():
    hstsctl, work, data, sample = sys.argv[1:5]
    home = os.path.join(work, 'home')
    layout = make_home(home, data, sample)
    bad = {os.path.join(home, 'Library/Caches/com.example.Broken/WebKit/HSTS/HSTS.plist')}
    check_stores(hstsctl, home, layout)
    check_show(hstsctl, home, layout)
    check_holders(hstsctl, home, layout, work)
    check_add(hstsctl, home)
    locked = os.path.join(home, 'Library/WebKit/com.example.Plain/'
                          'WebsiteDataStore/P2/HSTS/HSTS.plist')
    if os.getuid() == 0 and shutil.which('setpriv'):
        # root reads everything: run these as nobody, in a home nobody owns.
        for d, _, files in os.walk(home):
            os.chown(d, 65534, 65534)
            for f in files:
                os.chown(os.path.join(d, f), 65534, 65534)
        AS[:] = [shutil.which('setpriv'), '--reuid=65534', '--regid=65534',
                 '--clear-groups']
        undo = os.environ.get('HSTSCTL_UNDO_DIR')
        if undo:
            os.makedirs(undo, exist_ok=True)
            os.chmod(undo, 0o1777)
        if os.environ.get('HSTSCTL_VALGRIND'):
            # Under valgrind, nobody's runs log there too.
            os.chmod(os.environ['HSTSCTL_VALGRIND'], 0o1777)
    if os.getuid() != 0 or AS:
        os.chmod(locked, 0)
        bad.add(locked)
    else:
        print('note: root without setpriv: no unreadable store in this run')
    check_list(hstsctl, home, layout, bad)
    check_remove(hstsctl, home, layout, bad, None)
    AS[:] = []
    os.chmod(locked, 0o644)
    check_doctor(hstsctl, work, data, sample)
    return finish() or (1 if editcheck.FAILS else 0)


if __name__ == '__main__':
    sys.exit(main())
