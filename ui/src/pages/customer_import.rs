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

#[derive(Properties, PartialEq)]
pub struct CustomerImportProps {
    /// The dialog closes; `true` when customers were written (the list reloads).
    pub onclose: Callback<bool>,
}

const STEPS: [&str; 4] = ["File", "Columns", "Check", "Import"];

#[component]
pub fn CustomerImportDialog(props: &CustomerImportProps) -> Html {
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
        Some(p) if step_index > 0 => format!("Import customers from {}", p.file_name),
        _ => "Import customers".to_owned(),
    };
    let stepper = html! {
        <ol class="import-stepper" aria-label="Import steps">
            for (i, label) in STEPS.iter().enumerate() {
                <li class={classes!("import-step", (i == step_index).then_some("import-step-current"), (i < step_index).then_some("import-step-done"))}
                    aria-current={(i == step_index).then_some("step")}>
                    <span class="import-step-number">{ i + 1 }</span>{ *label }
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
                    <p class="muted">
                        { "Choose a CSV file with a header row, as Excel, Numbers, LibreOffice or Google Sheets save it (separated by commas, semicolons or tabs, in any common encoding). Nothing is written until the last step." }
                    </p>
                    <div class="import-file-row">
                        <TextField id="import-path" label="File" value={wizard.path.clone()}
                            placeholder="Choose a file, or paste its path" autocomplete="off"
                            error={wizard.error_on("file")} {oninput} {onkeydown} disabled={busy} autofocus=true />
                        <button type="button" id="import-choose" class="btn btn-secondary"
                            disabled={busy} onclick={act.reform(|_| ImportAction::Choose)}>
                            { "Choose file…" }
                        </button>
                    </div>
                    <div class="modal-actions">
                        <button type="button" class="btn btn-ghost" onclick={close_click.clone()} disabled={busy}>
                            { "Cancel" }
                        </button>
                        <BusyButton id="import-next" class="btn btn-primary"
                            busy={wizard.pending == Some(Pending::Preview)} disabled={busy}
                            busy_label="Reading…" onclick={act.reform(|_| ImportAction::Preview)}>
                            { "Next" }
                        </BusyButton>
                    </div>
                </>
            }
        }
        ImportStep::Mapping => {
            let preview = wizard.preview.clone().expect("a preview before mapping");
            mapping_step(&wizard, &preview, &act)
        }
        ImportStep::Report(report) => report_step(&wizard, report, &act),
        ImportStep::Running { report, progress } => {
            let pct = percent(progress);
            let (new, linked) = wizard.to_import(report);
            html! {
                <>
                    <p id="import-running" class="muted" aria-live="polite">
                        { format!("Importing {}{}… You can keep working; the list updates when it is done.",
                            customers(new),
                            if linked > 0 { format!(" and linking {linked}") } else { String::new() }) }
                    </p>
                    <ProgressBar label="Import progress" percent={Some(pct)} />
                    <p id="import-progress-text" class="small muted">
                        { format!("{} of {} rows · {pct}%", progress.done, progress.total) }
                    </p>
                    <div class="modal-actions">
                        <button type="button" id="import-cancel" class="btn btn-secondary"
                            disabled={wizard.cancelling} onclick={act.reform(|_| ImportAction::Cancel)}>
                            { if wizard.cancelling { "Cancelling…" } else { "Cancel import" } }
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
                        <p class="cell-strong">{ format!("Imported {}", customers(outcome.created)) }</p>
                        <ul class="import-outcome-list muted small">
                            if outcome.linked > 0 {
                                <li>{ format!("{} already here, now linked to you", customers(outcome.linked)) }</li>
                            }
                            if outcome.skipped > 0 {
                                <li>{ format!("{} already here, left as they were", customers(outcome.skipped)) }</li>
                            }
                            if outcome.refused > 0 {
                                <li>{ format!("{} refused, not imported", rows(outcome.refused)) }</li>
                            }
                        </ul>
                    </div>
                </div>
                <div class="modal-actions">
                    <button type="button" id="import-close" class="btn btn-primary" onclick={close_click.clone()}>
                        { "Done" }
                    </button>
                </div>
            </>
        },
        ImportStep::Cancelled => html! {
            <>
                <div id="import-cancelled" class="import-outcome" role="status">
                    <span class="card-icon tone-warn"><Icon name={IconName::Info} size={22} /></span>
                    <div>
                        <p class="cell-strong">{ "Import cancelled" }</p>
                        <p class="muted small">{ "Nothing was imported: the customer list is as it was." }</p>
                    </div>
                </div>
                <div class="modal-actions">
                    <button type="button" class="btn btn-ghost" onclick={act.reform(|_| ImportAction::BackToMapping)}>
                        { "Back to the columns" }
                    </button>
                    <button type="button" id="import-close" class="btn btn-primary" onclick={close_click.clone()}>
                        { "Close" }
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
        .filter(|e| !e.field.as_deref().is_some_and(|f| in_place.contains(&f)))
        .map(|e| e.message.clone());

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
    wizard: &UseReducerHandle<ImportWizard>,
    preview: &ImportPreview,
    act: &Callback<ImportAction>,
) -> Html {
    let options = choices_or(
        "Don't import",
        &ImportField::ALL,
        ImportField::as_str,
        ImportField::label,
    );
    let busy = wizard.busy();
    let total = preview.total_rows;
    html! {
        <>
            <p class="muted">
                { format!("{}. Choose which field each column fills; columns set to “Don't import” are left out. The first rows are shown to help.",
                    rows(total)) }
            </p>
            { encoding_row(wizard, preview, act) }
            <div class="table-wrap import-preview" tabindex="0" aria-label="Columns and first rows">
                <table id="import-mapping" class="table table-compact">
                    <thead>
                        <tr>
                            for (i, column) in preview.columns.iter().enumerate() {
                                <th scope="col">
                                    <span class="import-column-name" title={column.clone()}>{ column.clone() }</span>
                                    <Select id={format!("import-map-{i}")} class="select-sm"
                                        aria_label={format!("Field for column {column}")}
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
            <FieldError id="import-mapping-error" error={wizard.error_on("mapping")} />
            <div class="modal-actions">
                <button type="button" id="import-back" class="btn btn-ghost" disabled={busy}
                    onclick={act.reform(|_| ImportAction::BackToFile)}>
                    { "Back" }
                </button>
                <BusyButton id="import-check" class="btn btn-primary"
                    busy={wizard.pending == Some(Pending::Check)} disabled={busy}
                    busy_label={format!("Checking {}…", rows(total))} onclick={act.reform(|_| ImportAction::Check)}>
                    { "Check rows" }
                </BusyButton>
            </div>
        </>
    }
}

/// "Encoding: Western (Windows-1252) — detected", the middle a drop-down that reads the
/// file again in the encoding picked. A byte order mark settles the encoding for good.
fn encoding_row(
    wizard: &UseReducerHandle<ImportWizard>,
    preview: &ImportPreview,
    act: &Callback<ImportAction>,
) -> Html {
    let options = choices(
        &TextEncoding::ALL,
        TextEncoding::as_str,
        TextEncoding::label,
    );
    let how = match preview.encoding_source {
        EncodingSource::Detected => "detected",
        EncodingSource::ByteOrderMark => "marked in the file",
        EncodingSource::Chosen => "chosen",
    };
    let onchange = {
        let act = act.clone();
        Callback::from(move |value: String| {
            if let Ok(encoding) = value.parse() {
                act.emit(ImportAction::SetEncoding(encoding));
            }
        })
    };
    let error = wizard.error_on("encoding");
    html! {
        <>
            <div id="import-encoding-row" class="import-encoding">
                <label class="field-label" for="import-encoding">{ "Encoding:" }</label>
                <Select id="import-encoding" class="select-sm"
                    value={wizard.shown_encoding().map_or("", TextEncoding::as_str)}
                    {options} {onchange}
                    disabled={wizard.busy() || preview.encoding_source == EncodingSource::ByteOrderMark}
                    invalid={error.is_some()}
                    aria_describedby={error.is_some().then_some(AttrValue::from("import-encoding-error"))} />
                <span id="import-encoding-source" class="small muted">{ format!("— {how}") }</span>
            </div>
            <FieldError id="import-encoding-error" error={error} />
        </>
    }
}

fn report_step(
    wizard: &UseReducerHandle<ImportWizard>,
    report: &ImportReport,
    act: &Callback<ImportAction>,
) -> Html {
    let (new, linked) = wizard.to_import(report);
    let choose = |policy| act.reform(move |_: Event| ImportAction::SetDuplicates(policy));
    let import_label = match (new, linked) {
        (0, 0) => "Nothing to import".to_owned(),
        (new, 0) => format!("Import {}", customers(new)),
        (0, linked) => format!("Link {}", customers(linked)),
        (new, linked) => format!("Import {} and link {linked}", customers(new)),
    };
    let more = report
        .problem_count
        .saturating_sub(report.problems.len() as u64);
    html! {
        <>
            <div id="import-report" class="import-counts" role="status">
                for (id, count, words, tone) in [
                    ("import-count-new", report.new_customers, "new customers", Some("tone-ok")),
                    ("import-count-existing", report.existing_customers, "already here", None),
                    ("import-count-refused", report.refused_rows, "rows refused",
                        (report.refused_rows > 0).then_some("tone-danger")),
                ] {
                    <div class={classes!("import-count", tone)}>
                        <span {id} class="import-count-value">{ count }</span>
                        <span class="small muted">{ words }</span>
                    </div>
                }
            </div>
            if !report.problems.is_empty() {
                <div class="table-wrap import-problems" tabindex="0" aria-label="Refused rows">
                    <table id="import-problems" class="table table-compact">
                        <thead>
                            <tr>
                                <th scope="col" class="col-line">{ "Line" }</th>
                                <th scope="col">{ "Field" }</th>
                                <th scope="col">{ "Reason" }</th>
                            </tr>
                        </thead>
                        <tbody>
                            for problem in report.problems.iter() {
                                <tr class="import-problem">
                                    <td class="col-line">{ problem.line }</td>
                                    <td>{ field_label(&problem.field) }</td>
                                    <td>{ problem.message.clone() }</td>
                                </tr>
                            }
                        </tbody>
                    </table>
                </div>
                if more > 0 {
                    <p class="small muted">{ format!("…and {more} more problems not listed.") }</p>
                }
                <p class="small muted">{ "Refused rows are left out; fix them in the file and import it again to add them." }</p>
            }
            if report.existing_customers > 0 {
                <fieldset class="radio-group" id="import-duplicates">
                    <legend class="field-label">{ "Customers already here (same email)" }</legend>
                    for (policy, id, words) in [
                        (DuplicatePolicy::Link, "import-duplicates-link", "Link them to me, leave their details as they are"),
                        (DuplicatePolicy::Skip, "import-duplicates-skip", "Skip them"),
                    ] {
                        <label class="radio">
                            <input type="radio" name="import-duplicates" {id}
                                checked={wizard.duplicates == policy} onchange={choose(policy)} />
                            { words }
                        </label>
                    }
                </fieldset>
            }
            <div class="modal-actions">
                <button type="button" id="import-back" class="btn btn-ghost"
                    onclick={act.reform(|_| ImportAction::BackToMapping)}>
                    { "Back" }
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
fn field_label(field: &str) -> String {
    if field.is_empty() {
        return "Row".to_owned();
    }
    field
        .parse::<ImportField>()
        .ok()
        .map(|f| f.label().to_owned())
        .unwrap_or_else(|| field.replace('_', " "))
}
