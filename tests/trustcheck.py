#!/usr/bin/env python3
"""trustcheck: hstsctl trust list and trust remove against plistlib.

usage: trustcheck.py HSTSCTL WORKDIR
       trustcheck.py --corpus DIR      (write fuzz seeds, then exit)

Certificates are made here with openssl; each record's key is the SHA-1
of the certificate's DER, its issuerName the issuer Name's DER and its
serialNumber the serial's content bytes, as macOS writes them.  The
trust-settings files are written by plistlib, XML (as CF writes it) and
binary.
"""
import datetime
import difflib
import hashlib
import json
import os
import plistlib
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import check, finish  # noqa: E402

SSL_OID = bytes.fromhex('2a864886f763640103')        # 1.2.840.113635.100.1.3
BASIC_OID = bytes.fromhex('2a864886f763640102')      # 1.2.840.113635.100.1.2
HOSTNAME_MISMATCH = -2147408896
CERT_EXPIRED = -2147409654
HOST = 'dev.example.test'
DATE = datetime.datetime(2026, 11, 20, 10, 0, 0)


def der_items(b, off=0, end=None):
    """The (tag, header start, content start, content end) of each TLV."""
    end = len(b) if end is None else end
    out = []
    while off < end:
        tag, n = b[off], b[off + 1]
        h = 2
        if n & 0x80:
            k = n & 0x7f
            n = int.from_bytes(b[off + 2:off + 2 + k], 'big')
            h = 2 + k
        out.append((tag, off, off + h, off + h + n))
        off += h + n
    return out


def cert_facts(der):
    """SHA-1 (upper-case hex), issuer Name DER, serial content bytes."""
    (_, _, c0, c1), = der_items(der)[:1]
    tbs = der_items(der, c0, c1)[0]
    fields = der_items(der, tbs[2], tbs[3])
    i = 1 if fields[0][0] == 0xa0 else 0     # [0] version
    serial = der[fields[i][2]:fields[i][3]]
    issuer = der[fields[i + 2][1]:fields[i + 2][3]]
    return hashlib.sha1(der).hexdigest().upper(), issuer, serial


def openssl(*args):
    subprocess.run(['openssl'] + list(args), check=True, capture_output=True)


def make_certs(work):
    """Three self-signed certificates and one signed by a CA."""
    out = {}
    for name, cn in (('a', HOST), ('b', 'b.example.test'), ('c', 'c.example.test'),
                     ('ca', 'Test Root CA')):
        key, pem, der = (os.path.join(work, name + s) for s in ('.key', '.pem', '.der'))
        openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key,
                '-out', pem, '-days', '30', '-subj', '/O=hstsctl tests/CN=' + cn)
        openssl('x509', '-in', pem, '-outform', 'DER', '-out', der)
        out[name] = cert_facts(open(der, 'rb').read())
    return out


def use(host=None, policy=SSL_OID, **kw):
    u = {'kSecTrustSettingsPolicy': policy, 'kSecTrustSettingsPolicyName': 'sslServer'}
    if host is not None:
        u['kSecTrustSettingsPolicyString'] = host
    u.update(kw)
    return u


def record(facts, uses):
    _, issuer, serial = facts
    r = {'issuerName': issuer, 'modDate': DATE, 'serialNumber': serial}
    if uses is not None:
        r['trustSettings'] = uses
    return r


def settings(certs):
    """The trust list of the tests: {SHA-1: record}."""
    a, b, c, ca = certs['a'], certs['b'], certs['c'], certs['ca']
    return {
        # Two hosts on one certificate: removing one keeps the other.
        a[0]: record(a, [use(HOST, kSecTrustSettingsResult=1),
                         use('other.example.test', kSecTrustSettingsResult=1)]),
        # Only dev.example.test, with an allowed error: the record goes.
        b[0]: record(b, [use('DEV.Example.Test',
                             kSecTrustSettingsAllowedError=HOSTNAME_MISMATCH,
                             kSecTrustSettingsResult=1)]),
        # Trusted for everything.
        c[0]: record(c, []),
        # A deny, an application-scoped one, a policy given as a string,
        # key usage -1, an unknown error code, an unknown policy OID.
        ca[0]: record(ca, [
            use('deny.example.test', kSecTrustSettingsResult=3),
            use(None, BASIC_OID, kSecTrustSettingsApplication=b'\x01\x02app'),
            {'kSecTrustSettingsPolicy': 'com.apple.policy.custom',
             'kSecTrustSettingsKeyUsage': -1},
            use(None, bytes.fromhex('2b0601040182370a030c'),
                kSecTrustSettingsAllowedError=-12345),
            use(HOST, kSecTrustSettingsAllowedError=CERT_EXPIRED,
                kSecTrustSettingsResult=2)]),
        'kSecTrustRecordDefaultRootCert': {
            'issuerName': b'', 'modDate': DATE, 'serialNumber': b'',
            'trustSettings': [use(None, BASIC_OID, kSecTrustSettingsResult=4)]},
    }


def write(path, top, fmt):
    with open(path, 'wb') as f:
        plistlib.dump(top, f, fmt=fmt, sort_keys=False)


def run(hstsctl, *args):
    return subprocess.run([hstsctl] + list(args), capture_output=True)


def check_list(hstsctl, path, certs):
    r = run(hstsctl, 'trust', 'list', '--store', path, '--json')
    check(r.returncode == 0, 'trust list %s: exit %d %s' % (path, r.returncode, r.stderr))
    doc = json.loads(r.stdout)
    recs = {x['key']: x for x in doc['records']}
    a, b, c, ca = (certs[k][0] for k in ('a', 'b', 'c', 'ca'))
    check(set(recs) == {a, b, c, ca, 'kSecTrustRecordDefaultRootCert'},
          'trust list: records %s' % sorted(recs))
    check(recs[a]['issuer'] == 'CN=%s,O=hstsctl tests' % HOST and
          recs[a]['serial'] == certs['a'][2].hex() and
          recs[a]['modified'] == '2026-11-20T10:00:00Z',
          'trust list: record a %s' % recs[a])
    u = recs[a]['constraints'][0]
    check(u['policy'] == '1.2.840.113635.100.1.3' and u['policy_meaning'] == 'SSL' and
          u['scope'] == HOST and u['result_name'] == 'TrustRoot' and
          u['policy_name'] == 'sslServer', 'constraint a/0: %s' % u)
    u = recs[b]['constraints'][0]
    check(u['allowed_error'] == HOSTNAME_MISMATCH and
          u['allowed_error_name'] == 'CSSMERR_APPLETP_HOSTNAME_MISMATCH',
          'constraint b/0: %s' % u)
    check(recs[c]['trusted_for_everything'] and not recs[a]['trusted_for_everything'],
          'trusted for everything')
    cs = recs[ca]['constraints']
    check(cs[0]['result_name'] == 'Deny' and cs[1]['application'] and
          cs[1]['policy_meaning'] == 'basic X.509' and
          cs[2]['policy'] == 'com.apple.policy.custom' and cs[2]['key_usage'] == -1 and
          cs[2]['key_usage_text'] == 'any' and cs[3]['policy'] == '1.3.6.1.4.1.311.10.3.12' and
          cs[3]['policy_meaning'] is None and cs[3]['allowed_error_name'] is None and
          cs[4]['result_name'] == 'TrustAsRoot', 'constraints of ca: %s' % cs)
    d = recs['kSecTrustRecordDefaultRootCert']
    check(d['default_root'] and d['issuer'] == '(empty)' and d['serial'] is None and
          d['constraints'][0]['result_name'] == 'Unspecified', 'default root: %s' % d)
    r = run(hstsctl, 'trust', 'list', '--store', path, '--host', 'DEV.example.test.')
    out = r.stdout.decode()
    check(r.returncode == 0 and a in out and b in out and ca in out and c not in out,
          'trust list --host:\n' + out)
    r = run(hstsctl, 'trust', 'list', '--store', path)
    out = r.stdout.decode()
    check('TRUSTED FOR EVERYTHING' in out and 'allowing CSSMERR_APPLETP_HOSTNAME_MISMATCH' in out
          and 'issuer    CN=Test Root CA,O=hstsctl tests' in out, 'trust list text:\n' + out)
    r = run(hstsctl, 'trust', 'list', '--store', path, '--host', 'nobody.example')
    check(r.returncode == 3, 'trust list --host nobody: %d' % r.returncode)


def expected_after(top, certs):
    """plistlib's reading minus dev.example.test's constraints."""
    a, b, ca = certs['a'][0], certs['b'][0], certs['ca'][0]
    out = dict(top)
    lst = dict(top['trustList'])
    lst[a] = dict(lst[a], trustSettings=lst[a]['trustSettings'][1:])
    del lst[b]                                   # never left empty
    lst[ca] = dict(lst[ca], trustSettings=lst[ca]['trustSettings'][:4])
    out['trustList'] = lst
    return out


def check_remove(hstsctl, work, top, certs, fmt, label):
    path = os.path.join(work, 'remove-%s.plist' % label)
    write(path, top, fmt)
    before = open(path, 'rb').read()
    r = run(hstsctl, 'trust', 'remove', HOST, '--store', path, '--dry-run')
    check(r.returncode == 0 and open(path, 'rb').read() == before and
          b'would remove the trust setting of ' + certs['b'][0].encode() in r.stdout,
          '%s: --dry-run: %d %s' % (label, r.returncode, r.stdout))
    r = run(hstsctl, 'trust', 'remove', 'Dev.Example.Test', '--store', path)
    check(r.returncode == 0, '%s: remove exit %d %s' % (label, r.returncode, r.stderr))
    after = plistlib.load(open(path, 'rb'))
    check(after == expected_after(top, certs), '%s: not plistlib minus the host' % label)
    err = r.stderr.decode()
    check('removed 1 of 2 constraints of %s' % certs['a'][0] in err and
          'removed the trust setting of %s (1 constraint)' % certs['b'][0] in err,
          '%s: report: %s' % (label, err))
    # Never widen: no record that had constraints has none now.
    for k, v in after['trustList'].items():
        if top['trustList'][k].get('trustSettings'):
            check(v.get('trustSettings'), '%s: %s left trusting everything' % (label, k))
    if fmt == plistlib.FMT_XML:
        new = open(path, 'rb').read()
        added = [x for x in difflib.ndiff(before.decode().splitlines(True),
                                          new.decode().splitlines(True)) if x.startswith('+ ')]
        check(not added, '%s: lines were added: %s' % (label, added[:3]))
    r = run(hstsctl, 'trust', 'remove', HOST, '--store', path)
    check(r.returncode == 3, '%s: remove again: %d' % (label, r.returncode))
    r = run(hstsctl, 'trust', 'remove', '--cert', certs['c'][0].lower(), '--store', path)
    after = plistlib.load(open(path, 'rb'))
    check(r.returncode == 0 and certs['c'][0] not in after['trustList'] and
          len(after['trustList']) == 3, '%s: --cert: %d' % (label, r.returncode))


def malformed(top, certs):
    """(name, value, the message expected) for each bad file."""
    a = certs['a'][0]
    rec = top['trustList'][a]

    def with_rec(**kw):
        r = dict(rec)
        for k, v in kw.items():
            if v is None:
                del r[k]
            else:
                r[k] = v
        return dict(top, trustList={a: r})
    no_version = {k: v for k, v in top.items() if k != 'trustVersion'}
    return [
        ('no-version', no_version, 'no trustVersion: not a trust-settings file'),
        ('version-0', dict(top, trustVersion=0), 'trustVersion is 0'),
        ('version-2', dict(top, trustVersion=2), 'trustVersion is above 1'),
        ('no-issuer', with_rec(issuerName=None), 'trustList record %s: no issuerName' % a),
        ('no-serial', with_rec(serialNumber=None), 'trustList record %s: no serialNumber' % a),
        ('no-moddate', with_rec(modDate=None), 'trustList record %s: no modDate' % a),
        ('issuer-string', with_rec(issuerName='CN=x'),
         'trustList record %s: issuerName is a string, not data' % a),
        ('settings-dict', with_rec(trustSettings={}),
         'trustList record %s: trustSettings is a dictionary, not an array' % a),
        ('bad-key', dict(top, trustList={'1234': rec}),
         'trustList record 1234: the key is not 40 hex digits'),
        ('error-string', with_rec(trustSettings=[{'kSecTrustSettingsAllowedError': 'x'}]),
         'kSecTrustSettingsAllowedError is a string, not an integer'),
    ]


def check_malformed(hstsctl, work, top, certs):
    for name, value, want in malformed(top, certs):
        for fmt, ext in ((plistlib.FMT_XML, 'xml'), (plistlib.FMT_BINARY, 'bin')):
            path = os.path.join(work, 'bad-%s.%s' % (name, ext))
            write(path, value, fmt)
            before = open(path, 'rb').read()
            r = run(hstsctl, 'trust', 'list', '--store', path)
            check(r.returncode == 4 and want.encode() in r.stderr and
                  r.stderr.startswith(('hstsctl: %s: ' % path).encode()),
                  'malformed %s.%s: %d %s' % (name, ext, r.returncode, r.stderr))
            r = run(hstsctl, 'trust', 'remove', HOST, '--store', path)
            check(r.returncode == 4 and open(path, 'rb').read() == before,
                  'malformed %s.%s: remove wrote or exited %d' % (name, ext, r.returncode))


FAKE_SECURITY = r"""#!/bin/sh
# A fake security(1): trust settings of each domain kept in $FAKE_DIR.
echo "$*" >>"$FAKE_DIR/log"
verb=$1; shift
d=user
if [ "$1" = -d ]; then d=admin; shift; fi
case $verb in
trust-settings-export)
	if [ ! -f "$FAKE_DIR/$d.plist" ]; then
		echo "SecTrustSettingsCreateExternalRepresentation: No Trust Settings were found." >&2
		exit 1
	fi
	cp "$FAKE_DIR/$d.plist" "$1" ;;
trust-settings-import)
	[ -z "$FAKE_FAIL" ] || { echo "authorization denied" >&2; exit 1; }
	cp "$1" "$FAKE_DIR/$d.plist" ;;
esac
"""


def check_security(hstsctl, work, top, certs):
    """Without --store: the export, edit, import round trip (fake security)."""
    fake = os.path.join(work, 'fake')
    os.makedirs(os.path.join(fake, 'bin'))
    os.makedirs(os.path.join(fake, 'tmp'))
    sec = os.path.join(fake, 'bin', 'security')
    with open(sec, 'w') as f:
        f.write(FAKE_SECURITY)
    os.chmod(sec, 0o755)
    user = os.path.join(fake, 'user.plist')
    write(user, top, plistlib.FMT_XML)
    original = open(user, 'rb').read()
    env = dict(os.environ, PATH=os.path.join(fake, 'bin') + os.pathsep + os.environ['PATH'],
               HSTSCTL_TEST_SECURITY='1', FAKE_DIR=fake, TMPDIR=os.path.join(fake, 'tmp'))

    def go(*args, **extra):
        return subprocess.run([hstsctl, 'trust'] + list(args), capture_output=True,
                              env=dict(env, **extra))
    r = go('list', '--json')
    check(r.returncode == 0 and len(json.loads(r.stdout)['records']) == 5 and
          not os.listdir(os.path.join(fake, 'tmp')),
          'security: list: %d %s' % (r.returncode, r.stderr))
    r = go('list', '--admin')
    check(r.returncode == 3 and b'the admin domain has no trust settings' in r.stderr,
          'security: list --admin: %d %s' % (r.returncode, r.stderr))
    r = go('remove', HOST, '--dry-run')
    check(r.returncode == 0 and open(user, 'rb').read() == original and
          'trust-settings-import' not in open(os.path.join(fake, 'log')).read() and
          not os.listdir(os.path.join(fake, 'tmp')), 'security: --dry-run imported')
    r = go('remove', HOST, FAKE_FAIL='1')
    check(r.returncode == 1 and b'authorization denied; the trust settings were not changed'
          in r.stderr and open(user, 'rb').read() == original,
          'security: failed import: %d %s' % (r.returncode, r.stderr))
    r = go('remove', HOST)
    err = r.stderr.decode()
    kept = [l.split()[-1] for l in err.splitlines()
            if l.strip().startswith('security trust-settings-import ')]
    check(r.returncode == 0 and plistlib.load(open(user, 'rb')) == expected_after(top, certs)
          and len(kept) == 1 and open(kept[0], 'rb').read() == original,
          'security: remove: %d %s' % (r.returncode, err))
    log = open(os.path.join(fake, 'log')).read().splitlines()
    check(log[-1].startswith('trust-settings-import ') and '-d' not in log[-1],
          'security: log %s' % log)
    r = subprocess.run([hstsctl, 'trust', 'list', '--admin', '--store', user],
                       capture_output=True, env=env)
    check(r.returncode == 2, 'security: --admin with --store: %d' % r.returncode)


def main():
    if sys.argv[1] == '--corpus':
        import tempfile
        out = sys.argv[2]
        os.makedirs(out, exist_ok=True)
        with tempfile.TemporaryDirectory() as work:
            certs = make_certs(work)
            top = {'trustList': settings(certs), 'trustVersion': 1}
            write(os.path.join(out, 'settings.xml'), top, plistlib.FMT_XML)
            write(os.path.join(out, 'settings.bin'), top, plistlib.FMT_BINARY)
            for name, value, _ in malformed(top, certs)[:4]:
                write(os.path.join(out, name + '.xml'), value, plistlib.FMT_XML)
        return 0
    hstsctl, work = sys.argv[1:3]
    certs = make_certs(work)
    top = {'trustList': settings(certs), 'trustVersion': 1}
    for fmt, label in ((plistlib.FMT_XML, 'xml'), (plistlib.FMT_BINARY, 'binary')):
        path = os.path.join(work, 'list-%s.plist' % label)
        write(path, top, fmt)
        check_list(hstsctl, path, certs)
        check_remove(hstsctl, work, top, certs, fmt, label)
    check_malformed(hstsctl, work, top, certs)
    check_security(hstsctl, work, top, certs)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
