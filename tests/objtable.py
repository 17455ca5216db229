"""objtable: an independent reader of bplist00 object tables, for tests.

It knows nothing of hstsctl's code.  It lists each object's raw bytes and
references so a test can check that an edit copied untouched objects byte
for byte, and that a file obeys CoreFoundation's strict reader.
"""
import struct


class Table:
    def __init__(self, data):
        assert data[:8] == b'bplist00', 'bad header'
        self.data = data
        (self.offw, self.refw, self.n, self.top, self.table) = struct.unpack(
            '>6xBBQQQ', data[-32:])
        self.offsets = [int.from_bytes(data[self.table + i * self.offw:
                                            self.table + (i + 1) * self.offw], 'big')
                        for i in range(self.n)]

    def _count(self, off):
        m = self.data[off]
        n = m & 0x0f
        if n != 0x0f:
            return n, off + 1
        w = 1 << (self.data[off + 1] & 0x0f)
        return int.from_bytes(self.data[off + 2:off + 2 + w], 'big'), off + 2 + w

    def obj(self, i):
        """(kind, raw bytes, refs): kind is 'array', 'dict' or 'scalar'."""
        off = self.offsets[i]
        m = self.data[off]
        hi = m >> 4
        if hi in (0xA, 0xC, 0xD):
            cnt, p = self._count(off)
            nrefs = cnt * 2 if hi == 0xD else cnt
            refs = [int.from_bytes(self.data[p + k * self.refw:p + (k + 1) * self.refw], 'big')
                    for k in range(nrefs)]
            return ('dict' if hi == 0xD else 'array', self.data[off:p], refs)
        if hi == 0:
            size = 1
        elif hi in (1, 2, 3):
            size = 1 + (1 << (m & 0x0f))
        elif hi == 8:
            size = 2 + (m & 0x0f)
        else:
            cnt, p = self._count(off)
            size = p - off + cnt * (2 if hi == 6 else 1)
        return ('scalar', self.data[off:off + size], [])

    def key_text(self, i):
        kind, raw, _ = self.obj(i)
        m = raw[0]
        cnt, p = self._count(self.offsets[i])
        body = self.data[p:p + cnt * (2 if m >> 4 == 6 else 1)]
        return body.decode('utf-16-be' if m >> 4 == 6 else 'latin-1')

    def reachable(self):
        seen, stack = set(), [self.top]
        while stack:
            i = stack.pop()
            if i in seen:
                continue
            seen.add(i)
            stack.extend(self.obj(i)[2])
        return seen


def width(v):
    return 1 if v < 1 << 8 else 2 if v < 1 << 16 else 4 if v < 1 << 32 else 8


def cf_strict(data):
    """Problems CoreFoundation's writer would never produce, or its reader
    would reject; [] when there are none."""
    t = Table(data)
    bad = []
    if len(data) != t.table + t.n * t.offw + 32:
        bad.append('file length is not table + offsets + trailer')
    if any(o >= t.table or o < 8 for o in t.offsets):
        bad.append('an offset points outside the object area')
    if t.refw != width(t.n):
        bad.append('reference width %d is not minimal for %d objects' % (t.refw, t.n))
    if t.offw != width(t.table):
        bad.append('offset width %d is not minimal' % t.offw)
    if len(t.reachable()) != t.n:
        bad.append('%d objects are unreachable' % (t.n - len(t.reachable())))
    return bad


def same_objects(old, new, path_old=None, path_new=None, skip=None):
    """Walk both graphs from the top in parallel; every scalar must have the
    same bytes and every container the same kind.  skip(kind_path, key)
    says which dictionary keys of the old file were removed on purpose.
    Returns a list of differences."""
    diffs = []
    stack = [(old.top, new.top, ())]
    while stack:
        a, b, where = stack.pop()
        ka, ra, refa = old.obj(a)
        kb, rb, refb = new.obj(b)
        if ka != kb:
            diffs.append('%s: kind %s became %s' % ('/'.join(where), ka, kb))
            continue
        if ka == 'scalar':
            if ra != rb:
                diffs.append('%s: bytes %s became %s' % ('/'.join(where), ra.hex(), rb.hex()))
            continue
        if ka == 'array':
            if len(refa) != len(refb):
                diffs.append('%s: array length changed' % '/'.join(where))
                continue
            for i, (x, y) in enumerate(zip(refa, refb)):
                stack.append((x, y, where + (str(i),)))
            continue
        na, nb = len(refa) // 2, len(refb) // 2
        keys_a = [(old.key_text(refa[i]), refa[i], refa[na + i]) for i in range(na)]
        keys_b = [(new.key_text(refb[i]), refb[i], refb[nb + i]) for i in range(nb)]
        kept = [k for k in keys_a if not (skip and skip(where, k[0]))]
        if [k[0] for k in kept] != [k[0] for k in keys_b]:
            diffs.append('%s: keys differ' % '/'.join(where))
            continue
        for (name, ka_, va), (_, kb_, vb) in zip(kept, keys_b):
            stack.append((ka_, kb_, where + (name + '#key',)))
            stack.append((va, vb, where + (name,)))
    return diffs
