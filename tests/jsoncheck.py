#!/usr/bin/env python3
"""jsoncheck: every command's --json output against doc/json.md.

usage: jsoncheck.py HSTSCTL WORKDIR TOPSRC

Each ```json NAME block of doc/json.md is an example document; the real
output of that command must have the same members at every level, each
of the example's type (or null), arrays' elements checked against the
example's first element.
"""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from checklib import check, finish  # noqa: E402

TYPES = {dict: 'object', list: 'array', str: 'string', bool: 'boolean',
         int: 'number', float: 'number', type(None): 'null'}


def examples(path):
    text = open(path).read()
    return {m.group(1): json.loads(m.group(2)) for m in
            re.finditer(r'```json ([a-z ]+)\n(.*?)\n```', text, re.S)}


def conforms(want, got, where, problems):
    tw, tg = TYPES[type(want)], TYPES[type(got)]
    if tg == 'null' or tw == 'null':
        return
    if tw != tg:
        problems.append('%s: %s, not %s' % (where, tg, tw))
        return
    if tw == 'object':
        if set(want) != set(got):
            problems.append('%s: members %s, documented %s' % (
                where, sorted(set(got) ^ set(want)), 'differ'))
        for k in set(want) & set(got):
            conforms(want[k], got[k], where + '.' + k, problems)
    elif tw == 'array' and want and got:
        for i, g in enumerate(got[:20]):
            conforms(want[0], g, '%s[%d]' % (where, i), problems)


def main():
    hstsctl, work, top = sys.argv[1:4]
    ex = examples(os.path.join(top, 'doc', 'json.md'))
    data = os.path.join(top, 'tests', 'data')
    s = os.path.join(work, 's.bplist')
    shutil.copy(os.path.join(data, 'schema3.bplist'), s)
    home = os.path.join(work, 'home')
    shutil.copytree(os.path.join(top, 'data', 'home'), home)
    dhome = os.path.join(work, 'dhome')
    shutil.copytree(os.path.join(top, 'data', 'home'), dhome)
    blob = os.path.join(data, 'blobs', sorted(os.listdir(os.path.join(data, 'blobs')))[0])
    import datetime
    import plistlib
    ts = os.path.join(work, 'TrustSettings.plist')
    use = {'kSecTrustSettingsPolicyString': 'dev.example.test'}
    with open(ts, 'wb') as f:
        plistlib.dump({'trustVersion': 1, 'trustList': {('AB' * 20): {
            'issuerName': b'0\x00', 'serialNumber': b'\x01',
            'modDate': datetime.datetime(2026, 1, 1),
            'trustSettings': [use, dict(use, kSecTrustSettingsPolicyString='x.example')]}}},
            f)
    exc = os.path.join(work, 'bypass.plist')
    with open(exc, 'wb') as f:
        plistlib.dump({'dev.example.test443': {
            'BypassedInvalidCertificateHost': 'dev.example.test',
            'BypassedInvalidCertificateDate': datetime.datetime(2026, 5, 1),
            'BypassedInvalidCertificateExceptionData': plistlib.dumps(
                [{'SHA1Digest': b'\x01' * 20, 'AnchorTrusted': False}],
                fmt=plistlib.FMT_BINARY)}}, f, fmt=plistlib.FMT_BINARY)
    fco = os.path.join(work, 'cert_override.txt')
    with open(fco, 'w') as f:
        f.write('# PSM Certificate Override Settings file\n'
                'dev.example.test:443\tOID.2.16.840.1.101.3.4.2.1\t%s\t\n' %
                ':'.join(['AB'] * 32))
    runs = [
        ('stores', ['--home', home, 'stores']),
        ('list', ['--store', s, 'list']),
        ('list', ['--home', home, 'list']),
        ('show', ['--store', s, 'show', 'https://DEV.example.test/']),
        ('remove', ['--store', s, 'remove', 'dev.example.test', 'nothing.example']),
        ('remove', ['--home', home, 'remove', 'dev.example.test']),
        ('remove', ['--store', s, 'add', 'new.example', '--max-age', '600']),
        ('remove', ['--store', s, 'prune', '--dry-run']),
        ('undo', ['undo', '--dry-run']),
        ('check', ['--store', s, 'check', 'dev.example.test', '--connect-to',
                   '::127.0.0.1:9', '--timeout', '1']),
        ('exception dump', ['exception', 'dump', blob]),
        ('exception list', ['exception', 'list', '--store', exc]),
        ('trust list', ['trust', 'list', '--store', ts]),
        ('exception list firefox', ['exception', 'list', '--store', fco]),
        ('trust remove', ['trust', 'remove', 'dev.example.test', '--store', ts]),
        ('exception remove', ['exception', 'remove', 'dev.example.test', '--store', exc]),
        ('doctor', ['--home', dhome, 'doctor', 'dev.example.test', '--connect-to',
                    '::127.0.0.1:9', '--timeout', '1']),
        ('doctor', ['--home', dhome, 'doctor', 'dev.example.test', '--fix', '--dry-run',
                    '--connect-to', '::127.0.0.1:9', '--timeout', '1']),
        ('doctor', ['--home', dhome, 'doctor', 'dev.example.test', '--fix', '--include-parents',
                    '--connect-to', '::127.0.0.1:9', '--timeout', '1']),
        ('error', ['--store', os.path.join(work, 'nowhere'), 'list']),
        ('error', ['lst']),
    ]
    for name, args in runs:
        r = subprocess.run([hstsctl] + args + ['--json'], capture_output=True)
        try:
            got = json.loads(r.stdout)
        except ValueError as e:
            check(False, '%s: not JSON (%s): %r %r' % (' '.join(args), e, r.stdout[:200],
                                                        r.stderr[:200]))
            continue
        if os.environ.get('JSONCHECK_SHOW'):
            print(name, json.dumps(got, indent=2))
        problems = []
        conforms(ex.get(name, {}), got, name, problems)
        check(not problems and list(got)[0] == 'schema_version',
              '%s: %s' % (' '.join(args), problems[:5]))
    check(set(ex) >= {'stores', 'list', 'show', 'remove', 'undo', 'check', 'doctor',
                      'exception list', 'exception list firefox', 'trust list',
                      'exception dump', 'error', 'trust remove', 'exception remove'},
          'doc/json.md lacks an example: %s' % sorted(ex))
    return finish()


if __name__ == '__main__':
    sys.exit(main())
