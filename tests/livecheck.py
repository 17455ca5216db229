#!/usr/bin/env python3
"""Test `hstsctl check` against TLS servers on 127.0.0.1 (tlsserver.py),
with certificates made now with OpenSSL.  Nothing leaves the machine.

usage: livecheck.py HSTSCTL WORKDIR

One server per scenario: a CA-signed chain trusted through --cafile, a
self-signed certificate, an expired one, a wrong host name, a missing
intermediate, a certificate changed after its exception was stored; and
HSTS headers valid, invalid, duplicated, absent and max-age=0.  Each
verdict of hstsctl(1) is asserted, with its exit code.
"""
import datetime
import hashlib
import json
import math
import os
import plistlib
import re
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import check, finish, printed, run_printed  # noqa: E402
from exceptioncheck import make_chain, openssl  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = int(os.environ.get('HSTSCTL_NOW', '1790000000'))
CF = 978307200
def p(work, n):
    return os.path.join(work, n)


def leaf(work, name, sans, issuer='int', days='30'):
    """A certificate for sans, issued by issuer (or self-signed)."""
    ext = p(work, name + '.ext')
    with open(ext, 'w') as f:
        f.write('basicConstraints=CA:false\nextendedKeyUsage=serverAuth\n'
                'subjectAltName=' + ','.join('DNS:' + s for s in sans) + '\n')
    openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes',
            '-keyout', p(work, name + '.key'), '-out', p(work, name + '.csr'),
            '-subj', '/CN=' + sans[0])
    if issuer is None:
        openssl('x509', '-req', '-in', p(work, name + '.csr'), '-key', p(work, name + '.key'),
                '-days', days, '-extfile', ext, '-out', p(work, name + '.pem'))
    else:
        openssl('x509', '-req', '-in', p(work, name + '.csr'), '-CA', p(work, issuer + '.pem'),
                '-CAkey', p(work, issuer + '.key'), '-CAcreateserial', '-days', days,
                '-extfile', ext, '-out', p(work, name + '.pem'))
    openssl('x509', '-in', p(work, name + '.pem'), '-outform', 'DER', '-out', p(work, name + '.der'))
    return hashlib.sha1(open(p(work, name + '.der'), 'rb').read()).digest()


def chain(work, name, *parts):
    with open(p(work, name), 'w') as f:
        for part in parts:
            f.write(open(p(work, part + '.pem')).read())
    return p(work, name)


class Server:
    def __init__(self, work, chain_pem, key, headers, env=None):
        self.portfile = p(work, 'port-%d' % time.monotonic_ns())
        self.proc = subprocess.Popen([sys.executable, os.path.join(HERE, 'tlsserver.py'),
                                      chain_pem, key, self.portfile] + headers,
                                     env=dict(os.environ, **(env or {})))
        for _ in range(200):
            if os.path.exists(self.portfile):
                break
            time.sleep(0.02)
        self.port = int(open(self.portfile).read())

    def stop(self):
        self.proc.kill()
        self.proc.wait()


def start_and_exit(hstsctl):
    """How long a check takes that ends at once (a closed port): starting
    and ending the process, which valgrind makes seconds long."""
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    port = s.getsockname()[1]
    s.close()
    t0 = time.monotonic()
    subprocess.run([hstsctl, 'check', 'closed.test', '--timeout', '2', '--connect-to',
                    'closed.test:443:127.0.0.1:%d' % port], capture_output=True)
    return time.monotonic() - t0


def dribbled_handshake(hstsctl, base):
    """A TCP server on 127.0.0.1 answering a TLS hello one byte every 0.4 s."""
    import threading
    ls = socket.socket()
    ls.bind(('127.0.0.1', 0))
    ls.listen(1)
    ls.settimeout(10)

    def serve():
        try:
            c, _ = ls.accept()
        except OSError:
            return
        with c:
            for b in b'\x16\x03\x03\x40\x00' + b'\x02' * 60:
                try:
                    c.sendall(bytes([b]))
                except OSError:
                    return
                time.sleep(0.4)
    t = threading.Thread(target=serve, daemon=True)
    t.start()
    t0 = time.monotonic()
    r = subprocess.run([hstsctl, 'check', 'slow.test', '--timeout', '2', '--connect-to',
                        'slow.test:443:127.0.0.1:%d' % ls.getsockname()[1]],
                       capture_output=True)
    took = time.monotonic() - t0
    ls.close()
    check(took < base + 3.5 and r.returncode == 1 and
          b'did not finish before the deadline' in r.stderr,
          'dribbled handshake: %.1f s, exit %d, %r' % (took, r.returncode, r.stderr))
    return took


def run_check(hstsctl, port, host, *extra):
    r = subprocess.run([hstsctl, 'check', host + ':443', '--json', '--timeout', '5',
                        '--connect-to', '::127.0.0.1:%d' % port] + list(extra),
                       capture_output=True)
    try:
        doc = json.loads(r.stdout)['hosts'][0]
    except (ValueError, KeyError, IndexError):
        doc = {}
    return r.returncode, doc, r.stderr.decode()


def stores(work, shas):
    def entry(sub):
        e = {'Create Time': float(NOW - CF - 86400), 'Expiry': float(NOW - CF + 86400 * 100)}
        if sub:
            e['Include Subdomains'] = True
        e['HSTS Host'] = True
        return e
    hsts = {'HSTS Store Schema Version': 3, 'HSTS Content Version': 10,
            'com.apple.CFNetwork.defaultStorageSession': {
                'dev.example.test': entry(False), 'sub.test': entry(True),
                'gone.test': entry(False), 'zero.test': entry(False),
                'changed.test': entry(False),
                'preloaded.test': {'Create Time': 1.0, 'Expiry': math.inf, 'HSTS Host': True}}}
    open(p(work, 'HSTS.plist'), 'wb').write(plistlib.dumps(hsts, fmt=plistlib.FMT_BINARY))

    def bypass(host, blob):
        return {'BypassedInvalidCertificateDate': datetime.datetime(2026, 5, 1),
                'BypassedInvalidCertificateExceptionData': plistlib.dumps(blob, fmt=plistlib.FMT_BINARY),
                'BypassedInvalidCertificateHost': host}
    exc = {'self.test443': bypass('self.test', [{'SHA1Digest': shas['self'], 'AnchorTrusted': False}]),
           'changed.test443': bypass('changed.test', [{'SHA1Digest': shas['old'], 'AnchorTrusted': False}]),
           'partial.test443': bypass('partial.test', [{'SHA1Digest': shas['partial'], 'AnchorTrusted': False}])}
    open(p(work, 'bypass.plist'), 'wb').write(plistlib.dumps(exc, fmt=plistlib.FMT_BINARY))


STS = 'Strict-Transport-Security: '


def firefox_overrides(hstsctl, work):
    """check and doctor against Firefox's cert_override.txt."""
    def sha256(name):
        return hashlib.sha256(open(p(work, name + '.der'), 'rb').read()).hexdigest()
    srv = Server(work, p(work, 'changed.pem'), p(work, 'changed.key'), [])
    path = p(work, 'cert_override.txt')

    def write(fps):
        with open(path, 'w') as f:
            f.write('# PSM Certificate Override Settings file\n')
            for fp in fps:
                f.write('changed.test:%d\tOID.2.16.840.1.101.3.4.2.1\t%s\t\n' % (
                    srv.port, ':'.join(fp[i:i + 2].upper() for i in range(0, 64, 2))))
    live = ['--connect-to', '::127.0.0.1:%d' % srv.port, '--cafile', p(work, 'root.pem'),
            '--store', p(work, 'doc-HSTS.plist'), '--exceptions', path]
    write([sha256('old')])
    r = subprocess.run([hstsctl, 'check', 'changed.test:%d' % srv.port, '--json'] + live,
                       capture_output=True)
    h = json.loads(r.stdout)['hosts'][0]
    check(r.returncode == 6 and h['exceptions'] == 'stale' and sha256('old') in
          h['exceptions_reason'] and sha256('changed') in h['exceptions_reason'],
          'firefox override stale: %d %s' % (r.returncode, h['exceptions_reason']))
    r = subprocess.run([hstsctl, 'doctor', 'changed.test:%d' % srv.port, '--fix'] + live,
                       capture_output=True)
    check(b'removed 1 Firefox certificate exception for changed.test' in r.stderr and
          'changed.test' not in open(path).read(),
          'firefox override doctor --fix: %d %s' % (r.returncode, r.stderr))
    # --fix --json: what was done is in the document.
    write([sha256('old')])
    r = subprocess.run([hstsctl, 'doctor', 'changed.test:%d' % srv.port, '--fix', '--json'] +
                       live, capture_output=True)
    d = json.loads(r.stdout)
    a = d['applied'] or {}
    check(r.returncode == 0 and d['exit'] == 0 and a.get('exceptions_removed') == 1 and
          a.get('hsts') is None and a.get('forced_after') is False and not a.get('dry_run') and
          'changed.test' not in open(path).read(),
          'doctor --fix --json: %d %s' % (r.returncode, r.stdout[-500:]))
    write([sha256('changed')])
    r = subprocess.run([hstsctl, 'check', 'changed.test:%d' % srv.port, '--json'] + live,
                       capture_output=True)
    h = json.loads(r.stdout)['hosts'][0]
    check(h['exceptions'] == 'covers', 'firefox override current: %s' % h['exceptions_reason'])
    srv.stop()


def trust_settings(hstsctl, work, shas):
    """check and doctor against trust settings: the certificate they trust
    for changed.test is the old one (stale), the served one's is current,
    and self.test's is another host's."""
    def rec(host):
        return {'issuerName': b'0\x00', 'serialNumber': b'\x01',
                'modDate': datetime.datetime(2026, 5, 1),
                'trustSettings': [{'kSecTrustSettingsPolicy': bytes.fromhex('2a864886f763640103'),
                                   'kSecTrustSettingsPolicyString': host}]}
    old, new, other = (shas[k].hex().upper() for k in ('old', 'changed', 'self'))
    path = p(work, 'TrustSettings.plist')
    with open(path, 'wb') as f:
        plistlib.dump({'trustVersion': 1, 'trustList': {
            old: rec('changed.test'), new: rec('changed.test'), other: rec('self.test')}}, f)
    srv = Server(work, p(work, 'changed.pem'), p(work, 'changed.key'), [])
    live = ['--connect-to', '::127.0.0.1:%d' % srv.port, '--cafile', p(work, 'root.pem'),
            '--store', p(work, 'doc-HSTS.plist'), '--trust-settings', path]
    r = subprocess.run([hstsctl, 'check', 'changed.test', '--json'] + live, capture_output=True)
    h = json.loads(r.stdout)['hosts'][0]
    check(r.returncode == 6 and h['trust_settings'] == 'stale' and old in h['trust_settings_reason']
          and shas['changed'].hex() in h['trust_settings_reason'].lower(),
          'check: trust settings: %d %s' % (r.returncode, h.get('trust_settings_reason')))
    r = subprocess.run([hstsctl, 'doctor', 'changed.test', '--fix'] + live, capture_output=True)
    left = plistlib.load(open(path, 'rb'))['trustList']
    check(old not in left and new in left and other in left and
          b'Trust settings: stale: ' in r.stdout and
          b'removed the stale trust settings of 1 certificate for changed.test' in r.stderr,
          'doctor --fix: trust settings: %d %s %s %s' % (r.returncode, sorted(left), r.stdout,
                                                         r.stderr))
    r = subprocess.run([hstsctl, 'check', 'changed.test', '--json'] + live, capture_output=True)
    h = json.loads(r.stdout)['hosts'][0]
    check(h['trust_settings'] == 'current', 'check after the fix: %s' % h['trust_settings'])
    srv.stop()


def main():
    hstsctl, work = sys.argv[1], sys.argv[2]
    make_chain(work)                      # root, int, leaf (dev.example.test)
    names = ['dev.example.test', 'gone.test', 'zero.test', 'x.sub.test', 'dup.test', 'bad.test']
    leaf(work, 'multi', names)
    shas = {'self': leaf(work, 'self', ['self.test'], issuer=None),
            'old': leaf(work, 'old', ['changed.test'], issuer=None),
            'partial': leaf(work, 'partial', ['somewhere.else'], issuer=None)}
    shas['changed'] = leaf(work, 'changed', ['changed.test'], issuer=None)
    leaf(work, 'expired', ['expired.test'], days='-1')
    stores(work, shas)
    full = chain(work, 'full.pem', 'multi', 'int')
    ca = ['--cafile', p(work, 'root.pem'), '--store', p(work, 'HSTS.plist'),
          '--exceptions', p(work, 'bypass.plist')]
    scenarios = [
        # name, chain, key, headers, host, cert, hsts, exceptions, exit, failures
        ('trusted', full, 'multi', [STS + 'max-age=600'], 'dev.example.test',
         'trusted', 'agrees', 'none', 0, []),
        ('differs', full, 'multi', [STS + 'max-age=600; includeSubDomains'], 'dev.example.test',
         'trusted', 'differs', 'none', 0, []),
        ('wrong host', full, 'multi', [STS + 'max-age=600'], 'wrong.example.test',
         'untrusted', 'not-stored', 'none', 5, ['SSLHostname']),
        ('self-signed, covered', p(work, 'self.pem'), 'self', [], 'self.test',
         'untrusted', 'none', 'covers', 0, ['AnchorTrusted']),
        ('expired', chain(work, 'exp.pem', 'expired', 'int'), 'expired', [], 'expired.test',
         'untrusted', 'none', 'none', 5, ['TemporalValidity']),
        ('missing intermediate', p(work, 'multi.pem'), 'multi', [STS + 'max-age=600'],
         'dev.example.test', 'untrusted', 'agrees', 'none', 5, ['MissingIntermediate']),
        ('changed certificate', p(work, 'changed.pem'), 'changed', [], 'changed.test',
         'untrusted', 'outlives', 'stale', 6, ['AnchorTrusted']),
        ('insufficient', p(work, 'partial.pem'), 'partial', [], 'partial.test',
         'untrusted', 'none', 'insufficient', 6, ['AnchorTrusted', 'SSLHostname']),
        ('no header', full, 'multi', [], 'gone.test', 'trusted', 'outlives', 'none', 6, []),
        ('max-age=0', full, 'multi', [STS + 'max-age=0'], 'zero.test',
         'trusted', 'outlives', 'none', 6, []),
        ('parent', full, 'multi', [STS + 'max-age=5'], 'x.sub.test', 'trusted', 'parent', 'none', 0, []),
        ('duplicate header', full, 'multi', [STS + 'max-age=100', STS + 'max-age=0'], 'dup.test',
         'trusted', 'not-stored', 'none', 0, []),
        ('invalid header', full, 'multi', [STS + 'max-age=abc'], 'bad.test',
         'trusted', 'none', 'none', 0, []),
        ('invalid header on a stored host', full, 'multi', [STS + 'max-age=1; max-age=2'], 'gone.test',
         'trusted', 'outlives', 'none', 6, []),
        ('NUL in the header', full, 'multi', [STS + 'max-age=600\\x00; junk'], 'bad.test',
         'trusted', 'none', 'none', 0, []),
        ('huge max-age', full, 'multi', [STS + 'max-age=99999999999999999999'], 'dup.test',
         'trusted', 'not-stored', 'none', 0, []),
    ]
    for (name, chain_pem, key, headers, host, cert, hsts, exc, code, fails) in scenarios:
        srv = Server(work, chain_pem, p(work, key + '.key'), headers)
        try:
            rc, doc, err = run_check(hstsctl, srv.port, host, *ca)
        finally:
            srv.stop()
        got = (doc.get('certificate'), doc.get('hsts'), doc.get('exceptions'), rc,
               sorted({f['apple'] for f in doc.get('failures', []) if f['apple']}))
        want = (cert, hsts, exc, code, sorted(fails))
        check(got == want, '%s: got %s, want %s %s' % (name, got, want, err))
        if name == 'trusted':
            check(len(doc['chain']) == 3 and doc['chain'][2]['served'] is False and
                  doc['sts_header'] == {'count': 1, 'raw': 'max-age=600', 'valid': True,
                                        'error': None, 'max_age': 600,
                                        'max_age_capped': False,
                                        'include_subdomains': False},
                  'trusted: chain and header details %r' % doc)
            sha = hashlib.sha1(open(p(work, 'multi.der'), 'rb').read()).hexdigest()
            check(doc['chain'][0]['sha1'] == sha, 'leaf SHA-1 is that of the DER')
        if name == 'duplicate header':
            check(doc['sts_header']['count'] == 2 and doc['sts_header']['max_age'] == 100,
                  'only the first header counts: %r' % doc['sts_header'])
        if name == 'invalid header':
            check(doc['sts_header']['error'] == 'max-age is not a number of seconds',
                  'invalid header reason %r' % doc['sts_header'])
        if name == 'huge max-age':
            check(doc['sts_header']['max_age'] == 2**63 - 1 and
                  doc['sts_header']['max_age_capped'] is True and
                  '(capped: the header' in doc.get('hsts_reason', ''),
                  'huge max-age %r %r' % (doc['sts_header'], doc.get('hsts_reason')))
        if name == 'NUL in the header':
            check(doc['sts_header']['error'] == 'the header holds a NUL byte' and
                  doc['sts_header']['valid'] is False,
                  'NUL header %r' % doc['sts_header'])
        if name == 'changed certificate':
            check('certificate changed (stored SHA-1 %s, live ' % shas['old'].hex() in
                  doc['exceptions_reason'], 'stale reason: %s' % doc.get('exceptions_reason'))
        print('%s: %s' % (name, got))
    # Text output: one verdict line per store, then details.
    srv = Server(work, full, p(work, 'multi.key'), [STS + 'max-age=600'])
    r = subprocess.run([hstsctl, 'check', 'dev.example.test', '--connect-to',
                        'dev.example.test:443:127.0.0.1:%d' % srv.port] + ca, capture_output=True)
    lines = r.stdout.decode().splitlines()
    check(r.returncode == 0 and lines[0] == 'certificate: trusted' and
          lines[1].startswith('hsts: agrees: dev.example.test has an entry') and
          lines[2] == 'exceptions: none: no stored trust exception for dev.example.test',
          'text verdict lines: %r' % lines[:3])
    # --timeout is a deadline for the whole probe: a server that sends one
    # byte every 0.4 s, of its reply or of its handshake, ends the check
    # after 2 s, not once per byte.
    base = start_and_exit(hstsctl)
    srv2 = Server(work, full, p(work, 'multi.key'), [STS + 'max-age=600'],
                  env={'TLSSERVER_DRIBBLE': '0.4'})
    try:
        t0 = time.monotonic()
        r2 = subprocess.run([hstsctl, 'check', 'dev.example.test', '--timeout', '2',
                             '--connect-to', 'dev.example.test:443:127.0.0.1:%d' % srv2.port]
                            + ca, capture_output=True)
        took = time.monotonic() - t0
    finally:
        srv2.stop()
    check(took < base + 3.5 and b'the reply did not end before the deadline' in r2.stdout,
          'dribbled reply: %.1f s (%.1f s to start and exit), %r' % (took, base,
                                                                   r2.stdout[-200:]))
    print('dribbled reply: check --timeout 2 ended after %.1f s (start and exit: %.2f s)'
          % (took, base))
    took = dribbled_handshake(hstsctl, base)
    print('dribbled handshake: check --timeout 2 ended after %.1f s' % took)
    # What the server sends reaches the terminal escaped.
    srv2 = Server(work, full, p(work, 'multi.key'),
                  [STS + 'max-age=600; x=\x1b[2J', 'Location: https://x/\x1b]0;owned\x07'])
    try:
        r2 = subprocess.run([hstsctl, 'check', 'dev.example.test', '--connect-to',
                             'dev.example.test:443:127.0.0.1:%d' % srv2.port] + ca,
                            capture_output=True)
    finally:
        srv2.stop()
    check(b'\x1b' not in r2.stdout and b'\x07' not in r2.stdout and
          b'Strict-Transport-Security: max-age=600; x=\\x1b[2J (' in r2.stdout,
          'server text not escaped: %r' % r2.stdout[-300:])
    # --all: every dynamic HSTS entry and every bypass host, one server.
    r = subprocess.run([hstsctl, 'check', '--all', '--json', '--jobs', '4', '--timeout', '5',
                        '--connect-to', '::127.0.0.1:%d' % srv.port] + ca, capture_output=True)
    srv.stop()
    doc = json.loads(r.stdout) if r.stdout else {}
    hosts = sorted(h['host'] for h in doc.get('hosts', []))
    check(hosts == sorted(['dev.example.test', 'sub.test', 'gone.test', 'zero.test',
                           'self.test', 'changed.test', 'partial.test']),
          '--all checked %s' % hosts)
    check(r.returncode == 6, '--all exit is the worst verdict (6), got %d' % r.returncode)
    # doctor: the story, then --fix removes the entry and the stale exception.
    import shutil
    shutil.copyfile(p(work, 'HSTS.plist'), p(work, 'doc-HSTS.plist'))
    shutil.copyfile(p(work, 'bypass.plist'), p(work, 'doc-bypass.plist'))
    dca = ['--cafile', p(work, 'root.pem'), '--store', p(work, 'doc-HSTS.plist'),
           '--exceptions', p(work, 'doc-bypass.plist')]
    srv = Server(work, p(work, 'changed.pem'), p(work, 'changed.key'), [])
    r = subprocess.run([hstsctl, 'doctor', 'changed.test', '--connect-to',
                        '::127.0.0.1:%d' % srv.port] + dca, capture_output=True)
    out = r.stdout.decode()
    check(r.returncode == 6 and
          'HSTS: changed.test is forced to HTTPS by its own entry' in out and
          'Because of HSTS, Safari offers no way past a certificate error on changed.test.' in out and
          'the chain ends at a root that is not trusted' in out and
          'Exceptions: stale: certificate changed (stored SHA-1 %s' % shas['old'].hex() in out and
          'remove the HSTS entry for changed.test' in out and
          'remove the stale trust exceptions for changed.test' in out and
          'To apply it, run:\n    ' in out,
          'doctor story: %d %s %s' % (r.returncode, out, r.stderr))
    # The command it prints carries this run's stores and options.
    fix = printed(out, 'To apply it, run:')
    check(fix.startswith('hstsctl doctor ') and ' changed.test ' in fix and
          ' --connect-to ::127.0.0.1:%d ' % srv.port in fix and fix.endswith(' --fix') and
          p(work, 'doc-HSTS.plist') in fix and '--cafile' in fix, 'printed fix: %s' % fix)
    check(open(p(work, 'doc-HSTS.plist'), 'rb').read() == open(p(work, 'HSTS.plist'), 'rb').read(),
          'doctor without --fix writes nothing')
    # --json: the same findings as one document.
    r = subprocess.run([hstsctl, 'doctor', 'changed.test', '--json', '--connect-to',
                        '::127.0.0.1:%d' % srv.port] + dca, capture_output=True)
    d = json.loads(r.stdout)
    check(r.returncode == 6 and d['exit'] == 6 and d['forced'] and
          [(e['host'], e['own']) for e in d['entries']] == [('changed.test', True)] and
          d['check']['exceptions'] == 'stale' and d['fix']['remove_hsts'] == ['changed.test'] and
          d['fix']['remove_exceptions'] and not d['fix']['remove_trust_settings'] and
          d['fix']['command'].endswith(' --fix') and d['applied'] is None,
          'doctor --json: %d %s' % (r.returncode, r.stdout[:600]))
    # --fix --dry-run says what it would remove and writes nothing.
    before = [open(p(work, f), 'rb').read() for f in ('doc-HSTS.plist', 'doc-bypass.plist')]
    r = subprocess.run([hstsctl, 'doctor', 'changed.test', '--fix', '--dry-run', '--connect-to',
                        '::127.0.0.1:%d' % srv.port] + dca, capture_output=True)
    after = [open(p(work, f), 'rb').read() for f in ('doc-HSTS.plist', 'doc-bypass.plist')]
    check(r.returncode == 6 and b'would remove changed.test' in r.stdout and
          b'would remove 1 trust exception for changed.test' in r.stdout and before == after,
          'doctor --fix --dry-run: %d %s' % (r.returncode, r.stdout[-400:]))
    r = run_printed(hstsctl, fix)
    srv.stop()
    hsts = plistlib.load(open(p(work, 'doc-HSTS.plist'), 'rb'))['com.apple.CFNetwork.defaultStorageSession']
    byp = plistlib.load(open(p(work, 'doc-bypass.plist'), 'rb'))
    check(r.returncode == 0 and 'changed.test' not in hsts and 'dev.example.test' in hsts and
          'changed.test443' not in byp and 'self.test443' in byp and
          b'removed changed.test' in r.stderr and
          b'Checked again: no store forces HTTPS on changed.test now.' in r.stdout,
          'doctor --fix: %d %s %s' % (r.returncode, sorted(hsts), r.stderr))
    # A parent entry is kept unless --include-parents.
    srv = Server(work, full, p(work, 'multi.key'), [STS + 'max-age=5'])
    r = subprocess.run([hstsctl, 'doctor', 'x.sub.test', '--connect-to',
                        '::127.0.0.1:%d' % srv.port] + dca, capture_output=True)
    out = r.stdout.decode()
    check(r.returncode == 6 and 'by sub.test, which includes subdomains' in out and
          re.search(r'sub\.test covers \d+ other stored hosts?\.', out) and
          'To remove it too, run:' in out,
          'doctor parent: %d %s' % (r.returncode, out))
    # --fix alone leaves the parent: it says so and exits 6.
    r = subprocess.run([hstsctl, 'doctor', 'x.sub.test', '--fix', '--connect-to',
                        '::127.0.0.1:%d' % srv.port] + dca, capture_output=True)
    check(r.returncode == 6, 'doctor --fix, parent left: %d' % r.returncode)
    fix = printed(out, 'To remove it too, run:')
    check(' --fix' in fix and fix.endswith(' --include-parents'), 'printed: %s' % fix)
    r = run_printed(hstsctl, fix)
    srv.stop()
    hsts = plistlib.load(open(p(work, 'doc-HSTS.plist'), 'rb'))['com.apple.CFNetwork.defaultStorageSession']
    check(r.returncode == 0 and 'sub.test' not in hsts and
          b'Checked again: no store forces HTTPS on x.sub.test now.' in r.stdout,
          'doctor --include-parents: %d %s %s' % (r.returncode, r.stdout, r.stderr))
    trust_settings(hstsctl, work, shas)
    firefox_overrides(hstsctl, work)
    # A closed port: a clear error, exit 1.
    s = socket.socket()
    s.bind(('127.0.0.1', 0))
    closed = s.getsockname()[1]
    s.close()
    r = subprocess.run([hstsctl, 'check', 'dev.example.test', '--connect-to',
                        '::127.0.0.1:%d' % closed, '--store', p(work, 'HSTS.plist')],
                       capture_output=True)
    check(r.returncode == 1 and b'cannot connect to 127.0.0.1 port %d: Connection refused'
          % closed in r.stderr, 'refused: %r' % r.stderr)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
