//! "Did you mean …" for time-zone names: the nearest known name by edit
//! distance, compared case-insensitively.

/// Inputs longer than this get no suggestion (no IANA name is near them, and
/// the distance computation stays cheap).
const MAX_INPUT_CHARS: usize = 64;

/// The known name nearest to `input`, if it is near enough to be a plausible
/// typo.
///
/// Names are compared ASCII-lowercased (non-ASCII characters as they are), with spaces in the input read as `_`
/// (`new york` → `America/New_York`). An input without `/` is also compared
/// with the last segment of each name (`shanghai` → `Asia/Shanghai`). How
/// many edits are tolerated grows with the input's length: none for up to 3
/// characters (so `PST` does not become `EST`), 1 for 4–5, 2 for 6–8 and 3
/// beyond. Ties go to the name listed first.
pub(crate) fn nearest<'a>(
    input: &str,
    names: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let input = input.trim();
    let len = input.chars().count();
    if len == 0 || len > MAX_INPUT_CHARS {
        return None;
    }
    let wanted: Vec<char> = input
        .chars()
        .map(|c| if c == ' ' { '_' } else { c })
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let max = match len {
        0..=3 => 0,
        4..=5 => 1,
        6..=8 => 2,
        _ => 3,
    };
    let whole_only = wanted.contains(&'/');
    let mut best: Option<(usize, &'a str)> = None;
    for name in names {
        let lower: Vec<char> = name.chars().map(|c| c.to_ascii_lowercase()).collect();
        let mut d = crate::suggest::distance_chars(&wanted, &lower);
        if !whole_only {
            if let Some(slash) = lower.iter().rposition(|&c| c == '/') {
                let last = lower.get(slash + 1..).unwrap_or(&[]);
                d = d.min(crate::suggest::distance_chars(&wanted, last));
            }
        }
        let better = match best {
            Some((b, _)) => d < b,
            None => true,
        };
        if d <= max && better {
            best = Some((d, name));
            if d == 0 {
                break;
            }
        }
    }
    best.map(|(_, name)| name)
}
