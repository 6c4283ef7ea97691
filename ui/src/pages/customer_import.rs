//! `#customer-import-dialog`: import customers from a CSV file in four steps.

use keydesk_api::{
    DuplicatePolicy, EncodingSource, Error, ImportField, ImportPreview, ImportReport, TextEncoding,
    IMPORT_PROGRESS_EVENT,
};

use crate::components::progress_bar::ProgressBar;
use crate::hooks::shell_event::use_shell_event;
use crate::prelude::*;
use crate::state::customer_import::{
    customers, percent, rows, Answer, ImportAction, ImportStep, ImportWizard, Pending,
};
use crate::words::Words;

#[derive(Properties, PartialEq)]
pub struct CustomerImportProps {
    /// The dialog closes; `true` when customers were written (the list reloads).
    pub onclose: Callback<bool>,
}

/// The message ids of the four steps.
const STEPS: [&str; 4] = [
    "import-step-file",
    "import-step-columns",
    "import-step-check",
    "import-step-import",
];

#[component]
pub fn CustomerImportDialog(props: &CustomerImportProps) -> Html {
    let words = use_words();
    let command = use_command();
    let wizard = use_reducer(ImportWizard::default);
    let act = wizard.dispatcher().to_callback();
    // Progress events arrive while the import command runs.
    use_shell_event(
        IMPORT_PROGRESS_EVENT,
        true,
        act.reform(ImportAction::Progress),
    );
    {
        let wizard = wizard.clone();
        let command = command.clone();
        use_effect_with(wizard.request_seq, move |&seq| {
            let Some(pending) = wizard.pending else {
                return;
            };
            let dispatcher = wizard.dispatcher();
            match pending {
                Pending::Choose => command.dispatch(
                    commands::CHOOSE_IMPORT_FILE,
                    (),
                    dispatcher,
                    answered(seq, Answer::Chosen),
                ),
                Pending::Preview => command.dispatch(
                    commands::PREVIEW_CUSTOMER_IMPORT,
                    wizard.file_request(),
                    dispatcher,
                    answered(seq, |preview| Answer::Previewed(Box::new(preview))),
                ),
                Pending::Check => command.dispatch(
                    commands::CHECK_CUSTOMER_IMPORT,
                    wizard.check_request(),
                    dispatcher,
                    answered(seq, |report| Answer::Checked(Box::new(report))),
                ),
                Pending::Run => command.dispatch(
                    commands::RUN_CUSTOMER_IMPORT,
                    wizard.run_request(),
                    dispatcher,
                    answered(seq, Answer::Finished),
                ),
            }
        });
    }
    use_effect_with(wizard.cancelling, move |&cancelling| {
        if cancelling {
            command.call(commands::CANCEL_CUSTOMER_IMPORT, (), |_: Result<(), _>| {});
        }
    });

    let wrote = matches!(&wizard.step, ImportStep::Done(o) if o.created + o.linked > 0);
    let close = props.onclose.reform(move |()| wrote);
    let close_click = close.reform(|_: MouseEvent| ());
    let busy = wizard.busy();
    let error = wizard.error.clone();

    let step_index = match &wizard.step {
        ImportStep::ChooseFile => 0,
        ImportStep::Mapping => 1,
        ImportStep::Report(_) => 2,
        ImportStep::Running { .. } | ImportStep::Done(_) | ImportStep::Cancelled => 3,
    };
    let title = match &wizard.preview {
        Some(p) if step_index > 0 => words.t_with("import-title-file", &[("file", &p.file_name)]),
        _ => words.t("import-title"),
    };
    let stepper = html! {
        <ol class="import-stepper" aria-label={words.t("import-steps")}>
            for (i, label) in STEPS.iter().enumerate() {
                <li class={classes!("import-step", (i == step_index).then_some("import-step-current"), (i < step_index).then_some("import-step-done"))}
                    aria-current={(i == step_index).then_some("step")}>
                    <span class="import-step-number">{ words.number(i + 1) }</span>{ words.t(label) }
                </li>
            }
        </ol>
    };

    let body = match &wizard.step {
        ImportStep::ChooseFile => {
            let oninput = act.reform(ImportAction::SetPath);
            let onkeydown = {
                let act = act.clone();
                Callback::from(move |e: KeyboardEvent| {
                    if e.key() == "Enter" {
                        e.prevent_default();
                        act.emit(ImportAction::Preview);
                    }
                })
            };
            html! {
                <>
                    <p class="muted">{ words.t("import-choose-lead") }</p>
                    <div class="import-file-row">
                        <TextField id="import-path" label={words.t("import-file")} value={wizard.path.clone()}
                            placeholder={words.t("import-file-placeholder")} autocomplete="off"
                            error={wizard.error_on("file", &words)} {oninput} {onkeydown} disabled={busy} autofocus=true />
                        <button type="button" id="import-choose" class="btn btn-secondary"
                            disabled={busy} onclick={act.reform(|_| ImportAction::Choose)}>
                            { words.t("import-choose") }
                        </button>
                    </div>
                    <div class="modal-actions">
                        <button type="button" class="btn btn-ghost" onclick={close_click.clone()} disabled={busy}>
                            { words.t("cancel") }
                        </button>
                        <BusyButton id="import-next" class="btn btn-primary"
                            busy={wizard.pending == Some(Pending::Preview)} disabled={busy}
                            busy_label={words.t("import-reading")} onclick={act.reform(|_| ImportAction::Preview)}>
                            { words.t("import-next") }
                        </BusyButton>
                    </div>
                </>
            }
        }
        ImportStep::Mapping => {
            let preview = wizard.preview.clone().expect("a preview before mapping");
            mapping_step(&words, &wizard, &preview, &act)
        }
        ImportStep::Report(report) => report_step(&words, &wizard, report, &act),
        ImportStep::Running { report, progress } => {
            let pct = percent(progress);
            let (new, linked) = wizard.to_import(report);
            let new = customers(&words, new);
            let running = if linked > 0 {
                let linked = words.number(linked);
                words.t_with(
                    "import-running-linking",
                    &[("customers", &new), ("linked", &linked)],
                )
            } else {
                words.t_with("import-running", &[("customers", &new)])
            };
            let progress_text = words.t_with(
                "import-progress-text",
                &[
                    ("done", &words.number(progress.done)),
                    ("total", &words.number(progress.total)),
                    ("percent", &words.number(pct)),
                ],
            );
            html! {
                <>
                    <p id="import-running" class="muted" aria-live="polite">{ running }</p>
                    <ProgressBar label={words.t("import-progress")} percent={Some(pct)} />
                    <p id="import-progress-text" class="small muted">{ progress_text }</p>
                    <div class="modal-actions">
                        <button type="button" id="import-cancel" class="btn btn-secondary"
                            disabled={wizard.cancelling} onclick={act.reform(|_| ImportAction::Cancel)}>
                            { words.t(if wizard.cancelling { "import-cancelling" } else { "import-cancel" }) }
                        </button>
                    </div>
                </>
            }
        }
        ImportStep::Done(outcome) => html! {
            <>
                <div id="import-done" class="import-outcome" role="status">
                    <span class="card-icon tone-ok"><Icon name={IconName::CheckCircle} size={22} /></span>
                    <div>
                        <p class="cell-strong">
                            { words.t_with("import-imported", &[("customers", &customers(&words, outcome.created))]) }
                        </p>
                        <ul class="import-outcome-list muted small">
                            if outcome.linked > 0 {
                                <li>{ words.t_with("import-done-linked", &[("customers", &customers(&words, outcome.linked))]) }</li>
                            }
                            if outcome.skipped > 0 {
                                <li>{ words.t_with("import-done-skipped", &[("customers", &customers(&words, outcome.skipped))]) }</li>
                            }
                            if outcome.refused > 0 {
                                <li>{ words.t_with("import-done-refused", &[("rows", &rows(&words, outcome.refused))]) }</li>
                            }
                        </ul>
                    </div>
                </div>
                <div class="modal-actions">
                    <button type="button" id="import-close" class="btn btn-primary" onclick={close_click.clone()}>
                        { words.t("import-done") }
                    </button>
                </div>
            </>
        },
        ImportStep::Cancelled => html! {
            <>
                <div id="import-cancelled" class="import-outcome" role="status">
                    <span class="card-icon tone-warn"><Icon name={IconName::Info} size={22} /></span>
                    <div>
                        <p class="cell-strong">{ words.t("import-cancelled") }</p>
                        <p class="muted small">{ words.t("import-cancelled-lead") }</p>
                    </div>
                </div>
                <div class="modal-actions">
                    <button type="button" class="btn btn-ghost" onclick={act.reform(|_| ImportAction::BackToMapping)}>
                        { words.t("import-back-to-columns") }
                    </button>
                    <button type="button" id="import-close" class="btn btn-primary" onclick={close_click.clone()}>
                        { words.t("import-close") }
                    </button>
                </div>
            </>
        },
    };
    // Errors about a field the step shows appear under it; the others above the step.
    let in_place: &[&str] = match &wizard.step {
        ImportStep::ChooseFile => &["file"],
        ImportStep::Mapping => &["mapping", "encoding"],
        _ => &[],
    };
    let banner = error
        .as_ref()
        .filter(|e| !e.field().is_some_and(|f| in_place.contains(&f)))
        .map(|e| e.text(&words));

    html! {
        <Modal id="customer-import-dialog" labelledby="import-title" onclose={close}
            busy={busy} class="modal-wide modal-import">
            <div class="modal-form">
                <ModalHead icon={IconName::Upload} title_id="import-title" {title}>{ stepper }</ModalHead>
                if let Some(message) = banner {
                    <Banner id="import-error" message={message} />
                }
                { body }
            </div>
        </Modal>
    }
}

/// The action for the answer to request `seq`, which `ok` makes an [`Answer`] of.
fn answered<T>(seq: u64, ok: fn(T) -> Answer) -> impl FnOnce(Result<T, Error>) -> ImportAction {
    move |answer| ImportAction::Answered {
        seq,
        answer: answer.map(ok),
    }
}

fn mapping_step(
    words: &Words,
    wizard: &UseReducerHandle<ImportWizard>,
    preview: &ImportPreview,
    act: &Callback<ImportAction>,
) -> Html {
    let mut options = vec![("".into(), words.t("import-dont-import").into())];
    options.extend(words.choices(&ImportField::ALL));
    let busy = wizard.busy();
    let total = rows(words, preview.total_rows);
    html! {
        <>
            <p class="muted">{ words.t_with("import-mapping-lead", &[("rows", &total)]) }</p>
            { encoding_row(words, wizard, preview, act) }
            <div class="table-wrap import-preview" tabindex="0" aria-label={words.t("import-columns-label")}>
                <table id="import-mapping" class="table table-compact">
                    <thead>
                        <tr>
                            for (i, column) in preview.columns.iter().enumerate() {
                                <th scope="col">
                                    <span class="import-column-name" title={column.clone()}>{ column.clone() }</span>
                                    <Select id={format!("import-map-{i}")} class="select-sm"
                                        aria_label={words.t_with("import-column-field", &[("column", column)])}
                                        value={wizard.mapping.get(i).copied().flatten().map_or("", ImportField::as_str)}
                                        options={options.clone()} disabled={busy}
                                        onchange={act.reform(move |v: String| ImportAction::MapColumn {
                                            column: i,
                                            field: v.parse().ok(),
                                        })} />
                                </th>
                            }
                        </tr>
                    </thead>
                    <tbody>
                        for row in preview.sample_rows.iter() {
                            <tr>
                                for (i, _) in preview.columns.iter().enumerate() {
                                    <td class={classes!(wizard.mapping.get(i).copied().flatten().is_none().then_some("muted"))}>
                                        { row.get(i).cloned().unwrap_or_default() }
                                    </td>
                                }
                            </tr>
                        }
                    </tbody>
                </table>
            </div>
            <FieldError id="import-mapping-error" error={wizard.error_on("mapping", words)} />
            <div class="modal-actions">
                <button type="button" id="import-back" class="btn btn-ghost" disabled={busy}
                    onclick={act.reform(|_| ImportAction::BackToFile)}>
                    { words.t("import-back") }
                </button>
                <BusyButton id="import-check" class="btn btn-primary"
                    busy={wizard.pending == Some(Pending::Check)} disabled={busy}
                    busy_label={words.t_with("import-checking", &[("rows", &total)])} onclick={act.reform(|_| ImportAction::Check)}>
                    { words.t("import-check") }
                </BusyButton>
            </div>
        </>
    }
}

/// "Encoding: Western (Windows-1252) — detected", the middle a drop-down that reads the
/// file again in the encoding picked. A byte order mark settles the encoding for good.
fn encoding_row(
    words: &Words,
    wizard: &UseReducerHandle<ImportWizard>,
    preview: &ImportPreview,
    act: &Callback<ImportAction>,
) -> Html {
    let options = words.choices(&TextEncoding::ALL);
    let how = words.name(preview.encoding_source);
    let onchange = {
        let act = act.clone();
        Callback::from(move |value: String| {
            if let Ok(encoding) = value.parse() {
                act.emit(ImportAction::SetEncoding(encoding));
            }
        })
    };
    let error = wizard.error_on("encoding", words);
    html! {
        <>
            <div id="import-encoding-row" class="import-encoding">
                <label class="field-label" for="import-encoding">{ words.t("import-encoding") }</label>
                <Select id="import-encoding" class="select-sm"
                    value={wizard.shown_encoding().map_or("", TextEncoding::as_str)}
                    {options} {onchange}
                    disabled={wizard.busy() || preview.encoding_source == EncodingSource::ByteOrderMark}
                    invalid={error.is_some()}
                    aria_describedby={error.is_some().then_some(AttrValue::from("import-encoding-error"))} />
                <span id="import-encoding-source" class="small muted">{ words.t_with("import-encoding-how", &[("how", &how)]) }</span>
            </div>
            <FieldError id="import-encoding-error" error={error} />
        </>
    }
}

fn report_step(
    words: &Words,
    wizard: &UseReducerHandle<ImportWizard>,
    report: &ImportReport,
    act: &Callback<ImportAction>,
) -> Html {
    let (new, linked) = wizard.to_import(report);
    let choose = |policy| act.reform(move |_: Event| ImportAction::SetDuplicates(policy));
    let import_label = match (new, linked) {
        (0, 0) => words.t("import-nothing"),
        (new, 0) => words.t_with("import-run-new", &[("customers", &customers(words, new))]),
        (0, linked) => words.t_with(
            "import-run-link",
            &[("customers", &customers(words, linked))],
        ),
        (new, linked) => words.t_with(
            "import-run-both",
            &[
                ("customers", &customers(words, new)),
                ("linked", &words.number(linked)),
            ],
        ),
    };
    let more = report
        .problem_count
        .saturating_sub(report.problems.len() as u64);
    html! {
        <>
            <div id="import-report" class="import-counts" role="status">
                for (id, count, what, tone) in [
                    ("import-count-new", report.new_customers, "import-count-new", Some("tone-ok")),
                    ("import-count-existing", report.existing_customers, "import-count-existing", None),
                    ("import-count-refused", report.refused_rows, "import-count-refused",
                        (report.refused_rows > 0).then_some("tone-danger")),
                ] {
                    <div class={classes!("import-count", tone)}>
                        <span {id} class="import-count-value">{ words.number(count) }</span>
                        <span class="small muted">{ words.t(what) }</span>
                    </div>
                }
            </div>
            if !report.problems.is_empty() {
                <div class="table-wrap import-problems" tabindex="0" aria-label={words.t("import-refused-rows")}>
                    <table id="import-problems" class="table table-compact">
                        <thead>
                            <tr>
                                <th scope="col" class="col-line">{ words.t("import-col-line") }</th>
                                <th scope="col">{ words.t("import-col-field") }</th>
                                <th scope="col">{ words.t("import-col-reason") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            for problem in report.problems.iter() {
                                <tr class="import-problem">
                                    <td class="col-line">{ words.number(problem.line) }</td>
                                    <td>{ field_label(words, &problem.field) }</td>
                                    <td>{ words.say(&problem.message) }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
                if more > 0 {
                    <p class="small muted">{ words.t_with("import-more-problems", &[("n", &words.number(more))]) }</p>
                }
                <p class="small muted">{ words.t("import-refused-lead") }</p>
            }
            if report.existing_customers > 0 {
                <fieldset class="radio-group" id="import-duplicates">
                    <legend class="field-label">{ words.t("import-duplicates") }</legend>
                    // The message ids are the radios' own ids.
                    for (policy, id) in [
                        (DuplicatePolicy::Link, "import-duplicates-link"),
                        (DuplicatePolicy::Skip, "import-duplicates-skip"),
                    ] {
                        <label class="radio">
                            <input type="radio" name="import-duplicates" {id}
                                checked={wizard.duplicates == policy} onchange={choose(policy)} />
                            { words.t(id) }
                        </label>
                    }
                </fieldset>
            }
            <div class="modal-actions">
                <button type="button" id="import-back" class="btn btn-ghost"
                    onclick={act.reform(|_| ImportAction::BackToMapping)}>
                    { words.t("import-back") }
                </button>
                <button type="button" id="import-run" class="btn btn-primary"
                    disabled={new + linked == 0} onclick={act.reform(|_| ImportAction::Run)}>
                    { import_label }
                </button>
            </div>
        </>
    }
}

/// The field a problem names, as the mapping calls it.
fn field_label(words: &Words, field: &str) -> String {
    if field.is_empty() {
        return words.t("import-row");
    }
    field
        .parse::<ImportField>()
        .map(|f| words.name(f))
        .unwrap_or_else(|_| field.replace('_', " "))
}
