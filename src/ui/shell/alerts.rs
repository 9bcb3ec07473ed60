//! The alerts slice: messages for the reader, newest last. The list is bounded whatever happens: a message
//! that repeats is merged into the one already shown (with a count), texts quoted from input are cut to a
//! readable length, and only the newest [`MAX_KEPT`] are kept.

use std::rc::Rc;

/// How many alerts are kept at most (the oldest give way).
pub const MAX_KEPT: usize = 20;
/// How many characters of a title or a detail are kept (the rest is replaced by "…").
pub const MAX_TEXT_CHARS: usize = 400;
/// How many details an alert keeps at most (the rest are counted in a last line).
pub const MAX_DETAILS: usize = 50;

/// A message for the reader: what happened and what to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Alert {
    pub severity: Severity,
    pub title: String,
    pub details: Vec<String>,
    /// Something the reader can keep from the message: a file to save (name, text).
    pub download: Option<AlertDownload>,
    /// A link the app made, shown whole (it is never cut like texts from input).
    pub link: Option<String>,
    /// About the reader's saved work (saving stopped, saved data set aside): never dropped to make room,
    /// and not cleared with a story's warnings; only the reader dismisses it.
    pub saved_work: bool,
}

/// A file an alert offers to save (the unreadable saved data, say).
#[derive(Clone, Debug, PartialEq)]
pub struct AlertDownload {
    /// The button's words.
    pub label: String,
    pub file_name: String,
    pub text: Rc<str>,
}

impl Alert {
    pub fn new(severity: Severity, title: impl Into<String>, details: Vec<String>) -> Alert {
        Alert { severity, title: title.into(), details, download: None, link: None, saved_work: false }
    }

    /// The alert, marked as being about the reader's saved work.
    pub fn about_saved_work(self) -> Alert {
        Alert { saved_work: true, ..self }
    }

    /// The alert with its texts bounded: each text at most [`MAX_TEXT_CHARS`] characters, at most
    /// [`MAX_DETAILS`] details.
    fn bounded(self) -> Alert {
        let mut details: Vec<String> = self.details.iter().take(MAX_DETAILS).map(|d| cut(d)).collect();
        if self.details.len() > MAX_DETAILS {
            details.push(format!("… and {} more.", self.details.len() - MAX_DETAILS));
        }
        Alert { title: cut(&self.title), details, ..self }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
    /// Something the reader should know that is not a problem (a restored document, an import's notes).
    Notice,
}

/// `text` cut to [`MAX_TEXT_CHARS`] characters, with "…" where it was cut.
///
/// ```
/// use article_map::ui::shell::alerts::{cut, MAX_TEXT_CHARS};
/// assert_eq!(cut("short"), "short");
/// let long = "я".repeat(MAX_TEXT_CHARS + 5);
/// assert_eq!(cut(&long).chars().count(), MAX_TEXT_CHARS + 1);
/// ```
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Names one alert for as long as it is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AlertId(u64);

/// One alert on the list.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownAlert {
    pub id: AlertId,
    pub alert: Alert,
    /// How many times it was raised (1 the first time).
    pub times: u32,
}

/// The alerts, newest last.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alerts {
    shown: Vec<ShownAlert>,
    next_id: u64,
}

/// Every change to the alerts.
#[derive(Clone, Debug, PartialEq)]
pub enum AlertAction {
    Raise(Alert),
    Dismiss(AlertId),
    /// Drop every alert of this severity but those about saved work (a new story replaces the old one's
    /// warnings).
    DismissAll(Severity),
}

impl Alerts {
    /// The list with these alerts raised, in order.
    pub fn with(alerts: impl IntoIterator<Item = Alert>) -> Alerts {
        alerts.into_iter().fold(Alerts::default(), |list, a| list.apply(AlertAction::Raise(a)).unwrap_or(list))
    }

    /// Newest last.
    pub fn shown(&self) -> &[ShownAlert] {
        &self.shown
    }

    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The newest alert.
    pub fn newest(&self) -> Option<&Alert> {
        self.shown.last().map(|s| &s.alert)
    }

    /// The next list, or `None` when nothing changes.
    pub fn apply(&self, action: AlertAction) -> Option<Alerts> {
        let mut next = self.clone();
        match action {
            AlertAction::Raise(alert) => {
                let alert = alert.bounded();
                if let Some(i) = next.shown.iter().position(|s| s.alert == alert) {
                    // A repeat: counted, and moved to the newest place.
                    let mut repeated = next.shown.remove(i);
                    repeated.times = repeated.times.saturating_add(1);
                    next.shown.push(repeated);
                } else {
                    next.shown.push(ShownAlert { id: AlertId(next.next_id), alert, times: 1 });
                    next.next_id += 1;
                    if next.shown.len() > MAX_KEPT {
                        // The oldest gives way, unless it is about saved work (then the oldest other one).
                        let oldest = next.shown.iter().position(|s| !s.alert.saved_work).unwrap_or(0);
                        next.shown.remove(oldest);
                    }
                }
            }
            AlertAction::Dismiss(id) => {
                let i = next.shown.iter().position(|s| s.id == id)?;
                next.shown.remove(i);
            }
            AlertAction::DismissAll(severity) => {
                next.shown.retain(|s| s.alert.severity != severity || s.alert.saved_work)
            }
        }
        (next != *self).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(name: &str) -> Alert {
        Alert::new(Severity::Error, format!("{name} was not imported"), vec!["not JSON".into()])
    }

    #[test]
    fn repeats_merge_and_the_list_stays_bounded() {
        let mut list = Alerts::default();
        for _ in 0..5 {
            list = list.apply(AlertAction::Raise(refused("a.json"))).unwrap();
        }
        assert_eq!(list.len(), 1);
        assert_eq!(list.shown()[0].times, 5);
        for i in 0..100 {
            list = list.apply(AlertAction::Raise(refused(&format!("f{i}.json")))).unwrap();
        }
        assert_eq!(list.len(), MAX_KEPT);
        assert_eq!(list.newest().unwrap().title, "f99.json was not imported");
    }

    #[test]
    fn dismissing_names_the_alert_not_its_place() {
        let list = Alerts::with([refused("a"), refused("b"), refused("c")]);
        let b = list.shown()[1].id;
        let list = list.apply(AlertAction::Dismiss(b)).unwrap();
        assert_eq!(
            list.shown().iter().map(|s| s.alert.title.as_str()).collect::<Vec<_>>(),
            ["a was not imported", "c was not imported"]
        );
        assert_eq!(list.apply(AlertAction::Dismiss(b)), None, "already gone");
    }

    #[test]
    fn messages_about_saved_work_stay_until_the_reader_dismisses_them() {
        let kept = Alert::new(Severity::Warning, "2 saved annotations could not be read", vec![]).about_saved_work();
        let mut list = Alerts::with([kept.clone(), Alert::new(Severity::Warning, "a story warning", vec![])]);
        list = list.apply(AlertAction::DismissAll(Severity::Warning)).unwrap();
        assert_eq!(list.len(), 1);
        for i in 0..100 {
            list = list.apply(AlertAction::Raise(refused(&format!("f{i}")))).unwrap();
        }
        assert_eq!(list.len(), MAX_KEPT);
        assert_eq!(list.shown()[0].alert.title, kept.title, "never dropped to make room");
    }

    #[test]
    fn texts_from_input_are_cut() {
        let huge = "x".repeat(1_000_000);
        let long = "y".repeat(MAX_TEXT_CHARS * 3);
        let list = Alerts::with([Alert::new(Severity::Error, huge, vec![long; 10_000])]);
        let alert = list.newest().unwrap();
        assert_eq!(alert.title.chars().count(), MAX_TEXT_CHARS + 1);
        assert_eq!(alert.details.len(), MAX_DETAILS + 1);
        assert!(alert.details.iter().all(|d| d.chars().count() <= MAX_TEXT_CHARS + 1));
    }
}
