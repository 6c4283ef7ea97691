//! `#agency-chain` under *Verify chain* on a desk of an agency: every desk's audit rows as
//! the agency server keeps them, and the chain the server keeps over all of them. Nothing
//! on a desk of its own.

use keydesk_api::{AgencyChainReport, ChainVerification};

use crate::prelude::*;
use crate::state::audit::desk_chain_text;

#[derive(Properties, PartialEq)]
pub struct AgencyChainProps {
    /// Bumped each time *Verify chain* is pressed (0: not yet).
    pub run: u64,
}

#[component]
pub fn AgencyChain(props: &AgencyChainProps) -> Html {
    let command = use_command();
    let words = use_words();
    // The answer with the run it belongs to: a slow earlier one never shows over a newer.
    let result = use_state(|| None::<(u64, Result<Option<AgencyChainReport>, String>)>);
    let latest = use_mut_ref(|| 0_u64);
    {
        let (result, latest) = (result.clone(), latest.clone());
        use_effect_with(props.run, move |&run| {
            *latest.borrow_mut() = run;
            if run > 0 {
                command.call(
                    commands::VERIFY_AGENCY_CHAIN,
                    (),
                    move |answer: Result<Option<AgencyChainReport>, keydesk_api::Error>| {
                        if *latest.borrow() == run {
                            result.set(Some((run, answer.map_err(|e| e.message))));
                        }
                    },
                );
            }
        });
    }
    let current = (*result)
        .as_ref()
        .filter(|(run, _)| *run == props.run)
        .map(|(_, answer)| answer);
    match current {
        None if props.run > 0 => html! {
            <p id="agency-chain" class="verify-result muted small" role="status">
                { words.t("agency-chain-checking") }
            </p>
        },
        None | Some(Ok(None)) => Html::default(),
        Some(Err(message)) => html! {
            <p id="agency-chain" class="verify-result text-danger" role="status">
                <Icon name={IconName::Alert} size={16} />
                { words.t_with("agency-chain-failed", &[("reason", message)]) }
            </p>
        },
        Some(Ok(Some(report))) => {
            let whole = report.agency_problem.is_none()
                && report
                    .desks
                    .iter()
                    .all(|d| matches!(d.verification, ChainVerification::Intact { .. }));
            let (tone, icon) = if whole {
                ("text-ok", IconName::CheckCircle)
            } else {
                ("text-danger", IconName::XCircle)
            };
            let heading = if whole {
                words.t_with(
                    "agency-chain-intact",
                    &[
                        ("rows", &words.number(report.rows)),
                        ("desks", &words.number(report.desks.len())),
                    ],
                )
            } else {
                words.t("agency-chain-changed")
            };
            html! {
                <div id="agency-chain" class="agency-chain" role="status">
                    <p class={classes!("verify-result", tone)}>
                        <Icon name={icon} size={16} />{ heading }
                    </p>
                    <ul class="agency-chain-desks">
                        { for report.desks.iter().map(|desk| {
                            let ok = matches!(desk.verification, ChainVerification::Intact { .. });
                            html! {
                                <li class={classes!("agency-chain-desk", if ok { "text-ok" } else { "text-danger" })}>
                                    { desk_chain_text(&words, desk) }
                                </li>
                            }
                        }) }
                        if let Some(problem) = &report.agency_problem {
                            <li class="agency-chain-desk text-danger">{ words.say(problem) }</li>
                        }
                    </ul>
                </div>
            }
        }
    }
}
