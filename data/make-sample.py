#!/usr/bin/env python3
"""Generate data/HSTS.plist, the sample store, and data/home, a Mac-shaped
home that script/demo and the README use.

Safari's schema-3 layout (shared/docs/formats-apple.md, sections 1.3 and 6):
top-level version keys and one session dictionary of host -> {Create Time,
Expiry, Include Subdomains, HSTS Host}.  Host names are invented under
reserved names (.example, .test, example.com/.org/.net) so the file holds no
one's browsing history.  Deterministic: the same file every run.

    python3 data/make-sample.py > data/HSTS.plist
    python3 data/make-sample.py --home data/home

The home holds the stores of a current Mac (doc/formats.md section 7):
Safari's (a copy of data/HSTS.plist), a Safari profile's (XML), CFNetwork's shared
store and Microsoft Word's own (the 2014 layout), dev.example.test in
three of them.
"""
import os
import hashlib
import math
import plistlib
import random
import sys

CF_EPOCH = 978307200          # Unix time of 2001-01-01T00:00:00Z

WORDS = """alpha amber apex arc atlas aurora beacon birch bolt breeze cedar
citadel cloud cobalt comet coral crest delta dune echo ember falcon fern
fjord flint forge frost galaxy garnet glacier granite harbor hazel helix
horizon indigo iris ivory jade juniper kestrel lagoon lantern lark lumen
lunar maple marble meadow meridian mesa mint nebula nimbus north oak oasis
onyx orbit orchid pebble pine pixel prairie prism quartz quill raven reef
ridge river saffron sage sequoia shore sierra slate solstice spruce summit
tide timber topaz tundra vale vertex willow zenith""".split()

SUFFIXES = ['example', 'example.com', 'example.org', 'example.net', 'test']
SERVICES = ['www', 'mail', 'accounts', 'login', 'api', 'cdn', 'static',
            'docs', 'shop', 'status']


def cf(unix):
    return float(unix - CF_EPOCH)


def entry(created, expiry, sub):
    e = {'Create Time': created, 'Expiry': expiry}
    if sub:
        e['Include Subdomains'] = True
    e['HSTS Host'] = True
    return e


def sample():
    rnd = random.Random(20261122)
    merged = cf(1735689600) + 0.123456       # preload list merged 2025-01-01
    session = {}
    names = set()
    while len(names) < 420:                  # preloaded entries
        a, b = rnd.sample(WORDS, 2)
        host = '%s-%s.%s' % (a, b, rnd.choice(SUFFIXES))
        if rnd.random() < 0.3:
            host = rnd.choice(SERVICES) + '.' + host
        names.add(host)
    for host in sorted(names, key=lambda h: rnd.random()):
        session[host] = entry(merged, math.inf, rnd.random() < 0.7)
    # Dynamic entries: seen from 2025-06 to 2026-11, max-age 6 months to
    # 2 years; some have expired.
    for i in range(90):
        a = rnd.choice(WORDS)
        host = '%s%d.%s' % (a, i, rnd.choice(SUFFIXES))
        seen = 1748736000 + rnd.randrange(0, 530 * 86400) + rnd.random()
        age = rnd.choice([15552000, 31536000, 31536000, 63072000])
        session[host] = entry(cf(seen), cf(seen + age), rnd.random() < 0.4)
    # The story in the README: example.test sent includeSubDomains, and
    # dev.example.test has an entry of its own.
    session['example.test'] = entry(cf(1767225600.5), cf(1767225600.5 + 31536000), True)
    session['dev.example.test'] = entry(cf(1775001600.25), cf(1775001600.25 + 31536000), False)
    top = {
        'HSTS Store Schema Version': 3,
        'HSTS Content Version': 10,
        'HSTS Preload Entries Signature':
            hashlib.sha256(b'hstsctl sample preload list').hexdigest(),
        'com.apple.CFNetwork.defaultStorageSession': session,
    }
    return plistlib.dumps(top, fmt=plistlib.FMT_BINARY, sort_keys=False)


VERSIONS = {'HSTS Store Schema Version': 3, 'HSTS Content Version': 10}
PROFILE = '4E0A7C1D-2B3F-4A5E-9C8D-7F6E5D4C3B2A'
PLACES = {
    'safari': 'Library/Containers/com.apple.Safari/Data/Library/Caches/'
              'WebKit/HSTS/HSTS.plist',
    'profile': 'Library/Containers/com.apple.Safari/Data/Library/WebKit/'
               'WebsiteDataStore/' + PROFILE + '/HSTS/HSTS.plist',
    'shared': 'Library/Cookies/HSTS.plist',
    'word': 'Library/Containers/com.microsoft.Word/Data/Library/Caches/'
            'com.microsoft.Word/HSTS.plist',
}


def home(root):
    seen = cf(1777593600.5)                     # 2026-05-01
    year = 31536000
    stores = {
        # The sample store as committed (plistlib's bytes vary by version).
        'safari': open(os.path.join(os.path.dirname(os.path.abspath(
            __file__)), 'HSTS.plist'), 'rb').read(),
        'profile': plistlib.dumps(dict(VERSIONS, **{
            'com.apple.CFNetwork.defaultStorageSession': {
                'dev.example.test': entry(seen, seen + year, False),
                'docs.example.org': entry(seen, seen + year / 2, True)}}),
            fmt=plistlib.FMT_XML, sort_keys=False),
        'shared': plistlib.dumps(dict(VERSIONS, **{
            'com.apple.CFNetwork.defaultStorageSession': {
                'dev.example.test': entry(seen, seen + year, False),
                'updates.example.com': entry(seen, seen + 2 * year, True)}}),
            fmt=plistlib.FMT_BINARY, sort_keys=False),
        'word': plistlib.dumps({'com.apple.CFNetwork.defaultStorageSession': {
            'HSTS Store Schema Version': 2, 'HSTS Content Version': 1,
            'office.example.net': -(seen + year)}},
            fmt=plistlib.FMT_BINARY, sort_keys=False),
    }
    for name, data in stores.items():
        path = os.path.join(root, PLACES[name])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)


def main():
    if sys.argv[1:2] == ['--home']:
        home(sys.argv[2])
    else:
        sys.stdout.buffer.write(sample())


if __name__ == '__main__':
    main()
