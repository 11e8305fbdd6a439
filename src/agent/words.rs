//! The request as words: lower-case tokens with their position, plural endings removed,
//! numbers read from digits and number words. What the offline provider matches against.

/// One token of the request.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// As written, lower-case (`legs`).
    pub raw: String,
    /// Singular form (`leg`).
    pub stem: String,
    /// True for punctuation that ends a phrase (`,` `;` `.`).
    pub stop: bool,
}

/// Split on anything that is not a letter, digit or a decimal point inside a number;
/// hyphens split too (`three-legged` -> `three`, `legged`). Linear in the text.
pub fn tokenize(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = text.chars().collect();
    let push = |cur: &mut String, out: &mut Vec<Word>| {
        if !cur.is_empty() {
            let raw = std::mem::take(cur);
            out.push(Word { stem: singular(&raw), raw, stop: false });
        }
    };
    for (i, &c) in chars.iter().enumerate() {
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || (c == '.' && next_digit && cur.chars().all(|x| x.is_ascii_digit()) && !cur.is_empty())
        {
            cur.extend(c.to_lowercase());
        } else {
            push(&mut cur, &mut out);
            if matches!(c, ',' | ';' | '.' | ':' | '!' | '?' | '(' | ')') {
                out.push(Word { raw: c.to_string(), stem: c.to_string(), stop: true });
            }
        }
        if out.len() > 100_000 {
            break;
        }
    }
    push(&mut cur, &mut out);
    out
}

/// `legs` -> `leg`, `benches` -> `bench`, `shelves` -> `shelf`, `berries` -> `berry`.
pub fn singular(w: &str) -> String {
    const IRREGULAR: [(&str, &str); 8] = [
        ("leaves", "leaf"),
        ("shelves", "shelf"),
        ("knives", "knife"),
        ("legged", "leg"),
        ("sided", "side"),
        ("armed", "arm"),
        ("tiered", "tier"),
        ("glasses", "glass"),
    ];
    if let Some((_, s)) = IRREGULAR.iter().find(|(p, _)| *p == w) {
        return s.to_string();
    }
    if w.len() <= 3 || w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        return w.to_string();
    }
    if let Some(s) = w.strip_suffix("ies") {
        return format!("{s}y");
    }
    for end in ["ches", "shes", "xes", "sses"] {
        if w.ends_with(end) {
            return w[..w.len() - 2].to_string();
        }
    }
    w.strip_suffix('s').unwrap_or(w).to_string()
}

/// `4`, `four`, `a dozen` (the `dozen`), `2.5`.
pub fn number(w: &str) -> Option<f64> {
    const WORDS: [(&str, f64); 25] = [
        ("zero", 0.0),
        ("one", 1.0),
        ("single", 1.0),
        ("two", 2.0),
        ("pair", 2.0),
        ("couple", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("dozen", 12.0),
        ("thirteen", 13.0),
        ("fourteen", 14.0),
        ("fifteen", 15.0),
        ("sixteen", 16.0),
        ("eighteen", 18.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
    ];
    if let Some((_, n)) = WORDS.iter().find(|(k, _)| *k == w) {
        return Some(*n);
    }
    if w.len() > 12 {
        return None;
    }
    w.parse::<f64>().ok().filter(|n| n.is_finite() && *n >= 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_numbers() {
        let w = tokenize("A three-legged stool, 1.5 m tall!");
        let stems: Vec<&str> = w.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["a", "three", "leg", "stool", ",", "1.5", "m", "tall", "!"]);
        assert_eq!(number("three"), Some(3.0));
        assert_eq!(number("1.5"), Some(1.5));
        assert_eq!(number("chair"), None);
        assert_eq!(singular("benches"), "bench");
        assert_eq!(singular("berries"), "berry");
        assert_eq!(singular("glass"), "glass");
    }
}
