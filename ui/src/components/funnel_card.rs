//! The dashboard's answer to "is it working?": of the customers created lately, how many
//! got their login, verified their email and signed in on the portal; week by week, and
//! the logins waiting longest. Everyone's or one member's for those who see every
//! customer; an agent's own for agents.

use keydesk_api::{Funnel, FunnelPeriod, FunnelRequest, StaffMember, StaffStatus};

use crate::hooks::handoff_count::use_handoffs_changed;
use crate::prelude::*;
use crate::state::funnel::{channels_text, chart, steps, CHART_HEIGHT, CHART_LABELS, CHART_WIDTH};

#[derive(Properties, PartialEq)]
pub struct FunnelCardProps {
    /// Whether the person may look at everyone's customers (and pick a member).
    pub sees_all: bool,
}

#[component]
pub fn FunnelCard(props: &FunnelCardProps) -> Html {
    let command = use_command();
    let period = use_state(|| FunnelPeriod::Month);
    let staff = use_state(|| None::<i64>);
    let funnel = use_state(|| None::<Result<Funnel, String>>);
    let members = use_state(Vec::<StaffMember>::new);
    {
        let (command, members) = (command.clone(), members.clone());
        use_effect_with(props.sees_all, move |&sees_all| {
            if sees_all {
                command.call(
                    commands::LIST_STAFF,
                    (),
                    move |answer: Result<Vec<StaffMember>, _>| {
                        if let Ok(list) = answer {
                            members.set(list);
                        }
                    },
                );
            }
        });
    }
    // Logins handed over elsewhere on the dashboard change the counts: ask again.
    let ticks = use_state(|| 0_u64);
    let changes = use_mut_ref(|| 0_u64);
    {
        let ticks = ticks.clone();
        use_handoffs_changed(
            true,
            Callback::from(move |()| {
                *changes.borrow_mut() += 1;
                ticks.set(*changes.borrow());
            }),
        );
    }
    // Only the answer to the latest question is shown: a slow 90 days must not land
    // over the 7 days asked for after it.
    let latest = use_mut_ref(|| None::<FunnelRequest>);
    {
        let (command, funnel, latest) = (command.clone(), funnel.clone(), latest.clone());
        use_effect_with((*period, *staff, *ticks), move |&(period, staff_id, _)| {
            let request = FunnelRequest { period, staff_id };
            if *latest.borrow() != Some(request) {
                funnel.set(None);
            }
            *latest.borrow_mut() = Some(request);
            command.call(
                commands::CUSTOMER_FUNNEL,
                request,
                move |answer: Result<Funnel, keydesk_api::Error>| {
                    if *latest.borrow() == Some(request) {
                        funnel.set(Some(answer.map_err(|e| e.message)));
                    }
                },
            );
        });
    }

    let period_options: Vec<(AttrValue, AttrValue)> = FunnelPeriod::ALL
        .iter()
        .map(|p| (p.as_str().into(), p.label().into()))
        .collect();
    let on_period = {
        let period = period.clone();
        Callback::from(move |value: String| {
            if let Ok(chosen) = value.parse() {
                period.set(chosen);
            }
        })
    };
    let staff_options = known_choices(
        "All staff",
        members.iter().map(|m| {
            let label = match m.status {
                StaffStatus::Active => m.display_name.clone(),
                StaffStatus::Disabled => format!("{} (disabled)", m.display_name),
            };
            (m.id.to_string(), label)
        }),
        None,
    );
    let on_staff = {
        let staff = staff.clone();
        Callback::from(move |value: String| staff.set(value.parse().ok()))
    };

    let body = match &*funnel {
        None => html! { <p class="muted small">{ "Counting…" }</p> },
        Some(Err(message)) => html! {
            <Banner id="funnel-error" message={format!("Could not count the funnel: {message}")} />
        },
        Some(Ok(funnel)) => funnel_body(funnel),
    };
    let whose = if props.sees_all {
        "Customers created in the period, and how far each got."
    } else {
        "The customers linked to you created in the period, and how far each got."
    };
    html! {
        <article class="card funnel-card" id="dashboard-funnel" aria-labelledby="funnel-title">
            <header class="funnel-head">
                <div>
                    <h3 id="funnel-title">{ "Is it working?" }</h3>
                    <p class="muted small">{ whose }</p>
                </div>
                <div class="funnel-controls">
                    if props.sees_all {
                        <Select id="funnel-staff" value={staff.map(|s| s.to_string()).unwrap_or_default()}
                            options={staff_options} onchange={on_staff} aria_label="Whose customers" />
                    }
                    <Select id="funnel-period" value={period.as_str()} options={period_options}
                        onchange={on_period} aria_label="Period" />
                </div>
            </header>
            { body }
        </article>
    }
}

fn funnel_body(funnel: &Funnel) -> Html {
    let steps = steps(&funnel.counts);
    let rows = steps.iter().map(|step| {
        let width = format!("inline-size: {}%", step.percent.clamp(0, 100));
        let detail = (step.key == "handed-over" && !funnel.by_channel.is_empty())
            .then(|| channels_text(funnel));
        html! {
            <li class="funnel-step" id={format!("funnel-step-{}", step.key)}>
                <span class="funnel-label">{ step.label }</span>
                <span class="funnel-bar" aria-hidden="true">
                    <span class={classes!("funnel-fill", format!("funnel-fill-{}", step.key))} style={width}></span>
                </span>
                <span class="funnel-count">{ step.count }</span>
                <span class="funnel-percent muted">{ format!("{}%", step.percent) }</span>
                if let Some(detail) = detail {
                    <span class="funnel-channels muted small" id="funnel-channels">{ detail }</span>
                }
            </li>
        }
    });
    html! {
        <div class="funnel-body">
            <ol class="funnel-steps" aria-label="Funnel">{ for rows }</ol>
            if funnel.counts.created == 0 {
                <p class="muted small" id="funnel-empty">{ "No customers were created in this period." }</p>
            } else {
                { week_chart(funnel) }
            }
            { waiting(funnel) }
        </div>
    }
}

/// The weeks as groups of four bars, drawn in SVG (no remote assets).
fn week_chart(funnel: &Funnel) -> Html {
    let weeks = chart(&funnel.weeks);
    let view_box = format!("0 0 {CHART_WIDTH} {CHART_HEIGHT}");
    let baseline = CHART_HEIGHT - CHART_LABELS;
    html! {
        <figure class="funnel-chart">
            <svg id="funnel-chart" viewBox={view_box} aria-hidden="true" preserveAspectRatio="xMidYMid meet">
                <line x1="0" x2={CHART_WIDTH.to_string()} y1={baseline.to_string()} y2={baseline.to_string()}
                    class="funnel-axis" />
                { for weeks.iter().map(|week| html! {
                    <g>
                        { for week.bars.iter().map(|bar| html! {
                            <rect class={format!("funnel-bar-{}", bar.step)}
                                x={format!("{:.1}", bar.x)} y={format!("{:.1}", bar.y)}
                                width={format!("{:.1}", bar.width.max(1.0))} height={format!("{:.1}", bar.height)}>
                                <title>{ bar.title.clone() }</title>
                            </rect>
                        }) }
                        <text x={format!("{:.1}", week.label_x)} y={(CHART_HEIGHT - 4.0).to_string()}
                            text-anchor="middle" class="funnel-week">{ week.label.clone() }</text>
                    </g>
                }) }
            </svg>
            <table class="visually-hidden" id="funnel-weeks">
                <caption>{ "By week (UTC, Monday to Sunday)" }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ "Week of" }</th>
                        <th scope="col">{ "Created" }</th>
                        <th scope="col">{ "Handed over" }</th>
                        <th scope="col">{ "Verified" }</th>
                        <th scope="col">{ "Signed in" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for funnel.weeks.iter().map(|w| html! {
                        <tr>
                            <th scope="row">{ w.starts.clone() }</th>
                            <td>{ w.counts.created }</td>
                            <td>{ w.counts.handed_over }</td>
                            <td>{ w.counts.verified }</td>
                            <td>{ w.counts.signed_in }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <figcaption class="funnel-legend small muted" aria-hidden="true">
                <span><i class="funnel-key funnel-bar-0"></i>{ "Created" }</span>
                <span><i class="funnel-key funnel-bar-1"></i>{ "Handed over" }</span>
                <span><i class="funnel-key funnel-bar-2"></i>{ "Verified" }</span>
                <span><i class="funnel-key funnel-bar-3"></i>{ "Signed in" }</span>
            </figcaption>
        </figure>
    }
}

fn waiting(funnel: &Funnel) -> Html {
    html! {
        <section class="funnel-waiting" aria-labelledby="funnel-waiting-title">
            <h4 id="funnel-waiting-title">{ "Waiting longest to be handed over" }</h4>
            if funnel.oldest_waiting.is_empty() {
                <p class="muted small" id="funnel-waiting-none">{ "No login is waiting." }</p>
            } else {
                <ul id="funnel-waiting">
                    { for funnel.oldest_waiting.iter().map(|w| html! {
                        <li>
                            <span class="cell-strong">{ w.name.clone() }</span>
                            <span class="muted small">
                                { " since " }
                                <time datetime={w.since.clone()} title={local_time(&w.since)}>{ local_time_short(&w.since) }</time>
                            </span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
