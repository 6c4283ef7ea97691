//! The customer import, step by step: choose a file, map its columns, read the report
//! of every row, import with progress (and Cancel), see what was done.
//!
//! Nothing is written before the last step; going back never loses the mapping.

use std::rc::Rc;

use keydesk_api::{
    DuplicatePolicy, Error, ErrorCode, ImportCheckRequest, ImportField, ImportFileRequest,
    ImportOutcome, ImportPreview, ImportProgress, ImportReport, ImportRunRequest, TextEncoding,
};
use yew::prelude::*;

use crate::words::Words;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ImportStep {
    #[default]
    ChooseFile,
    Mapping,
    Report(Box<ImportReport>),
    Running {
        report: Box<ImportReport>,
        progress: ImportProgress,
    },
    Done(ImportOutcome),
    Cancelled,
}

/// The request an effect must send when `request_seq` moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    Choose,
    Preview,
    Check,
    Run,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportWizard {
    pub path: String,
    pub step: ImportStep,
    pub preview: Option<Rc<ImportPreview>>,
    /// The encoding the next preview reads the file in; none detects it (as each new
    /// look at a file does).
    pub encoding: Option<TextEncoding>,
    pub mapping: Vec<Option<ImportField>>,
    pub duplicates: DuplicatePolicy,
    pub pending: Option<Pending>,
    pub request_seq: u64,
    /// Cancel was asked for; the import stops at its next row.
    pub cancelling: bool,
    pub error: Option<ImportError>,
}

/// Why a step did not go on: the core's refusal, its words shown as they are, or the
/// window's own before it asked the core anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Core(Error),
    Own {
        field: &'static str,
        /// The message id of the reason.
        id: &'static str,
    },
}

impl ImportError {
    /// The field it is about (the file, the mapping, the encoding), if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Self::Core(error) => error.field.as_deref(),
            Self::Own { field, .. } => Some(field),
        }
    }

    pub fn text(&self, words: &Words) -> String {
        match self {
            Self::Core(error) => error.message.clone(),
            Self::Own { id, .. } => words.t(id),
        }
    }
}

/// What a request answered.
#[derive(Debug)]
pub enum Answer {
    /// The picked file; `None` when the picker was closed.
    Chosen(Option<String>),
    Previewed(Box<ImportPreview>),
    Checked(Box<ImportReport>),
    Finished(ImportOutcome),
}

pub enum ImportAction {
    SetPath(String),
    /// Open the system's file picker.
    Choose,
    /// Read the chosen file's header and first rows.
    Preview,
    /// Read the file again in another encoding.
    SetEncoding(TextEncoding),
    MapColumn {
        column: usize,
        field: Option<ImportField>,
    },
    /// Check every row with the current mapping.
    Check,
    SetDuplicates(DuplicatePolicy),
    Run,
    Progress(ImportProgress),
    /// The answer to request `seq`.
    Answered {
        seq: u64,
        answer: Result<Answer, Error>,
    },
    Cancel,
    BackToFile,
    BackToMapping,
}

impl ImportWizard {
    pub fn busy(&self) -> bool {
        self.pending.is_some()
    }

    pub fn running(&self) -> bool {
        matches!(self.step, ImportStep::Running { .. })
    }

    pub fn file_request(&self) -> ImportFileRequest {
        ImportFileRequest {
            path: self.path.trim().to_owned(),
            encoding: self.encoding,
        }
    }

    /// The rows are checked and imported in the encoding the preview showed them in.
    fn previewed_encoding(&self) -> Option<TextEncoding> {
        self.preview.as_ref().map(|p| p.encoding)
    }

    pub fn check_request(&self) -> ImportCheckRequest {
        ImportCheckRequest {
            path: self.path.trim().to_owned(),
            mapping: self.mapping.clone(),
            encoding: self.previewed_encoding(),
        }
    }

    pub fn run_request(&self) -> ImportRunRequest {
        ImportRunRequest {
            path: self.path.trim().to_owned(),
            mapping: self.mapping.clone(),
            encoding: self.previewed_encoding(),
            duplicates: self.duplicates,
        }
    }

    /// The encoding the drop-down shows: the one being tried while the file is read
    /// again in it, else the one the preview was read in.
    pub fn shown_encoding(&self) -> Option<TextEncoding> {
        match (self.pending, self.encoding) {
            (Some(Pending::Preview), Some(trying)) => Some(trying),
            _ => self.previewed_encoding(),
        }
    }

    /// The error's words when they belong under `field` (the file, the mapping).
    pub fn error_on(&self, field: &str, words: &Words) -> Option<String> {
        let error = self.error.as_ref()?;
        (error.field() == Some(field)).then(|| error.text(words))
    }

    /// Why the mapping cannot be checked yet, as the core would say it: a message id.
    pub fn mapping_problem(&self) -> Option<&'static str> {
        let has = |field| self.mapping.contains(&Some(field));
        if !has(ImportField::Email) {
            return Some("import-mapping-no-email");
        }
        let names = has(ImportField::FullName)
            || (has(ImportField::FirstName) && has(ImportField::LastName));
        if !names {
            return Some("import-mapping-no-names");
        }
        None
    }

    /// How many customers the Import button will write, for its label.
    pub fn to_import(&self, report: &ImportReport) -> (u64, u64) {
        let linked = match self.duplicates {
            DuplicatePolicy::Link => report.existing_customers,
            DuplicatePolicy::Skip => 0,
        };
        (report.new_customers, linked)
    }

    fn send(&mut self, pending: Pending) {
        self.pending = Some(pending);
        self.request_seq += 1;
        self.error = None;
    }

    /// The request an answer closes, if it answers the latest one (a stale answer is
    /// dropped).
    fn answered(&mut self, seq: u64) -> Option<Pending> {
        (seq == self.request_seq)
            .then(|| self.pending.take())
            .flatten()
    }
}

impl Reducible for ImportWizard {
    type Action = ImportAction;

    fn reduce(self: Rc<Self>, action: ImportAction) -> Rc<Self> {
        let mut next = (*self).clone();
        // A step's own actions do nothing on another step, or while a request runs.
        let idle_on = |step: &ImportStep| !self.busy() && self.step == *step;
        match action {
            ImportAction::SetPath(path) if idle_on(&ImportStep::ChooseFile) => {
                next.path = path;
                next.error = None;
            }
            ImportAction::Choose if idle_on(&ImportStep::ChooseFile) => next.send(Pending::Choose),
            ImportAction::Preview if idle_on(&ImportStep::ChooseFile) => {
                if next.path.trim().is_empty() {
                    next.error = Some(ImportError::Own {
                        field: "file",
                        id: "import-file-missing",
                    });
                    return next.into();
                }
                next.encoding = None;
                next.send(Pending::Preview);
            }
            ImportAction::SetEncoding(encoding)
                if idle_on(&ImportStep::Mapping) && self.previewed_encoding() != Some(encoding) =>
            {
                next.encoding = Some(encoding);
                next.send(Pending::Preview);
            }
            ImportAction::MapColumn { column, field }
                if idle_on(&ImportStep::Mapping) && column < self.mapping.len() =>
            {
                // Each field fills from one column: taking it elsewhere frees the old one.
                if field.is_some() {
                    for slot in next.mapping.iter_mut() {
                        if *slot == field {
                            *slot = None;
                        }
                    }
                }
                next.mapping[column] = field;
                next.error = None;
            }
            ImportAction::Check if idle_on(&ImportStep::Mapping) => {
                if let Some(id) = next.mapping_problem() {
                    next.error = Some(ImportError::Own {
                        field: "mapping",
                        id,
                    });
                    return next.into();
                }
                next.send(Pending::Check);
            }
            ImportAction::SetDuplicates(policy) if !self.busy() => next.duplicates = policy,
            ImportAction::Run if !self.busy() => {
                let ImportStep::Report(report) = &next.step else {
                    return self;
                };
                let (new, linked) = next.to_import(report);
                if new + linked == 0 {
                    return self;
                }
                let total = report.rows;
                next.step = ImportStep::Running {
                    report: report.clone(),
                    progress: ImportProgress { done: 0, total },
                };
                next.cancelling = false;
                next.send(Pending::Run);
            }
            ImportAction::Progress(progress) => {
                let ImportStep::Running {
                    progress: current, ..
                } = &mut next.step
                else {
                    return self;
                };
                // Events may arrive out of order; the bar never goes back.
                if progress.done < current.done {
                    return self;
                }
                *current = progress;
            }
            ImportAction::Answered { seq, answer } => {
                let Some(pending) = next.answered(seq) else {
                    return self;
                };
                next.cancelling = false;
                match answer {
                    // A file was picked: look at it straight away.
                    Ok(Answer::Chosen(Some(path))) => {
                        next.path = path;
                        next.encoding = None;
                        next.send(Pending::Preview);
                    }
                    Ok(Answer::Chosen(None)) => {}
                    Ok(Answer::Previewed(preview)) => {
                        // The same file again keeps the mapping the person already chose.
                        let same_columns = next
                            .preview
                            .as_ref()
                            .is_some_and(|old| old.columns == preview.columns);
                        if !same_columns {
                            next.mapping = preview.mapping.clone();
                        }
                        next.path = preview.path.clone();
                        next.preview = Some(Rc::new(*preview));
                        next.step = ImportStep::Mapping;
                    }
                    Ok(Answer::Checked(report)) => next.step = ImportStep::Report(report),
                    Ok(Answer::Finished(outcome)) => next.step = ImportStep::Done(outcome),
                    Err(error) => match (pending, error.code) {
                        (Pending::Run, ErrorCode::Cancelled) => next.step = ImportStep::Cancelled,
                        (Pending::Run, _) => {
                            // Nothing was written: back to the report, with the reason.
                            if let ImportStep::Running { report, .. } = &next.step {
                                next.step = ImportStep::Report(report.clone());
                            }
                            next.error = Some(ImportError::Core(error));
                        }
                        (Pending::Check | Pending::Preview, _)
                            if error.field.as_deref() == Some("file") =>
                        {
                            // The file changed or went away since it was previewed.
                            next.step = ImportStep::ChooseFile;
                            next.error = Some(ImportError::Core(error));
                        }
                        _ => next.error = Some(ImportError::Core(error)),
                    },
                }
            }
            ImportAction::Cancel if self.running() && !self.cancelling => next.cancelling = true,
            ImportAction::BackToFile if idle_on(&ImportStep::Mapping) => {
                next.step = ImportStep::ChooseFile;
                next.error = None;
            }
            ImportAction::BackToMapping
                if !self.busy()
                    && matches!(self.step, ImportStep::Report(_) | ImportStep::Cancelled) =>
            {
                next.step = ImportStep::Mapping;
                next.error = None;
            }
            _ => return self,
        }
        next.into()
    }
}

/// Percent done, for the progress bar.
pub fn percent(progress: &ImportProgress) -> u64 {
    if progress.total == 0 {
        return 100;
    }
    crate::components::progress_bar::percent(progress.done, progress.total)
}

/// "1 customer" / "2 customers".
pub fn customers(words: &Words, n: u64) -> String {
    words.count("import-customers", n as i64)
}

/// "1 row" / "2 rows".
pub fn rows(words: &Words, n: u64) -> String {
    words.count("import-rows", n as i64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::words::speaking;
    use keydesk_api::{EncodingSource, Language, Vocabulary};

    fn english() -> Words {
        Words::new(speaking(Language::En))
    }

    fn wizard() -> Rc<ImportWizard> {
        Rc::new(ImportWizard::default())
    }

    fn preview(columns: &[&str], mapping: Vec<Option<ImportField>>) -> Box<ImportPreview> {
        Box::new(ImportPreview {
            path: "/home/ann/customers.csv".into(),
            file_name: "customers.csv".into(),
            encoding: TextEncoding::Windows1252,
            encoding_source: EncodingSource::Detected,
            columns: columns.iter().map(|c| (*c).to_owned()).collect(),
            sample_rows: vec![],
            total_rows: 3,
            mapping,
        })
    }

    fn report(new: u64, existing: u64) -> Box<ImportReport> {
        Box::new(ImportReport {
            rows: new + existing + 1,
            new_customers: new,
            existing_customers: existing,
            refused_rows: 1,
            problems: vec![],
            problem_count: 1,
        })
    }

    fn mapped() -> Rc<ImportWizard> {
        let w = wizard().reduce(ImportAction::SetPath("/home/ann/customers.csv".into()));
        let w = w.reduce(ImportAction::Preview);
        let seq = w.request_seq;
        w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Previewed(preview(
                &["Email", "Name", "Phone"],
                vec![
                    Some(ImportField::Email),
                    Some(ImportField::FullName),
                    Some(ImportField::Phone),
                ],
            ))),
        })
    }

    fn reported(new: u64, existing: u64) -> Rc<ImportWizard> {
        let w = mapped().reduce(ImportAction::Check);
        let seq = w.request_seq;
        w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Checked(report(new, existing))),
        })
    }

    #[test]
    fn an_empty_path_is_refused_without_asking_the_app() {
        let w = wizard().reduce(ImportAction::Preview);
        assert_eq!(w.request_seq, 0);
        assert_eq!(w.error.as_ref().unwrap().field(), Some("file"));
        assert_eq!(
            w.error_on("file", &english()).as_deref(),
            Some("Choose a CSV file, or type the path of one.")
        );
    }

    #[test]
    fn a_picked_file_is_previewed_at_once_and_a_cancelled_picker_changes_nothing() {
        let w = wizard().reduce(ImportAction::Choose);
        assert_eq!(w.pending, Some(Pending::Choose));
        let seq = w.request_seq;
        let closed = w.clone().reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Chosen(None)),
        });
        assert_eq!(closed.pending, None);
        assert_eq!(closed.step, ImportStep::ChooseFile);
        let picked = w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Chosen(Some("/tmp/a.csv".into()))),
        });
        assert_eq!(picked.pending, Some(Pending::Preview));
        assert_eq!(picked.path, "/tmp/a.csv");
        assert!(picked.request_seq > seq);
    }

    #[test]
    fn the_guessed_mapping_is_taken_and_each_field_fills_from_one_column() {
        let w = mapped();
        assert_eq!(w.step, ImportStep::Mapping);
        assert_eq!(w.mapping[0], Some(ImportField::Email));
        let w = w.reduce(ImportAction::MapColumn {
            column: 2,
            field: Some(ImportField::Email),
        });
        assert_eq!(
            w.mapping,
            vec![None, Some(ImportField::FullName), Some(ImportField::Email)]
        );
    }

    #[test]
    fn checking_needs_an_email_and_names() {
        let w = mapped().reduce(ImportAction::MapColumn {
            column: 1,
            field: None,
        });
        let seq = w.request_seq;
        let w = w.reduce(ImportAction::Check);
        assert_eq!(w.request_seq, seq, "nothing sent");
        assert_eq!(w.error.as_ref().unwrap().field(), Some("mapping"));
        assert_eq!(
            w.error_on("mapping", &english()).as_deref(),
            Some("Choose the columns with first and last name, or one with the full name.")
        );
        let w = w
            .reduce(ImportAction::MapColumn {
                column: 1,
                field: Some(ImportField::FirstName),
            })
            .reduce(ImportAction::MapColumn {
                column: 2,
                field: Some(ImportField::LastName),
            })
            .reduce(ImportAction::Check);
        assert_eq!(w.pending, Some(Pending::Check));
        assert!(w.error.is_none());
    }

    #[test]
    fn going_back_to_the_same_file_keeps_the_chosen_mapping() {
        let w = mapped()
            .reduce(ImportAction::MapColumn {
                column: 2,
                field: Some(ImportField::Notes),
            })
            .reduce(ImportAction::BackToFile)
            .reduce(ImportAction::Preview);
        let seq = w.request_seq;
        let w = w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Previewed(preview(
                &["Email", "Name", "Phone"],
                vec![
                    Some(ImportField::Email),
                    Some(ImportField::FullName),
                    Some(ImportField::Phone),
                ],
            ))),
        });
        assert_eq!(w.mapping[2], Some(ImportField::Notes));
    }

    /// `w` with the preview's answer to its pending request: the file read in `encoding`.
    fn read_in(w: Rc<ImportWizard>, encoding: TextEncoding) -> Rc<ImportWizard> {
        let mut preview = (**w.preview.as_ref().unwrap()).clone();
        preview.encoding = encoding;
        preview.encoding_source = EncodingSource::Chosen;
        let seq = w.request_seq;
        w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Previewed(Box::new(preview))),
        })
    }

    #[test]
    fn another_encoding_reads_the_file_again_and_the_rows_are_checked_and_imported_in_it() {
        let w = mapped();
        assert_eq!(w.file_request().encoding, None, "the first look detects it");
        assert_eq!(w.shown_encoding(), Some(TextEncoding::Windows1252));
        assert_eq!(w.check_request().encoding, Some(TextEncoding::Windows1252));
        let w = w.reduce(ImportAction::MapColumn {
            column: 2,
            field: Some(ImportField::Notes),
        });

        let same = w
            .clone()
            .reduce(ImportAction::SetEncoding(TextEncoding::Windows1252));
        assert!(
            Rc::ptr_eq(&w, &same),
            "the encoding shown reads nothing again"
        );

        let w = w.reduce(ImportAction::SetEncoding(TextEncoding::Windows1256));
        assert_eq!(w.pending, Some(Pending::Preview));
        assert_eq!(w.file_request().encoding, Some(TextEncoding::Windows1256));
        assert_eq!(w.shown_encoding(), Some(TextEncoding::Windows1256));
        let w = read_in(w, TextEncoding::Windows1256);
        assert_eq!(w.step, ImportStep::Mapping);
        assert_eq!(
            w.mapping[2],
            Some(ImportField::Notes),
            "the mapping is kept"
        );
        assert_eq!(w.check_request().encoding, Some(TextEncoding::Windows1256));
        let w = w.reduce(ImportAction::Check);
        let seq = w.request_seq;
        let w = w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Checked(report(2, 0))),
        });
        assert_eq!(w.run_request().encoding, Some(TextEncoding::Windows1256));

        // Another file, or the same one looked at anew, is detected again.
        let w = w
            .reduce(ImportAction::BackToMapping)
            .reduce(ImportAction::BackToFile)
            .reduce(ImportAction::Preview);
        assert_eq!(w.file_request().encoding, None);
    }

    #[test]
    fn an_encoding_that_cannot_read_the_file_is_refused_under_the_drop_down() {
        let w = mapped().reduce(ImportAction::SetEncoding(TextEncoding::Utf8));
        let seq = w.request_seq;
        let message = "Line 2 of customers.csv cannot be read as Unicode (UTF-8).";
        let w = w.reduce(ImportAction::Answered {
            seq,
            answer: Err(Error::for_field("encoding", message)),
        });
        assert_eq!(w.step, ImportStep::Mapping);
        assert_eq!(w.error_on("encoding", &english()).as_deref(), Some(message));
        assert_eq!(
            w.shown_encoding(),
            Some(TextEncoding::Windows1252),
            "the drop-down goes back to the encoding the preview is in"
        );
        assert_eq!(w.check_request().encoding, Some(TextEncoding::Windows1252));

        // A file gone since the preview sends the person back to choose one.
        let w = w.reduce(ImportAction::SetEncoding(TextEncoding::Iso8859_15));
        let seq = w.request_seq;
        let w = w.reduce(ImportAction::Answered {
            seq,
            answer: Err(Error::for_field("file", "customers.csv was not found")),
        });
        assert_eq!(w.step, ImportStep::ChooseFile);
        assert!(w.error_on("file", &english()).is_some());
    }

    #[test]
    fn the_import_counts_what_it_will_write_and_refuses_to_write_nothing() {
        let w = reported(5, 2);
        let ImportStep::Report(report) = &w.step else {
            panic!()
        };
        assert_eq!(w.to_import(report), (5, 2));
        let skip = w
            .clone()
            .reduce(ImportAction::SetDuplicates(DuplicatePolicy::Skip));
        assert_eq!(skip.to_import(report), (5, 0));

        let nothing = reported(0, 2).reduce(ImportAction::SetDuplicates(DuplicatePolicy::Skip));
        let after = nothing.clone().reduce(ImportAction::Run);
        assert!(Rc::ptr_eq(&nothing, &after), "no import of nothing");
    }

    #[test]
    fn progress_only_moves_forward_and_the_outcome_ends_the_run() {
        let w = reported(5, 0).reduce(ImportAction::Run);
        assert!(w.running());
        let seq = w.request_seq;
        let w = w.reduce(ImportAction::Progress(ImportProgress { done: 4, total: 6 }));
        let w = w.reduce(ImportAction::Progress(ImportProgress { done: 2, total: 6 }));
        let ImportStep::Running { progress, .. } = &w.step else {
            panic!()
        };
        assert_eq!(progress.done, 4);
        assert_eq!(percent(progress), 66);
        let outcome = ImportOutcome {
            created: 5,
            linked: 0,
            skipped: 0,
            refused: 1,
        };
        let w = w.reduce(ImportAction::Answered {
            seq,
            answer: Ok(Answer::Finished(outcome.clone())),
        });
        assert_eq!(w.step, ImportStep::Done(outcome));
        assert!(!w.busy());
    }

    #[test]
    fn a_cancelled_run_says_so_and_a_failed_one_returns_to_the_report() {
        let w = reported(5, 0)
            .reduce(ImportAction::Run)
            .reduce(ImportAction::Cancel);
        assert!(w.cancelling);
        let seq = w.request_seq;
        let cancelled = w.clone().reduce(ImportAction::Answered {
            seq,
            answer: Err(Error::new(
                ErrorCode::Cancelled,
                "The import was cancelled.",
            )),
        });
        assert_eq!(cancelled.step, ImportStep::Cancelled);

        let failed = w.reduce(ImportAction::Answered {
            seq,
            answer: Err(Error::new(ErrorCode::Internal, "disk full")),
        });
        assert!(matches!(failed.step, ImportStep::Report(_)));
        assert_eq!(failed.error.as_ref().unwrap().text(&english()), "disk full");
    }

    #[test]
    fn a_stale_answer_is_dropped() {
        let w = mapped().reduce(ImportAction::Check);
        let stale = w.request_seq - 1;
        let after = w.clone().reduce(ImportAction::Answered {
            seq: stale,
            answer: Ok(Answer::Checked(report(1, 0))),
        });
        assert!(Rc::ptr_eq(&w, &after));
    }

    #[test]
    fn the_words_count_customers() {
        let en = english();
        assert_eq!(customers(&en, 1), "1 customer");
        assert_eq!(customers(&en, 10_000), "10000 customers");
        assert_eq!(rows(&en, 1), "1 row");
        assert_eq!(rows(&en, 0), "0 rows");
        assert_eq!(percent(&ImportProgress { done: 0, total: 0 }), 100);
    }

    /// The window's own refusals and every encoding are said in every language; in
    /// English the encodings keep the names the API gives them.
    #[test]
    fn the_wizard_speaks_every_language() {
        for language in Language::ALL {
            let words = Words::new(speaking(language));
            for id in [
                "import-file-missing",
                "import-mapping-no-email",
                "import-mapping-no-names",
            ] {
                assert!(!words.t(id).starts_with('['), "{id} in {language:?}");
            }
            for encoding in TextEncoding::ALL {
                assert!(
                    !words.name(encoding).starts_with('['),
                    "{} in {language:?}",
                    encoding.message_id()
                );
            }
        }
        let en = english();
        for encoding in TextEncoding::ALL {
            assert_eq!(en.name(encoding), encoding.label());
        }
    }
}
