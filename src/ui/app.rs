use super::{
    budget::BudgetPage, check::CheckPage, home::HomePage, plan::PlanPage, report::ReportPage,
    settings::SettingsPage, targets::TargetsPage,
};
use crate::state::{Action, Page, SaveState, Session, Tone};
use crate::web;
use leptos::ev;
use leptos::prelude::*;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);

    // Save what is pending when the tab is hidden or closed, text typed into a field but not
    // yet confirmed included: leaving the field confirms it (its change event), as in Excel.
    let flush = move || {
        web::confirm_focused_field();
        session.flush()
    };
    let _ = window_event_listener(ev::pagehide, move |_| flush());
    // Another tab saved: follow it, or say so when this tab has unsaved changes.
    let _ = window_event_listener(ev::storage, move |e: web_sys::StorageEvent| {
        session.storage_changed(e.key())
    });
    // Closing the tab with changes that were never exported asks first.
    let _ = window_event_listener(ev::beforeunload, move |e: web_sys::BeforeUnloadEvent| {
        flush();
        if session.has_unexported_changes() {
            e.prevent_default();
            e.set_return_value("Ada perubahan yang belum diekspor.");
        }
    });
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if web::document()
            .map(|d| d.visibility_state() == web_sys::VisibilityState::Hidden)
            .unwrap_or(false)
        {
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

    let page_title = move || match session.page.get() {
        Page::Home => "Beranda",
        Page::Plan => "Rencana: tujuan, sasaran dan indikator",
        Page::Targets => "Target Renstra dan Perjanjian Kinerja",
        Page::Budget => "Anggaran",
        Page::Report => "Laporan",
        Page::Check => "Periksa laporan jadi",
        Page::Settings => "Pengaturan",
    };
    view! {
        <a class="skip-link" href="#isi" data-testid="skip-link">"Langsung ke isi"</a>
        <header class="topbar">
            <div class="brand">"Kalkulator LAKIP"</div>
            <nav class="tabs" aria-label="Halaman">
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
            <ExportState />
        </header>
        <StorageBanner />
        <NoticeBanner />
        <main class="page" id="isi" tabindex="-1">
            <h1 class="visually-hidden" data-testid="page-title">{page_title}</h1>
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
            {move || format!("Semua angka dihitung di browser ini dari data rinci, secara eksak; persentase ditampilkan dengan {} desimal, dibulatkan setengah ke atas. Tidak ada data yang dikirim ke mana pun.", session.decimals())}
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
            aria-current=move || (session.page.get() == page).then_some("page")
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
        // `data-save-state` names the state for the browser tests, which wait on it instead
        // of on the wording (or on the clock).
        <div class="save-state" data-testid="save-state"
            data-save-state=move || match session.save_state.get() {
                SaveState::Saved => "saved",
                SaveState::Pending => "pending",
                SaveState::Failed(_) => "failed",
                SaveState::Unavailable(_) => "unavailable",
                SaveState::Conflict { .. } => "conflict",
            }>
            {move || match session.save_state.get() {
                SaveState::Saved => "Tersimpan di browser ini".to_string(),
                SaveState::Pending => "Menyimpan…".to_string(),
                SaveState::Failed(_) => "Belum tersimpan!".to_string(),
                SaveState::Unavailable(_) => "Tidak dapat menyimpan".to_string(),
                SaveState::Conflict { .. } => "Ada versi lebih baru di tab lain".to_string(),
            }}
        </div>
    }
}

/// Saves since the last export, shown beside the save state.
#[component]
fn ExportState() -> impl IntoView {
    let session = expect_context::<Session>();
    let text = move || {
        session
            .report
            .with(Option::is_some)
            .then(|| match session.unexported() {
                (Some(0), false) => "Sudah diekspor".to_string(),
                (Some(n), _) => format!("{n} perubahan tersimpan sejak ekspor terakhir"),
                (None, _) => "Belum pernah diekspor".to_string(),
            })
    };
    view! { <div class="save-state" data-testid="export-state">{text}</div> }
}

/// Storage blocked or full, or another tab's newer save: what happened, that the report
/// is still in memory, and what the user can do.
#[component]
fn StorageBanner() -> impl IntoView {
    let session = expect_context::<Session>();
    let problem = move || match session.save_state.get() {
        SaveState::Failed(e) | SaveState::Unavailable(e) => Some(e.to_string()),
        _ => None,
    };
    let conflict = move || match session.save_state.get() {
        SaveState::Conflict {
            stored_revision,
            stored_at,
        } => Some((stored_revision, stored_at)),
        _ => None,
    };
    view! {
        <Show when=move || problem().is_some()>
            <div class="banner banner-error" role="alert" data-testid="storage-banner">
                <p>{move || problem().unwrap_or_default()}</p>
                <ExportButton />
            </div>
        </Show>
        {move || conflict().map(|(rev, at)| view! {
            <div class="banner banner-warning" role="alert" data-testid="conflict-banner">
                <p>{format!("Tab lain sudah menyimpan versi yang lebih baru dari laporan ini (revisi {rev}, {}). Perubahan di tab ini belum disimpan. Pilih:", at.replace('T', " ").chars().take(16).collect::<String>())}</p>
                <button type="button" data-testid="conflict-take" on:click=move |_| session.take_stored()>"Muat versi tab lain"</button>
                <button type="button" data-testid="conflict-overwrite" on:click=move |_| session.overwrite_stored()>"Simpan versi tab ini (versi lain jadi cadangan)"</button>
                <button type="button" data-testid="conflict-copy" on:click=move |_| session.keep_as_copy()>"Simpan versi tab ini sebagai laporan terpisah"</button>
            </div>
        })}
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
                    match web::files::download(&name, "application/json", json.as_bytes()) {
                        Ok(()) => session.note_export(),
                        Err(e) => session.say(Tone::Error, format!("Unduhan gagal: {e}")),
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
            let action = n.action.clone();
            view! {
                <div class=class role="status" data-testid="notice">
                    <p data-testid="notice-text">{n.text.clone()}</p>
                    {action.map(|a| match a {
                        Action::DownloadStored(k) => view! {
                            <button type="button" data-testid="download-kept" on:click=move |_| session.download_stored(&k, "lakip-data-tersimpan.json")>"Unduh data aslinya"</button>
                        }.into_any(),
                        Action::RestoreBackup { key, label } => view! {
                            <button type="button" data-testid="notice-restore" on:click=move |_| {
                                if let Some(id) = session.report_id.get_untracked() {
                                    session.restore(&key, &id);
                                }
                            }>{label}</button>
                        }.into_any(),
                    })}
                    <button type="button" class="close" aria-label="Tutup" on:click=move |_| session.notice.set(None)>"×"</button>
                </div>
            }
        })}
    }
}
