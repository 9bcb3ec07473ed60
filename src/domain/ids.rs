//! Typed ids: a story feature's and an annotation's are both text, and never the same kind of thing, so
//! each has its own type. Both read as `&str` (they are compared with ids from links, files and the DOM).

use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> Self {
                $name(id.to_string())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> Self {
                $name(id)
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type! {
    /// A story feature's id (`ru_201st_base_dushanbe`), unique in its story.
    ///
    /// ```
    /// use article_map::domain::ids::FeatureId;
    /// let id = FeatureId::from("k");
    /// assert_eq!(id, "k");
    /// assert_eq!(id.len(), 1, "it reads as a str");
    /// ```
    FeatureId
}

id_type! {
    /// An annotation's id (`a3`), unique in its document.
    AnnotationId
}
