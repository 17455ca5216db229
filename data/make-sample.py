#!/usr/bin/env python3
"""Generate data/HSTS.plist, the sample store that script/demo lists.

Safari's schema-3 layout (shared/docs/formats-apple.md, sections 1.3 and 6):
top-level version keys and one session dictionary of host -> {Create Time,
Expiry, Include Subdomains, HSTS Host}.  Host names are invented under
reserved names (.example, .test, example.com/.org/.net) so the file holds no
one's browsing history.  Deterministic: the same file every run.

    python3 data/make-sample.py > data/HSTS.plist
"""
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


def main():
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
    sys.stdout.buffer.write(plistlib.dumps(top, fmt=plistlib.FMT_BINARY,
                                           sort_keys=False))


if __name__ == '__main__':
    main()
