//! What the user did in the prompt, as its components report it to
//! whoever mounted them.

/// What the user did; the host of the components decides what follows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UiEvent {
    /// A score was chosen (0–10). Ignored by the scale while `locked`.
    Pick(u8),
    /// Send was pressed with this comment (possibly empty).
    Send(String),
    /// The × button or Escape.
    Close,
    /// "Ask me later".
    Later,
    /// "Don't ask me again".
    Never,
}
