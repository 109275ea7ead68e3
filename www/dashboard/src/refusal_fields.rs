//! Which field of the Timing form a refusal of the collector (422
//! `invalid_config`) names, so that its message is shown next to it.

/// Where in the form a refusal points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Blame {
    /// A top-level field, by its JSON name.
    Field(String),
    /// A moment, by its event name (or `None` for the event name rule).
    Moment(Option<String>),
    /// The quiet periods.
    Quiet,
    /// The exclusions.
    Exclusions,
    /// The allowed traits.
    AllowedTraits,
    /// The cooldowns per segment.
    Cadence,
    /// Nothing recognisable: shown above the form.
    Form,
}

/// Reads the collector's `invalid_config` message (e.g. `moment "x":
/// days_after_decline (7) may not be below …`) to put it next to its field.
pub(crate) fn blame(message: &str) -> Blame {
    if let Some(rest) = message.strip_prefix("moment \"") {
        return Blame::Moment(rest.split('"').next().map(str::to_owned));
    }
    let head = message.split([' ', ':']).next().unwrap_or_default();
    match head {
        "moments[].event" | "at" => Blame::Moment(None),
        "quiet_after" | "quiet_after[].event" => Blame::Quiet,
        "exclude_if_recent[].trait" | "exclude_if_recent[].days" => Blame::Exclusions,
        "allowed_traits" | "allowed_traits[]" => Blame::AllowedTraits,
        "cadence_overrides" | "cadence_overrides[].trait" => Blame::Cadence,
        "sampling.target_margin" => Blame::Field("target_margin".to_owned()),
        "sampling_percent"
        | "days_after_response"
        | "days_after_decline"
        | "days_after_snooze"
        | "min_days_between_prompts"
        | "max_snoozes" => Blame::Field(head.to_owned()),
        _ => Blame::Form,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_is_put_next_to_the_field_it_names() {
        assert_eq!(
            blame("moment \"x\": days_after_decline (7) may not be below min_days_between_prompts (30)"),
            Blame::Moment(Some("x".into()))
        );
        assert_eq!(
            blame("cadence_overrides \"plan\": days must be at most 3650"),
            Blame::Cadence
        );
        assert_eq!(
            blame("sampling.target_margin must be 1-50 NPS points"),
            Blame::Field("target_margin".into())
        );
        assert_eq!(
            blame("sampling_percent must be a number from 0 to 100"),
            Blame::Field("sampling_percent".into())
        );
        assert_eq!(
            blame("days_after_response must be at most 3650 days, got 99999"),
            Blame::Field("days_after_response".into())
        );
        assert_eq!(
            blame("quiet_after \"x\": hours must be 1-87600"),
            Blame::Quiet
        );
        assert_eq!(blame("moments[].event: not a name"), Blame::Moment(None));
        assert_eq!(blame("something else"), Blame::Form);
    }
}
