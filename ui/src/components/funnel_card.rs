//! The dashboard's answer to "is it working?": of the customers created lately, how many
//! got their login, verified their email and signed in on the portal; week by week, and
//! the logins waiting longest. Everyone's or one member's for those who see every
//! customer; an agent's own for agents.

use keydesk_api::{
    Calendar, Funnel, FunnelPeriod, FunnelRequest, Language, StaffMember, StaffStatus,
};
use wasm_bindgen::JsValue;

use crate::hooks::handoff_count::use_handoffs_changed;
use crate::prelude::*;
use crate::state::funnel::{
    channels_text, chart, short_date, steps, CHART_HEIGHT, CHART_LABELS, CHART_WIDTH,
};
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct FunnelCardProps {
    /// Whether the person may look at everyone's customers (and pick a member).
    pub sees_all: bool,
}

#[component]
pub fn FunnelCard(props: &FunnelCardProps) -> Html {
    let words = use_words();
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

    let period_options = words.choices(&FunnelPeriod::ALL);
    let on_period = {
        let period = period.clone();
        Callback::from(move |value: String| {
            if let Ok(chosen) = value.parse() {
                period.set(chosen);
            }
        })
    };
    let staff_options = known_choices(
        words.t("funnel-all-staff"),
        members.iter().map(|m| {
            let label = match m.status {
                StaffStatus::Active => m.display_name.clone(),
                StaffStatus::Disabled => {
                    words.t_with("funnel-staff-disabled", &[("name", &m.display_name)])
                }
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
        None => html! { <p class="muted small">{ words.t("funnel-counting") }</p> },
        Some(Err(message)) => html! {
            <Banner id="funnel-error" message={words.t_with("funnel-failed", &[("reason", message)])} />
        },
        Some(Ok(funnel)) => funnel_body(&words, funnel),
    };
    let whose = words.t(if props.sees_all {
        "funnel-whose-all"
    } else {
        "funnel-whose-own"
    });
    html! {
        <article class="card funnel-card" id="dashboard-funnel" aria-labelledby="funnel-title">
            <header class="funnel-head">
                <div>
                    <h3 id="funnel-title">{ words.t("funnel-title") }</h3>
                    <p class="muted small">{ whose }</p>
                </div>
                <div class="funnel-controls">
                    if props.sees_all {
                        <Select id="funnel-staff" value={staff.map(|s| s.to_string()).unwrap_or_default()}
                            options={staff_options} onchange={on_staff} aria_label={words.t("funnel-whose-label")} />
                    }
                    <Select id="funnel-period" value={period.as_str()} options={period_options}
                        onchange={on_period} aria_label={words.t("funnel-period-label")} />
                </div>
            </header>
            { body }
        </article>
    }
}

fn funnel_body(words: &Words, funnel: &Funnel) -> Html {
    let steps = steps(&funnel.counts);
    let rows = steps.iter().map(|step| {
        let width = format!("inline-size: {}%", step.percent.clamp(0, 100));
        let detail = (step.key == "handed-over" && !funnel.by_channel.is_empty())
            .then(|| channels_text(words, funnel));
        html! {
            <li class="funnel-step" id={format!("funnel-step-{}", step.key)}>
                <span class="funnel-label">{ words.t(step.name) }</span>
                <span class="funnel-bar" aria-hidden="true">
                    <span class={classes!("funnel-fill", format!("funnel-fill-{}", step.key))} style={width}></span>
                </span>
                <span class="funnel-count">{ words.number(step.count) }</span>
                <span class="funnel-percent muted">
                    { words.t_with("funnel-percent", &[("n", &words.number(step.percent))]) }
                </span>
                if let Some(detail) = detail {
                    <span class="funnel-channels muted small" id="funnel-channels">{ detail }</span>
                }
            </li>
        }
    });
    html! {
        <div class="funnel-body">
            <ol class="funnel-steps" aria-label={words.t("funnel-steps")}>{ for rows }</ol>
            if funnel.counts.created == 0 {
                <p class="muted small" id="funnel-empty">{ words.t("funnel-none-created") }</p>
            } else {
                { week_chart(words, funnel) }
            }
            { waiting(words, funnel) }
        </div>
    }
}

/// A week's Monday (`YYYY-MM-DD`) under the chart and in full, as the person reads dates.
/// Weeks are UTC days, so they are written in UTC whatever the clock of the desk.
fn week_dates(words: &Words, starts: &str) -> (String, String) {
    let window = words.window();
    if window.language == Language::En && window.calendar == Calendar::Gregorian {
        return (short_date(starts), starts.to_owned());
    }
    // A date alone (`YYYY-MM-DD`) is read as midnight UTC.
    let date = js_sys::Date::new(&JsValue::from_str(starts));
    if date.get_time().is_nan() {
        return (starts.to_owned(), starts.to_owned());
    }
    let calendar = match window.calendar {
        Calendar::Gregorian => "gregory",
        Calendar::SolarHijri => "persian",
    };
    let locale = format!("{}-u-ca-{calendar}", window.language.as_str());
    let write = |options: &[(&str, &str)]| -> String {
        let object = js_sys::Object::new();
        for (key, value) in options.iter().chain(&[("timeZone", "UTC")]) {
            let _ = js_sys::Reflect::set(&object, &(*key).into(), &(*value).into());
        }
        date.to_locale_date_string(&locale, &object).into()
    };
    (
        write(&[("month", "short"), ("day", "numeric")]),
        write(&[("dateStyle", "medium")]),
    )
}

/// The steps' short names, as the weekly table's columns and the chart's legend.
const COLUMNS: [&str; 4] = [
    "funnel-col-created",
    "funnel-col-handed-over",
    "funnel-col-verified",
    "funnel-col-signed-in",
];

/// The weeks as groups of four bars, drawn in SVG (no remote assets).
fn week_chart(words: &Words, funnel: &Funnel) -> Html {
    let weeks = chart(&funnel.weeks);
    let view_box = [0.0, 0.0, CHART_WIDTH, CHART_HEIGHT]
        .map(|n| n.to_string())
        .join(" ");
    let baseline = CHART_HEIGHT - CHART_LABELS;
    html! {
        <figure class="funnel-chart">
            <svg id="funnel-chart" viewBox={view_box} aria-hidden="true" preserveAspectRatio="xMidYMid meet">
                <line x1="0" x2={CHART_WIDTH.to_string()} y1={baseline.to_string()} y2={baseline.to_string()}
                    class="funnel-axis" />
                { for weeks.iter().map(|week| {
                    let (label, date) = week_dates(words, &week.starts);
                    html! {
                        <g>
                            { for week.bars.iter().map(|bar| html! {
                                <rect class={format!("funnel-bar-{}", bar.step)}
                                    x={format!("{:.1}", bar.x)} y={format!("{:.1}", bar.y)}
                                    width={format!("{:.1}", bar.width.max(1.0))} height={format!("{:.1}", bar.height)}>
                                    <title>{ bar.title(words, &date) }</title>
                                </rect>
                            }) }
                            <text x={format!("{:.1}", week.label_x)} y={(CHART_HEIGHT - 4.0).to_string()}
                                text-anchor="middle" class="funnel-week">{ label }</text>
                        </g>
                    }
                }) }
            </svg>
            <table class="visually-hidden" id="funnel-weeks">
                <caption>{ words.t("funnel-by-week") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ words.t("funnel-week-of") }</th>
                        for column in COLUMNS {
                            <th scope="col">{ words.t(column) }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for funnel.weeks.iter().map(|w| html! {
                        <tr>
                            <th scope="row">{ week_dates(words, &w.starts).1 }</th>
                            <td>{ words.number(w.counts.created) }</td>
                            <td>{ words.number(w.counts.handed_over) }</td>
                            <td>{ words.number(w.counts.verified) }</td>
                            <td>{ words.number(w.counts.signed_in) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <figcaption class="funnel-legend small muted" aria-hidden="true">
                for (i, column) in COLUMNS.iter().enumerate() {
                    <span><i class={classes!("funnel-key", format!("funnel-bar-{i}"))}></i>{ words.t(column) }</span>
                }
            </figcaption>
        </figure>
    }
}

fn waiting(words: &Words, funnel: &Funnel) -> Html {
    html! {
        <section class="funnel-waiting" aria-labelledby="funnel-waiting-title">
            <h4 id="funnel-waiting-title">{ words.t("funnel-waiting-title") }</h4>
            if funnel.oldest_waiting.is_empty() {
                <p class="muted small" id="funnel-waiting-none">{ words.t("funnel-waiting-none") }</p>
            } else {
                <ul id="funnel-waiting">
                    { for funnel.oldest_waiting.iter().map(|w| html! {
                        <li>
                            <span class="cell-strong">{ w.name.clone() }</span>
                            <span class="muted small">
                                { " " }{ words.t("funnel-since") }{ " " }
                                <time datetime={w.since.clone()} title={local_time(&w.since)}>{ local_time_short(&w.since) }</time>
                            </span>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
