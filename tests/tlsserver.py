#!/usr/bin/env python3
"""A TLS server on 127.0.0.1 for hstsctl's tests.

usage: tlsserver.py CHAIN.pem KEY.pem PORTFILE [HEADER ...]

Serves the certificates in CHAIN.pem (leaf first; leave out intermediates
to test a missing one) on a port the kernel picks, written to PORTFILE.
Each request gets "HTTP/1.1 200 OK" and the HEADER lines given ("Name:
value"; repeat a name to send it twice; the four characters \\x00 send a
NUL byte).  It stops by itself after 300
seconds, or when killed.  Nothing leaves the machine.
"""
import os
import socket
import ssl
import sys
import threading
import time


def serve(conn, ctx, headers):
    try:
        with ctx.wrap_socket(conn, server_side=True) as s:
            s.settimeout(10)
            data = b''
            while b'\r\n\r\n' not in data and len(data) < 65536:
                chunk = s.recv(4096)
                if not chunk:
                    return
                data += chunk
            reply = 'HTTP/1.1 200 OK\r\n' + ''.join(h + '\r\n' for h in headers) + \
                'Content-Length: 0\r\nConnection: close\r\n\r\n'
            # "\\x00" in a header stands for a NUL byte (argv cannot hold one).
            reply = reply.encode().replace(b'\\x00', b'\x00')
            # TLSSERVER_DRIBBLE=SECONDS: one byte of the reply at a time.
            pause = float(os.environ.get('TLSSERVER_DRIBBLE', '0'))
            if pause == 0:
                s.sendall(reply)
            for i in range(len(reply) if pause else 0):
                s.sendall(reply[i:i + 1])
                time.sleep(pause)
    except (ssl.SSLError, OSError):
        pass


def main():
    chain, key, portfile, headers = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain, key)
    ctx.set_alpn_protocols(['http/1.1'])
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(('127.0.0.1', 0))
    ls.listen(128)
    ls.settimeout(1)
    with open(portfile + '.tmp', 'w') as f:
        f.write(str(ls.getsockname()[1]))
    import os
    # TLSSERVER_WORKERS processes share the socket (for benchmarks).
    for _ in range(int(os.environ.get('TLSSERVER_WORKERS', '1')) - 1):
        if os.fork() == 0:
            break
    else:
        os.rename(portfile + '.tmp', portfile)
    deadline = time.time() + 300
    parent = os.getppid()
    while time.time() < deadline and os.getppid() == parent:
        try:
            conn, _ = ls.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn, ctx, headers), daemon=True).start()


if __name__ == '__main__':
    main()
