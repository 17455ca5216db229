"""checklib: the pass/fail tally the Python test scripts share.

check(ok, msg) counts a pass or prints and keeps a failure; finish()
prints the closing "N passed, N failed" line and returns the exit code.
"""
FAILS = []
PASSES = [0]


def check(ok, msg):
    if ok:
        PASSES[0] += 1
    else:
        FAILS.append(msg)
        print('FAIL: ' + msg)


def finish():
    print('%d passed, %d failed' % (PASSES[0], len(FAILS)))
    return 1 if FAILS else 0


def printed(out, after):
    """The command hstsctl printed, indented, on the line after `after`."""
    lines = out.splitlines()
    for i, line in enumerate(lines[:-1]):
        if line.strip() == after.strip():
            return lines[i + 1].strip()
    return ''


def run_printed(hstsctl, cmd):
    """Run a command hstsctl printed through the shell, as a user pastes it,
    with the hstsctl under test (a binary, or the valgrind wrapper) first
    on PATH under its own name."""
    import os
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as bindir:
        os.symlink(os.path.abspath(hstsctl), os.path.join(bindir, 'hstsctl'))
        env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get('PATH', ''))
        return subprocess.run(['sh', '-c', cmd], capture_output=True, env=env)
