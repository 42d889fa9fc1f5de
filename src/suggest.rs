//! "Did you mean …?" suggestions.

/// The candidate nearest to `input` by edit distance (case-insensitive), if
/// it is close enough to be a plausible typo.
pub fn nearest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let input_l = input.to_lowercase();
    let limit = (input.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let d = distance(&input_l, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance with adjacent transpositions, in characters.
/// Inputs longer than 64 characters are compared by their first 64.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    let idx = |i: usize, j: usize| i * w + j;
    for i in 0..=a.len() {
        if let Some(x) = d.get_mut(idx(i, 0)) {
            *x = i;
        }
    }
    for j in 0..=b.len() {
        if let Some(x) = d.get_mut(idx(0, j)) {
            *x = j;
        }
    }
    let at = |d: &Vec<usize>, i: usize, j: usize| d.get(idx(i, j)).copied().unwrap_or(usize::MAX / 2);
    for (i, ca) in a.iter().enumerate() {
        for (j, cb) in b.iter().enumerate() {
            let (i1, j1) = (i + 1, j + 1);
            let cost = usize::from(ca != cb);
            let mut v = (at(&d, i, j1) + 1)
                .min(at(&d, i1, j) + 1)
                .min(at(&d, i, j) + cost);
            if i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) {
                v = v.min(at(&d, i - 1, j - 1) + 1);
            }
            if let Some(x) = d.get_mut(idx(i1, j1)) {
                *x = v;
            }
        }
    }
    at(&d, a.len(), b.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names() {
        assert_eq!(nearest("payment.stat", ["payment.state", "payment.method"]), Some("payment.state"));
        assert_eq!(nearest("unconfirmd", ["unconfirmed", "confirmed"]), Some("unconfirmed"));
        assert_eq!(nearest("xyz", ["payment.state"]), None);
        assert_eq!(distance("ab", "ba"), 1);
    }
}
