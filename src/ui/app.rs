use super::{budget::BudgetPage, check::CheckPage, home::HomePage, plan::PlanPage, report::ReportPage, settings::SettingsPage, targets::TargetsPage};
use crate::state::{Page, SaveState, Session, Tone};
use crate::web;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);

    // Save what is pending when the tab is hidden or closed.
    let flush = move || session.flush();
    let _ = window_event_listener(ev::pagehide, move |_| flush());
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if web::document().map(|d| d.visibility_state() == web_sys::VisibilityState::Hidden).unwrap_or(false) {
            flush();
        }
    });
    // Ctrl+Z / Ctrl+Y (and Ctrl+Shift+Z) undo and redo anywhere but inside a text field
    // that has its own undo.
    let _ = window_event_listener(ev::keydown, move |e: web_sys::KeyboardEvent| {
        if !(e.ctrl_key() || e.meta_key()) {
            return;
        }
        let in_field = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
            .is_some_and(|i| i.get_attribute("data-dirty").is_some());
        if in_field {
            return;
        }
        match (e.key().to_lowercase().as_str(), e.shift_key()) {
            ("z", false) => {
                e.prevent_default();
                session.undo();
            }
            ("y", _) | ("z", true) => {
                e.prevent_default();
                session.redo();
            }
            _ => {}
        }
    });

    view! {
        <header class="topbar">
            <div class="brand">"Kalkulator LAKIP"</div>
            <nav class="tabs">
                <TabButton page=Page::Home label="Beranda" />
                <TabButton page=Page::Plan label="Rencana" />
                <TabButton page=Page::Targets label="Target" />
                <TabButton page=Page::Budget label="Anggaran" />
                <TabButton page=Page::Report label="Laporan" />
                <TabButton page=Page::Check label="Periksa" />
                <TabButton page=Page::Settings label="Pengaturan" />
            </nav>
            <UndoRedo />
            <div class="report-title" data-testid="report-title">
                {move || session.report.with(|r| r.as_ref().map(|r| format!("{} · {}", r.instansi, r.tahun)))}
            </div>
            <SaveIndicator />
        </header>
        <StorageBanner />
        <NoticeBanner />
        <main class="page">
            {move || match session.page.get() {
                Page::Home => view! { <HomePage /> }.into_any(),
                Page::Plan => view! { <PlanPage /> }.into_any(),
                Page::Targets => view! { <TargetsPage /> }.into_any(),
                Page::Budget => view! { <BudgetPage /> }.into_any(),
                Page::Report => view! { <ReportPage /> }.into_any(),
                Page::Check => view! { <CheckPage /> }.into_any(),
                Page::Settings => view! { <SettingsPage /> }.into_any(),
            }}
        </main>
        <footer class="foot">
            "Semua angka dihitung di browser ini dari data rinci, secara eksak; ditampilkan dengan 2 desimal, dibulatkan setengah ke atas. Tidak ada data yang dikirim ke mana pun."
        </footer>
    }
}

#[component]
fn TabButton(page: Page, label: &'static str) -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <button
            class="tab"
            class:active=move || session.page.get() == page
            data-testid=format!("tab-{label}").to_lowercase()
            on:click=move |_| session.page.set(page)
        >
            {label}
        </button>
    }
}

#[component]
fn UndoRedo() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <div class="undo">
            <button type="button" class="small" title="Urungkan (Ctrl+Z)" data-testid="undo"
                disabled=move || session.history.get().0 == 0 on:click=move |_| session.undo()>"↶ Urungkan"</button>
            <button type="button" class="small" title="Ulangi (Ctrl+Y)" data-testid="redo"
                disabled=move || session.history.get().1 == 0 on:click=move |_| session.redo()>"↷ Ulangi"</button>
        </div>
    }
}

#[component]
fn SaveIndicator() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <div class="save-state" data-testid="save-state">
            {move || match session.save_state.get() {
                SaveState::Saved => "Tersimpan di browser ini".to_string(),
                SaveState::Pending => "Menyimpan…".to_string(),
                SaveState::Failed(_) => "Belum tersimpan!".to_string(),
                SaveState::Unavailable(_) => "Tidak dapat menyimpan".to_string(),
            }}
        </div>
    }
}

/// Storage blocked or full: what happened, that the report is still in memory, and export.
#[component]
fn StorageBanner() -> impl IntoView {
    let session = expect_context::<Session>();
    let problem = move || match session.save_state.get() {
        SaveState::Failed(e) | SaveState::Unavailable(e) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <Show when=move || problem().is_some()>
            <div class="banner banner-error" role="alert" data-testid="storage-banner">
                <p>{move || problem().unwrap_or_default()}</p>
                <ExportButton />
            </div>
        </Show>
    }
}

#[component]
pub fn ExportButton() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <button
            type="button"
            data-testid="export-json"
            disabled=move || session.report.with(Option::is_none)
            on:click=move |_| {
                if let Some((name, json)) = session.export_json() {
                    if let Err(e) = web::files::download(&name, "application/json", json.as_bytes()) {
                        session.say(Tone::Error, format!("Unduhan gagal: {e}"));
                    }
                }
            }
        >
            "Ekspor JSON"
        </button>
    }
}

#[component]
fn NoticeBanner() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        {move || session.notice.get().map(|n| {
            let class = match n.tone {
                Tone::Info => "banner banner-info",
                Tone::Success => "banner banner-success",
                Tone::Warning => "banner banner-warning",
                Tone::Error => "banner banner-error",
            };
            let key = n.download_key.clone();
            view! {
                <div class=class role="status" data-testid="notice">
                    <p data-testid="notice-text">{n.text.clone()}</p>
                    {key.map(|k| view! {
                        <button type="button" data-testid="download-kept" on:click=move |_| {
                            if let Some(text) = session.raw(&k) {
                                let _ = web::files::download("lakip-data-tersimpan.json", "application/json", text.as_bytes());
                            }
                        }>"Unduh data aslinya"</button>
                    })}
                    <button type="button" class="close" aria-label="Tutup" on:click=move |_| session.notice.set(None)>"×"</button>
                </div>
            }
        })}
    }
}
