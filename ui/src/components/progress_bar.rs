//! The one progress bar of every long task: an import, generating logins, a backup, a
//! restore, and the first encryption of a database from an earlier version.

use crate::prelude::*;

/// Whole percent of `done` out of `total`, never past 100 (a copy may write a little
/// more than it expected); 0 while the total is unknown.
pub fn percent(done: u64, total: u64) -> u64 {
    if total == 0 {
        return 0;
    }
    let whole = u128::from(done.min(total)) * 100 / u128::from(total);
    u64::try_from(whole).unwrap_or(100)
}

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    /// What is progressing, for screen readers.
    pub label: AttrValue,
    /// `None` while nothing was reported yet: an empty bar with no value.
    pub percent: Option<u64>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[component]
pub fn ProgressBar(props: &ProgressBarProps) -> Html {
    let shown = props.percent.unwrap_or_default();
    html! {
        <div id={props.id.clone()} class="progress" role="progressbar" aria-valuemin="0"
            aria-valuemax="100" aria-valuenow={props.percent.map(|p| p.to_string())}
            aria-label={props.label.clone()}>
            <div class="progress-bar" style={format!("inline-size: {shown}%")}></div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_is_whole_and_capped() {
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(3, 3), 100);
        assert_eq!(percent(5, 3), 100);
        assert_eq!(percent(u64::MAX, u64::MAX), 100);
    }
}
