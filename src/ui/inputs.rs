//! Fields that read numbers the Indonesian or the English way and never turn a bad entry
//! into 0: the entry is marked at the field with the reason, and nothing is committed.

use lakip_core::model::Money;
use lakip_core::num::{self, format_amount, Rules};
use leptos::prelude::*;

/// Keyboard: Enter commits and moves to the next field of the table; Escape restores the
/// stored value.
fn move_focus(from: &web_sys::HtmlElement, forward: bool) {
    let Some(doc) = crate::web::document() else { return };
    let Ok(list) = doc.query_selector_all("input[data-nav]") else { return };
    let n = list.length();
    for i in 0..n as u32 {
        let Some(node) = list.item(i) else { continue };
        if node.is_same_node(Some(from)) {
            let j = if forward { i + 1 } else { i.wrapping_sub(1) };
            if let Some(next) = list.item(j) {
                use wasm_bindgen::JsCast;
                if let Ok(el) = next.dyn_into::<web_sys::HtmlElement>() {
                    let _ = el.focus();
                }
            }
            return;
        }
    }
}

/// An amount in rupiah: empty means "no figure" (printed "-"), never 0.
#[component]
pub fn MoneyInput(
    /// The stored value.
    #[prop(into)]
    value: Signal<Option<Money>>,
    /// Called with a valid new value; returns an error message if the change is refused.
    on_commit: Callback<Option<Money>, Result<(), String>>,
    #[prop(into)] testid: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    let draft = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let shown = move || draft.get().unwrap_or_else(|| value.get().map(format_amount).unwrap_or_default());
    let check = move |text: &str| -> Result<Option<Money>, String> {
        if text.trim().is_empty() {
            return Ok(None);
        }
        num::parse_value(text, Rules::MONEY).map(Some).map_err(|e| e.to_string())
    };
    let commit = move || {
        let Some(text) = draft.get_untracked() else { return true };
        match check(&text) {
            Ok(v) => {
                if v != value.get_untracked() {
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
    view! {
        <span class="field">
            <input
                type="text"
                inputmode="decimal"
                class="num"
                aria-label=label
                aria-invalid=move || error.get().is_some().to_string()
                class:invalid=move || error.get().is_some()
                data-testid=testid.clone()
                data-nav=""
                attr:data-dirty=move || draft.get().map(|_| "")
                prop:value=shown
                on:input=move |e| {
                    let t = event_target_value(&e);
                    error.set(check(&t).err());
                    draft.set(Some(t));
                }
                on:change=move |_| { commit(); }
                on:keydown=move |e: web_sys::KeyboardEvent| {
                    let target = event_target::<web_sys::HtmlElement>(&e);
                    match e.key().as_str() {
                        "Enter" => {
                            e.prevent_default();
                            if commit() {
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
        </span>
    }
}
