#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write the seed corpora in corpus/<target>/ (small valid and invalid inputs).

The files are committed; rerun this after changing it: python3 gen_corpus.py
Inputs of targets that take a binary prefix (sizes, selectors) are built here to
match the layout each fuzz_*.c documents.
"""
import os
import shutil
import struct

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, "..", "fixtures")


def u16(v):
    return struct.pack("<H", v)


def u64(v):
    return struct.pack("<Q", v & (2**64 - 1))


def fixture(rel, limit=700):
    with open(os.path.join(FIX, rel), "rb") as f:
        data = f.read()
    if len(data) > limit:  # keep seeds small: whole lines only
        data = data[: data.rfind(b"\n", 0, limit) + 1]
    return data


def target_cmd():
    lines = [b"__sys_socket", b"-tcp_v4_connect", b"syscall:socket", b"-syscall:openat",
             b"  foo.isra.0  \n", b"# comment", b"", b"   \t", b"tcp_v4_connect+4",
             b"foo bar", b"1abc", b"-", b"syscall:", b"foo\0bar", b"a" * 80, b"\xff\xfe"]
    out = {}
    for i, line in enumerate(lines):
        how = [1, 0, 2, 3][i % 4]
        out["seed%02d" % i] = bytes([how]) + u16(20 if how == 0 else 300) + line
    return out


def filter_():
    vals = [b"pid=1234 log_errors=1", b"pid=1,2,3 tgid=7 comm=sockloop,curl",
            b"log_min_ns=1000", b"clear", b"clear pid=5", b"comm=a=b",
            b"comm=0123456789abcdef", b"pid=1,2,3,4,5,6,7,8,9", b"pid=2147483648",
            b"pid=1 pid=2", b"colour=red", b"pid", b"=1", b"log_errors=2",
            b"", b"  \n", b"comm=,x", b"log_min_ns=18446744073709551616",
            b"pid=1\ttgid=2\ncomm=x\r\n",
            b"comm=\0", b"comm=0Zx\0\0@`\0\0"]  # a NUL in a comm: rejected
    return {"seed%02d" % i: v for i, v in enumerate(vals)}


def escape():
    srcs = [b"sockloop", b"a b\tc\nd", b"a=b,c\\d", b"\x00\x01\x7f\x80\xff",
            b"kworker/0:1", b"", b"x" * 40]
    out = {}
    for i, s in enumerate(srcs):
        for j, (how, size) in enumerate([(0, 64), (1, 5), (2, 0), (3, 1)]):
            if (i + j) % 2 and j:
                continue
            out["seed%02d_%d" % (i, j)] = bytes([how]) + u16(size) + s
    return out


def syscall_args():
    # mode, 6 decoders, nargs, buffer size, str_len, 6 arguments, string, metadata line
    cases = [
        (0x2, [0] * 6, 4, 200, 11, [2**64 - 100, 0x7ffc1000, 0o2000000, 0o644, 0, 0],
         b"/etc/passwd", b"openat dfd:int;filename:const char *;flags:int;mode:umode_t;"),
        (0x2, [0] * 6, 6, 40, -1, [0, 4096, 3, 0x22, 2**64 - 1, 0], b"",
         b"mmap addr:unsigned long;len:unsigned long;prot:unsigned long;"
         b"flags:unsigned long;fd:unsigned long;off:unsigned long;"),
        (0x2, [0] * 6, 3, 64, -1, [10, 0x80801, 6, 0, 0, 0], b"",
         b"socket family:int;type:int;protocol:int;"),
        (0x2, [0] * 6, 6, 100, -1, [0x7f00, 0x80, 1, 0, 0, 2**32 - 1], b"",
         b"futex uaddr:u32 *;op:int;val:u32;utime:const struct __kernel_timespec *;"
         b"uaddr2:u32 *;val3:u32;"),
        (0x2, [0] * 6, 2, 10, 64, [0x1000, 0, 0, 0, 0, 0], b"a b,c=d\\\"\xff" * 6,
         b"unlink pathname:const char *;"),
        (0x3, [0] * 6, 6, 30, -14, [1, 2, 3, 4, 5, 6], b"", b"newstat filename:const char *;"),
        (0x0, [1, 9, 10, 30, 40, 60], 7, 77, 3, [2**63, 2**32 - 1, 2**64 - 1, 0, 1, 2],
         b"abc", b"x fd:;dfd:struct foo *;a b:int;;"),
        (0x2, [0] * 6, 0, 0, -1, [0] * 6, b"", b"getpid "),
        (0x2, [0] * 6, 4, 300, -1, [0x11 | 0x100 | 0x200, 0, 0, 0, 0, 0], b"",
         b"clone clone_flags:unsigned long;newsp:unsigned long;parent_tidptr:int *;"
         b"child_tidptr:int *;tls:unsigned long;"),
        (0x2, [0] * 6, 3, 100, -1, [3, 0, 0, 0, 0, 0], b"", b"read fd:unsigned int;buf:char *;"
         b"count:size_t;"),
    ]
    out = {}
    for i, (mode, kinds, nargs, size, slen, args, st, line) in enumerate(cases):
        out["seed%02d" % i] = (bytes([mode]) + bytes(kinds) + bytes([nargs]) + u16(size)
                               + struct.pack("<h", slen) + b"".join(u64(a) for a in args)
                               + bytes([len(st)]) + st + line)
    return out


def decode(values):
    """Seeds of a fuzz_decode_<area> target: decoder index, size, value, argument 0."""
    def gen():
        out = {}
        for i, (sel, size, v, a0) in enumerate(values):
            out["seed%02d" % i] = bytes([sel]) + u16(size) + u64(v) + u64(a0)
        return out
    return gen


DECODE_SEEDS = {
    # net: family, socktype, proto, sockflags, level, shut, msgflags
    "fuzz_decode_net": [(0, 64, 10, 0), (1, 64, 0x80801, 0), (2, 5, 6, 2), (3, 64, 0x800, 0),
                        (4, 64, 1, 0), (5, 3, 2, 0), (6, 200, 0x4040, 0),
                        (1, 64, 2**64 - 1, 0)],
    # fs: oflags, dfd, mode, fdflags, atflags, eaccess, access, whence, fcntl, flock, ...
    "fuzz_decode_fs": [(0, 64, 0o2000002, 0), (1, 9, 2**64 - 100, 0), (2, 64, 0o644, 0),
                       (3, 64, 0o2004000, 0), (4, 64, 0x1100, 0), (5, 64, 0x300, 0),
                       (6, 64, 7, 0), (7, 64, 2, 0), (8, 64, 1030, 0), (9, 64, 6, 0),
                       (10, 64, 1, 0), (11, 64, 4, 0), (12, 64, 3, 0)],
    # mm: prot, mapflags, madv, mremap, msync, mcl
    "fuzz_decode_mm": [(0, 64, 3, 0), (1, 200, 0x22 | 0x40000 | (21 << 26), 0), (2, 64, 4, 0),
                       (3, 64, 1, 0), (4, 64, 6, 0), (5, 64, 3, 0), (1, 10, 2**64 - 1, 0)],
    # proc: signal, clock, timerflags, sighow, waitopts, idtype, clone, unshare, futexop, prctl
    "fuzz_decode_proc": [(0, 64, 15, 0), (0, 64, 40, 0), (1, 64, 1, 0), (2, 64, 1, 0),
                         (3, 64, 2, 0), (4, 64, 0x40000001, 0), (5, 64, 3, 0),
                         (6, 300, 0x3d0f00 | 17, 0), (7, 64, 0x20080, 0), (8, 64, 0x189, 0),
                         (9, 64, 15, 0), (6, 7, 2**64 - 1, 0)],
    # poll: pollevents, epollevents, epollctl, epollflags, efd, tfd, tfdset, sfd
    "fuzz_decode_poll": [(0, 64, 5, 0), (1, 64, 0x80002001, 0), (2, 64, 1, 0),
                         (3, 64, 0o2000000, 0), (4, 64, 0o2004001, 0), (5, 64, 0o4000, 0),
                         (6, 64, 3, 0), (7, 64, 0o2000000, 0)],
}


def u64_():
    vals = [b"0", b"1", b"007", b"18446744073709551615", b"18446744073709551616",
            b"99999999999999999999999", b"", b"-1", b"+1", b" 1", b"1x", b"12\x00"]
    return {"seed%02d" % i: v for i, v in enumerate(vals)}


def klatctl_stats():
    out = {
        "basic": fixture("basic/debugfs/klat/stats"),
        "extcols": fixture("extcols/debugfs/klat/stats"),
        "empty": b"# klat stats: 0 targets, times in ns\n# target hits errors\n",
        "noheader": b"__sys_socket 1 2 3\n",
        "badnum": b"# target hits errors\nfoo 1 x\n",
        "short": b"# target hits errors\nfoo 1\n",
        "strcol": b"# target hits state\nfoo 1 \"a\\b\"\n",
    }
    return out


def klatctl_hist():
    h = fixture("basic/debugfs/klat/probes/__sys_socket/hist", 300)
    return {
        "basic": h,
        "diff": h + b"\0" + b"# low_ns high_ns count\n736 767 1\n768 799 0\n" + b"\0" + u16(99) + u16(100),
        "reset": b"1 1 5\n2 3 1\n\0" + b"1 1 9\n",
        "defcols": b"0 0 1\n4096 8191 7\n18446744073709551615 18446744073709551615 2\n",
        "open": b"# low_ns high_ns count\n1024 18446744073709551615 3\n",
        "cols": b"# count high_ns low_ns extra\n5 20 10 x\n",
        "badorder": b"# low_ns high_ns count\n20 10 1\n",
        "missingcol": b"# low_ns count\n1 2\n",
        "quantile": b"1 1 1\n2 2 1\n\0\0" + u16(0) + u16(0),
        "duplow": b"10 20 5\n10 20 1\n\0" + b"10 20 3\n",
    }


def klatctl_log():
    return {
        "basic": fixture("basic/debugfs/klat/log", 600),
        "basic2": fixture("basic2/debugfs/klat/log", 400),
        "header": b"# klat log: capacity 64 events, 0 shown, 3 dropped\n",
        "noseq": b"ts_ns=1 comm=x\n",
        "badret": b"seq=1 ret=-97(EAFNOSUPPORT\n",
        "longret": b"seq=1 ret=-1(" + b"E" * 40 + b")\n",
        "ret": b"seq=1 ret=-9223372036854775808 lat_ns=1\nseq=2 ret=5() args=\n",
        "junk": b"seq=1 x y=z =\n\n   \n",
    }


def klatctl_files():
    out = {
        "targets": b"\x00" + fixture("basic/debugfs/klat/targets"),
        "targets_ext": b"\x00" + fixture("extcols/debugfs/klat/targets"),
        "targets_nohdr": b"\x00foo active\nbar\n",
        "targets_bad": b"\x00# state maxactive\nx y\n",
        "funcs": b"\x01" + fixture("basic/debugfs/tracing/available_filter_functions", 400)
                 + b"\0__sys_*",
        "funcs_mod": b"\x01a\nb [klat]\nb\nc [ext4]\n__ftrace_invalid_address___123\n# x\n"
                     b"  indented\n\0[a-c]*",
        "funcs_glob": b"\x01do_one\ntcp_v4_connect\ntcp_v6_connect\n\0tcp_v?_conn*",
        "funcs_none": b"\x01# only a comment\n\n",
        "blacklist": b"\x02" + fixture("basic/debugfs/kprobes/blacklist", 300),
        "blacklist_odd": b"\x02sym\n0x1-0x2\n# c\na b c d\n\tx\ty\n",
        "kv": b"\x03" + fixture("basic/debugfs/klat/probes/__sys_socket/stats"),
        "kv_key": b"\x03hits: 12 \r\nsum_ns:\t\n\0hits",
        "kv_long": b"\x03sum_ns: " + b"1" * 40 + b"\n",
        "errlog": b"\x03" + fixture("basic/debugfs/klat/error_log") + b"\0[",
        "errlog_none": b"\x03# nothing\n  [indented]\n",
    }
    return out


def klatctl_num():
    cases = [(0, 1, 18446744073709551615, b"0"), (999, 20, 5, b"18446744073709551615"),
             (1500000000, 40, 0, b"18446744073709551616"), (1023, 5, 10, b"-9223372036854775808"),
             (2**64 - 1, 12, 2**63, b"1.5"), (123456789, 3, 7, b"0.001"),
             (0x7ff0000000000000, 8, 1, b"1.2345"), (42, 1, 1, b"-"), (7, 9, 9, b"12x"),
             (10**12, 30, 0, b"18446744073709551.999")]
    return {"seed%02d" % i: u64(v) + bytes([n]) + u64(w) + s
            for i, (v, n, w, s) in enumerate(cases)}


CORPORA = {
    "fuzz_target_cmd": target_cmd,
    "fuzz_filter": filter_,
    "fuzz_escape": escape,
    "fuzz_syscall_args": syscall_args,
    **{name: decode(vals) for name, vals in DECODE_SEEDS.items()},
    "fuzz_u64": u64_,
    "fuzz_klatctl_stats": klatctl_stats,
    "fuzz_klatctl_hist": klatctl_hist,
    "fuzz_klatctl_log": klatctl_log,
    "fuzz_klatctl_files": klatctl_files,
    "fuzz_klatctl_num": klatctl_num,
}


def main():
    for name, gen in CORPORA.items():
        d = os.path.join(HERE, "corpus", name)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        for fname, data in gen().items():
            with open(os.path.join(d, fname), "wb") as f:
                f.write(data)


if __name__ == "__main__":
    main()
