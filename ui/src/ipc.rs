//! Calls from the window to the Tauri shell.
//!
//! Every command takes at most one argument named `req` (a `keydesk_api` type) and
//! answers with a `keydesk_api` type or rejects with a [`keydesk_api::Error`]. Nothing
//! here unwraps: whatever goes wrong comes back as an `Error` a person can read, in the
//! window's language once the call hook has said it.

use crate::words::Words;
use keydesk_api::{Error, ErrorCode, Said};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `window.__TAURI__.core.invoke`, present because `withGlobalTauri` is on.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    /// `window.__TAURI__.event.listen`: resolves to the function that stops listening.
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn listen_js(event: &str, handler: &js_sys::Function) -> Result<JsValue, JsValue>;
}

/// Listens to an event the shell emits while it is kept; dropping it stops listening.
pub struct Listener {
    unlisten: Option<js_sys::Function>,
    _handler: Closure<dyn FnMut(JsValue)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        if let Some(unlisten) = &self.unlisten {
            let _ = unlisten.call0(&JsValue::NULL);
        }
    }
}

/// Starts listening to `event`, calling `on_payload` with each payload that reads as
/// `T` (others are ignored: the shell and the window share the type).
pub async fn listen<T, F>(event: &str, on_payload: F) -> Result<Listener, Error>
where
    T: DeserializeOwned + 'static,
    F: Fn(T) + 'static,
{
    if !shell_present() {
        return Err(internal(Said::id("ipc-no-shell")));
    }
    let handler = Closure::<dyn FnMut(JsValue)>::new(move |event: JsValue| {
        let payload = js_sys::Reflect::get(&event, &JsValue::from_str("payload"))
            .unwrap_or(JsValue::UNDEFINED);
        if let Ok(value) = serde_wasm_bindgen::from_value::<T>(payload) {
            on_payload(value);
        }
    });
    let unlisten = listen_js(event, handler.as_ref().unchecked_ref())
        .await
        .map_err(rejection_to_error)?;
    Ok(Listener {
        unlisten: unlisten.dyn_into::<js_sys::Function>().ok(),
        _handler: handler,
    })
}

/// Calls a command with its one argument, `req`, so the shell's parameter and the window
/// share the `keydesk_api` type; a command without input is called with `()` and gets
/// no argument at all.
pub async fn call<Req, Resp>(cmd: &str, req: &Req) -> Result<Resp, Error>
where
    Req: Serialize,
    Resp: DeserializeOwned,
{
    let args = js_sys::Object::new();
    let req = to_js(req)?;
    if !(req.is_null() || req.is_undefined()) {
        js_sys::Reflect::set(&args, &JsValue::from_str("req"), &req)
            .map_err(|_| internal(Said::id("ipc-cannot-prepare")))?;
    }
    send(cmd, args.into()).await
}

async fn send<Resp: DeserializeOwned>(cmd: &str, args: JsValue) -> Result<Resp, Error> {
    if !shell_present() {
        return Err(internal(Said::id("ipc-no-shell")));
    }
    let answer = invoke(cmd, args).await.map_err(rejection_to_error)?;
    serde_wasm_bindgen::from_value(answer).map_err(|e| {
        internal(
            Said::id("ipc-answer-not-understood")
                .arg("command", cmd)
                .arg("detail", e.to_string()),
        )
    })
}

/// Whether `window.__TAURI__.core.invoke` exists. Calling the binding without it would
/// throw before any promise exists, which `catch` on an async import cannot turn into
/// an `Err`.
fn shell_present() -> bool {
    let mut value: JsValue = js_sys::global().into();
    for key in ["__TAURI__", "core", "invoke"] {
        value = match js_sys::Reflect::get(&value, &JsValue::from_str(key)) {
            Ok(next) if !next.is_undefined() && !next.is_null() => next,
            _ => return false,
        };
    }
    value.is_function()
}

/// Plain JSON values only: records become objects (not `Map`s) and `None` becomes `null`.
fn to_js<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| internal(Said::id("ipc-cannot-prepare-because").arg("detail", e.to_string())))
}

/// Turns whatever a rejected `invoke` carries into an [`Error`].
///
/// The shell rejects with the `{code, message, field?}` object, or with its JSON text;
/// anything else (no shell, a JS exception) becomes an `internal` error with its text.
fn rejection_to_error(value: JsValue) -> Error {
    if let Ok(error) = serde_wasm_bindgen::from_value::<Error>(value.clone()) {
        return error;
    }
    if let Some(text) = value.as_string() {
        if let Ok(parsed) = js_sys::JSON::parse(&text) {
            if let Ok(error) = serde_wasm_bindgen::from_value::<Error>(parsed) {
                return error;
            }
        }
        return internal(Said::Text(text));
    }
    if let Some(js_error) = value.dyn_ref::<js_sys::Error>() {
        return internal(Said::Text(js_error.message().into()));
    }
    // An error shape this window does not know (e.g. a newer code): keep its words.
    if let Some(message) = js_sys::Reflect::get(&value, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
    {
        return internal(Said::Text(message));
    }
    match js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
    {
        Some(text) => internal(Said::Text(text)),
        None => internal(Said::id("ipc-no-answer")),
    }
}

/// Signs out. Already signed out counts as done: the goal is reached all the same.
pub async fn sign_out() -> Result<(), Error> {
    match call::<_, ()>(keydesk_api::commands::SIGN_OUT, &()).await {
        Err(e) if e.code != ErrorCode::NotSignedIn => Err(e),
        _ => Ok(()),
    }
}

/// The window's own failure to reach the app: its English as the message, and the
/// catalogue message the call hook says in the window's language.
fn internal(said: Said) -> Error {
    Error::new(ErrorCode::Internal, Words::default().say(&said)).saying(&said)
}
