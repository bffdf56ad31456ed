#!/usr/bin/python3
# stall-profile.py — what the main thread was doing during the window's stalls
#
# Copyright 2026 The Tongxing authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# bench-gui with BENCH_VERBOSE=1 says when each keystroke's longest stall
# was, in CLOCK_MONOTONIC microseconds. Run it under
#
#   perf record -k CLOCK_MONOTONIC -F 2000 --call-graph dwarf,16384 -o perf.data \
#     bench-gui --db DB --children N 2> stalls.txt
#   perf script -i perf.data -F tid,pid,time,ip,sym,dso > perf.txt
#   tests/bench/stall-profile.py stalls.txt perf.txt [MIN_MS]
#
# and this prints, for each stall of at least MIN_MS (default 20), the
# samples of each thread in it: the functions it was in, inclusive (any
# frame of the stack), and the functions it was in last (self). The
# calendar's days are listed the same way, from the day asked for to the
# frame that shows it.
import collections
import re
import sys

stall_re = re.compile(r'“(.*?)”: (\d+) rows, stall ([\d.]+) ms \(monotonic (\d+) to (\d+) µs\)')


def read_stalls(path, min_ms):
    stalls = []
    for line in open(path, encoding='utf-8'):
        m = stall_re.search(line)
        if m and float(m.group(3)) >= min_ms:
            stalls.append((m.group(1), int(m.group(2)), float(m.group(3)),
                           int(m.group(4)) / 1e6, int(m.group(5)) / 1e6))
    return stalls


def read_samples(path):
    """Yields (pid, tid, time, [frames]) from perf script output"""
    head_re = re.compile(r'^\s*(\d+)/(\d+)\s+([\d.]+):')
    sample = None
    for line in open(path, encoding='utf-8', errors='replace'):
        if not line.strip():
            if sample:
                yield sample
            sample = None
            continue
        m = head_re.match(line)
        if m:
            if sample:
                yield sample
            sample = (int(m.group(1)), int(m.group(2)), float(m.group(3)), [])
            continue
        if sample:
            parts = line.split(None, 1)
            if len(parts) == 2:
                sym = parts[1].rsplit(' (', 1)
                name = sym[0].split('+0x')[0].strip()
                dso = sym[1].rstrip(')\n').rsplit('/', 1)[-1] if len(sym) == 2 else ''
                sample[3].append(f'{name} [{dso}]')
    if sample:
        yield sample


def main():
    stalls = read_stalls(sys.argv[1], float(sys.argv[3]) if len(sys.argv) > 3 else 20)
    samples = list(read_samples(sys.argv[2]))
    for text, rows, ms, start, end in stalls:
        for thread in ('main', 'other'):
            inside = [s for s in samples if start <= s[2] <= end and (s[0] == s[1]) == (thread == 'main')]
            print(f'\n“{text}” → {rows} rows: stall {ms:.1f} ms, {len(inside)} {thread}-thread samples')
            if inside:
                summarize(inside)


def summarize(inside):
    inclusive = collections.Counter()
    selfs = collections.Counter()
    for _, _, _, frames in inside:
        selfs[frames[0] if frames else '?'] += 1
        for f in set(frames):
            inclusive[f] += 1
    print('  inclusive:')
    for f, n in inclusive.most_common(40):
        print(f'    {100 * n / len(inside):5.1f}%  {f}')
    print('  self:')
    for f, n in selfs.most_common(12):
        print(f'    {100 * n / len(inside):5.1f}%  {f}')


if __name__ == '__main__':
    main()
