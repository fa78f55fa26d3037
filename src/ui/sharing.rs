//! Sharing between colleagues and getting data back: the import preview (what the file
//! holds, how it differs, open / replace / merge chosen parts), the report embedded in
//! this file, backups and deleted reports.

use super::common::ConfirmButton;
use crate::state::{PendingImport, Session};
use crate::web::storage::LocalStore;
use lakip_core::model::Id;
use lakip_core::num::format_rupiah;
use lakip_core::workspace::diff::{ChangeKind, Group};
use lakip_core::workspace::merge::{MergeChoices, Part};
use lakip_core::workspace::store;
use leptos::prelude::*;
use std::collections::BTreeSet;

fn status_label(k: ChangeKind) -> &'static str {
    match k {
        ChangeKind::Added => "baru",
        ChangeKind::Removed => "tidak ada di berkas",
        ChangeKind::Changed => "berubah",
    }
}

/// One group of the diff with a checkbox for the merge and its changes (old → new).
#[component]
fn GroupRow(group: Group, chosen: RwSignal<BTreeSet<(Part, Id)>>) -> impl IntoView {
    let part = Part::of(group.item);
    let key = group.key.clone();
    let changes: Vec<String> = group
        .all_changes()
        .map(|c| c.label.clone())
        .take(50)
        .collect();
    let more = group.all_changes().count().saturating_sub(50);
    let testid = format!("merge-{}", group.key);
    let checked_key = key.clone();
    view! {
        <li class="diff-group">
            <label>
                {part.map(|part| {
                    let k = key.clone();
                    let k2 = checked_key.clone();
                    view! {
                        <input type="checkbox" data-testid=testid.clone()
                            prop:checked=move || chosen.with(|c| c.contains(&(part, k2.clone())))
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                let k = k.clone();
                                chosen.update(|c| { if on { c.insert((part, k)); } else { c.remove(&(part, k)); } });
                            } />
                    }
                })}
                " " <strong>{format!("{} {}", group.item.label(), group.name)}</strong>
                " — " {status_label(group.status)}
            </label>
            <ul class="diff-changes">
                {changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}
                {(more > 0).then(|| view! { <li class="muted">{format!("dan {more} perubahan lain")}</li> })}
            </ul>
        </li>
    }
}

/// What the file holds and how it differs; nothing changes until the user chooses.
#[component]
pub fn ImportPreview() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.pending_import.get().map(|p: PendingImport| {
            let r = &p.imported.report;
            let m = &p.imported.meta;
            let head = format!(
                "Berkas \"{}\": {} tahun {} — {} program, {} sub kegiatan{}{}.",
                p.file_name,
                r.instansi,
                r.tahun,
                r.programs.len(),
                r.sub_kegiatan_count(),
                if m.revision > 0 { format!(", revisi {}", m.revision) } else { String::new() },
                if m.exported_at.is_empty() { String::new() } else { format!(", diekspor {}", m.exported_at.replace('T', " ").chars().take(16).collect::<String>()) },
            );
            let totals = lakip_core::calc::compute::compute(r).budget.total;
            let totals = format!("Pagu {} · realisasi {}", format_rupiah(totals.pagu), format_rupiah(totals.realisasi));
            let chosen = RwSignal::new(BTreeSet::<(Part, Id)>::new());
            let has_open = p.diff.is_some();
            let diff_view = p.diff.clone().map(|d| {
                let summary = d.summary();
                let report_changes: Vec<String> = d.report.iter().map(|c| c.label.clone()).collect();
                let groups: Vec<Group> = d.groups().cloned().collect();
                let all = MergeChoices::all(&d);
                view! {
                    <p data-testid="diff-summary"><strong>"Dibanding laporan yang terbuka: "</strong>{summary}</p>
                    {(!report_changes.is_empty()).then(|| view! { <ul class="diff-changes">{report_changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul> })}
                    <div class="actions">
                        <button type="button" class="small" on:click=move |_| chosen.set(all.take.clone())>"Pilih semua"</button>
                        <button type="button" class="small" on:click=move |_| chosen.set(BTreeSet::new())>"Kosongkan pilihan"</button>
                    </div>
                    <ul class="diff" data-testid="diff-groups">
                        {groups.into_iter().map(|g| view! { <GroupRow group=g chosen=chosen /> }).collect_view()}
                    </ul>
                }
            });
            view! {
                <div class="card preview" data-testid="import-preview">
                    <h2>"Pratinjau impor"</h2>
                    <p>{head}</p>
                    <p class="muted">{totals}</p>
                    {diff_view}
                    <div class="actions">
                        <button type="button" data-testid="import-new" on:click=move |_| session.import_as_new()>"Buka sebagai laporan baru"</button>
                        {has_open.then(|| view! {
                            <button type="button" data-testid="import-replace" on:click=move |_| session.import_replace()>"Ganti seluruh laporan yang terbuka"</button>
                            <button type="button" data-testid="import-merge" disabled=move || chosen.with(BTreeSet::is_empty)
                                on:click=move |_| session.import_merge(MergeChoices { take: chosen.get_untracked(), report_fields: false })>"Ambil bagian yang dipilih"</button>
                        })}
                        <button type="button" class="secondary" data-testid="import-cancel" on:click=move |_| session.cancel_import()>"Batal"</button>
                    </div>
                    <p class="hint">"Sebelum laporan diganti atau digabung, keadaannya sekarang disimpan sebagai cadangan dan dapat dipulihkan dengan satu klik."</p>
                </div>
            }
        })
    }
}

/// This file carries a report and the browser already holds others: the user chooses.
#[component]
pub fn EmbeddedOffer() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.embedded_offer.get().map(|p| {
            let r = &p.imported.report;
            let text = format!("Berkas ini membawa laporan {} tahun {} (revisi {}). Browser ini sudah menyimpan laporan lain.", r.instansi, r.tahun, p.imported.meta.revision);
            view! {
                <div class="card preview" data-testid="embedded-offer">
                    <h2>"Laporan dalam berkas ini"</h2>
                    <p>{text}</p>
                    <div class="actions">
                        <button type="button" data-testid="embedded-open" on:click=move |_| session.embedded_choice("buka")>"Buka laporan dari berkas"</button>
                        <button type="button" data-testid="embedded-compare" on:click=move |_| session.embedded_choice("bandingkan")>"Bandingkan dengan laporan saya"</button>
                        <button type="button" class="secondary" data-testid="embedded-keep" on:click=move |_| session.embedded_choice("abaikan")>"Tetap pakai laporan saya"</button>
                    </div>
                </div>
            }
        })
    }
}

/// Backups of the open report, and reports deleted but kept.
#[component]
pub fn Backups() -> impl IntoView {
    let session = expect_context::<Session>();
    let list = move || {
        session.backups_tick.track();
        session.save_state.track();
        let kv = LocalStore::open();
        // The open report's backups; when the last report could not be opened (its stored
        // value is unreadable), that report's: they are the way back.
        let id = session
            .report_id
            .get()
            .or_else(|| session.index.with(|i| i.active.clone()));
        let own = id
            .and_then(|id| store::list_backups(&kv, &id).ok())
            .unwrap_or_default();
        let deleted = store::deleted_reports(&kv).unwrap_or_default();
        (own, deleted)
    };
    view! {
        <div class="card" data-testid="backups">
            <h2>"Cadangan"</h2>
            <p class="hint">"Browser ini menyimpan keadaan-keadaan terakhir laporan (paling banyak 10 terbaru dan satu per hari), keadaan sebelum impor, penggabungan dan pemulihan, serta laporan yang dihapus. Memulihkan cadangan lebih dulu mencadangkan keadaan sekarang."</p>
            {move || {
                let (own, deleted) = list();
                view! {
                    <Show when={ let n = own.len(); move || n > 0 } fallback=|| view! { <p>"Belum ada cadangan untuk laporan yang terbuka."</p> }>
                        <div class="table-scroll">
                        <table class="list" data-testid="backup-list">
                            <thead><tr><th>"Waktu"</th><th>"Alasan"</th><th>"Isi"</th><th><span class="visually-hidden">"Tindakan"</span></th></tr></thead>
                            <tbody>
                                {own.iter().map(|b| {
                                    let key = b.key.clone();
                                    let id = b.id.clone();
                                    let dl_key = b.key.clone();
                                    let summary = b.summary.as_ref().map(|s| s.to_string()).unwrap_or_else(|| "(tidak terbaca)".into());
                                    view! {
                                        <tr data-testid="backup-row">
                                            <td>{b.time.replace('T', " ").chars().take(19).collect::<String>()}</td>
                                            <td>{b.reason.label()}</td>
                                            <td>{summary}</td>
                                            <td class="row-actions">
                                                <button type="button" class="small" data-testid="backup-restore" on:click=move |_| session.restore(&key, &id)>"Pulihkan"</button>
                                                <button type="button" class="small" on:click=move |_| session.download_stored(&dl_key, "lakip-cadangan.json")>"Unduh"</button>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    </Show>
                    {(!deleted.is_empty()).then(|| view! {
                        <h3>"Laporan yang dihapus (masih dicadangkan)"</h3>
                        <div class="table-scroll">
                        <table class="list" data-testid="deleted-list">
                            <tbody>
                                {deleted.into_iter().map(|b| {
                                    let key = b.key.clone();
                                    let id = b.id.clone();
                                    let purge_id = b.id.clone();
                                    let summary = b.summary.as_ref().map(|s| s.to_string()).unwrap_or_else(|| b.id.clone());
                                    view! {
                                        <tr data-testid="deleted-row">
                                            <td>{summary}</td>
                                            <td class="row-actions">
                                                <button type="button" class="small" data-testid="deleted-restore" on:click=move |_| session.restore(&key, &id)>"Pulihkan"</button>
                                                <ConfirmButton label="Hapus permanen" confirm="Yakin? Tidak bisa dikembalikan" testid="deleted-purge"
                                                    on_confirm=Callback::new(move |_| session.purge(&purge_id)) />
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    })}
                }
            }}
        </div>
    }
}
