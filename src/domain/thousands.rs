//! Numbers for readers: whole numbers with thousands separators, the one rule every message and measure
//! uses.

/// `n` with a comma between groups of three digits.
///
/// ```
/// use article_map::domain::thousands::thousands;
/// assert_eq!(thousands(0), "0");
/// assert_eq!(thousands(2_097_152), "2,097,152");
/// ```
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `value` rounded to a whole number, with separators and its sign.
///
/// ```
/// use article_map::domain::thousands::rounded_thousands;
/// assert_eq!(rounded_thousands(11093.2), "11,093");
/// assert_eq!(rounded_thousands(-1500.6), "-1,501");
/// ```
pub fn rounded_thousands(value: f64) -> String {
    let whole = value.abs().round();
    let grouped = if whole < 1e19 { thousands(whole as u64) } else { format!("{whole:.0}") };
    if value < 0.0 && whole > 0.0 {
        format!("-{grouped}")
    } else {
        grouped
    }
}
