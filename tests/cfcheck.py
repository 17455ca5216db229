#!/usr/bin/env python3
"""cfcheck: property lists as CoreFoundation reads them.

usage: cfcheck.py HSTSCTL WORKDIR

Every file is made here by a writer that is not hstsctl's (bplistgen.py
for binary, XML written out below): reference and offset widths of 1 to
8 bytes, a file of more than 65,536 objects and 64 KB that needs 3-byte
ones, hexadecimal and negative XML integers, dates from year 1 to 9999,
and a key given twice in a session.  hstsctl must list each as CF reads
it (compared with plistlib, which reads them the same way, or with CF's
rule where plistlib cannot: "-0x10"), and removing a host must give
plistlib's reading minus that host with every other object's bytes kept
(objtable.py) -- every copy of a key given twice goes.  Bytes between the
objects and the offset table read, as in CF; an offset table followed by
padding is refused, as CF refuses it (plistlib reads it).

No file can need 7-byte widths (2^48 objects); the 5- to 8-byte files
use those widths for a few objects, as a writer may.
"""
import datetime
import difflib
import json
import os
import plistlib
import shutil
import struct
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import objtable  # noqa: E402
from bplistgen import Date, Dict, dumps  # noqa: E402
from checklib import check, finish  # noqa: E402

S = 'com.apple.CFNetwork.defaultStorageSession'
SCHEMA = 'HSTS Store Schema Version'
CF_EPOCH = 978307200
EPOCH = datetime.datetime(1970, 1, 1)
HS = []


def hs(*args):
    return subprocess.run(HS + list(args), capture_output=True)


def unix(v):
    """A plistlib time (real, integer or datetime) as Unix seconds."""
    if isinstance(v, datetime.datetime):
        return (v - EPOCH).total_seconds()
    return v + CF_EPOCH


def cf(dt):
    """A datetime as CFAbsoluteTime, for bplistgen's Date."""
    return (dt - datetime.datetime(2001, 1, 1)).total_seconds()


def entry(created, expiry, sub=False):
    return Dict([('Create Time', created), ('Expiry', expiry),
                 ('Include Subdomains', sub)])


def store(entries):
    return Dict([(SCHEMA, 3), (S, Dict(entries))])


def write(path, data):
    with open(path, 'wb') as f:
        f.write(data)
    return path


def listed(path):
    r = hs('--store', path, 'list', '--json')
    try:
        doc = json.loads(r.stdout)
    except ValueError:
        return None, r
    return doc, r


def agree(path, label):
    """hstsctl's list is plistlib's reading: hosts, times, subdomains."""
    doc, r = listed(path)
    if doc is None:
        check(False, '%s: list failed: %d %s' % (label, r.returncode, r.stderr))
        return None
    top = plistlib.load(open(path, 'rb'))
    want = {h: (unix(e['Create Time']), unix(e['Expiry']),
                e.get('Include Subdomains', False))
            for h, e in top[S].items()}
    got = {e['host']: (e['created_unix'], e['expiry_unix'], e['include_subdomains'])
           for e in doc['entries']}
    close = set(want) == set(got) and all(
        abs(got[h][0] - want[h][0]) < 1e-3 and abs(got[h][1] - want[h][1]) < 1e-3 and
        got[h][2] == want[h][2] for h in want)
    check(r.returncode == 0 and close and len(doc['entries']) == len(want),
          '%s: hstsctl lists %s, plistlib reads %s' % (label, got, want))
    return doc


def xml_entry_lines(text, host):
    """The lines of every copy of host's entry in an XML store."""
    lines, out, i = text.splitlines(keepends=True), [], 0
    while i < len(lines):
        if lines[i].strip() == '<key>%s</key>' % host:
            j = i + 1
            while not lines[j].strip().startswith('</dict>'):
                j += 1
            out += lines[i:j + 1]
            i = j + 1
        else:
            i += 1
    return out


def removal(path, host, label):
    """remove host: plistlib's reading minus host, other bytes kept."""
    work = path + '.edit'
    shutil.copyfile(path, work)
    old = open(path, 'rb').read()
    r = hs('--store', work, 'remove', '-q', host)
    new = open(work, 'rb').read()
    top = plistlib.loads(old)
    top[S] = {h: e for h, e in top[S].items() if h != host}
    check(r.returncode == 0 and plistlib.loads(new) == top,
          '%s: remove %s: %d %s' % (label, host, r.returncode, r.stderr))
    if old.startswith(b'bplist'):
        a, b = objtable.Table(old), objtable.Table(new)
        diffs = objtable.same_objects(
            a, b, skip=lambda where, key: where == (S,) and key == host)
        check(not diffs, '%s: remove %s changed other objects: %s' % (label, host, diffs[:3]))
        bad = objtable.cf_strict(new)
        check(not bad, '%s: remove %s: not as CF writes: %s' % (label, host, bad))
        keys = [b.key_text(i) for i in range(b.n) if b.obj(i)[1][:1] and
                b.obj(i)[1][0] >> 4 in (5, 6)]
        check(host not in keys, '%s: a copy of %s is left' % (label, host))
    else:
        a = old.decode().splitlines(keepends=True)
        b = new.decode().splitlines(keepends=True)
        gone = [l[2:] for l in difflib.ndiff(a, b) if l.startswith('- ')]
        added = [l for l in difflib.ndiff(a, b) if l.startswith('+ ')]
        check(not added and gone == xml_entry_lines(old.decode(), host),
              '%s: remove %s: lines added %r, removed %r' % (label, host, added, gone))
    return new


def widths(work):
    few = store([('a.example', entry(800000000.0, 900000000.0, True)),
                 ('b.example', entry(800000001.0, 900000001.0)),
                 ('c.example', entry(800000002.0, 900000002.0))])
    for rs, ow in ((1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8),
                   (2, 5), (6, 3)):
        label = 'refs %d, offsets %d' % (rs, ow)
        path = write(os.path.join(work, 'w%d%d.bplist' % (rs, ow)),
                     dumps(few, ref_size=rs, offset_size=ow))
        t = objtable.Table(open(path, 'rb').read())
        check(t.refw == rs and t.offw == ow, '%s: the writer made %d, %d' % (label, t.refw, t.offw))
        agree(path, label)
        removal(path, 'b.example', label)
    # Enough objects and bytes to need 3-byte references and offsets.
    many = store([('h%05d.example' % i, entry(800000000.0 + i, 900000000.0 + i))
                  for i in range(17000)])
    path = write(os.path.join(work, 'w33-big.bplist'), dumps(many, ref_size=3, offset_size=3))
    t = objtable.Table(open(path, 'rb').read())
    check(t.n > 65536 and t.table > 65536,
          '3-byte file: %d objects, table at %d: 2 bytes would do' % (t.n, t.table))
    agree(path, '3-byte widths, %d objects' % t.n)
    removal(path, 'h08500.example', '3-byte widths')
    # Bytes between the last object and the offset table: CF only asks
    # that objects lie before the table, so this reads (and an edit,
    # which writes the objects again, leaves the gap out).
    good = dumps(few)
    offw, _, n, _, table = struct.unpack('>6xBBQQQ', good[-32:])
    gapped = (good[:table] + b'\0' * 8 + good[table:table + n * offw] +
              good[-32:-8] + struct.pack('>Q', table + 8))
    path = write(os.path.join(work, 'gap.bplist'), gapped)
    agree(path, 'a gap before the offset table')
    removal(path, 'b.example', 'a gap before the offset table')
    # Padding between the offset table and the trailer: CF refuses it.
    padded = good[:-32] + b'\0' * 8 + good[-32:]
    check(plistlib.loads(padded)[S].keys() == {'a.example', 'b.example', 'c.example'},
          'plistlib reads a padded file')
    path = write(os.path.join(work, 'padded.bplist'), padded)
    for args in (('list',), ('remove', 'b.example')):
        r = hs('--store', path, *args)
        check(r.returncode == 4 and b'does not end where the trailer starts' in r.stderr and
              b'CoreFoundation refuses them too' in r.stderr and
              open(path, 'rb').read() == padded,
              'padded: %s: %d %s' % (args[0], r.returncode, r.stderr))


XHEAD = ('<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE plist PUBLIC '
         '"-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">\n'
         '<plist version="1.0">\n<dict>\n')


def xml_store(entries, schema='3'):
    """entries: (host, [(key, element)]) written as Apple indents them."""
    out = [XHEAD, '\t<key>%s</key>\n\t<integer>%s</integer>\n' % (SCHEMA, schema),
           '\t<key>%s</key>\n\t<dict>\n' % S]
    for host, pairs in entries:
        out.append('\t\t<key>%s</key>\n\t\t<dict>\n' % host)
        for k, el in pairs:
            out.append('\t\t\t<key>%s</key>\n\t\t\t%s\n' % (k, el))
        out.append('\t\t</dict>\n')
    out.append('\t</dict>\n</dict>\n</plist>\n')
    return ''.join(out).encode()


def times(c, e):
    return [('Create Time', c), ('Expiry', e), ('Include Subdomains', '<false/>')]


def integers(work):
    path = write(os.path.join(work, 'hex.xml'), xml_store([
        ('hex.example', times('<integer>0x2FAF0800</integer>', '<integer>0X35a4e900</integer>')),
        ('neg.example', times('<integer>-42</integer>', '<integer>+900000000</integer>')),
        ('big.example', times('<integer>0</integer>', '<integer>0x73709551615</integer>')),
        ('keep.example', times('<real>800000000</real>', '<real>900000000</real>')),
    ], schema='0x3'))
    doc = agree(path, 'hex and negative integers')
    check(doc is not None and doc['stores'][0]['schema'] == 3,
          'schema 0x3 read as 3: %s' % (doc and doc['stores'][0]['schema']))
    removal(path, 'keep.example', 'hex and negative integers')
    removal(path, 'hex.example', 'hex and negative integers')
    # "-0x10": CF reads -16; plistlib cannot read it at all.
    path = write(os.path.join(work, 'neghex.xml'), xml_store([
        ('n.example', times('<integer>-0x10</integer>', '<integer>- 0x10</integer>'))]))
    doc, r = listed(path)
    e = doc['entries'][0] if doc and doc['entries'] else {}
    check(e.get('created_unix') == CF_EPOCH - 16 and e.get('expiry_unix') == CF_EPOCH - 16,
          '-0x10 is -16 as CF reads it: %s %s' % (e, r.stderr))


def dates(work):
    when = {'d0001.example': ('0001-01-01T00:00:00Z', '9999-12-31T23:59:59Z'),
            'd1900.example': ('1900-02-28T12:00:00Z', '2100-03-01T00:00:00Z'),
            'd2026.example': ('2026-07-06T03:06:40Z', '2027-07-06T03:06:40Z')}

    def dt(s):
        return datetime.datetime.strptime(s, '%Y-%m-%dT%H:%M:%SZ')
    xml = write(os.path.join(work, 'dates.xml'), xml_store([
        (h, [('Create Time', '<date>%s</date>' % c), ('Expiry', '<date>%s</date>' % e)])
        for h, (c, e) in sorted(when.items())]))
    binary = write(os.path.join(work, 'dates.bplist'), dumps(store([
        (h, Dict([('Create Time', Date(cf(dt(c)))), ('Expiry', Date(cf(dt(e))))]))
        for h, (c, e) in sorted(when.items())])))
    for path in (xml, binary):
        label = 'dates, ' + os.path.basename(path)
        doc = agree(path, label)
        got = {e['host']: (e['created'], e['expiry']) for e in (doc or {}).get('entries', [])}
        check(got == when, '%s: listed %s' % (label, got))
        removal(path, 'd2026.example', label)
    # The same dates in Safari's bypass plists, read through libplist's tree.
    for fmt in (plistlib.FMT_XML, plistlib.FMT_BINARY):
        path = os.path.join(work, 'bypass-%s.plist' % fmt.name)
        with open(path, 'wb') as f:
            plistlib.dump({'%s443' % h: {
                'BypassedInvalidCertificateHost': h,
                'BypassedInvalidCertificateDate': dt(c),
                'BypassedInvalidCertificateExceptionData': plistlib.dumps(
                    [{'SHA1Digest': b'\x01' * 20, 'AnchorTrusted': False}],
                    fmt=plistlib.FMT_BINARY)} for h, (c, _) in when.items()}, f, fmt=fmt)
        r = hs('exception', 'list', '--store', path, '--json')
        got = {e['owner']: (e['created'], e['created_unix'])
               for e in json.loads(r.stdout or b'{"exceptions":[]}')['exceptions']}
        want = {h: (c, (dt(c) - EPOCH).total_seconds()) for h, (c, _) in when.items()}
        check(r.returncode == 0 and got == want,
              'bypass dates, %s: %s, want %s' % (fmt.name, got, want))
    # A date that is not a number reads as unknown, not as a time.
    blob = plistlib.dumps([{'SHA1Digest': b'\x01' * 20, 'AnchorTrusted': False}],
                          fmt=plistlib.FMT_BINARY)
    path = write(os.path.join(work, 'bypass-nan.plist'), dumps(Dict([('x.example443', Dict([
        ('BypassedInvalidCertificateHost', 'x.example'),
        ('BypassedInvalidCertificateDate', Date(float('nan'))),
        ('BypassedInvalidCertificateExceptionData', blob)]))])))
    r = hs('exception', 'list', '--store', path, '--json')
    e = (json.loads(r.stdout or b'{"exceptions":[]}')['exceptions'] or [{}])[0]
    check(r.returncode == 0 and e.get('owner') == 'x.example' and e.get('created') is None and
          e.get('created_unix') is None, 'a NaN date: %s %s' % (e, r.stderr))


def duplicates(work):
    first, last = entry(800000000.0, 850000000.0), entry(800000005.0, 950000000.0, True)
    binary = write(os.path.join(work, 'dup.bplist'), dumps(store([
        ('dup.example', first), ('other.example', entry(800000001.0, 900000001.0)),
        ('dup.example', last)])))
    t = times
    xml = write(os.path.join(work, 'dup.xml'), xml_store([
        ('dup.example', t('<real>800000000</real>', '<real>850000000</real>')),
        ('other.example', t('<real>800000001</real>', '<real>900000001</real>')),
        ('dup.example', [('Create Time', '<real>800000005</real>'),
                         ('Expiry', '<real>950000000</real>'),
                         ('Include Subdomains', '<true/>')])]))
    for path in (binary, xml):
        label = 'a key twice, ' + os.path.basename(path)
        doc = agree(path, label)
        dup = [e for e in (doc or {}).get('entries', []) if e['host'] == 'dup.example']
        check(len(dup) == 1 and dup[0]['expiry_unix'] == 950000000 + CF_EPOCH and
              dup[0]['include_subdomains'], '%s: the last copy is read: %s' % (label, dup))
        removal(path, 'dup.example', label)
        # Removing another host keeps both copies, byte for byte.
        removal(path, 'other.example', label)
        before = open(path, 'rb').read()
        r = hs('--store', path, 'add', 'dup.example', '--max-age', '600')
        check(r.returncode != 0 and b'times (CoreFoundation reads the last)' in r.stderr and
              b'nothing was written' in r.stderr and open(path, 'rb').read() == before,
              '%s: add over a key held twice: %d %s' % (label, r.returncode, r.stderr))


def main():
    HS.append(sys.argv[1])
    work = sys.argv[2]
    os.makedirs(work, exist_ok=True)
    widths(work)
    integers(work)
    dates(work)
    duplicates(work)
    return finish()


if __name__ == '__main__':
    sys.exit(main())
