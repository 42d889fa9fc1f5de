//! Small helpers shared by the core, written to keep the wasm build small.
//!
//! The standard library's sorts are fast but large, and every call site
//! monomorphizes a copy (several KB of wasm each). The lists orderlens sorts
//! are short (matched rules, candidate instants, accepted locales), so a
//! plain insertion sort does.

/// `pieces` joined into `out`, replacing what it held: message keys,
/// paths, amounts and dates. (Not `format!`, a fifth of the time; and not
/// `[&str]::concat`, 300 B more in the runtime's wasm.)
pub(crate) fn write_joined(out: &mut String, pieces: &[&str]) {
    out.clear();
    for p in pieces {
        out.push_str(p);
    }
}

/// `pieces` joined (see [`write_joined`]).
pub(crate) fn join(pieces: &[&str]) -> String {
    let mut out = String::with_capacity(48);
    write_joined(&mut out, pieces);
    out
}

/// Sorts `v` stably so that `less(a, b)` means `a` goes before `b`.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 {
            match (v.get(j - 1), v.get(j)) {
                (Some(a), Some(b)) if less(b, a) => v.swap(j - 1, j),
                _ => break,
            }
            j -= 1;
        }
    }
}

/// Inserts `x` into the sorted, duplicate-free `v`, keeping it so.
pub(crate) fn insert_sorted<T: Ord>(v: &mut Vec<T>, x: T) {
    if let Err(at) = v.binary_search(&x) {
        v.insert(at, x);
    }
}

/// Parses `-?[0-9]+` into an `i64`; `None` on anything else or overflow.
/// (`str::parse::<i64>` handles `+`, radix checks and error kinds, and
/// costs several times the code in the wasm build.)
pub(crate) fn parse_i64(text: &str) -> Option<i64> {
    let (neg, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    if digits.is_empty() {
        return None;
    }
    let mut n: i64 = 0;
    for b in digits.bytes() {
        if !b.is_ascii_digit() {
            return None;
        }
        // Accumulate negatively so that i64::MIN parses.
        n = n.checked_mul(10)?.checked_sub(i64::from(b - b'0'))?;
    }
    if neg {
        Some(n)
    } else {
        n.checked_neg()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably() {
        let mut v = vec![(3, 'a'), (1, 'b'), (3, 'c'), (2, 'd'), (1, 'e')];
        sort_by(&mut v, |a, b| a.0 < b.0);
        assert_eq!(v, [(1, 'b'), (1, 'e'), (2, 'd'), (3, 'a'), (3, 'c')]);
        let mut e: Vec<i32> = Vec::new();
        sort_by(&mut e, |a, b| a < b);
        assert!(e.is_empty());
    }

    #[test]
    fn inserts_sorted_without_duplicates() {
        let mut v = Vec::new();
        for x in [5, 1, 5, 3, 1, 9] {
            insert_sorted(&mut v, x);
        }
        assert_eq!(v, [1, 3, 5, 9]);
    }

    #[test]
    fn parses_integers_like_std() {
        for s in [
            "0",
            "-0",
            "7",
            "-12",
            "9223372036854775807",
            "-9223372036854775808",
            "007",
        ] {
            assert_eq!(parse_i64(s), s.parse::<i64>().ok(), "{s}");
        }
        for s in [
            "",
            "-",
            "+1",
            "1.5",
            "9223372036854775808",
            "-9223372036854775809",
            "1e3",
            " 1",
        ] {
            assert_eq!(parse_i64(s), None, "{s}");
        }
    }
}
