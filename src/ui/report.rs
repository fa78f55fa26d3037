//! The report as officers hand it in: every table of the LAKIP (computed by
//! `lakip_core::report::views`), the charts, and the Bab III narrative — to read, copy, print,
//! or download as Excel and CSV.

use super::charts::{CapaianChart, SerapanChart, TrendChart};
use crate::state::{Session, Tone};
use crate::web::files;
use lakip_core::exchange::export::{csv, xlsx};
use lakip_core::report::views::{self, Cell, ColumnKind, RowKind, Table};
use leptos::html;
use leptos::prelude::*;

/// What the report page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Show_ {
    Dashboard,
    Table(String),
    AllTables,
    Charts,
    Narrative,
}

fn file_stem(session: &Session) -> String {
    session
        .report
        .with_untracked(|r| {
            r.as_ref()
                .map(|r| format!("lakip-{}-{}", crate::state::slug(&r.instansi), r.tahun))
        })
        .unwrap_or_else(|| "lakip".into())
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let session = expect_context::<Session>();
    // Built only while this page is open.
    let tables = Memo::new(move |_| {
        session.report.with(|r| {
            session.computed.with(|c| match (r, c) {
                (Some(r), Some(c)) => views::all(r, c),
                _ => Vec::new(),
            })
        })
    });
    let showing = RwSignal::new(Show_::Dashboard);
    let toc = move || {
        tables.with(|t| {
            t.iter()
                .map(|t| (t.id.clone(), t.title.clone()))
                .collect::<Vec<_>>()
        })
    };
    let download_all = move |_| {
        let title = session
            .report
            .with_untracked(|r| {
                r.as_ref()
                    .map(|r| format!("LAKIP {} {}", r.instansi, r.tahun))
            })
            .unwrap_or_default();
        let result = tables.with_untracked(|t| xlsx::workbook(t, &title));
        match result {
            Ok(bytes) => {
                let name = format!("{}.xlsx", file_stem(&session));
                if let Err(e) = files::download(
                    &name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &bytes,
                ) {
                    session.say(Tone::Error, format!("Unduhan gagal: {e}"));
                }
            }
            Err(e) => session.say(Tone::Error, format!("Berkas Excel tidak dapat dibuat: {e}")),
        }
    };
    view! {
        <Show when=move || session.report.with(Option::is_some) fallback=|| view! { <p class="empty">"Buka atau buat laporan di Beranda."</p> }>
            <div class="report-layout">
                <nav class="toc no-print" aria-label="Daftar tabel">
                    <div class="actions">
                        <button type="button" data-testid="print" on:click=move |_| files::print()>"Cetak / PDF"</button>
                        <button type="button" data-testid="download-xlsx-all" on:click=download_all>"Unduh semua (Excel)"</button>
                    </div>
                    <ul>
                        <li><a href="#" data-testid="show-dashboard" class:active=move || showing.get() == Show_::Dashboard
                            on:click=move |e| { e.prevent_default(); showing.set(Show_::Dashboard) }>"Ringkasan"</a></li>
                        <li><a href="#" data-testid="show-charts" class:active=move || showing.get() == Show_::Charts
                            on:click=move |e| { e.prevent_default(); showing.set(Show_::Charts) }>"Grafik"</a></li>
                        <li><a href="#" data-testid="show-narrative" class:active=move || showing.get() == Show_::Narrative
                            on:click=move |e| { e.prevent_default(); showing.set(Show_::Narrative) }>"Narasi Bab III"</a></li>
                        <li><a href="#" data-testid="show-all" class:active=move || showing.get() == Show_::AllTables
                            on:click=move |e| { e.prevent_default(); showing.set(Show_::AllTables) }>"Semua tabel (untuk dicetak)"</a></li>
                        {move || toc().into_iter().map(|(id, title)| {
                            let id2 = id.clone();
                            let id3 = id.clone();
                            view! {
                                <li><a href="#" data-testid=format!("show-{id}") class:active=move || showing.get() == Show_::Table(id2.clone())
                                    on:click=move |e| { e.prevent_default(); showing.set(Show_::Table(id3.clone())) }>{title}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </nav>
                <div class="report-body">
                    {move || match showing.get() {
                        Show_::Dashboard => view! { <Dashboard /> }.into_any(),
                        Show_::Charts => view! { <Charts /> }.into_any(),
                        Show_::Narrative => view! { <Narrative /> }.into_any(),
                        Show_::AllTables => {
                            // Built afresh when the figures change.
                            tables.track();
                            view! { <AllTables tables=tables /> }.into_any()
                        }
                        Show_::Table(id) => tables.with(|t| t.iter().find(|t| t.id == id).cloned())
                            .map(|t| view! { <TableView table=t /> }.into_any())
                            .unwrap_or_else(|| view! { <p>"Tabel tidak ada."</p> }.into_any()),
                    }}
                </div>
            </div>
        </Show>
    }
}

/// Rows shown before "show all" for very long tables (a 20.000-row Tabel 3.1).
const LONG: usize = 1_000;

fn cell_class(kind: ColumnKind) -> &'static str {
    match kind {
        ColumnKind::Money | ColumnKind::Percent | ColumnKind::Number => "num",
        _ => "",
    }
}

/// One computed table, with copy, CSV and Excel.
#[component]
pub fn TableView(table: Table) -> impl IntoView {
    let session = expect_context::<Session>();
    let table = StoredValue::new(table);
    let node = NodeRef::<html::Table>::new();
    let full = RwSignal::new(false);
    let (id, title, landscape, n_rows) =
        table.with_value(|t| (t.id.clone(), t.title.clone(), t.landscape(), t.rows.len()));
    let n_bands = session
        .report
        .with_untracked(|r| {
            r.as_ref()
                .map(|r| r.settings.scale.bands.len())
                .unwrap_or(4)
        })
        .max(2);
    let copy = move |_| {
        if let Some(el) = node.get() {
            match files::copy_element(&el) {
                Ok(()) => session.say(
                    Tone::Success,
                    "Tabel disalin; tempel (Ctrl+V) di Excel atau Word.",
                ),
                Err(e) => session.say(Tone::Error, format!("Tabel tidak dapat disalin: {e}")),
            }
        }
    };
    let copy_tsv = move |_| match files::copy_text(&table.with_value(csv::tsv)) {
        Ok(()) => session.say(Tone::Success, "Tabel disalin sebagai teks bertab."),
        Err(e) => session.say(Tone::Error, format!("Tabel tidak dapat disalin: {e}")),
    };
    let csv_download = move |_| {
        let (name, text) = table.with_value(|t| {
            (
                format!("{}-{}.csv", file_stem(&session), t.id),
                csv::table(t),
            )
        });
        if let Err(e) = files::download(&name, "text/csv", text.as_bytes()) {
            session.say(Tone::Error, format!("Unduhan gagal: {e}"));
        }
    };
    let xlsx_download = move |_| {
        let (name, bytes) = table.with_value(|t| {
            (
                format!("{}-{}.xlsx", file_stem(&session), t.id),
                xlsx::workbook(std::slice::from_ref(t), &t.title),
            )
        });
        match bytes {
            Ok(b) => {
                if let Err(e) = files::download(
                    &name,
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    &b,
                ) {
                    session.say(Tone::Error, format!("Unduhan gagal: {e}"));
                }
            }
            Err(e) => session.say(Tone::Error, format!("Berkas Excel tidak dapat dibuat: {e}")),
        }
    };
    // The rows are static text: one HTML string per table body (set at once) instead of a
    // DOM call per cell, which is what makes a table of a thousand rows cheap to show.
    let rows = move || {
        let limit = if full.get() { usize::MAX } else { LONG };
        table.with_value(|t| rows_html(t, limit, n_bands))
    };
    let named = {
        let title = title.clone();
        move |what: &str| format!("{what}: {title}")
    };
    let region = title.clone();
    view! {
        <section class="report-table" class:landscape=landscape data-table=id.clone() data-testid=format!("table-{id}")>
            <div class="table-actions no-print">
                <button type="button" class="small" data-testid=format!("copy-{id}") aria-label=named("Salin tabel") on:click=copy>"Salin tabel"</button>
                <button type="button" class="small" aria-label=named("Salin sebagai teks") on:click=copy_tsv>"Salin sebagai teks"</button>
                <button type="button" class="small" data-testid=format!("csv-{id}") aria-label=named("Unduh CSV") on:click=csv_download>"CSV"</button>
                <button type="button" class="small" data-testid=format!("xlsx-{id}") aria-label=named("Unduh Excel") on:click=xlsx_download>"Excel"</button>
            </div>
            // Focusable, so that a table wider than its box scrolls by keyboard too.
            <div class="table-scroll" tabindex="0" role="region" aria-label=region>
            <table node_ref=node class="lakip">
                <caption>{title}</caption>
                <thead>
                    <tr>{table.with_value(|t| t.columns.iter().map(|c| view! { <th class=cell_class(c.kind)>{c.title.clone()}</th> }).collect_view())}</tr>
                </thead>
                <tbody inner_html=rows></tbody>
            </table>
            </div>
            <Show when=move || { !full.get() && n_rows > LONG }>
                <button type="button" class="no-print" on:click=move |_| full.set(true)>{format!("Tampilkan semua {n_rows} baris")}</button>
            </Show>
            <ul class="notes">{table.with_value(|t| t.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view())}</ul>
        </section>
    }
}

/// Rows (about) put on screen per task by [`AllTables`] before it yields to the browser.
const ROWS_PER_TASK: usize = 1_500;

/// Every table, one batch of about [`ROWS_PER_TASK`] rows per task: the first batch shows at
/// once, and the browser paints and answers input between batches (no long freeze).
#[component]
fn AllTables(tables: Memo<Vec<Table>>) -> impl IntoView {
    let shown = RwSignal::new(0usize);
    let sizes: Vec<usize> =
        tables.with_untracked(|t| t.iter().map(|t| t.rows.len().clamp(1, LONG)).collect());
    // How many tables the next batch reaches, from `from`.
    let batch_end = {
        let sizes = sizes.clone();
        move |from: usize| {
            let mut rows = 0;
            let mut end = from;
            while end < sizes.len() && (end == from || rows + sizes[end] <= ROWS_PER_TASK) {
                rows += sizes[end];
                end += 1;
            }
            end
        }
    };
    // The next batch waits for the next frame (so that the browser lays out and paints the
    // last one on its own) and then for a task of its own.
    fn more(shown: RwSignal<usize>, n: usize, batch_end: impl Fn(usize) -> usize + 'static) {
        request_animation_frame(move || {
            set_timeout(
                move || {
                    // The page may have been left meanwhile.
                    let Some(from) = shown.try_get_untracked() else {
                        return;
                    };
                    if from >= n || shown.try_set(batch_end(from)).is_some() {
                        return;
                    }
                    more(shown, n, batch_end);
                },
                std::time::Duration::ZERO,
            )
        });
    }
    let n = sizes.len();
    shown.set(batch_end(0));
    more(shown, n, batch_end);
    (0..n)
        .map(|i| {
            let visible = Memo::new(move |_| shown.get() > i);
            move || {
                visible
                    .get()
                    .then(|| tables.with_untracked(|t| t.get(i).cloned()))
                    .flatten()
                    .map(|t| view! { <TableView table=t /> })
            }
        })
        .collect_view()
}

/// `<tr>`s of the first `limit` rows of a table, as HTML (every text escaped).
fn rows_html(t: &Table, limit: usize, n_bands: usize) -> String {
    use std::fmt::Write;
    let kinds: Vec<ColumnKind> = t.columns.iter().map(|c| c.kind).collect();
    let dp = t.decimals;
    let mut out = String::with_capacity(t.rows.len().min(limit) * 160);
    for r in t.rows.iter().take(limit) {
        match r.kind {
            RowKind::Normal => {
                let _ = write!(out, "<tr class=\"lvl-{}\">", r.level);
            }
            RowKind::Group => {
                let _ = write!(out, "<tr class=\"grp lvl-{}\">", r.level);
            }
            RowKind::Total => out.push_str("<tr class=\"total-row\">"),
        }
        for (c, k) in r.cells.iter().zip(&kinds) {
            let class = cell_class(*k);
            match c {
                Cell::Category { band, .. } => {
                    let _ = write!(
                        out,
                        "<td><span class=\"band band-{}\">",
                        band * 4 / (n_bands - 1)
                    );
                    escape_into(&mut out, &c.display_dp(dp));
                    out.push_str("</span></td>");
                }
                Cell::NotComputable(reason) => {
                    let _ = write!(out, "<td class=\"{class}\" title=\"");
                    escape_into(&mut out, reason);
                    out.push_str("\">–</td>");
                }
                _ => {
                    let _ = write!(out, "<td class=\"{class}\">");
                    escape_into(&mut out, &c.display_dp(dp));
                    out.push_str("</td>");
                }
            }
        }
        out.push_str("</tr>");
    }
    out
}

/// Text as HTML text or attribute value.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[component]
fn Dashboard() -> impl IntoView {
    let session = expect_context::<Session>();
    let tables = move || {
        session.report.with(|r| {
            session.computed.with(|c| match (r, c) {
                (Some(r), Some(c)) => vec![
                    views::ringkasan_kategori(r, c),
                    views::ringkasan_anggaran(r, c),
                    views::ringkasan_terlemah(r, c),
                ],
                _ => Vec::new(),
            })
        })
    };
    view! {
        <div data-testid="dashboard">
            {move || tables().into_iter().map(|t| view! { <TableView table=t /> }).collect_view()}
            <CapaianChart which="iku" />
            <SerapanChart />
        </div>
    }
}

#[component]
fn Charts() -> impl IntoView {
    let session = expect_context::<Session>();
    let ikus = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.sasaran
                        .iter()
                        .enumerate()
                        .flat_map(|(si, s)| {
                            s.iku
                                .iter()
                                .enumerate()
                                .map(move |(j, i)| (si, j, i.name.clone()))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <div data-testid="charts">
            <CapaianChart which="iku" />
            <CapaianChart which="keluaran" />
            <SerapanChart />
            {move || ikus().into_iter().map(|(si, j, name)| view! { <TrendChart sasaran=si iku=j name=name /> }).collect_view()}
        </div>
    }
}

#[component]
fn Narrative() -> impl IntoView {
    let session = expect_context::<Session>();
    let text = move || {
        session.report.with(|r| {
            session.computed.with(|c| match (r, c) {
                (Some(r), Some(c)) => Some((
                    lakip_core::report::narrative::budget_paragraph(r, c),
                    lakip_core::report::narrative::all(r, c),
                )),
                _ => None,
            })
        })
    };
    let copy_all = move |_| {
        if let Some((budget, parts)) = text() {
            let mut s = String::new();
            for (title, paragraphs) in &parts {
                s.push_str(title);
                s.push_str("\n\n");
                for p in paragraphs {
                    s.push_str(p);
                    s.push_str("\n\n");
                }
            }
            s.push_str(&budget);
            match files::copy_text(&s) {
                Ok(()) => session.say(Tone::Success, "Narasi disalin."),
                Err(e) => session.say(Tone::Error, format!("Narasi tidak dapat disalin: {e}")),
            }
        }
    };
    view! {
        <section class="narrative" data-testid="narrative">
            <div class="actions no-print"><button type="button" data-testid="copy-narrative" on:click=copy_all>"Salin semua narasi"</button></div>
            {move || text().map(|(budget, parts)| view! {
                {parts.into_iter().map(|(title, paragraphs)| view! {
                    <h3>{title}</h3>
                    {paragraphs.into_iter().map(|p| view! { <p>{p}</p> }).collect_view()}
                }).collect_view()}
                <h3>"Realisasi anggaran"</h3>
                <p>{budget}</p>
            })}
        </section>
    }
}
