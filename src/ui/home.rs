use super::app::ExportButton;
use super::sharing::{Backups, EmbeddedOffer, ImportPreview};
use crate::state::{Session, Tone};
use crate::web::{self, storage::LocalStore};
use lakip_core::model::Period;
use lakip_core::num::format_fixed;
use lakip_core::workspace::store::{self, BUDGET_CHARS};
use lakip_core::Decimal;
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <section class="home">
            <EmbeddedOffer />
            <ImportPreview />
            <div class="card">
                <h2>"Laporan saat ini"</h2>
                {move || match session.report.with(|r| r.as_ref().map(|r| (r.instansi.clone(), r.tahun))) {
                    Some((instansi, tahun)) => view! {
                        <p class="current" data-testid="current-report">
                            <strong>{instansi}</strong> " · Tahun " {tahun}
                        </p>
                    }.into_any(),
                    None => view! { <p data-testid="current-report">"Belum ada laporan yang dibuka."</p> }.into_any(),
                }}
                <div class="actions">
                    <button type="button" data-testid="load-example" on:click=move |_| session.load_example()>
                        "Muat contoh: LAKIP 2024 Dinas Sosial Kota Pontianak"
                    </button>
                    <ImportButton />
                    <ExportButton />
                    <button type="button" data-testid="save-standalone" disabled=move || session.report.with(Option::is_none)
                        title="Salinan lakip.html yang membawa laporan ini: rekan cukup membukanya"
                        on:click=move |_| session.save_standalone()>"Simpan sebagai file mandiri"</button>
                    <button type="button" data-testid="next-year" disabled=move || session.report.with(Option::is_none)
                        on:click=move |_| session.start_next_year()>"Mulai tahun berikutnya dari laporan ini"</button>
                </div>
            </div>
            <NewReportForm />
            <ReportList />
            <Backups />
            <StorageUsage />
        </section>
    }
}

#[component]
fn ImportButton() -> impl IntoView {
    let session = expect_context::<Session>();
    let input = NodeRef::<html::Input>::new();
    view! {
        <label class="button">
            "Impor JSON…"
            <input
                type="file"
                accept=".json,application/json"
                class="visually-hidden"
                data-testid="import-file"
                node_ref=input
                on:change=move |_| {
                    if let Some(el) = input.get() {
                        web::files::read_file(&el, move |r| match r {
                            Ok((name, bytes)) => session.import_bytes(&name, &bytes),
                            Err(e) => session.say(Tone::Error, format!("Berkas tidak dapat dibaca: {e}")),
                        });
                    }
                }
            />
        </label>
    }
}

#[component]
fn NewReportForm() -> impl IntoView {
    let session = expect_context::<Session>();
    let instansi = RwSignal::new(String::new());
    let tahun = RwSignal::new(String::from("2025"));
    let awal = RwSignal::new(String::from("2025"));
    let akhir = RwSignal::new(String::from("2029"));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let year = |s: &str| {
            s.trim()
                .parse::<i32>()
                .ok()
                .filter(|y| (1900..=2200).contains(y))
        };
        let name = instansi.get_untracked().trim().to_string();
        match (
            name.is_empty(),
            year(&tahun.get_untracked()),
            year(&awal.get_untracked()),
            year(&akhir.get_untracked()),
        ) {
            (true, ..) => error.set(Some("Nama instansi wajib diisi.".into())),
            (_, None, ..) | (_, _, None, _) | (_, _, _, None) => {
                error.set(Some("Tahun harus bilangan bulat 1900–2200.".into()))
            }
            (_, Some(t), Some(a), Some(b)) if a > b || b - a > 10 => {
                let _ = t;
                error.set(Some(
                    "Periode Renstra: tahun awal ≤ tahun akhir, paling lama 10 tahun.".into(),
                ))
            }
            (_, Some(t), Some(a), Some(b)) => {
                error.set(None);
                session.new_report(name, t, Period { first: a, last: b });
            }
        }
    };
    view! {
        <form class="card" on:submit=submit data-testid="new-report-form">
            <h2>"Laporan baru"</h2>
            <div class="grid-form">
                <label>"Instansi"
                    <input type="text" data-testid="new-instansi" prop:value=instansi on:input=move |e| instansi.set(event_target_value(&e)) />
                </label>
                <label>"Tahun laporan"
                    <input type="text" inputmode="numeric" data-testid="new-tahun" prop:value=tahun on:input=move |e| tahun.set(event_target_value(&e)) />
                </label>
                <label>"Renstra, tahun awal"
                    <input type="text" inputmode="numeric" data-testid="new-awal" prop:value=awal on:input=move |e| awal.set(event_target_value(&e)) />
                </label>
                <label>"Renstra, tahun akhir"
                    <input type="text" inputmode="numeric" data-testid="new-akhir" prop:value=akhir on:input=move |e| akhir.set(event_target_value(&e)) />
                </label>
            </div>
            {move || error.get().map(|e| view! { <p class="field-error" role="alert">{e}</p> })}
            <button type="submit" data-testid="create-report">"Buat laporan"</button>
        </form>
    }
}

#[component]
fn ReportList() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <div class="card">
            <h2>"Laporan tersimpan di browser ini"</h2>
            <Show
                when=move || session.index.with(|i| !i.entries.is_empty())
                fallback=|| view! { <p>"Belum ada."</p> }
            >
                <div class="table-scroll">
                <table class="list" data-testid="report-list">
                    <thead><tr><th>"Instansi"</th><th>"Tahun"</th><th>"Disimpan"</th><th>"Ukuran"</th><th><span class="visually-hidden">"Tindakan"</span></th></tr></thead>
                    <tbody>
                        <For
                            each=move || session.index.with(|i| i.entries.clone())
                            key=|e| (e.id.clone(), e.saved_at.clone(), e.instansi.clone())
                            let:entry
                        >
                            {
                                let id = entry.id.clone();
                                let id2 = entry.id.clone();
                                let open_id = entry.id.clone();
                                let copy_id = entry.id.clone();
                                let is_open = move || session.report_id.with(|r| r.as_deref() == Some(id.as_str()));
                                view! {
                                    <tr class:open=is_open data-testid="report-row">
                                        <td>{entry.instansi.clone()}</td>
                                        <td>{entry.tahun}</td>
                                        <td>{entry.saved_at.replace('T', " ").chars().take(16).collect::<String>()}</td>
                                        <td>{format!("{} rb karakter", entry.chars.div_ceil(1000))}</td>
                                        <td class="row-actions">
                                            <button type="button" data-testid="open-report" on:click=move |_| {
                                                session.open(&open_id);
                                                session.page.set(crate::state::Page::Budget);
                                            }>"Buka"</button>
                                            <button type="button" data-testid="duplicate-report" on:click=move |_| session.duplicate(&copy_id)>"Salin"</button>
                                            <DeleteButton id=id2 />
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                </div>
            </Show>
        </div>
    }
}

#[component]
fn DeleteButton(id: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let armed = RwSignal::new(false);
    view! {
        <button
            type="button"
            class:danger=armed
            data-testid="delete-report"
            on:click=move |_| {
                if armed.get_untracked() {
                    session.delete(&id);
                } else {
                    armed.set(true);
                }
            }
        >
            {move || if armed.get() { "Yakin hapus?" } else { "Hapus" }}
        </button>
    }
}

#[component]
fn StorageUsage() -> impl IntoView {
    let session = expect_context::<Session>();
    let usage = move || {
        session.index.track();
        session.save_state.track();
        store::usage(&LocalStore::open()).ok()
    };
    view! {
        <div class="card storage" data-testid="storage-usage">
            <h2>"Penyimpanan browser"</h2>
            {move || match usage() {
                Some(u) => {
                    let pct = Decimal::from(u.total as u64) * Decimal::ONE_HUNDRED / Decimal::from(BUDGET_CHARS as u64);
                    view! {
                        <p>
                            "Terpakai " {format_fixed(Decimal::from(u.total as u64) / Decimal::from(1_000_000), 2)}
                            " juta dari ±5 juta karakter (" {format_fixed(pct, 0)} "%), "
                            {format_fixed(Decimal::from(u.ours as u64) / Decimal::from(1_000_000), 2)}
                            " juta oleh Kalkulator LAKIP. Semua halaman file:// di browser ini berbagi ruang yang sama."
                        </p>
                        <meter min="0" max="100" value=pct.to_string()></meter>
                        {u.warning().map(|w| view! { <p class="field-error" role="alert" data-testid="storage-warning">{w}</p> })}
                    }.into_any()
                }
                None => view! { <p>"Penyimpanan browser tidak dapat dibaca."</p> }.into_any(),
            }}
            <p data-testid="persistence">
                {move || match session.persisted.get() {
                    Some(true) => "Browser berjanji menyimpan data ini secara permanen (tidak dibersihkan otomatis).".to_string(),
                    Some(false) => "Browser belum berjanji menyimpan data ini secara permanen; data bisa dibersihkan bila ruang disk menipis. Ekspor JSON secara berkala.".to_string(),
                    None => "Browser ini tidak memberi tahu apakah datanya disimpan permanen; ekspor JSON secara berkala.".to_string(),
                }}
                " "
                <Show when=move || session.persisted.get() == Some(false)>
                    <button type="button" class="small" on:click=move |_| session.request_persistence()>"Minta penyimpanan permanen"</button>
                </Show>
            </p>
        </div>
    }
}
