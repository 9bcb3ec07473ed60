//! A quote from the article as every popup and list shows it: the article's own words in a block quote with
//! the check mark "Verified against the article", or, when the quote could not be verified, why not (never
//! as the article's words).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuoteViewProps {
    /// The article's own words when the quote was verified against it; otherwise why it was not.
    pub checked: Result<AttrValue, AttrValue>,
    /// For a quote that was not verified: the words the story package gives, shown after the reason.
    #[prop_or_default]
    pub package_says: Option<AttrValue>,
    /// What follows the check mark in a verified quote's caption (its section, a link to it).
    #[prop_or_default]
    pub children: Html,
}

/// One checked quote.
#[component]
pub fn QuoteView(props: &QuoteViewProps) -> Html {
    match &props.checked {
        Ok(text) => html! {
            <figure class="popup-quote">
                <blockquote>{ text.clone() }</blockquote>
                <figcaption>
                    <span class="verified">{ "✓ Verified against the article" }</span>
                    { props.children.clone() }
                </figcaption>
            </figure>
        },
        Err(why) => html! {
            <p class="popup-unverified" role="note">
                <strong>{ "Not shown as a quote: " }</strong>{ why.clone() }
                if let Some(exact) = &props.package_says {
                    { ". The package says: " }<span class="unverified-text">{ exact.clone() }</span>
                }
            </p>
        },
    }
}
