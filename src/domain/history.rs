//! Undo and redo: a bounded history of document states. Only documents enter it (never the camera,
//! the selection or what is hovered); a new edit after an undo drops the redo branch.

use std::collections::VecDeque;

/// How many steps back a history keeps by default.
pub const DEFAULT_LIMIT: usize = 200;

/// Past states, the present one, and the undone ones that redo can bring back.
#[derive(Clone, Debug, PartialEq)]
pub struct History<T> {
    past: VecDeque<T>,
    present: T,
    future: Vec<T>,
    limit: usize,
}

impl<T: Clone + PartialEq> History<T> {
    pub fn new(present: T) -> Self {
        Self::with_limit(present, DEFAULT_LIMIT)
    }

    pub fn with_limit(present: T, limit: usize) -> Self {
        History { past: VecDeque::new(), present, future: Vec::new(), limit: limit.max(1) }
    }

    pub fn present(&self) -> &T {
        &self.present
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }

    /// Makes `next` the present as one undoable step. Committing the present itself is not a step.
    ///
    /// ```
    /// use article_map::domain::history::History;
    /// let mut h = History::with_limit(0, 2);
    /// for n in 1..=3 { h = h.committed(n); }
    /// assert_eq!(*h.present(), 3);
    /// let h = h.undone().undone();
    /// assert_eq!(*h.present(), 1);
    /// assert!(!h.can_undo(), "only two steps are kept");
    /// ```
    pub fn committed(&self, next: T) -> Self {
        if next == self.present {
            return self.clone();
        }
        let mut past = self.past.clone();
        past.push_back(self.present.clone());
        while past.len() > self.limit {
            past.pop_front();
        }
        History { past, present: next, future: Vec::new(), limit: self.limit }
    }

    /// Makes `next` the present in place of the present: the last step now ends at `next` (a burst of
    /// keyboard nudges is one step). Anything undone is dropped, as by a new step.
    ///
    /// ```
    /// use article_map::domain::history::History;
    /// let h = History::new(0).committed(1).amended(2).amended(3);
    /// assert_eq!(*h.present(), 3);
    /// assert_eq!(*h.undone().present(), 0, "one undo goes back past the whole burst");
    /// assert!(!h.undone().can_undo());
    /// ```
    pub fn amended(&self, next: T) -> Self {
        History { present: next, future: Vec::new(), ..self.clone() }
    }

    /// One step back (the same history if there is none).
    pub fn undone(&self) -> Self {
        let mut h = self.clone();
        if let Some(previous) = h.past.pop_back() {
            h.future.push(std::mem::replace(&mut h.present, previous));
        }
        h
    }

    /// One step forward again (the same history if there is none).
    pub fn redone(&self) -> Self {
        let mut h = self.clone();
        if let Some(next) = h.future.pop() {
            h.past.push_back(std::mem::replace(&mut h.present, next));
        }
        h
    }

    /// Replaces the present without making a step (for restoring a saved document at start).
    pub fn reset(present: T, limit: usize) -> Self {
        Self::with_limit(present, limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn undo_then_redo_returns_to_the_same_state() {
        let h = History::new("a").committed("b").committed("c");
        assert_eq!(*h.undone().present(), "b");
        assert_eq!(*h.undone().undone().present(), "a");
        assert_eq!(*h.undone().undone().redone().redone().present(), "c");
    }

    #[test]
    fn a_new_edit_after_undo_clears_redo() {
        let h = History::new(1).committed(2).undone().committed(3);
        assert!(!h.can_redo());
        assert_eq!(*h.redone().present(), 3);
        assert_eq!(*h.undone().present(), 1);
    }

    #[test]
    fn undo_and_redo_at_the_ends_change_nothing() {
        let h = History::new(1);
        assert_eq!(h.undone(), h);
        assert_eq!(h.redone(), h);
        assert_eq!(h.committed(1), h, "committing the same state is no step");
    }
}
