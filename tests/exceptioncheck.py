#!/usr/bin/env python3
"""Check `hstsctl exception dump|list|remove` on blobs built the way Apple
builds them, from certificate chains made now with OpenSSL.

usage: exceptioncheck.py HSTSCTL WORKDIR

Each blob's SHA1Digest is the real SHA-1 of a certificate's DER.  Stores in
the eapclient, Safari bypass and SHA-1-map layouts, binary and XML: list
must find every blob; remove must leave exactly the original minus the
removed entries (plistlib), every other object byte-identical (binary,
objtable.py) or only the removed lines gone (XML).
"""
import base64
import datetime
import difflib
import hashlib
import json
import os
import plistlib
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import objtable  # noqa: E402
from checklib import check, finish  # noqa: E402

def openssl(*args):
    subprocess.run(['openssl'] + list(args), check=True, capture_output=True)


def make_chain(work):
    """root CA -> intermediate CA -> leaf for dev.example.test; DER bytes."""
    def path(n):
        return os.path.join(work, n)
    ext = path('ext.cnf')
    with open(ext, 'w') as f:
        f.write('[ca]\nbasicConstraints=critical,CA:true\nkeyUsage=keyCertSign\n'
                '[leaf]\nbasicConstraints=CA:false\nsubjectAltName=DNS:dev.example.test\n')
    openssl('req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
            '-nodes', '-keyout', path('root.key'), '-out', path('root.pem'),
            '-days', '30', '-subj', '/CN=Test Root', '-addext',
            'basicConstraints=critical,CA:true')
    for name, issuer, cn, section in (('int', 'root', 'Test Intermediate', 'ca'),
                                      ('leaf', 'int', 'dev.example.test', 'leaf')):
        openssl('req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256',
                '-nodes', '-keyout', path(name + '.key'), '-out', path(name + '.csr'),
                '-subj', '/CN=' + cn)
        openssl('x509', '-req', '-in', path(name + '.csr'), '-CA', path(issuer + '.pem'),
                '-CAkey', path(issuer + '.key'), '-CAcreateserial', '-days', '30',
                '-extfile', ext, '-extensions', section, '-out', path(name + '.pem'))
    ders = []
    for name in ('leaf', 'int', 'root'):
        openssl('x509', '-in', path(name + '.pem'), '-outform', 'DER', '-out', path(name + '.der'))
        ders.append(open(path(name + '.der'), 'rb').read())
    return ders


def sha1(der):
    return hashlib.sha1(der).digest()


def blobs(ders):
    leaf, inter, root = (sha1(d) for d in ders)
    return {
        # one self-signed certificate: wrong name, untrusted anchor
        'single': [{'SHA1Digest': leaf, 'SSLHostname': False, 'AnchorTrusted': False}],
        # three certificates, the intermediate clean: an interior {}
        'interior': [{'SHA1Digest': leaf, 'SSLHostname': False}, {},
                     {'SHA1Digest': root, 'AnchorTrusted': False}],
        # only the leaf failed: trailing {} stripped
        'stripped': [{'SHA1Digest': leaf, 'TemporalValidity': False}],
        # OS X 10.9: StatusCodes everywhere (negative codes: 8-byte ints)
        'legacy': [{'StatusCodes': [-2147409622, -2147408896], 'SHA1Digest': leaf},
                   {'StatusCodes': [-2147409654], 'SHA1Digest': inter}],
        'reset': [{'SHA1Digest': leaf, 'SSLHostname': False, 'ExceptionResetCount': 5}],
        'type2': [{'AnchorTrusted': False, 'SSLHostname': False}],
        # a one-certificate chain: the self-signed root served alone
        'selfsigned': [{'SHA1Digest': root, 'SSLHostname': False, 'AnchorTrusted': False}],
        # a two-certificate chain: leaf and intermediate, root not sent
        'two': [{'SHA1Digest': leaf, 'SSLHostname': False},
                {'SHA1Digest': inter, 'MissingIntermediate': False}],
    }


def run(hstsctl, *args, stdin=None):
    return subprocess.run([hstsctl] + list(args), input=stdin, capture_output=True)


def check_dump(hstsctl, work, ders):
    shas = [sha1(d).hex() for d in ders]
    for name, blob in blobs(ders).items():
        raw = plistlib.dumps(blob, fmt=plistlib.FMT_BINARY)
        f = os.path.join(work, name + '.bin')
        open(f, 'wb').write(raw)
        r = run(hstsctl, 'exception', 'dump', '--json', f)
        check(r.returncode == 0, '%s: dump exited %d: %s' % (name, r.returncode, r.stderr))
        if r.returncode:
            continue
        doc = json.loads(r.stdout)
        certs = doc['certificates']
        check(len(certs) == len(blob), '%s: %d certificates' % (name, len(certs)))
        check(doc['type'] == (2 if name == 'type2' else 1), '%s: type' % name)
        for c, want in zip(certs, blob):
            got_sha = c['sha1']
            want_sha = want['SHA1Digest'].hex() if 'SHA1Digest' in want else None
            check(got_sha == want_sha, '%s #%d sha1 %s != %s' % (name, c['index'], got_sha, want_sha))
            if got_sha:
                check(got_sha in shas, '%s #%d sha1 is not one of the chain' % (name, c['index']))
            keys = {e['key']: e['value'] for e in c['exceptions']}
            want_keys = {k: v for k, v in want.items()
                         if k not in ('SHA1Digest', 'StatusCodes', 'ExceptionResetCount')}
            check(keys == want_keys, '%s #%d exceptions %r != %r' % (name, c['index'], keys, want_keys))
            check(c['status_codes'] == want.get('StatusCodes'), '%s #%d status codes' % (name, c['index']))
            check(c['exception_reset_count'] == want.get('ExceptionResetCount'), '%s reset' % name)
        check(certs[0]['role'] == 'leaf', '%s: first is the leaf' % name)
        if name == 'interior':
            check(certs[1]['role'] == 'intermediate' and certs[2]['role'] == 'anchor', 'interior roles')
            check(all(e['meaning'] for e in certs[2]['exceptions']), 'meanings present')
        # the same blob as XML, base64 and hex, from a file and from stdin
        want_doc = dict(doc)
        for how, data, flag in (('xml', plistlib.dumps(blob), []),
                                ('b64', base64.encodebytes(raw), ['--base64']),
                                ('hex', raw.hex().encode(), ['--hex']),
                                ('auto-hex', raw.hex().encode(), [])):
            r2 = run(hstsctl, 'exception', 'dump', '--json', *flag, '-', stdin=data)
            got = json.loads(r2.stdout) if r2.returncode == 0 else {}
            got['file'] = want_doc['file']
            check(got == want_doc, '%s as %s: dump differs: %s' % (name, how, r2.stderr))
        t = run(hstsctl, 'exception', 'dump', f)
        text = t.stdout.decode()
        if name == 'single':
            check("SSLHostname = false: the certificate's name does not match the host" in text,
                  'plain words for SSLHostname: %s' % text)
        if name == 'legacy':
            check('-2147409622 (0x8001212a)' in text, 'legacy codes shown: %s' % text)
        if name == 'reset':
            check('ExceptionResetCount = 5: valid only while' in text, 'reset explained')
        if name == 'type2':
            check('type 2 (no SHA-1)' in text, 'type 2 explained: %s' % text)


def stores(ders):
    b = {k: plistlib.dumps(v, fmt=plistlib.FMT_BINARY) for k, v in blobs(ders).items()}
    leaf = sha1(ders[0]).hex()
    other = sha1(ders[1]).hex()
    eap = {'WirelessSSID': {'CorpNet': {leaf: b['single']},
                            'Guest': {leaf: b['reset'], other: b['stripped']}},
           'ProfileID': {'0A1B2C3D-0000-4000-8000-00000000ABCD': {leaf: b['interior']}},
           'Comment': 'not an exception'}
    when = datetime.datetime(2026, 5, 1, 12, 0, 0)
    safari = {'dev.example.test443': {'BypassedInvalidCertificateDate': when,
                                      'BypassedInvalidCertificateExceptionData': b['single'],
                                      'BypassedInvalidCertificateHost': 'dev.example.test'},
              'other.example8443': {'BypassedInvalidCertificateDate': when,
                                    'BypassedInvalidCertificateExceptionData': b['interior'],
                                    'BypassedInvalidCertificateHost': 'other.example'}}
    shamap = {'OFCertificateTrustExceptions': {leaf: b['single'], other: b['legacy']},
              'SomethingElse': [1, 2, 3]}
    return {'eap': (eap, 4, [('CorpNet', [('WirelessSSID',)]),
                             (leaf, [('WirelessSSID', 'CorpNet'), ('WirelessSSID', 'Guest'),
                                     ('ProfileID',)])]),
            'safari': (safari, 2, [('DEV.example.test.', [()]), (leaf, [(), ()])]),
            'shamap': (shamap, 2, [(other, [('OFCertificateTrustExceptions',)])])}


def keys_under(v):
    out = set()
    if isinstance(v, dict):
        for k, x in v.items():
            out.add(k)
            out |= keys_under(x)
    return out


def check_remove(hstsctl, work, name, fmt, top, target, orig_path):
    path = os.path.join(work, '%s-%s-%s' % (name, fmt, target[:8]))
    shutil.copyfile(orig_path, path)
    before = plistlib.load(open(orig_path, 'rb'))
    r = run(hstsctl, 'exception', 'remove', '-q', target, '--store', path)
    check(r.returncode == 0, '%s %s remove %s exited %d: %s' % (name, fmt, target, r.returncode, r.stderr))
    after = plistlib.load(open(path, 'rb'))
    r2 = run(hstsctl, 'exception', 'list', '--json', '--store', path)
    left = json.loads(r2.stdout)['exceptions'] if r2.returncode == 0 else []
    for e in left:
        owner = (e['owner'] or '').lower().rstrip('.')
        check(owner != target.lower().rstrip('.') and e['leaf_sha1'] != target.lower(),
              '%s %s: %s still has a blob at %s' % (name, fmt, target, e['path']))
    # What went: every dict key present before and gone after.
    gone = []

    def diff(a, b, where):
        for k, v in a.items():
            if k not in b:
                gone.append((where, k))
            elif isinstance(v, dict) and isinstance(b[k], dict):
                diff(v, b[k], where + (k,))
    diff(before, after, ())

    def strip(v, where):
        if not isinstance(v, dict):
            return v
        return {k: strip(x, where + (k,)) for k, x in v.items() if (where, k) not in gone}
    check(strip(before, ()) == after, '%s %s: something else changed' % (name, fmt))
    raw_a, raw_b = open(orig_path, 'rb').read(), open(path, 'rb').read()
    if fmt == 'bin':
        check(objtable.cf_strict(raw_b) == [], '%s: not CF-strict: %s' % (name, objtable.cf_strict(raw_b)))
        d = objtable.same_objects(objtable.Table(raw_a), objtable.Table(raw_b),
                                  skip=lambda where, key: (tuple(w for w in where), key) in gone)
        check(d == [], '%s %s: objects changed: %s' % (name, target, d[:3]))
    else:
        a, b = raw_a.decode().splitlines(True), raw_b.decode().splitlines(True)
        nd = list(difflib.ndiff(a, b))
        check(not [l for l in nd if l.startswith('+ ')], '%s %s: XML lines added' % (name, target))
        removed_keys = {l[2:].strip()[5:-6] for l in nd if l.startswith('- ') and l[2:].strip().startswith('<key>')}
        allowed = set()
        for where, k in gone:
            v = before
            for w in where:
                v = v[w]
            allowed.add(k)
            allowed |= keys_under(v[k])
        check(removed_keys <= allowed and {k for _, k in gone} <= removed_keys,
              '%s %s: removed key lines %s, allowed %s' % (name, target, removed_keys, allowed))
    return gone


def check_stores(hstsctl, work, ders):
    for name, (top, count, removals) in stores(ders).items():
        for fmt in ('bin', 'xml'):
            p = os.path.join(work, '%s.%s' % (name, fmt))
            open(p, 'wb').write(plistlib.dumps(top, fmt=plistlib.FMT_BINARY if fmt == 'bin'
                                               else plistlib.FMT_XML))
            r = run(hstsctl, 'exception', 'list', '--json', '--store', p)
            check(r.returncode == 0, '%s.%s: list exited %d' % (name, fmt, r.returncode))
            found = json.loads(r.stdout)['exceptions'] if r.returncode == 0 else []
            check(len(found) == count, '%s.%s: list found %d of %d' % (name, fmt, len(found), count))
            layouts = {e['layout'] for e in found}
            want = {'eap': {'eapclient'}, 'safari': {'safari'}, 'shamap': {'sha1-map'}}[name]
            check(layouts == want, '%s.%s: layouts %s' % (name, fmt, layouts))
            if name == 'safari':
                e = [x for x in found if x['owner'] == 'dev.example.test'][0]
                check(e['port'] == 443 and e['created'] == '2026-05-01T12:00:00Z',
                      'safari owner, port and date: %r' % e)
            if name == 'eap':
                check(all(x['key_matches_leaf'] for x in found if x['owner'] != 'Guest'),
                      'eap keys match leaves')
            for target, _ in removals:
                gone = check_remove(hstsctl, work, name, fmt, top, target, p)
                print('%s.%s: remove %s took %s' % (name, fmt, target, sorted(gone)))
            # nothing matches: exit 3, file untouched
            before = open(p, 'rb').read()
            r = run(hstsctl, 'exception', 'remove', 'nobody.example', '--store', p)
            check(r.returncode == 3 and open(p, 'rb').read() == before,
                  '%s.%s: removing nothing exits 3 and writes nothing' % (name, fmt))


def main():
    hstsctl, work = sys.argv[1], sys.argv[2]
    ders = make_chain(work)
    check_dump(hstsctl, work, ders)
    check_stores(hstsctl, work, ders)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
