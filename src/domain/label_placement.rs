//! Placing labels in screen space so that none overlap, none covers a symbol, and none leaves the screen:
//! each label has candidate boxes (beside its symbol, or shifted within its area) tried in order of
//! preference, and labels are placed most important first, so a less important one gives way.

use super::coords::ScreenPx;

/// Space kept between two labels, and between a label and a symbol, CSS px.
pub const GAP_PX: f64 = 2.0;

/// A box on screen, CSS px.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenBox {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl ScreenBox {
    /// The box of `width` × `height` centred on `centre`.
    pub fn centred(centre: ScreenPx, width: f64, height: f64) -> ScreenBox {
        ScreenBox {
            left: centre.x - width / 2.0,
            top: centre.y - height / 2.0,
            right: centre.x + width / 2.0,
            bottom: centre.y + height / 2.0,
        }
    }

    /// Whether the two boxes come closer than [`GAP_PX`].
    ///
    /// ```
    /// use article_map::domain::{coords::ScreenPx, label_placement::ScreenBox};
    /// let a = ScreenBox::centred(ScreenPx::new(10.0, 10.0), 10.0, 10.0);
    /// assert!(a.overlaps(&ScreenBox::centred(ScreenPx::new(20.0, 10.0), 10.0, 10.0)), "touching is too close");
    /// assert!(!a.overlaps(&ScreenBox::centred(ScreenPx::new(23.0, 10.0), 10.0, 10.0)));
    /// ```
    pub fn overlaps(&self, other: &ScreenBox) -> bool {
        self.left < other.right + GAP_PX
            && other.left < self.right + GAP_PX
            && self.top < other.bottom + GAP_PX
            && other.top < self.bottom + GAP_PX
    }

    fn within(&self, width: f64, height: f64) -> bool {
        self.left >= 0.0 && self.top >= 0.0 && self.right <= width && self.bottom <= height
    }

    pub fn centre(&self) -> ScreenPx {
        ScreenPx::new((self.left + self.right) / 2.0, (self.top + self.bottom) / 2.0)
    }
}

/// Where a label may go: the centres of its candidate boxes, best first, and the box's size.
#[derive(Clone, Debug, PartialEq)]
pub struct LabelRequest {
    pub candidates: Vec<ScreenPx>,
    pub width: f64,
    pub height: f64,
    /// A symbol that is drawn only with its label (a town's dot): it must be clear too, and once the label
    /// is placed it is an obstacle for the labels after it.
    pub symbol: Option<ScreenBox>,
}

impl LabelRequest {
    /// A point label beside a symbol of `radius` px at `anchor`: right, left, above, below, then the four
    /// diagonals (the order of newsroom locator maps: a label reads from its symbol).
    ///
    /// ```
    /// use article_map::domain::{coords::ScreenPx, label_placement::LabelRequest};
    /// let r = LabelRequest::beside(ScreenPx::new(100.0, 100.0), 8.0, 40.0, 14.0);
    /// assert_eq!(r.candidates[0], ScreenPx::new(100.0 + 8.0 + 2.0 + 20.0, 100.0), "first to the right");
    /// assert_eq!(r.candidates.len(), 8);
    /// ```
    pub fn beside(anchor: ScreenPx, radius: f64, width: f64, height: f64) -> LabelRequest {
        let (dx, dy) = (radius + GAP_PX + width / 2.0, radius + GAP_PX + height / 2.0);
        let (ex, ey) = (radius * 0.7 + GAP_PX + width / 2.0, radius * 0.7 + GAP_PX + height / 2.0);
        let at = |x: f64, y: f64| ScreenPx::new(anchor.x + x, anchor.y + y);
        LabelRequest {
            candidates: vec![
                at(dx, 0.0),
                at(-dx, 0.0),
                at(0.0, -dy),
                at(0.0, dy),
                at(ex, -ey),
                at(ex, ey),
                at(-ex, -ey),
                at(-ex, ey),
            ],
            width,
            height,
            symbol: None,
        }
    }

    /// No label at all: a request that is never placed (it keeps the place of one that needs no label).
    pub fn none() -> LabelRequest {
        LabelRequest { candidates: Vec::new(), width: 0.0, height: 0.0, symbol: None }
    }

    /// The same request, placed only where `symbol` (drawn with the label) is clear as well.
    pub fn with_symbol(self, symbol: ScreenBox) -> LabelRequest {
        LabelRequest { symbol: Some(symbol), ..self }
    }

    /// An area label at `centre`, free to move within its area: up to three lines up or down and half its
    /// width aside, nearest first.
    pub fn within_area(centre: ScreenPx, width: f64, height: f64) -> LabelRequest {
        let mut offsets: Vec<(f64, f64)> =
            (-3..=3).flat_map(|row| (-2..=2).map(move |col| (col as f64 * width / 4.0, row as f64 * height))).collect();
        offsets.sort_by(|a, b| (a.0.hypot(a.1)).total_cmp(&b.0.hypot(b.1)));
        LabelRequest {
            candidates: offsets.into_iter().map(|(x, y)| ScreenPx::new(centre.x + x, centre.y + y)).collect(),
            width,
            height,
            symbol: None,
        }
    }
}

/// Places `requests` in the order given (most important first) on a screen of `width` × `height` px, never
/// over an `obstacle` (symbols) or a label already placed. Each answer is the box chosen, or `None` when the
/// label gives way. Cost: O(requests × candidates × (requests + obstacles)); tens of labels take microseconds.
///
/// ```
/// use article_map::domain::{coords::ScreenPx, label_placement::*};
/// let symbol = ScreenBox::centred(ScreenPx::new(100.0, 100.0), 16.0, 16.0);
/// let a = LabelRequest::beside(ScreenPx::new(100.0, 100.0), 8.0, 60.0, 14.0);
/// let b = LabelRequest::beside(ScreenPx::new(100.0, 100.0), 8.0, 60.0, 14.0);
/// let placed = place(&[a, b], &[symbol], 400.0, 300.0);
/// let (first, second) = (placed[0].unwrap(), placed[1].unwrap());
/// assert!(first.centre().x > 100.0, "the first goes right");
/// assert!(second.centre().x < 100.0, "the second, left of the symbol, clear of the first");
/// assert!(!first.overlaps(&symbol) && !second.overlaps(&symbol) && !first.overlaps(&second));
/// ```
pub fn place(requests: &[LabelRequest], obstacles: &[ScreenBox], width: f64, height: f64) -> Vec<Option<ScreenBox>> {
    let mut taken: Vec<ScreenBox> = Vec::with_capacity(requests.len());
    let clear = |b: &ScreenBox, taken: &[ScreenBox]| {
        !obstacles.iter().any(|o| o.overlaps(b)) && !taken.iter().any(|t| t.overlaps(b))
    };
    requests
        .iter()
        .map(|request| {
            if let Some(symbol) = request.symbol {
                if !symbol.within(width, height) || !clear(&symbol, &taken) {
                    return None;
                }
            }
            let chosen = request
                .candidates
                .iter()
                .map(|c| ScreenBox::centred(*c, request.width, request.height))
                .filter(|b| b.left.is_finite() && b.top.is_finite() && b.right.is_finite() && b.bottom.is_finite())
                .find(|b| b.within(width, height) && clear(b, &taken) && request.symbol.is_none_or(|s| !s.overlaps(b)));
            if let Some(b) = chosen {
                taken.push(b);
                taken.extend(request.symbol);
            }
            chosen
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairwise_clear(boxes: &[ScreenBox]) -> bool {
        boxes.iter().enumerate().all(|(i, a)| boxes[i + 1..].iter().all(|b| !a.overlaps(b)))
    }

    #[test]
    fn a_crowd_of_labels_never_overlaps_and_the_first_ones_are_kept() {
        // 40 symbols in a tight grid: many labels must give way, the first few never do.
        let anchors: Vec<ScreenPx> =
            (0..40).map(|i| ScreenPx::new(200.0 + (i % 8) as f64 * 30.0, 150.0 + (i / 8) as f64 * 25.0)).collect();
        let symbols: Vec<ScreenBox> = anchors.iter().map(|a| ScreenBox::centred(*a, 16.0, 16.0)).collect();
        let requests: Vec<LabelRequest> = anchors.iter().map(|a| LabelRequest::beside(*a, 8.0, 70.0, 14.0)).collect();
        let placed = place(&requests, &symbols, 800.0, 600.0);
        let boxes: Vec<ScreenBox> = placed.iter().flatten().copied().collect();
        assert!(pairwise_clear(&boxes));
        assert!(boxes.iter().all(|b| symbols.iter().all(|s| !s.overlaps(b))), "no label covers a symbol");
        assert!(placed[0].is_some() && boxes.len() < 40, "{} placed", boxes.len());
    }

    #[test]
    fn a_label_that_would_leave_the_screen_tries_the_other_side_or_gives_way() {
        let at_right_edge = LabelRequest::beside(ScreenPx::new(390.0, 100.0), 8.0, 60.0, 14.0);
        let b = place(&[at_right_edge], &[], 400.0, 300.0)[0].unwrap();
        assert!(b.right <= 400.0 && b.centre().x < 390.0, "it went left: {b:?}");
        let too_wide = LabelRequest::beside(ScreenPx::new(50.0, 50.0), 8.0, 500.0, 14.0);
        assert_eq!(place(&[too_wide], &[], 400.0, 300.0), [None]);
    }

    #[test]
    fn non_finite_positions_place_nothing() {
        let nan = LabelRequest::beside(ScreenPx::new(f64::NAN, 1.0), 8.0, 10.0, 10.0);
        let inf = LabelRequest::within_area(ScreenPx::new(f64::INFINITY, 1.0), 10.0, 10.0);
        assert_eq!(place(&[nan, inf], &[], 400.0, 300.0), [None, None]);
    }
}
