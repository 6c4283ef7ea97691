//! Where an answer the window asked the app for stands.

/// An answer from the app: not asked for yet, on its way, here, or failed with the words
/// a person is shown. One type for every list, page and dialog that loads something, so
/// each state holds `Remote<T>` instead of its own status enum.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Remote<T> {
    #[default]
    Idle,
    Loading,
    Loaded(T),
    Failed(String),
}

impl<T> Remote<T> {
    pub fn is_loading(&self) -> bool {
        matches!(self, Self::Loading)
    }

    pub fn loaded(&self) -> Option<&T> {
        match self {
            Self::Loaded(value) => Some(value),
            _ => None,
        }
    }

    /// The message to show when the call failed.
    pub fn failure(&self) -> Option<&str> {
        match self {
            Self::Failed(message) => Some(message),
            _ => None,
        }
    }

    /// The answer of a finished call: the value, or the failure's message.
    pub fn from_result<E: std::fmt::Display>(result: Result<T, E>) -> Self {
        match result {
            Ok(value) => Self::Loaded(value),
            Err(error) => Self::Failed(error.to_string()),
        }
    }
}

/// One kind of request a state sends again and again (a list's reload, a save): the
/// sequence number its effect keys on and where the latest answer stands. Answers carry
/// the number they were sent with, so a late answer to an older request is dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request<T> {
    /// Bumped when a request must go out; the effect that sends it keys on it.
    pub seq: u64,
    pub remote: Remote<T>,
}

// By hand: a derive would ask for `T: Default`, which an answer need not have.
impl<T> Default for Request<T> {
    fn default() -> Self {
        Self {
            seq: 0,
            remote: Remote::Idle,
        }
    }
}

impl<T> Request<T> {
    /// A request sent as soon as its state is shown.
    pub fn started() -> Self {
        let mut request = Self::default();
        request.start();
        request
    }

    /// Asks for a new answer: the effect keyed on `seq` sends it.
    pub fn start(&mut self) {
        self.seq += 1;
        self.remote = Remote::Loading;
    }

    /// Asks for a new answer while the one before stays on show.
    pub fn refresh(&mut self) {
        self.seq += 1;
    }

    /// Takes note that request `seq` was answered, for a state that keeps what the
    /// answer says elsewhere; false (and nothing changes) when a newer request went out
    /// since.
    pub fn answered(&mut self, seq: u64) -> bool {
        if seq != self.seq {
            return false;
        }
        self.remote = Remote::Idle;
        true
    }

    /// Takes the answer to request `seq`; false (and nothing changes) when a newer
    /// request went out since.
    pub fn finish<E: std::fmt::Display>(&mut self, seq: u64, result: Result<T, E>) -> bool {
        if !self.answered(seq) {
            return false;
        }
        self.remote = Remote::from_result(result);
        true
    }

    pub fn is_loading(&self) -> bool {
        self.remote.is_loading()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_late_answer_to_an_older_request_is_dropped() {
        let mut request = Request::<u32>::default();
        request.start();
        let first = request.seq;
        request.start();
        assert!(!request.finish(first, Ok::<_, String>(1)));
        assert!(request.is_loading());
        assert!(request.finish(request.seq, Ok::<_, String>(2)));
        assert_eq!(request.remote.loaded(), Some(&2));
    }

    #[test]
    fn a_failed_answer_keeps_its_message() {
        let mut request = Request::<u32>::default();
        request.start();
        assert!(request.finish(request.seq, Err("The app did not answer.")));
        assert_eq!(request.remote.failure(), Some("The app did not answer."));
        assert_eq!(request.remote.loaded(), None);
    }
}
