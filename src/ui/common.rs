//! Small pieces shared by the pages: finding an indicator and its results, showing a
//! capaian with its category, buttons that ask before they delete.

use crate::state::Session;
use lakip_core::calc::capaian::Capaian;
use lakip_core::calc::compute::{Computed, IndicatorResult, Rated};
use lakip_core::model::scale::Scale;
use lakip_core::model::{Indicator, Report};
use lakip_core::report::views::percent_text;
use leptos::prelude::*;

/// A memoized signal: it recomputes when what it reads changes, but notifies its readers
/// only when its value changes (a row repaints only what changed in it).
pub fn memo<T>(f: impl Fn() -> T + Send + Sync + 'static) -> Signal<T>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| f()).into()
}

/// Where an indicator lives: indicator `j` of tujuan `i`, or IKU `j` of sasaran `i`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndRef {
    Tujuan(usize, usize),
    Sasaran(usize, usize),
}

impl IndRef {
    pub fn get<'a>(&self, r: &'a Report) -> Option<&'a Indicator> {
        match *self {
            IndRef::Tujuan(i, j) => r.tujuan.get(i)?.indicators.get(j),
            IndRef::Sasaran(i, j) => r.sasaran.get(i)?.iku.get(j),
        }
    }
    pub fn result<'a>(&self, c: &'a Computed) -> Option<&'a IndicatorResult> {
        match *self {
            IndRef::Tujuan(i, j) => c.tujuan.get(i)?.get(j),
            IndRef::Sasaran(i, j) => c.sasaran.get(i)?.iku.get(j),
        }
    }
}

/// "101,69%" or "–" (the reason in the tooltip), with `dp` decimals.
pub fn capaian_text(c: &Capaian, dp: u32) -> (String, String) {
    match c {
        Ok(a) if a.capped() => (
            percent_text(a.value, dp),
            format!("dibatasi; nilai sebenarnya {}", percent_text(a.raw, dp)),
        ),
        Ok(a) => (percent_text(a.value, dp), String::new()),
        Err(e) => ("–".into(), e.to_string()),
    }
}

/// CSS class of a category: bands coloured from worst to best.
pub fn band_class(rated: &Rated, scale: &Scale) -> String {
    match rated.category {
        Some(i) => {
            let n = scale.bands.len().max(1);
            // Spread the bands over five colours.
            let step = if n <= 1 { 4 } else { i * 4 / (n - 1) };
            format!("band band-{step}")
        }
        None => "band band-none".into(),
    }
}

/// The capaian and category cells of a result.
#[component]
pub fn RatedCells(rated: Signal<Option<Rated>>, #[prop(into)] testid: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let scale = move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.settings.scale.clone()))
    };
    view! {
        <td class="num" data-field="capaian" data-testid=format!("capaian-{testid}")
            title=move || rated.get().map(|r| capaian_text(&r.capaian, session.decimals()).1).unwrap_or_default()>
            {move || rated.get().map(|r| capaian_text(&r.capaian, session.decimals()).0).unwrap_or_default()}
        </td>
        <td data-field="kategori" data-testid=format!("kategori-{testid}")>
            {move || {
                let (Some(r), Some(s)) = (rated.get(), scale()) else { return None };
                r.label(&s).map(|l| view! { <span class=band_class(&r, &s)>{l.to_string()}</span> })
            }}
        </td>
    }
}

/// A delete button that asks once more before it deletes.
#[component]
pub fn ConfirmButton(
    #[prop(into)] label: String,
    #[prop(into)] confirm: String,
    on_confirm: Callback<()>,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let armed = RwSignal::new(false);
    view! {
        <button
            type="button"
            class="small"
            class:danger=armed
            data-testid=testid
            on:click=move |_| {
                if armed.get_untracked() {
                    armed.set(false);
                    on_confirm.run(());
                } else {
                    armed.set(true);
                }
            }
            on:blur=move |_| armed.set(false)
        >
            {move || if armed.get() { confirm.clone() } else { label.clone() }}
        </button>
    }
}

/// ↑ and ↓ buttons that move an item among its siblings.
#[component]
pub fn MoveButtons(id: lakip_core::model::Id, index: usize, count: Signal<usize>) -> impl IntoView {
    let session = expect_context::<Session>();
    let up_id = id.clone();
    let tid = id.to_string();
    view! {
        <button type="button" class="small" title="Naikkan" aria-label="Naikkan" data-testid=format!("up-{tid}")
            disabled=move || index == 0
            on:click=move |_| session.move_to(&up_id, index.saturating_sub(1))>"↑"</button>
        <button type="button" class="small" title="Turunkan" aria-label="Turunkan" data-testid=format!("down-{tid}")
            disabled=move || { index + 1 >= count.get() }
            on:click=move |_| session.move_to(&id, index + 1)>"↓"</button>
    }
}

/// Warnings of an item, as a small marker with the messages.
#[component]
pub fn WarningMark(messages: Signal<Vec<String>>) -> impl IntoView {
    view! {
        <Show when=move || !messages.with(Vec::is_empty)>
            <span class="warn" role="note" data-testid="warning" title=move || messages.get().join("; ")>
                "⚠ " {move || messages.get().join("; ")}
            </span>
        </Show>
    }
}
