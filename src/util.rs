//! Small helpers shared by the core, written to keep the wasm build small.
//!
//! The standard library's sorts are fast but large, and every call site
//! monomorphizes a copy (several KB of wasm each). The lists orderlens sorts
//! are short (matched rules, candidate instants, accepted locales), so a
//! plain insertion sort does.

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
}
