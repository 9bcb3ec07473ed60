//! How wide a line of label text is, estimated per script (labels are placed before they are drawn, so
//! their boxes are estimated, not measured).
//!
//! The widths are advances in em (of the font size), rounded up from Chromium's rendering of the map's
//! place labels (`500 12px` in the app's sans-serif stack, DejaVu Sans on Debian) over the default story's
//! names: Latin 6.4–7.6 px a character at 12 px, Cyrillic 7.3–8.2 px, Arabic-script Persian, Pashto and
//! Uyghur 5.2–6.9 px (joined letters are narrow; marks take no room). Han characters are one em each in any
//! CJK font (the test machine has none; its fallback boxes are narrower, so the estimate stays on the safe
//! side). An estimate a little too wide costs a label its place in a crowd; one too narrow lets labels
//! overlap, so each constant is at the top of what was measured.

/// The scripts whose advance differs enough to matter for placing labels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Latin, Greek, digits, punctuation and everything not named below.
    Latin,
    Cyrillic,
    /// Arabic and the other right-to-left scripts (Hebrew, Syriac, Thaana).
    Arabic,
    /// Han, kana, Hangul and full-width forms.
    Cjk,
    /// Combining marks, joiners and direction controls: no advance of their own.
    Mark,
}

impl Script {
    /// The advance of one character of the script, em.
    pub const fn em(self) -> f64 {
        match self {
            Script::Latin => 0.65,
            Script::Cyrillic => 0.69,
            Script::Arabic => 0.58,
            Script::Cjk => 1.0,
            Script::Mark => 0.0,
        }
    }

    /// The script of a character, as far as its width goes.
    pub fn of(c: char) -> Script {
        match c as u32 {
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 => {
                Script::Mark
            }
            0x06D6..=0x06ED | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2069 | 0xFE00..=0xFE0F | 0xFEFF => {
                Script::Mark
            }
            0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFC => Script::Arabic,
            0x1100..=0x11FF | 0x2E80..=0x303F | 0x3040..=0x30FF | 0x3100..=0x31FF | 0x3400..=0x4DBF => Script::Cjk,
            0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFF60 | 0x20000..=0x3FFFF => Script::Cjk,
            _ => Script::Latin,
        }
    }
}

/// The estimated width of `text` on one line, em: each character's script advance, summed.
///
/// ```
/// use article_map::domain::text_width::text_width_em;
/// assert!((text_width_em("Kabul") - 5.0 * 0.65).abs() < 1e-9);
/// assert_eq!(text_width_em("喀什"), 2.0, "a Han character is an em");
/// assert!(text_width_em("کابل") < text_width_em("Kabul"));
/// ```
pub fn text_width_em(text: &str) -> f64 {
    text.chars().map(|c| Script::of(c).em()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Widths Chromium drew for some of the default story's names (`500 12px` sans-serif, DejaVu Sans), px.
    const MEASURED_AT_12_PX: [(&str, f64); 9] = [
        ("Ishkashim: new ‘police academy’", 199.0),
        ("Dushanbe", 60.7),
        ("ноҳияи Ишкошим", 111.3),
        ("Вилояти Мухтори Кӯҳистони Бадахшон", 250.4),
        ("Душанбе", 57.5),
        ("ناحیه اشکاشم", 70.0),
        ("ولایت کوهستانی خودمختار بدخشان", 175.2),
        ("شىنجاڭ ئۇيغۇر ئاپتونوم رايونى", 149.8),
        ("قەشقەر", 41.5),
    ];

    #[test]
    fn every_estimate_covers_what_chromium_drew_and_is_not_far_wider() {
        for (text, px) in MEASURED_AT_12_PX {
            let estimate = text_width_em(text) * 12.0;
            assert!(estimate >= px * 0.97, "{text}: estimate {estimate:.1} px, drawn {px} px");
            assert!(estimate <= px * 1.4, "{text}: estimate {estimate:.1} px is far wider than {px} px");
        }
    }

    #[test]
    fn each_script_has_its_own_width() {
        assert_eq!(Script::of('K'), Script::Latin);
        assert_eq!(Script::of('Ҷ'), Script::Cyrillic);
        assert_eq!(Script::of('ی'), Script::Arabic);
        assert_eq!(Script::of('ۇ'), Script::Arabic);
        assert_eq!(Script::of('疆'), Script::Cjk);
        assert_eq!(Script::of('\u{064E}'), Script::Mark);
        assert_eq!(Script::of('\u{200C}'), Script::Mark);
        assert_eq!(text_width_em("中亚"), 2.0);
        assert!(Script::Cjk.em() > Script::Cyrillic.em() && Script::Cyrillic.em() > Script::Arabic.em());
    }
}
