#!/usr/bin/env python3
"""safetycheck: hstsctl never loses a store, whatever happens around it.

usage: safetycheck.py HSTSCTL WORKDIR

- kill -9 at random moments of a remove on a 50,000-entry store
  (SAFETY_KILLS times, default 200): the store always reads and is exactly
  the old file or exactly the new one; what a killed run leaves behind is
  cleaned up or ignored by the next one;
- 32 concurrent removes and adds on one store: every change lands and
  nothing else changes;
- a store replaced (renamed over) or rewritten in place by another
  program between hstsctl's read and its write: detected, the edit is
  redone on the new content (no lost update);
- disk full, read-only, and every failing system call of the write path
  (fault injection through HSTSCTL_TEST_FAULT, and a real full and
  read-only tmpfs when this runs as root and may mount): a clear error,
  exit 1, the store byte for byte as it was, no file left beside it.
"""
import os
import plistlib
import random
import shutil
import signal
import subprocess
import sys
import time

from checklib import check, finish

DEFAULT = 'com.apple.CFNetwork.defaultStorageSession'


def store(hosts, extra=None):
    s = {h: {'Create Time': 8e8 + i, 'Expiry': 2e9, 'HSTS Host': True}
         for i, h in enumerate(hosts)}
    s.update(extra or {})
    return {'HSTS Store Schema Version': 3, DEFAULT: s}


def write(path, top, fmt=plistlib.FMT_BINARY):
    with open(path, 'wb') as f:
        f.write(plistlib.dumps(top, fmt=fmt))


def sessions(path):
    with open(path, 'rb') as f:
        return plistlib.load(f)[DEFAULT]


def leftovers(d, name):
    return sorted(f for f in os.listdir(d) if f != name and
                  f.startswith(name))


def hst(H, path, *args, env=None):
    e = dict(os.environ)
    e.update(env or {})
    return subprocess.run([H, '--store', path] + list(args), env=e,
                          capture_output=True, text=True)


def kills(H, W):
    n = int(os.environ.get('SAFETY_KILLS', '200'))
    path = os.path.join(W, 'big.plist')
    write(path, store(['h%d.example' % i for i in range(50000)]))
    with open(path, 'rb') as f:
        old = f.read()
    t0 = time.monotonic()
    r = hst(H, path, 'remove', '-q', 'h7.example')
    span = time.monotonic() - t0
    check(r.returncode == 0, 'reference remove: %s' % r.stderr)
    with open(path, 'rb') as f:
        new = f.read()
    check(new != old and 'h7.example' not in sessions(path),
          'reference remove changed nothing')
    rng = random.Random(6)
    seen = {'old': 0, 'new': 0, 'temp left': 0, 'lock left': 0}
    bad = 0
    for i in range(n):
        with open(path, 'wb') as f:
            f.write(old)
        p = subprocess.Popen([H, '--store', path, 'remove', '-q',
                              'h7.example'], stderr=subprocess.DEVNULL)
        # Half at any moment, half near the end, where the temporary
        # file is written, flushed and renamed.
        lo = 0 if i % 2 else span * 0.6
        time.sleep(rng.uniform(lo, span * 1.1))
        p.send_signal(signal.SIGKILL)
        p.wait()
        with open(path, 'rb') as f:
            now = f.read()
        if now == old:
            seen['old'] += 1
        elif now == new:
            seen['new'] += 1
        else:
            bad += 1
        left = leftovers(W, 'big.plist')
        seen['temp left'] += any('-tmp-' in f for f in left)
        seen['lock left'] += any(f.endswith('-lock') for f in left)
        # The next run reads it, whatever was left beside it.
        if i % 20 == 0:
            r = hst(H, path, 'show', 'h8.example')
            check(r.returncode == 0, 'after kill %d: show: %s' %
                  (i, r.stderr))
    # And once, for certain, with the temporary file written and flushed.
    with open(path, 'wb') as f:
        f.write(old)
    gate = os.path.join(W, 'gate')
    p = subprocess.Popen([H, '--store', path, 'remove', '-q', 'h7.example'],
                         env=dict(os.environ, HSTSCTL_TEST_PAUSE=
                                  'before-rename=' + gate))
    while not os.path.exists(gate) and p.poll() is None:
        time.sleep(0.005)
    p.send_signal(signal.SIGKILL)
    p.wait()
    os.unlink(gate)
    left = leftovers(W, 'big.plist')
    with open(path, 'rb') as f:
        check(f.read() == old and any('-tmp-' in f for f in left),
              'kill before the rename: store or temp file: %s' % left)
    check(hst(H, path, 'show', 'h7.example').returncode == 0,
          'kill before the rename: the store does not read')
    check(bad == 0, '%d of %d kills left a store that is neither old nor '
          'new' % (bad, n))
    check(seen['old'] > 0 and seen['new'] > 0,
          'kills did not land both before and after the rename: %s' % seen)
    # A run after the last kill cleans up what the killed ones left.
    r = hst(H, path, 'remove', '-q', 'h9.example')
    check(r.returncode == 0 and leftovers(W, 'big.plist') == [],
          'after the kills: %s %s' % (r.stderr, leftovers(W, 'big.plist')))
    print('kill -9: %d runs, %d left the old store, %d the new one, %d '
          'none; %d left a temporary file and %d a lock file, all cleaned '
          'up by the next run' % (n, seen['old'], seen['new'], bad,
                                  seen['temp left'], seen['lock left']))
    os.unlink(path)


def writers(H, W):
    path = os.path.join(W, 'w.plist')
    others = ['keep%d.example' % i for i in range(100)]
    rm = ['r%d.example' % i for i in range(16)]
    add = ['a%d.example' % i for i in range(16)]
    write(path, store(others + rm))
    before = sessions(path)
    procs = [subprocess.Popen([H, '--store', path, 'remove', '-q', h])
             for h in rm]
    procs += [subprocess.Popen([H, '--store', path, 'add', '-q', h,
                                '--max-age', '600']) for h in add]
    codes = [p.wait() for p in procs]
    check(codes == [0] * 32, '32 writers: exit codes %s' % codes)
    after = sessions(path)
    check(all(h not in after for h in rm), 'a remove was lost')
    check(all(h in after for h in add), 'an add was lost: %s' %
          [h for h in add if h not in after])
    check(all(after.get(h) == before[h] for h in others),
          'an entry nobody touched changed')
    check(len(after) == len(others) + len(add), '%d entries, expected %d' %
          (len(after), len(others) + len(add)))
    check(leftovers(W, 'w.plist') == [], 'files left: %s' %
          leftovers(W, 'w.plist'))
    print('32 concurrent writers (16 remove, 16 add): all landed')


def replaced(H, W, how):
    path = os.path.join(W, 'r.plist')
    gate = os.path.join(W, 'gate')
    write(path, store(['a.example', 'b.example']))
    p = subprocess.Popen([H, '--store', path, 'remove', '-q', 'a.example'],
                         env=dict(os.environ,
                                  HSTSCTL_TEST_PAUSE='before-write=' + gate),
                         stderr=subprocess.PIPE, text=True)
    for _ in range(2000):
        if os.path.exists(gate) or p.poll() is not None:
            break
        time.sleep(0.005)
    check(os.path.exists(gate), 'the pause point was never reached')
    # Another program (nsurlstoraged, say) saves its own version now.
    theirs = store(['a.example', 'b.example', 'theirs.example'])
    want = ['b.example', 'theirs.example']
    if how == 'renamed':
        write(path + '.other', theirs)
        os.rename(path + '.other', path)
    elif how == 'rewritten in place':
        with open(path, 'r+b') as f:
            f.write(plistlib.dumps(theirs, fmt=plistlib.FMT_BINARY))
    else:
        # Same size, and the time put back: only the bytes tell (the
        # remove builds its result over what it read, and keeps only
        # their digest).
        st = os.stat(path)
        theirs = store(['a.example', 'z.example'])
        want = ['z.example']
        data = plistlib.dumps(theirs, fmt=plistlib.FMT_BINARY)
        check(len(data) == st.st_size, 'same-size store is %d bytes, not '
              '%d' % (len(data), st.st_size))
        with open(path, 'r+b') as f:
            f.write(data)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.unlink(gate)
    _, err = p.communicate(timeout=30)
    check(p.returncode == 0, 'store %s underneath: exit %d %s' %
          (how, p.returncode, err))
    got = sorted(sessions(path))
    check(got == want, 'store %s underneath: lost update, now %s' %
          (how, got))
    print('store %s between read and write: detected, edit redone on '
          'the new content' % how)


def faults(H, W):
    path = os.path.join(W, 'f.plist')
    write(path, store(['a.example', 'b.example']))
    with open(path, 'rb') as f:
        old = f.read()
    words = {'ENOSPC': 'No space left on device', 'EROFS':
             'Read-only file system', 'EIO': 'Input/output error',
             'EACCES': 'Permission denied', 'EDQUOT': 'quota'}
    n = 0
    # 'check': the result read back and verified, after it went to the
    # temporary file and while a thread flushes that.
    for point in ('lock', 'tmp', 'write', 'check', 'fsync', 'rename'):
        for err in ('ENOSPC', 'EROFS', 'EIO', 'EACCES', 'EDQUOT'):
            for args in (['remove', 'a.example'],
                         ['add', 'c.example', '--max-age', '60'],
                         ['remove', '--backup', 'b.example']):
                r = hst(H, path, *args, env={
                    'HSTSCTL_TEST_FAULT': '%s=%s' % (point, err)})
                what = '%s=%s %s' % (point, err, args[0])
                check(r.returncode == 1, '%s: exit %d' % (what,
                                                          r.returncode))
                check(words[err] in r.stderr and
                      'nothing was written' in r.stderr and
                      r.stderr.startswith('hstsctl: ') and
                      r.stderr.count('\n') == 1,
                      '%s: not one clear line: %r' % (what, r.stderr))
                with open(path, 'rb') as f:
                    check(f.read() == old, '%s: store changed' % what)
                left = [f for f in leftovers(W, 'f.plist')
                        if not f.endswith('.bak')]
                check(left == [], '%s: left %s' % (what, left))
                n += 1
    # A store over 1 MB: the same failures end the same way.
    big = os.path.join(W, 'fbig.plist')
    write(big, store(['h%d.example' % i for i in range(20000)]))
    check(os.path.getsize(big) > 1 << 20, 'fbig.plist is under 1 MB')
    with open(big, 'rb') as f:
        old = f.read()
    for point in ('check', 'fsync', 'rename'):
        r = hst(H, big, 'remove', 'h5.example',
                env={'HSTSCTL_TEST_FAULT': point + '=EIO'})
        with open(big, 'rb') as f:
            check(r.returncode == 1 and 'nothing was written' in r.stderr
                  and f.read() == old and leftovers(W, 'fbig.plist') == [],
                  '%s=EIO on a large store: exit %d %r %s' %
                  (point, r.returncode, r.stderr, leftovers(W, 'fbig.plist')))
        n += 1
    os.unlink(big)
    # The directory cannot be flushed after the rename: the change has
    # landed, and the message says so rather than "nothing was written".
    r = hst(H, path, 'remove', 'a.example',
            env={'HSTSCTL_TEST_FAULT': 'dirsync=EIO'})
    check(r.returncode == 1 and 'written, but' in r.stderr and
          'nothing was written' not in r.stderr,
          'dirsync fault: %r' % r.stderr)
    check('a.example' not in sessions(path), 'dirsync fault: not written')
    print('fault injection: %d failing system calls, each a clear error '
          'with the store unchanged' % n)


def tmpfs(H, W):
    mnt = os.path.join(W, 'mnt')
    os.mkdir(mnt)
    if os.geteuid() != 0 or subprocess.run(
            ['mount', '-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', mnt],
            capture_output=True).returncode != 0:
        print('SKIP: a real full and read-only file system needs root '
              'and mount; fault injection covers the same errors')
        return SKIP
    try:
        path = os.path.join(mnt, 'HSTS.plist')
        write(path, store(['h%d.example' % i for i in range(1500)]))
        with open(path, 'rb') as f:
            old = f.read()
        # Fill what is left.
        try:
            with open(os.path.join(mnt, 'filler'), 'wb') as f:
                while True:
                    f.write(b'\0' * 4096)
                    f.flush()
        except OSError:
            pass
        r = hst(H, path, 'remove', 'h1.example')
        check(r.returncode == 1 and 'No space left on device' in r.stderr,
              'full tmpfs: exit %d %r' % (r.returncode, r.stderr))
        with open(path, 'rb') as f:
            check(f.read() == old, 'full tmpfs: store changed')
        check(sorted(os.listdir(mnt)) == ['HSTS.plist', 'filler'],
              'full tmpfs: left %s' % os.listdir(mnt))
        os.unlink(os.path.join(mnt, 'filler'))
        subprocess.run(['mount', '-o', 'remount,ro', mnt], check=True)
        r = hst(H, path, 'remove', 'h1.example')
        check(r.returncode == 1 and 'Read-only file system' in r.stderr,
              'read-only tmpfs: exit %d %r' % (r.returncode, r.stderr))
        with open(path, 'rb') as f:
            check(f.read() == old, 'read-only tmpfs: store changed')
        r = hst(H, path, 'show', 'h1.example')
        check(r.returncode == 0, 'read-only tmpfs: show: %r' % r.stderr)
        print('real tmpfs: full and read-only, clear errors, store '
              'unchanged')
    finally:
        subprocess.run(['umount', mnt])


# The exit code automake counts as a skipped test.
SKIP = 77


def main():
    H, W = sys.argv[1], sys.argv[2]
    os.makedirs(W, exist_ok=True)
    if sys.argv[3:] == ['tmpfs']:
        skipped = tmpfs(H, W) == SKIP
        shutil.rmtree(W, ignore_errors=True)
        return SKIP if skipped else finish()
    writers(H, W)
    replaced(H, W, 'renamed')
    replaced(H, W, 'rewritten in place')
    replaced(H, W, 'rewritten in place, same size and time')
    faults(H, W)
    kills(H, W)
    shutil.rmtree(W, ignore_errors=True)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
