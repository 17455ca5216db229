"""bplistgen: a small binary-plist encoder for building test fixtures.

It writes exactly the encodings asked for (16-byte integers, 4-byte reals,
UTF-16 strings, orphan objects, duplicate keys) so fixtures can carry what
Apple's CoreFoundation writes and what damaged files hold.  It is test
tooling only; hstsctl never uses it.
"""
import struct


class Int128:
    def __init__(self, v): self.v = v


class Real32:
    def __init__(self, v): self.v = v


class Utf16:
    def __init__(self, s): self.s = s


class Date:
    def __init__(self, v): self.v = v


class Uid:
    def __init__(self, v): self.v = v


class Dict:
    """Ordered key/value pairs; duplicates allowed."""
    def __init__(self, pairs): self.pairs = list(pairs)


class Raw:
    """Bytes written as an object verbatim (for broken markers)."""
    def __init__(self, b): self.b = b


def _count(marker, n):
    if n < 15:
        return bytes([marker | n])
    return bytes([marker | 0xF]) + _int(n)


def _int(v):
    if v < 0:
        return b'\x13' + struct.pack('>q', v)
    for n, fmt in ((0, '>B'), (1, '>H'), (2, '>L'), (3, '>Q')):
        if v < 1 << (8 << n):
            return bytes([0x10 | n]) + struct.pack(fmt, v)
    return b'\x14' + (v >> 64).to_bytes(8, 'big') + (v & (2**64 - 1)).to_bytes(8, 'big')


class Writer:
    def __init__(self, dedup=True):
        self.objs = []        # encoded bodies, refs patched later
        self.index = {}
        self.dedup = dedup

    def key(self, v):
        if isinstance(v, bool):
            return ('b', v)
        if isinstance(v, (int, float, str, bytes)):
            return (type(v).__name__, v)
        return None

    def add(self, v):
        k = self.key(v) if self.dedup else None
        if k is not None and k in self.index:
            return self.index[k]
        idx = len(self.objs)
        self.objs.append(None)
        if k is not None:
            self.index[k] = idx
        self.objs[idx] = self.encode(v)
        return idx

    def encode(self, v):
        if isinstance(v, Raw):
            return v.b
        if v is True:
            return b'\x09'
        if v is False:
            return b'\x08'
        if isinstance(v, Int128):
            return b'\x14' + ((v.v >> 64) & (2**64 - 1)).to_bytes(8, 'big') + (v.v & (2**64 - 1)).to_bytes(8, 'big')
        if isinstance(v, int):
            return _int(v)
        if isinstance(v, Real32):
            return b'\x22' + struct.pack('>f', v.v)
        if isinstance(v, float):
            return b'\x23' + struct.pack('>d', v)
        if isinstance(v, Date):
            return b'\x33' + struct.pack('>d', v.v)
        if isinstance(v, bytes):
            return _count(0x40, len(v)) + v
        if isinstance(v, Utf16):
            b = v.s.encode('utf-16-be', 'surrogatepass')
            return _count(0x60, len(b) // 2) + b
        if isinstance(v, str):
            try:
                b = v.encode('ascii')
                return _count(0x50, len(b)) + b
            except UnicodeEncodeError:
                return self.encode(Utf16(v))
        if isinstance(v, Uid):
            return b'\x80' + bytes([v.v])
        if isinstance(v, list):
            refs = [self.add(x) for x in v]
            return ('array', refs)
        if isinstance(v, dict):
            v = Dict(v.items())
        if isinstance(v, Dict):
            krefs = [self.add(k) for k, _ in v.pairs]
            vrefs = [self.add(x) for _, x in v.pairs]
            return ('dict', krefs + vrefs)
        raise TypeError(type(v))


def dumps(value, orphans=(), ref_size=None, offset_size=None, trailer_patch=None):
    w = Writer()
    w.add(value)
    for o in orphans:
        w.dedup = False
        w.add(o)
    n = len(w.objs)
    rs = ref_size or (1 if n < 256 else 2 if n < 65536 else 4)
    body = bytearray(b'bplist00')
    offsets = []
    for o in w.objs:
        offsets.append(len(body))
        if isinstance(o, tuple):
            kind, refs = o
            cnt = len(refs) // 2 if kind == 'dict' else len(refs)
            body += _count(0xD0 if kind == 'dict' else 0xA0, cnt)
            for r in refs:
                body += r.to_bytes(rs, 'big')
        else:
            body += o
    table = len(body)
    os_ = offset_size or (1 if table < 256 else 2 if table < 65536 else 4)
    for off in offsets:
        body += off.to_bytes(os_, 'big')
    trailer = [0, 0, 0, 0, 0, 0, os_, rs, n, 0, table]
    if trailer_patch:
        trailer_patch(trailer)
    body += struct.pack('>6BBBQQQ', *trailer)
    return bytes(body)
