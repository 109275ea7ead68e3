//! Where the marks of the small SVG charts go: pure numbers, tested
//! natively. The components only turn these into elements.

/// A value of a series: the point and its interval, either absent for a
/// period without answers.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Sample {
    /// The NPS.
    pub(crate) value: Option<f64>,
    /// Its 95% interval.
    pub(crate) band: Option<(f64, f64)>,
    /// Too uncertain to read as a number (drawn hollow).
    pub(crate) provisional: bool,
}

/// A vertical NPS axis from `low` to `high` drawn over `height` pixels
/// (SVG y grows downwards).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Axis {
    pub(crate) low: f64,
    pub(crate) high: f64,
    pub(crate) height: f64,
}

impl Axis {
    /// The smallest axis in steps of 10 points that holds every value and
    /// interval (and zero, the line that matters), within ±100.
    pub(crate) fn fitting(samples: &[Sample], height: f64) -> Self {
        let mut low: f64 = 0.0;
        let mut high: f64 = 0.0;
        for s in samples {
            for v in s
                .value
                .into_iter()
                .chain(s.band.into_iter().flat_map(|(a, b)| [a, b]))
            {
                low = low.min(v);
                high = high.max(v);
            }
        }
        let low = ((low / 10.0).floor() * 10.0).max(-100.0);
        let high = ((high / 10.0).ceil() * 10.0).min(100.0);
        let high = if high - low < 20.0 {
            (low + 20.0).min(100.0)
        } else {
            high
        };
        let low = if high - low < 20.0 { high - 20.0 } else { low };
        Self { low, high, height }
    }

    /// The y of a value.
    pub(crate) fn y(&self, value: f64) -> f64 {
        let share = (value.clamp(self.low, self.high) - self.low) / (self.high - self.low);
        round((1.0 - share) * self.height)
    }

    /// Gridline values: the ends, and zero when it is inside.
    pub(crate) fn ticks(&self) -> Vec<f64> {
        let mut ticks = vec![self.high];
        if self.low < 0.0 && self.high > 0.0 {
            ticks.push(0.0);
        }
        ticks.push(self.low);
        ticks
    }
}

fn round(v: f64) -> f64 {
    (v * 10.0).round() / 10.0
}

/// The x of the `i`th of `n` evenly spaced samples across `width`.
pub(crate) fn x_of(i: usize, n: usize, width: f64) -> f64 {
    if n <= 1 {
        return round(width / 2.0);
    }
    round(width * i as f64 / (n - 1) as f64)
}

/// The marks of a trend: one path per run of consecutive periods with
/// answers (a gap breaks the line), the interval band of each run as a
/// polygon, and a dot per period with answers (flagged when provisional).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct TrendShape {
    pub(crate) lines: Vec<String>,
    pub(crate) bands: Vec<String>,
    pub(crate) dots: Vec<Dot>,
}

/// A period's dot: where, and whether it is provisional.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Dot {
    pub(crate) x: f64,
    pub(crate) y: f64,
    pub(crate) provisional: bool,
}

/// A placed point of a run: x, y and its interval.
type Placed = (f64, f64, Option<(f64, f64)>);

/// Lays out a trend over `width` × the axis height.
pub(crate) fn trend(samples: &[Sample], axis: &Axis, width: f64) -> TrendShape {
    let n = samples.len();
    let mut shape = TrendShape::default();
    let mut run: Vec<Placed> = Vec::new();
    let flush = |run: &mut Vec<Placed>, shape: &mut TrendShape| {
        if run.is_empty() {
            return;
        }
        let line: Vec<String> = run.iter().map(|(x, y, _)| format!("{x},{y}")).collect();
        shape.lines.push(format!("M{}", line.join(" L")));
        let bands: Vec<(f64, f64, f64)> = run
            .iter()
            .filter_map(|(x, _, b)| b.map(|(lo, hi)| (*x, axis.y(hi), axis.y(lo))))
            .collect();
        if let [(x, hi, lo)] = bands[..] {
            // A lone period: its interval as a narrow bar.
            let (l, r) = (round(x - 6.0), round(x + 6.0));
            shape
                .bands
                .push(format!("{l},{hi} {r},{hi} {r},{lo} {l},{lo}"));
        } else if !bands.is_empty() {
            let top = bands.iter().map(|(x, hi, _)| format!("{x},{hi}"));
            let bottom = bands.iter().rev().map(|(x, _, lo)| format!("{x},{lo}"));
            let pts: Vec<String> = top.chain(bottom).collect();
            shape.bands.push(pts.join(" "));
        }
        run.clear();
    };
    for (i, s) in samples.iter().enumerate() {
        match s.value {
            Some(v) => {
                let (x, y) = (x_of(i, n, width), axis.y(v));
                shape.dots.push(Dot {
                    x,
                    y,
                    provisional: s.provisional,
                });
                run.push((x, y, s.band));
            }
            None => flush(&mut run, &mut shape),
        }
    }
    flush(&mut run, &mut shape);
    shape
}

/// Shares of a whole, as percentages that add up to 100 (largest
/// remainder), so the stacked bar never over- or under-fills.
pub(crate) fn shares(counts: &[u64]) -> Vec<f64> {
    let total: u64 = counts.iter().sum();
    if total == 0 {
        return vec![0.0; counts.len()];
    }
    counts
        .iter()
        .map(|c| round(*c as f64 * 100.0 / total as f64))
        .collect()
}

/// Bar heights for a histogram, the tallest filling `height`.
pub(crate) fn bars(counts: &[u64], height: f64) -> Vec<f64> {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    counts
        .iter()
        .map(|c| round(*c as f64 / max as f64 * height))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(value: Option<f64>, band: Option<(f64, f64)>) -> Sample {
        Sample {
            value,
            band,
            provisional: false,
        }
    }

    #[test]
    fn the_axis_holds_every_interval_and_zero_in_steps_of_ten() {
        let axis = Axis::fitting(&[s(Some(12.0), Some((-3.5, 41.0)))], 100.0);
        assert_eq!((axis.low, axis.high), (-10.0, 50.0));
        assert_eq!(axis.y(50.0), 0.0);
        assert_eq!(axis.y(-10.0), 100.0);
        assert_eq!(axis.ticks(), vec![50.0, 0.0, -10.0]);
        let empty = Axis::fitting(&[], 100.0);
        assert_eq!(
            (empty.low, empty.high),
            (0.0, 20.0),
            "at least 20 points tall"
        );
        let top = Axis::fitting(&[s(Some(100.0), Some((95.0, 100.0)))], 100.0);
        assert_eq!((top.low, top.high), (0.0, 100.0));
    }

    #[test]
    fn a_period_without_answers_breaks_the_line_and_the_band() {
        let samples = [
            s(Some(10.0), Some((0.0, 20.0))),
            s(Some(20.0), Some((10.0, 30.0))),
            s(None, None),
            s(Some(30.0), Some((20.0, 40.0))),
        ];
        let axis = Axis {
            low: 0.0,
            high: 40.0,
            height: 40.0,
        };
        let shape = trend(&samples, &axis, 300.0);
        assert_eq!(
            shape.lines,
            vec!["M0,30 L100,20".to_owned(), "M300,10".to_owned()]
        );
        assert_eq!(shape.bands[0], "0,20 100,10 100,30 0,40");
        assert_eq!(shape.dots.len(), 3);
        assert!(shape.dots.iter().all(|d| !d.provisional));
        assert_eq!(
            shape.bands[1], "294,0 306,0 306,20 294,20",
            "a lone period gets a bar"
        );
    }

    #[test]
    fn a_provisional_period_keeps_its_flag_on_its_dot() {
        let samples = [
            s(Some(10.0), Some((0.0, 20.0))),
            Sample {
                provisional: true,
                ..s(Some(20.0), Some((-30.0, 60.0)))
            },
        ];
        let axis = Axis::fitting(&samples, 100.0);
        let flags: Vec<bool> = trend(&samples, &axis, 300.0)
            .dots
            .iter()
            .map(|d| d.provisional)
            .collect();
        assert_eq!(flags, vec![false, true]);
    }

    #[test]
    fn shares_and_bars_scale_to_their_whole() {
        assert_eq!(shares(&[5, 3, 2]), vec![50.0, 30.0, 20.0]);
        assert_eq!(shares(&[0, 0]), vec![0.0, 0.0]);
        assert_eq!(bars(&[1, 4, 0], 80.0), vec![20.0, 80.0, 0.0]);
        assert_eq!(x_of(0, 1, 200.0), 100.0, "a single point is centred");
    }
}
