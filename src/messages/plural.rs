//! CLDR plural categories for whole numbers.
//!
//! orderlens only ever counts whole things (days, items, attempts), so the
//! integer part of the CLDR rules is all it needs. The rules for the shipped
//! locales are written out here (a few lines each) instead of pulling a
//! plural-rules crate and its data into the wasm build; a merchant locale
//! gets the rules of its language where they are listed below, else the
//! English ones.

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// zero
    Zero,
    /// one
    One,
    /// two
    Two,
    /// few
    Few,
    /// many
    Many,
    /// other
    Other,
}

impl Category {
    /// Parses `zero` … `other`.
    pub fn parse(s: &str) -> Option<Category> {
        Some(match s {
            "zero" => Category::Zero,
            "one" => Category::One,
            "two" => Category::Two,
            "few" => Category::Few,
            "many" => Category::Many,
            "other" => Category::Other,
            _ => return None,
        })
    }
}

/// The plural rule family of a language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// one: n = 1 (English, German, …)
    OneOther,
    /// No plural forms (Chinese, Japanese, …)
    Other,
    /// East Slavic: one / few / many (Russian, Ukrainian, Belarusian)
    EastSlavic,
    /// one: n = 0 or 1 (French, Portuguese)
    ZeroOneOther,
    /// Polish: one / few / many
    Polish,
}

impl Rule {
    /// The rule of a language (the part of a locale before `-`).
    pub fn for_language(lang: &str) -> Rule {
        match lang {
            "zh" | "ja" | "ko" | "vi" | "th" | "id" | "ms" | "lo" | "my" => Rule::Other,
            "ru" | "uk" | "be" => Rule::EastSlavic,
            "fr" | "pt" => Rule::ZeroOneOther,
            "pl" => Rule::Polish,
            _ => Rule::OneOther,
        }
    }

    /// The category of a whole number.
    pub fn select(self, n: i64) -> Category {
        let n = n.unsigned_abs();
        let (m10, m100) = (n % 10, n % 100);
        match self {
            Rule::Other => Category::Other,
            Rule::OneOther => {
                if n == 1 {
                    Category::One
                } else {
                    Category::Other
                }
            }
            Rule::ZeroOneOther => {
                if n <= 1 {
                    Category::One
                } else {
                    Category::Other
                }
            }
            Rule::EastSlavic => {
                if m10 == 1 && m100 != 11 {
                    Category::One
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    Category::Few
                } else {
                    Category::Many
                }
            }
            Rule::Polish => {
                if n == 1 {
                    Category::One
                } else if (2..=4).contains(&m10) && !(12..=14).contains(&m100) {
                    Category::Few
                } else {
                    Category::Many
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_days() {
        let r = Rule::EastSlavic;
        let got: Vec<Category> = [0, 1, 2, 5, 11, 21, 22, 25, 111, 112, 1001]
            .iter()
            .map(|&n| r.select(n))
            .collect();
        use Category::*;
        assert_eq!(
            got,
            vec![Many, One, Few, Many, Many, One, Few, Many, Many, Many, One]
        );
    }

    #[test]
    fn english_and_chinese() {
        assert_eq!(Rule::OneOther.select(1), Category::One);
        assert_eq!(Rule::OneOther.select(0), Category::Other);
        assert_eq!(Rule::Other.select(1), Category::Other);
    }
}
