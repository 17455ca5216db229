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
