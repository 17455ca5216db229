#!/usr/bin/env python3
"""Regenerate the fixtures in tests/data (committed; run by hand).

Valid stores come in binary and XML with the same content; malformed files
each break one rule.  Times are CFAbsoluteTime; the tests fix "now" at Unix
1790000000 (CF 811692800, 2026-09-21).
"""
import math
import os
import struct
import sys
sys.setrecursionlimit(20000)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bplistgen import Dict, Int128, Real32, Utf16, Raw, dumps  # noqa: E402

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data')
INF = math.inf
DEFAULT = 'com.apple.CFNetwork.defaultStorageSession'


def entry(created, expiry, sub=False, hsts_host=True):
    pairs = []
    if created is not None:
        pairs.append(('Create Time', created))
    pairs.append(('Expiry', expiry))
    if sub:
        pairs.append(('Include Subdomains', True))
    if hsts_host:
        pairs.append(('HSTS Host', True))
    return Dict(pairs)


# --- XML writer in Apple's style -------------------------------------------

def xml_value(v, ind, out):
    t = '\t' * ind
    if isinstance(v, Dict) or isinstance(v, dict):
        pairs = v.pairs if isinstance(v, Dict) else list(v.items())
        if not pairs:
            out.append(t + '<dict/>')
            return
        out.append(t + '<dict>')
        for k, x in pairs:
            out.append(t + '\t<key>%s</key>' % esc(k.s if isinstance(k, Utf16) else k))
            xml_value(x, ind + 1, out)
        out.append(t + '</dict>')
    elif isinstance(v, list):
        out.append(t + '<array>')
        for x in v:
            xml_value(x, ind + 1, out)
        out.append(t + '</array>')
    elif v is True:
        out.append(t + '<true/>')
    elif v is False:
        out.append(t + '<false/>')
    elif isinstance(v, Int128):
        out.append(t + '<integer>%d</integer>' % v.v)
    elif isinstance(v, int):
        out.append(t + '<integer>%d</integer>' % v)
    elif isinstance(v, (float, Real32)):
        f = v.v if isinstance(v, Real32) else v
        if f == INF:
            s = '+infinity'
        elif f == -INF:
            s = '-infinity'
        else:
            s = repr(f)
        out.append(t + '<real>%s</real>' % s)
    elif isinstance(v, bytes):
        import base64
        b64 = base64.b64encode(v).decode()
        out.append(t + '<data>')
        for i in range(0, len(b64), 52):
            out.append(t + b64[i:i + 52])
        out.append(t + '</data>')
    elif isinstance(v, (str, Utf16)):
        out.append(t + '<string>%s</string>' % esc(v.s if isinstance(v, Utf16) else v))
    else:
        raise TypeError(type(v))


def esc(s):
    return s.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def to_xml(v):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" '
           '"http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
           '<plist version="1.0">']
    xml_value(v, 0, out)
    out.append('</plist>')
    return ('\n'.join(out) + '\n').encode('utf-8')


def write(name, data):
    with open(os.path.join(HERE, name), 'wb') as f:
        f.write(data)


def both(name, value, **kw):
    write(name + '.bplist', dumps(value, **kw))
    write(name + '.xml', to_xml(value))


# --- valid stores -----------------------------------------------------------

def schema3():
    sess = Dict([
        ('example.test', entry(800000000.25, 830000000.5, sub=True)),
        ('dev.example.test', entry(805000000.0, 836536000.0)),
        ('old.example.test', entry(770000000.0, 800000000.0, sub=True)),
        ('preloaded.example', entry(700000000.0, INF, sub=True)),
        ('chart.apis.example', entry(700000000.0, INF, hsts_host=False)),
        ('shop.example.org', entry(801000000.0, 832536000.0)),
        ('MixedCase.Example.NET', entry(802000000.0, 833536000.0)),
        (Utf16('bücher.example'), entry(803000000.0, 834536000.0, sub=True)),
        ('xn--caf-dma.example', entry(804000000.0, 835536000.0)),
        ('trailing.example.', entry(806000000.0, 837536000.0)),
    ])
    top = Dict([
        ('HSTS Store Schema Version', 3),
        ('HSTS Content Version', 10),
        ('HSTS Preload Entries Signature', '1a10b4aa' * 8),
        (DEFAULT, sess),
    ])
    # Apple leaves unreferenced objects behind (one spare true per bool).
    both('schema3', top, orphans=[True, True, 'orphan'])


def schema2():
    sess = Dict([
        ('HSTS Content Version', 1),
        ('HSTS Store Schema Version', 2),
        ('preloaded-sub.example', -INF),
        ('preloaded.example', INF),
        ('dynamic-sub.example', -830000000.0),
        ('dynamic.example', 831000000.0),
        ('expired.example', 790000000.0),
    ])
    both('schema2', Dict([(DEFAULT, sess),
                          ('hstsd Disk Storage Schema Version', 1)]))


def int128():
    sess = Dict([
        ('big.example', entry(466237831, Int128(2**63), sub=True)),
        ('plain.example', entry(466237831, Int128(2**63))),
        ('int-expiry.example', entry(800000000, 830000000)),
    ])
    both('int128', Dict([('HSTS Store Schema Version', 3),
                         ('HSTS Content Version', 7), (DEFAULT, sess)]))


def sessions():
    top = Dict([
        ('HSTS Store Schema Version', 3),
        ('HSTS Content Version', 10),
        ('HSTS Preload Entries Signature', '0'),
        (DEFAULT, Dict([('a.example', entry(800000000.0, 830000000.0)),
                        ('shared.example', entry(700000000.0, INF, sub=True))])),
        ('com.apple.Safari.SafeBrowsing',
         Dict([('shared.example', entry(700000000.0, INF, sub=True))])),
        ('com.apple.Safari.2.PrivateBrowsing.0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0',
         Dict([('b.example', entry(700000000.0, INF))])),
    ])
    both('sessions', top)


def real32():
    # libplist writes +infinity and whole reals as 4-byte floats.
    sess = Dict([('f32.example', entry(Real32(8388608.0), Real32(INF), sub=True))])
    both('real32', Dict([('HSTS Store Schema Version', 3), (DEFAULT, sess)]))


def unknown_schema():
    sess = Dict([('future.example', entry(800000000.0, 830000000.0)),
                 ('weird.example', 'not an entry')])
    both('schema9', Dict([('HSTS Store Schema Version', 9), (DEFAULT, sess)]))


def empty_session():
    both('empty', Dict([('HSTS Store Schema Version', 3),
                        ('HSTS Content Version', 0), (DEFAULT, Dict([]))]))


# --- malformed files --------------------------------------------------------

def bad(name, data):
    write('malformed/' + name, data)


def patch(i, v):
    def f(t):
        t[i] = v
    return f


def malformed():
    good = dumps(Dict([('HSTS Store Schema Version', 3),
                       (DEFAULT, Dict([('a.example', entry(1.0, 2.0))]))]))
    bad('truncated-half.bplist', good[:len(good) // 2])
    bad('truncated-trailer.bplist', good[:-5])
    bad('too-short.bplist', b'bplist00\x08')
    bad('version01.bplist', b'bplist01' + good[8:])
    bad('offset-size-3.bplist', dumps(True, trailer_patch=patch(6, 3)))
    bad('ref-size-0.bplist', dumps([True], trailer_patch=patch(7, 0)))
    bad('zero-objects.bplist', dumps(True, trailer_patch=patch(8, 0)))
    bad('top-out-of-range.bplist', dumps(True, trailer_patch=patch(9, 7)))
    bad('table-past-end.bplist', dumps(True, trailer_patch=patch(10, 4000)))
    bad('trailing-bytes.bplist', good[:-32] + b'\0\0' + good[-32:])
    # offset of object 0 points into the offset table
    b = bytearray(dumps([True]))
    table = struct.unpack('>Q', b[-8:])[0]
    b[table] = table & 0xff
    bad('offset-into-table.bplist', bytes(b))
    bad('ref-out-of-range.bplist', dumps([Raw(b'\xa1\x09')]))
    # an array holding itself: object 0 = [ref 0]
    bad('cycle-self.bplist', dumps(Raw(b'\xa1\x00')))
    # two arrays holding each other
    bad('cycle-mutual.bplist', dumps([Raw(b'\xa1\x00')]))
    deep = True
    for _ in range(600):
        deep = [deep]
    bad('deep-600.bplist', dumps(deep))
    bad('not-string-key.bplist', dumps(Dict([(7, True)])))
    # Equal keys are not malformed: CoreFoundation keeps the last
    # (tests/cfcheck.py).
    bad('lone-surrogate.bplist', dumps(Dict([(Utf16('\udc00x'), 1)])))
    bad('int-32-bytes.bplist', dumps([Raw(b'\x15' + b'\0' * 32)]))
    bad('int-3-bytes.bplist', dumps([Raw(b'\x1f')]))
    bad('null-object.bplist', dumps([Raw(b'\x00')]))
    bad('huge-length.bplist', dumps([Raw(b'\x5f\x13\x40\x00\x00\x00\x00\x00\x00\x00abc')]))
    bad('uid-5-bytes.bplist', dumps([Raw(b'\x84\x01\x02\x03\x04\x05')]))
    # 40 arrays each referring twice to the next: 2^40 nodes when expanded
    objs = []
    n = 40
    for i in range(n):
        objs.append(bytes([0xA2, i + 1, i + 1]))
    objs.append(b'\x09')
    bad('reference-bomb.bplist', raw_bplist(objs, 1))
    bad('root-array.bplist', dumps([1, 2, 3]))
    bad('no-session.bplist', dumps(Dict([('HSTS Store Schema Version', 3)])))
    bad('empty.plist', b'')
    bad('garbage.plist', b'\x89PNG\r\n\x1a\n' + bytes(range(64)))
    bad('text.plist', b'host example.com expires never\n')
    xhead = ('<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n')
    bad('html.xml', b'<html><body>not a plist</body></html>\n')
    bad('unclosed.xml', (xhead + '<dict>\n\t<key>a</key>\n\t<dict>\n').encode())
    bad('bad-integer.xml', (xhead + '<dict><key>HSTS Store Schema Version</key><integer>0x3g</integer></dict></plist>\n').encode())
    bad('bad-real.xml', (xhead + '<dict><key>%s</key><dict><key>a.example</key><dict><key>Expiry</key><real>soon</real></dict></dict></dict></plist>\n' % DEFAULT).encode())
    bad('bad-date.xml', (xhead + '<dict><key>d</key><date>2026-13-01T00:00:00Z</date></dict></plist>\n').encode())
    bad('bad-base64.xml', (xhead + '<dict><key>d</key><data>AAA*AAA=</data></dict></plist>\n').encode())
    bad('entity.xml', b'<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY e "x">]>\n<plist><dict><key>&e;</key><true/></dict></plist>\n')
    bad('external-entity.xml', b'<?xml version="1.0"?>\n<!DOCTYPE plist [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<plist><dict><key>k</key><string>&e;</string></dict></plist>\n')
    lol = '<?xml version="1.0"?>\n<!DOCTYPE plist [\n<!ENTITY a "aaaaaaaaaa">\n'
    prev = 'a'
    for i in range(1, 10):
        cur = 'l%d' % i
        lol += '<!ENTITY %s "%s">\n' % (cur, ('&%s;' % prev) * 10)
        prev = cur
    lol += ']>\n<plist><dict><key>k</key><string>&%s;</string></dict></plist>\n' % prev
    bad('billion-laughs.xml', lol.encode())
    bad('key-without-value.xml', (xhead + '<dict><key>a</key></dict></plist>\n').encode())
    bad('unknown-element.xml', (xhead + '<dict><key>a</key><float>1</float></dict></plist>\n').encode())
    bad('deep-600.xml', (xhead + '<array>' * 600 + '</array>' * 600 + '</plist>\n').encode())
    bad('two-roots.xml', (xhead + '<dict/><dict/></plist>\n').encode())
    # issue 16: no 29 February in 2023; a version key of the wrong type
    bad('feb-29.xml', (xhead + '<dict><key>d</key><date>2023-02-29T00:00:00Z</date></dict></plist>\n').encode())
    bad('schema-real.xml', (xhead + '<dict><key>HSTS Store Schema Version</key><real>3.5</real><key>%s</key><dict/></dict></plist>\n' % DEFAULT).encode())
    bad('schema-string.bplist', dumps(Dict([('HSTS Store Schema Version', '3'),
                                            (DEFAULT, Dict([('a.example', entry(1.0, 2.0))]))])))
    bad('attribute-on-value.xml', (xhead + '<dict><key>a</key><string id="1">x</string></dict></plist>\n').encode())
    # one start tag longer than the parser may hold (libxml2 compares a
    # tag's attributes pairwise: 300,000 of them took 80 s)
    bad('attributes-10000.xml', (xhead + '<dict ' + ' '.join('a%d="x"' % i for i in range(10000)) +
                                '/></plist>\n').encode())
    bad('ascii-high-byte.bplist', dumps(Dict([(DEFAULT, Dict([(Raw(b'\x5ccaf\xe9.example'), entry(1.0, 2.0))]))])))
    bad('content-negative.bplist', dumps(Dict([('HSTS Content Version', -1),
                                               (DEFAULT, Dict([('a.example', entry(1.0, 2.0))]))])))
    hostile(good, xhead)


def raw_bplist(objs, size):
    """Objects given as encoded bytes, with size-byte offsets and refs."""
    body = bytearray(b'bplist00')
    offs = []
    for o in objs:
        offs.append(len(body))
        body += o
    table = len(body)
    for o in offs:
        body += o.to_bytes(size, 'big')
    body += struct.pack('>6BBBQQQ', 0, 0, 0, 0, 0, 0, size, size,
                        len(objs), 0, table)
    return bytes(body)


def hostile(good, xhead):
    """Issue 6's list: each must give one clear error, fast, small."""
    table = struct.unpack('>Q', good[-8:])[0]
    # truncation at every section
    bad('cut-in-magic.bplist', good[:5])
    bad('cut-after-header.bplist', good[:8])
    bad('cut-in-objects.bplist', good[:20])
    bad('cut-at-offset-table.bplist', good[:table])
    bad('cut-in-offset-table.bplist', good[:table + 2])
    bad('cut-last-byte.bplist', good[:-1])
    # offsets past the end, offset table overlapping the objects
    b = bytearray(dumps([True]))
    t = struct.unpack('>Q', b[-8:])[0]
    b[t + 1] = 0xfe
    bad('offset-past-end.bplist', bytes(b))
    bad('table-overlaps-objects.bplist', dumps(Dict([('k', 'value')]),
        trailer_patch=patch(10, 9)))
    # counts and positions near 2^64
    bad('objects-2-64-minus-1.bplist', dumps(True, trailer_patch=patch(8, 2**64 - 1)))
    bad('objects-2-61.bplist', dumps(True, trailer_patch=patch(8, 2**61)))
    bad('top-2-64-minus-1.bplist', dumps(True, trailer_patch=patch(9, 2**64 - 1)))
    bad('table-at-2-64-minus-1.bplist', dumps(True, trailer_patch=patch(10, 2**64 - 1)))
    # widths of 5 and 16 bytes in the trailer
    bad('ref-size-5.bplist', dumps([True], trailer_patch=patch(7, 5)))
    bad('offset-size-16.bplist', dumps(True, trailer_patch=patch(6, 16)))
    # 1 GB length fields: string, UTF-16, data, array, dictionary
    gb = b'\x12\x40\x00\x00\x00'
    for name, marker in (('string', 0x5f), ('utf16', 0x6f), ('data', 0x4f),
                         ('array', 0xaf), ('dict', 0xdf)):
        bad('%s-1gb.bplist' % name, dumps([Raw(bytes([marker]) + gb + b'ab')]))
    # 100,000-deep nesting, and a container whose key is a container
    n = 100000
    objs = [bytes([0xa1]) + (i + 1).to_bytes(4, 'big') for i in range(n)]
    bad('deep-100000.bplist', raw_bplist(objs + [b'\x09'], 4))
    bad('deep-100000.xml', (xhead + '<array>' * n + '</array>' * n +
                            '</plist>\n').encode())
    bad('dict-key-is-dict.bplist', dumps(Dict([(Dict([('a', 1)]), True)])))
    # UTF-16: a low surrogate first, a high one at the end
    bad('surrogates-reversed.bplist', dumps(Dict([(Utf16('\udc00\ud800'), 1)])))
    bad('surrogate-at-end.bplist', dumps(Dict([(Utf16('ab\ud800'), 1)])))
    # XML: an external DTD and a parameter entity (never fetched), bad
    # UTF-8, a NUL, an integer past 64 bits
    bad('external-dtd.xml', b'<?xml version="1.0"?>\n<!DOCTYPE plist SYSTEM '
        b'"http://127.0.0.1:9/plist.dtd">\n<plist><dict><key>k</key>'
        b'<string>&ext;</string></dict></plist>\n')
    bad('parameter-entity.xml', b'<?xml version="1.0"?>\n<!DOCTYPE plist [\n'
        b'<!ENTITY % p SYSTEM "file:///etc/passwd">\n%p;\n]>\n'
        b'<plist><dict/></plist>\n')
    bad('bad-utf8.xml', (xhead + '<dict><key>').encode() + b'\xff\xfe' +
        b'</key><true/></dict></plist>\n')
    bad('nul-byte.xml', (xhead + '<dict><key>a').encode() + b'\0' +
        b'</key><true/></dict></plist>\n')
    bad('integer-overflow.xml', (xhead + '<dict><key>HSTS Store Schema '
        'Version</key><integer>99999999999999999999999</integer></dict>'
        '</plist>\n').encode())


def bad_blobs():
    """Trust-exception blobs that are not in Apple's shape."""
    sha = bytes(range(20))
    leaf = Dict([('SHA1Digest', sha), ('SSLHostname', False)])
    cases = {
        'root-dict': Dict([('SHA1Digest', sha)]),
        'root-string': 'not a blob',
        'empty-array': [],
        'element-string': ['x'],
        'element-integer': [leaf, 5],
        'sha1-19-bytes': [Dict([('SHA1Digest', sha[:19]), ('SSLHostname', False)])],
        'sha1-string': [Dict([('SHA1Digest', sha.hex()), ('SSLHostname', False)])],
        'leaf-without-sha1': [Dict([('SSLHostname', False)]), Dict([('SHA1Digest', sha)])],
        'interior-without-sha1': [leaf, Dict([('AnchorTrusted', False)])],
        'reset-negative': [Dict([('SHA1Digest', sha), ('ExceptionResetCount', -1)])],
        'reset-string': [Dict([('SHA1Digest', sha), ('ExceptionResetCount', '2')])],
        'reset-not-on-leaf': [leaf, Dict([('SHA1Digest', sha), ('ExceptionResetCount', 2)])],
        'status-not-array': [Dict([('SHA1Digest', sha), ('StatusCodes', 7)])],
        'status-string-code': [Dict([('SHA1Digest', sha), ('StatusCodes', [1, 'x'])])],
        'check-is-dict': [Dict([('SHA1Digest', sha), ('SSLHostname', Dict([('a', [1, 2])]))])],
        'check-is-array': [Dict([('SHA1Digest', sha), ('AnchorTrusted', [[[[False]]]])])],
        'check-is-data': [Dict([('SHA1Digest', sha), ('TemporalValidity', b'\0')])],
    }
    for name, v in cases.items():
        write('exceptions/%s.bin' % name, dumps(v))
    # Valid blobs for the unit tests (fake SHA-1s; real ones are made by
    # tests/exceptioncheck.py from certificates at test time).
    root = bytes(range(100, 120))
    write('blobs/three.bplist', dumps([leaf, Dict([]), Dict([
        ('SHA1Digest', root), ('AnchorTrusted', False), ('Revocation', 1)])]))
    write('blobs/legacy.xml', to_xml([Dict([
        ('StatusCodes', [-2147409622, 3]), ('SHA1Digest', sha)])]))
    write('exceptions/garbage.bin', b'\x30\x82\x01\x0a' + bytes(range(40)))
    write('exceptions/truncated.bin', dumps([leaf])[:-9])
    write('exceptions/bad-hex.txt', b'62706c6973743030zz\n')
    write('exceptions/bad-base64.txt', b'YnBsaXN0MDA*\n')


def main():
    os.makedirs(os.path.join(HERE, 'malformed'), exist_ok=True)
    os.makedirs(os.path.join(HERE, 'exceptions'), exist_ok=True)
    os.makedirs(os.path.join(HERE, 'blobs'), exist_ok=True)
    bad_blobs()
    schema3()
    schema2()
    int128()
    sessions()
    real32()
    unknown_schema()
    empty_session()
    malformed()


if __name__ == '__main__':
    main()
