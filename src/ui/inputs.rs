//! Fields. Numbers are read the Indonesian or the English way and a bad entry is never
//! turned into 0: it is marked at the field with the reason, and nothing is committed.
//! Keyboard: Enter commits and moves to the next field of the table (Shift+Enter back),
//! Tab / Shift+Tab as usual, Escape restores the stored value.

use lakip_core::model::value::Value;
use lakip_core::model::Money;
use lakip_core::num::{self, format_amount, format_plain, Rules};
use lakip_core::Decimal;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Move focus to the next (or previous) field marked `data-nav`.
fn move_focus(from: &web_sys::HtmlElement, forward: bool) {
    let Some(doc) = crate::web::document() else {
        return;
    };
    let Ok(list) = doc.query_selector_all("[data-nav]") else {
        return;
    };
    for i in 0..list.length() {
        let Some(node) = list.item(i) else { continue };
        if node.is_same_node(Some(from)) {
            let j = if forward {
                i.checked_add(1)
            } else {
                i.checked_sub(1)
            };
            if let Some(el) = j
                .and_then(|j| list.item(j))
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
            return;
        }
    }
}

/// Read money: empty is "no figure", never 0.
pub fn parse_money(text: &str) -> Result<Option<Money>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    num::parse_value(text, Rules::MONEY)
        .map(Some)
        .map_err(|e| e.to_string())
}

/// Read a target or realisation: number, range, ratio or n/a.
pub fn parse_value(text: &str) -> Result<Option<Value>, String> {
    Value::parse(text, Rules::VALUE).map_err(|e| e.to_string())
}

/// How an ambiguous entry (`1.234`: a lone separator and three digits) was read, to be
/// said at the field. `None` when nothing in the text is ambiguous.
pub fn ambiguity(text: &str) -> Option<String> {
    Value::ambiguity(text, Rules::VALUE).map(|a| a.to_string())
}

/// Read a plain number (counts of a formula, a cap).
pub fn parse_number(text: &str) -> Result<Option<Decimal>, String> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    num::parse_value(text, Rules::VALUE)
        .map(Some)
        .map_err(|e| e.to_string())
}

pub fn show_money(m: &Money) -> String {
    format_amount(*m)
}

pub fn show_value(v: &Value) -> String {
    v.to_string()
}

pub fn show_number(d: &Decimal) -> String {
    format_plain(*d)
}

/// A text field for a value of type `T`, read with `parse` and shown with `show`.
#[component]
pub fn ParsedInput<T>(
    #[prop(into)] value: Signal<Option<T>>,
    parse: fn(&str) -> Result<Option<T>, String>,
    show: fn(&T) -> String,
    /// Called with a valid new value; an error is shown at the field.
    on_commit: Callback<Option<T>, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
    #[prop(optional, into)] class: String,
    #[prop(optional, into)] placeholder: String,
    /// Says how an ambiguous entry was read (see [`ambiguity`]).
    #[prop(optional)]
    explain: Option<fn(&str) -> Option<String>>,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let note = RwSignal::new(None::<String>);
    let shown = move || {
        draft
            .get()
            .unwrap_or_else(|| value.get().as_ref().map(show).unwrap_or_default())
    };
    let commit = move || {
        let Some(text) = draft.get_untracked() else {
            return true;
        };
        match parse(&text) {
            Ok(v) => {
                if v != value.get_untracked() {
                    crate::web::mark("lakip-edit-commit");
                    if let Err(e) = on_commit.run(v) {
                        error.set(Some(e));
                        return false;
                    }
                }
                draft.set(None);
                error.set(None);
                true
            }
            Err(e) => {
                error.set(Some(e));
                false
            }
        }
    };
    let errid = format!("{testid}-error");
    let class = format!("input {class}");
    view! {
        <span class="field">
            <input
                type="text"
                class=class
                aria-label=label
                placeholder=placeholder
                aria-invalid=move || error.get().is_some().to_string()
                class:invalid=move || error.get().is_some()
                data-testid=testid.clone()
                data-nav=""
                attr:data-dirty=move || draft.get().map(|_| "")
                prop:value=shown
                on:input=move |e| {
                    let t = event_target_value(&e);
                    error.set(parse(&t).err());
                    note.set(explain.and_then(|f| f(&t)));
                    draft.set(Some(t));
                }
                on:change=move |_| {
                    commit();
                }
                on:keydown=move |e: web_sys::KeyboardEvent| {
                    let target = event_target::<web_sys::HtmlElement>(&e);
                    match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            crate::web::mark_at("lakip-edit-input", e.time_stamp());
                            if commit() {
                                crate::web::mark_next_frame("lakip-edit-frame");
                                move_focus(&target, !e.shift_key());
                            }
                        }
                        "Escape" => {
                            draft.set(None);
                            error.set(None);
                            let _ = target.blur();
                        }
                        _ => {}
                    }
                }
            />
            {move || error.get().map(|e| view! { <span class="field-error" role="alert" data-testid=errid.clone()>{e}</span> })}
            {move || note.get().map(|n| view! { <span class="field-note" role="status">{n}</span> })}
        </span>
    }
}

/// An amount in rupiah.
#[component]
pub fn MoneyInput(
    #[prop(into)] value: Signal<Option<Money>>,
    on_commit: Callback<Option<Money>, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! { <ParsedInput value parse=parse_money show=show_money on_commit testid label class="num" /> }
}

/// A target or realisation: `100`, `4,25–4,30`, `1:32`, `n/a`.
#[component]
pub fn ValueInput(
    #[prop(into)] value: Signal<Option<Value>>,
    on_commit: Callback<Option<Value>, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! { <ParsedInput value parse=parse_value show=show_value on_commit testid label class="num value" explain=ambiguity /> }
}

/// A plain number.
#[component]
pub fn NumberInput(
    #[prop(into)] value: Signal<Option<Decimal>>,
    on_commit: Callback<Option<Decimal>, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    view! { <ParsedInput value parse=parse_number show=show_number on_commit testid label class="num" explain=ambiguity /> }
}

/// Free text, committed when it changes (blur or Enter); Escape restores it.
#[component]
pub fn TextInput(
    #[prop(into)] value: Signal<String>,
    on_commit: Callback<String, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
    #[prop(optional)] multiline: bool,
    #[prop(optional, into)] class: String,
) -> impl IntoView {
    let error = RwSignal::new(None::<String>);
    let commit = move |text: String| {
        if text != value.get_untracked() {
            match on_commit.run(text) {
                Ok(()) => error.set(None),
                Err(e) => error.set(Some(e)),
            }
        }
    };
    let errid = format!("{testid}-error");
    let field = if multiline {
        view! {
            <textarea
                class=format!("input {class}")
                aria-label=label.clone()
                data-testid=testid.clone()
                prop:value=move || value.get()
                on:change=move |e| commit(event_target_value(&e))
                on:keydown=move |e: web_sys::KeyboardEvent| {
                    if e.key() == "Escape" {
                        let t = event_target::<web_sys::HtmlTextAreaElement>(&e);
                        t.set_value(&value.get_untracked());
                        let _ = t.blur();
                    }
                }
            ></textarea>
        }
        .into_any()
    } else {
        view! {
            <input
                type="text"
                class=format!("input {class}")
                aria-label=label.clone()
                data-testid=testid.clone()
                data-nav=""
                prop:value=move || value.get()
                on:change=move |e| commit(event_target_value(&e))
                on:keydown=move |e: web_sys::KeyboardEvent| {
                    let t = event_target::<web_sys::HtmlInputElement>(&e);
                    match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            commit(t.value());
                            move_focus(&t, !e.shift_key());
                        }
                        "Escape" => {
                            t.set_value(&value.get_untracked());
                            let _ = t.blur();
                        }
                        _ => {}
                    }
                }
            />
        }
        .into_any()
    };
    view! {
        <span class="field text">
            {field}
            {move || error.get().map(|e| view! { <span class="field-error" role="alert" data-testid=errid.clone()>{e}</span> })}
        </span>
    }
}

/// A choice among fixed options; `options` are (value, label).
#[component]
pub fn Choice<T>(
    #[prop(into)] value: Signal<T>,
    #[prop(into)] options: Signal<Vec<(T, String)>>,
    on_commit: Callback<T, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
) -> impl IntoView
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    view! {
        <select
            class="input"
            aria-label=label
            data-testid=testid
            on:change=move |e| {
                let i: usize = event_target_value(&e).parse().unwrap_or(0);
                if let Some((v, _)) = options.with_untracked(|o| o.get(i).cloned()) {
                    let _ = on_commit.run(v);
                }
            }
        >
            {move || options.with(|o| {
                o.iter()
                    .enumerate()
                    .map(|(i, (v, l))| {
                        let v = v.clone();
                        view! { <option value=i.to_string() selected=move || value.get() == v>{l.clone()}</option> }
                    })
                    .collect_view()
            })}
        </select>
    }
}
