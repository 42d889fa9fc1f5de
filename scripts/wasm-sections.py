#!/usr/bin/env python3
"""Section sizes of a .wasm file and, when it has a name section, the
largest functions and data segments (a small `twiggy top` for machines
without twiggy). Usage: wasm-sections.py FILE.wasm [TOP_N]"""
import re, sys, zlib, gzip

def leb(b, i):
    r = s = 0
    while True:
        x = b[i]; i += 1
        r |= (x & 0x7f) << s; s += 7
        if x < 0x80:
            return r, i

def group_of(name):
    """`orderlens::rules::check`, `core::fmt`, `dlmalloc`... for a symbol."""
    n = re.sub(r'\[[0-9a-f]+\]', '', name)
    n = re.sub(r'::h[0-9a-f]{16}$', '', n)
    # `<T as Trait>::f` and `<T>::f`: group by T.
    m = re.match(r'^<+(?:&(?:mut )?)?([A-Za-z_][\w:]*)', n)
    path = m.group(1) if m else n
    parts = [p for p in path.split('::') if p]
    if parts and parts[0] in ('core', 'alloc', 'std', 'orderlens', 'wasm_bindgen', 'js_sys'):
        return '::'.join(parts[:2])
    if len(parts) == 1 and not m:
        return '(other: ' + parts[0][:40] + ')' if parts else '(unnamed)'
    return parts[0] if parts else '(unnamed)'


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    b = open(path, 'rb').read()
    i = 8
    names = {}
    code = None
    data = None
    nimports = 0
    secs = []
    kinds = {0: 'custom', 1: 'type', 2: 'import', 3: 'function', 4: 'table', 5: 'memory', 6: 'global',
             7: 'export', 8: 'start', 9: 'element', 10: 'code', 11: 'data', 12: 'datacount'}
    while i < len(b):
        sid = b[i]; i += 1
        n, i = leb(b, i)
        body = b[i:i + n]
        label = kinds.get(sid, str(sid))
        if sid == 0:
            ln, j = leb(body, 0)
            cname = body[j:j + ln].decode('utf-8', 'replace')
            label = 'custom:' + cname
            if cname == 'name':
                k = j + ln
                while k < len(body):
                    sub = body[k]; k += 1
                    sl, k = leb(body, k)
                    if sub == 1:
                        cnt, m = leb(body, k)
                        for _ in range(cnt):
                            idx, m = leb(body, m)
                            l2, m = leb(body, m)
                            names[idx] = body[m:m + l2].decode('utf-8', 'replace'); m += l2
                    k += sl
        elif sid == 2:
            cnt, j = leb(body, 0)
            for _ in range(cnt):
                l1, j = leb(body, j); j += l1
                l2, j = leb(body, j); j += l2
                kind = body[j]; j += 1
                if kind == 0:
                    nimports += 1; _, j = leb(body, j)
                elif kind == 1:
                    j += 1; fl, j = leb(body, j); _, j = leb(body, j)
                    if fl & 1: _, j = leb(body, j)
                elif kind == 2:
                    fl, j = leb(body, j); _, j = leb(body, j)
                    if fl & 1: _, j = leb(body, j)
                elif kind == 3:
                    j += 2
                else:
                    j += 1
        elif sid == 10:
            code = body
        elif sid == 11:
            data = body
        secs.append((label, n))
        i += n
    total = len(b)
    print(f"{path}: {total} bytes, gzip -9 {len(gzip.compress(b, 9))} bytes")
    for label, n in secs:
        print(f"  {label:<28} {n:>9}  {100.0 * n / total:5.1f}%")
    if code is not None:
        cnt, j = leb(code, 0)
        funcs = []
        for k in range(cnt):
            sz, j2 = leb(code, j)
            body = code[j2:j2 + sz]
            funcs.append((sz, names.get(nimports + k, f'func[{nimports + k}]'), len(zlib.compress(body, 9))))
            j = j2 + sz
        funcs.sort(reverse=True)
        groups = {}
        for sz, nm, z in funcs:
            key = group_of(nm)
            g = groups.setdefault(key, [0, 0, 0])
            g[0] += sz; g[1] += z; g[2] += 1
        print(f"\n  code by module (bytes, deflated, functions):")
        for key, (sz, z, c) in sorted(groups.items(), key=lambda kv: -kv[1][0])[:top]:
            print(f"  {sz:>8} {z:>7} {c:>5}  {key}")
        print(f"\n  top {top} functions by size (bytes, deflated alone):")
        for sz, nm, z in funcs[:top]:
            print(f"  {sz:>8} {z:>7}  {nm[:110]}")
    if data is not None:
        cnt, j = leb(data, 0)
        segs = []
        for _ in range(cnt):
            fl, j = leb(data, j)
            if fl in (0, 2):
                if fl == 2: _, j = leb(data, j)
                while data[j] != 0x0b: j += 1
                j += 1
            sz, j = leb(data, j)
            segs.append(data[j:j + sz]); j += sz
        allb = b''.join(segs)
        print(f"\n  data: {len(segs)} segments, {len(allb)} bytes, gzip -9 {len(gzip.compress(allb, 9))} bytes")

main()
