//! "Did you mean …?" suggestions.

/// `did you mean 'NAME'?` (one copy of the formatting for every caller).
pub fn did_you_mean(name: &str) -> String {
    format!("did you mean '{name}'?")
}

/// The candidate nearest to `input` by edit distance (ASCII case-insensitive:
/// the names are ASCII; other characters are compared as they are), if
/// it is close enough to be a plausible typo; else one that has the same
/// words but one or two more or fewer.
pub fn nearest<'a, I>(input: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // One copy of the search, whatever the iterator type.
    nearest_in(input, candidates.into_iter().collect())
}

fn nearest_in<'a>(input: &str, candidates: Vec<&'a str>) -> Option<&'a str> {
    let input_l = input.to_ascii_lowercase();
    let limit = (input.chars().count() / 3).clamp(1, 4);
    let mut best: Option<(usize, &'a str)> = None;
    for &c in &candidates {
        let d = distance(&input_l, &c.to_ascii_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    if best.is_none() {
        // A word left out or added: `auto_cancel_after` → `auto_cancel_unpaid_after`.
        best = by_words(&input_l, candidates);
    }
    best.map(|(_, c)| c)
}

/// The candidate whose `_`/`.`-separated words contain all of the input's
/// words (or the other way round), differing by the fewest words.
fn by_words<'a>(input: &str, candidates: Vec<&'a str>) -> Option<(usize, &'a str)> {
    let words = |s: &str| -> Vec<String> {
        s.to_ascii_lowercase()
            .split(['_', '.', '-', '/'])
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    let mine = words(input);
    if mine.len() < 2 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for c in candidates {
        let theirs = words(c);
        let covered =
            mine.iter().all(|w| theirs.contains(w)) || theirs.iter().all(|w| mine.contains(w));
        let diff = theirs.len().abs_diff(mine.len());
        if covered && diff <= 2 && best.is_none_or(|(d, _)| diff < d) {
            best = Some((diff, c));
        }
    }
    best
}

/// Levenshtein distance with adjacent transpositions, in characters.
/// Inputs longer than 64 characters are compared by their first 64.
pub fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().take(64).collect();
    let b: Vec<char> = b.chars().take(64).collect();
    distance_chars(&a, &b)
}

/// [`distance`] on character slices, keeping three rows of the table.
pub fn distance_chars(a: &[char], b: &[char]) -> usize {
    let far = usize::MAX / 2;
    let mut before: Vec<usize> = vec![far; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur: Vec<usize> = Vec::with_capacity(b.len() + 1);
    for (i, ca) in a.iter().enumerate() {
        cur.clear();
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let at = |row: &Vec<usize>, k: usize| row.get(k).copied().unwrap_or(far);
            let mut v = (at(&prev, j) + usize::from(ca != cb))
                .min(at(&prev, j + 1) + 1)
                .min(at(&cur, j) + 1);
            if i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) {
                v = v.min(at(&before, j - 1) + 1);
            }
            cur.push(v);
        }
        std::mem::swap(&mut before, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_names() {
        assert_eq!(
            nearest("payment.stat", ["payment.state", "payment.method"]),
            Some("payment.state")
        );
        assert_eq!(
            nearest("unconfirmd", ["unconfirmed", "confirmed"]),
            Some("unconfirmed")
        );
        assert_eq!(nearest("xyz", ["payment.state"]), None);
        assert_eq!(
            nearest(
                "auto_cancel_after",
                ["auto_cancel_unpaid_after", "payment_processing_grace"]
            ),
            Some("auto_cancel_unpaid_after")
        );
        assert_eq!(distance("ab", "ba"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("Asia/Shangai", "Asia/Shanghai"), 1);
    }
}
