//! A value shared by reference and compared by identity: two are equal when they are the same allocation,
//! so comparing states (which the UI does on every change) never walks a story, a document or a history.

use std::rc::Rc;

/// An `Rc<T>` whose equality is pointer identity.
///
/// ```
/// use article_map::domain::shared::Shared;
/// let a = Shared::new(vec![1, 2, 3]);
/// assert_eq!(a, a.clone());
/// assert_ne!(a, Shared::new(vec![1, 2, 3]), "equal contents, another value");
/// assert_eq!(a.len(), 3);
/// ```
#[derive(Debug, Default)]
pub struct Shared<T: ?Sized>(Rc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Rc::new(value))
    }
}

impl<T: ?Sized> Shared<T> {
    /// The shared value itself.
    pub fn rc(&self) -> &Rc<T> {
        &self.0
    }
}

impl<T: ?Sized> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T: ?Sized> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T: ?Sized> From<Rc<T>> for Shared<T> {
    fn from(rc: Rc<T>) -> Self {
        Shared(rc)
    }
}

impl<T: ?Sized> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
