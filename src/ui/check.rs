//! Check a finished report: paste its tables (or drop an .xlsx), correct the proposed
//! column mapping and hierarchy, then see every printed figure beside the recomputed one,
//! with the difference and the likely cause. One click takes a pasted table into a new
//! report. All reading, mapping, checking and importing is `lakip_core::check`.

use super::report::TableView;
use crate::state::{Session, Tone};
use crate::web::files;
use lakip_core::check::{self, saved, Checked, ColumnRole, Level, RowRole, TableKind};
use lakip_core::model::Direction;
use lakip_core::num::Convention;
use leptos::html;
use leptos::prelude::*;

/// Rows shown in the mapping editor (a long paste is checked in full all the same).
const PREVIEW_ROWS: usize = 400;

const ROW_ROLES: [(&str, &str); 9] = [
    ("header", "Judul kolom"),
    ("item0", "Butir tingkat 1"),
    ("item1", "Butir tingkat 2"),
    ("item2", "Butir tingkat 3"),
    ("item3", "Butir tingkat 4"),
    ("total", "Jumlah / total"),
    ("cont", "Lanjutan baris atas"),
    ("text", "Kalimat"),
    ("ignore", "Abaikan"),
];

const KINDS: [TableKind; 5] = [
    TableKind::Budget,
    TableKind::Indicators,
    TableKind::Counts,
    TableKind::Narrative,
    TableKind::Unknown,
];

/// The checker's work in the tab's sessionStorage: it survives leaving the page and a
/// reload, and goes with the tab.
const SAVED_KEY: &str = "kalkulator-lakip/periksa";

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn load_saved() -> Option<saved::Saved> {
    let text = session_storage()?.get_item(SAVED_KEY).ok().flatten()?;
    saved::from_json(&text).ok()
}

fn store_saved(s: &saved::Saved) {
    if let Some(st) = session_storage() {
        // A full or blocked store only loses the convenience, never the report.
        let _ = if s.tables.is_empty() {
            st.remove_item(SAVED_KEY)
        } else {
            st.set_item(SAVED_KEY, &saved::to_json(s))
        };
    }
}

/// The text a paste carries (`text/plain`), read from the event's clipboard data.
fn pasted_text(ev: &web_sys::ClipboardEvent) -> Option<String> {
    use wasm_bindgen::JsCast;
    let data = js_sys::Reflect::get(ev.as_ref(), &"clipboardData".into()).ok()?;
    let get: js_sys::Function = js_sys::Reflect::get(&data, &"getData".into())
        .ok()?
        .dyn_into()
        .ok()?;
    get.call1(&data, &"text/plain".into())
        .ok()?
        .as_string()
        .filter(|t| !t.is_empty())
}

fn check_all(session: Session, tables: &[check::Table]) -> Checked {
    let scale = session
        .report
        .with_untracked(|r| r.as_ref().map(|r| r.settings.scale.clone()))
        .unwrap_or_else(lakip_core::model::scale::Scale::seed_default);
    check::check_tables(tables, &scale)
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let restored = load_saved().unwrap_or_default();
    let restored_result = restored
        .checked
        .then(|| check_all(session, &restored.tables));
    let tables = RwSignal::new(restored.tables);
    let selected = RwSignal::new(restored.selected);
    let result = RwSignal::new(restored_result);
    // Every change is kept for the tab (tables, mapping, whether they were checked).
    Effect::new(move |_| {
        let s = saved::Saved {
            tables: tables.get(),
            checked: result.with(Option::is_some),
            selected: selected.get(),
        };
        store_saved(&s);
    });
    let paste = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let add = move |title: String, grid: check::Grid| {
        if grid.rows.is_empty() {
            session.say(Tone::Warning, "Tidak ada baris yang terbaca.");
            return;
        }
        let n = tables.with_untracked(Vec::len);
        let title = if title.trim().is_empty() {
            format!("Tabel {}", n + 1)
        } else {
            title
        };
        tables.update(|t| t.push(check::Table::new(title, grid)));
        selected.set(n);
        result.set(None);
    };
    let add_paste = move |_| {
        let text = paste.get_untracked();
        add(name.get_untracked(), check::read_text(&text));
        paste.set(String::new());
        name.set(String::new());
    };
    let input = NodeRef::<html::Input>::new();
    let pick_xlsx = move |_| {
        if let Some(el) = input.get() {
            files::read_file(&el, move |r| match r {
                Ok((file, bytes)) => match check::read_xlsx(&bytes) {
                    Ok(sheets) => {
                        let mut far = Vec::new();
                        for (sheet, grid) in sheets {
                            if !grid.set_aside.is_empty() {
                                far.push(format!("{sheet}: {}", grid.set_aside.join(", ")));
                            }
                            if !grid.rows.is_empty() {
                                add(format!("{file} — {sheet}"), grid);
                            }
                        }
                        if !far.is_empty() {
                            session.say(
                                Tone::Info,
                                format!(
                                    "Sel yang jauh dari tabel tidak ikut diperiksa ({}).",
                                    far.join("; ")
                                ),
                            );
                        }
                    }
                    Err(e) => session.say(
                        Tone::Error,
                        format!("Berkas \"{file}\" tidak dapat dibaca: {e}"),
                    ),
                },
                Err(e) => session.say(Tone::Error, format!("Berkas tidak dapat dibaca: {e}")),
            });
        }
    };
    let run = move |_| {
        let checked = tables.with_untracked(|t| check_all(session, t));
        result.set(Some(checked));
    };
    // A paste puts the clipboard's text (tabs kept) where the cursor is.
    let on_paste = move |ev: web_sys::ClipboardEvent| {
        let Some(text) = pasted_text(&ev) else { return };
        ev.prevent_default();
        let area: Option<web_sys::HtmlTextAreaElement> = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into(t).ok());
        let current = paste.get_untracked();
        let (start, end) = area
            .map(|a| {
                let n = current.encode_utf16().count() as u32;
                (
                    a.selection_start().ok().flatten().unwrap_or(n),
                    a.selection_end().ok().flatten().unwrap_or(n),
                )
            })
            .unwrap_or((0, 0));
        let units: Vec<u16> = current.encode_utf16().collect();
        let (s, e) = (
            (start as usize).min(units.len()),
            (end as usize).min(units.len()),
        );
        let mut out = String::from_utf16_lossy(&units[..s.min(e)]);
        out.push_str(&text);
        out.push_str(&String::from_utf16_lossy(&units[e.max(s)..]));
        paste.set(out);
    };
    view! {
        <section class="check">
            <div class="card">
                <h2>"Periksa laporan jadi"</h2>
                <p class="hint">"Tempel tabel dari Word, Excel atau PDF (Tabel 3.1, Tabel 1.1, tabel sasaran, atau kalimat \"realisasi 19 Orang dari target 20 Orang atau 95%\"), atau pilih berkas .xlsx. Periksa pemetaan kolom dan baris, lalu tekan Periksa."</p>
                <label>"Nama tabel" <input type="text" class="input" data-testid="paste-name" prop:value=name on:input=move |e| name.set(event_target_value(&e)) /></label>
                <textarea class="input paste" rows="8" data-testid="paste-area" placeholder="Tempel di sini (Ctrl+V)…"
                    prop:value=paste on:input=move |e| paste.set(event_target_value(&e)) on:paste=on_paste></textarea>
                <div class="actions">
                    <button type="button" data-testid="paste-add" on:click=add_paste disabled=move || paste.with(|p| p.trim().is_empty())>"Tambahkan tabel"</button>
                    <label class="button">"Pilih berkas .xlsx…"
                        <input type="file" accept=".xlsx" class="visually-hidden" data-testid="xlsx-file" node_ref=input on:change=pick_xlsx />
                    </label>
                </div>
            </div>
            <Show when=move || tables.with(|t| !t.is_empty())>
                <div class="card">
                    <div class="tabs-inline">
                        {move || tables.with(|t| t.iter().enumerate().map(|(i, tb)| {
                            let label = format!("{} ({})", tb.name, tb.mapping.kind.label());
                            view! {
                                <button type="button" class="small" class:active=move || selected.get() == i data-testid=format!("pasted-{i}")
                                    on:click=move |_| selected.set(i)>{label}</button>
                            }
                        }).collect_view())}
                        <button type="button" class="small danger" data-testid="pasted-remove" on:click=move |_| {
                            let i = selected.get_untracked();
                            tables.update(|t| { if i < t.len() { t.remove(i); } });
                            selected.set(0);
                            result.set(None);
                        }>"Hapus tabel ini"</button>
                    </div>
                    <MappingEditor tables=tables selected=selected result=result />
                    <div class="actions">
                        <button type="button" data-testid="check-run" on:click=run>"Periksa"</button>
                    </div>
                </div>
            </Show>
            <Results tables=tables result=result />
        </section>
    }
}

/// The proposed mapping of the selected table, correctable: table kind, number
/// convention, indicator direction, a role per column, a role per row, what each level is.
#[component]
fn MappingEditor(
    tables: RwSignal<Vec<check::Table>>,
    selected: RwSignal<usize>,
    result: RwSignal<Option<Checked>>,
) -> impl IntoView {
    let edit = move |f: Box<dyn FnOnce(&mut check::Table)>| {
        let i = selected.get_untracked();
        tables.update(|t| {
            if let Some(tb) = t.get_mut(i) {
                f(tb);
            }
        });
        result.set(None);
    };
    let current = move || tables.with(|t| t.get(selected.get()).cloned());
    move || {
        let tb = current()?;
        let width = tb.grid.width();
        let kind = tb.mapping.kind;
        let convention = tb.mapping.convention;
        let direction = tb.mapping.direction;
        let columns = tb.mapping.columns.clone();
        let levels = tb.mapping.levels.clone();
        // The hierarchy chosen, by the look of the rows: one choice per group of rows.
        let structure = (kind == TableKind::Budget)
            .then(|| check::structure(&tb.grid, &tb.mapping))
            .filter(|s| !s.groups.is_empty())
            .map(|st| {
                let level_name = |l: u8| format!("{} (tingkat {})", tb.mapping.level(l).label(), l + 1);
                let names: Vec<String> = (0..4u8).map(level_name).collect();
                let groups = st
                    .groups
                    .iter()
                    .enumerate()
                    .map(|(gi, g)| {
                        let style = g.style;
                        let level = g.level;
                        let names = names.clone();
                        view! {
                            <tr data-testid="structure-group">
                                <td>{g.style.label()}</td>
                                <td class="num">{g.rows.len()}</td>
                                <td>
                                    <select class="input" data-testid=format!("group-level-{gi}") on:change=move |e| {
                                        let Ok(l) = event_target_value(&e).parse::<u8>() else { return };
                                        edit(Box::new(move |t| check::set_style_level(&t.grid, &mut t.mapping, &style, l)));
                                    }>
                                        {level.is_none().then(|| view! { <option value="campuran" selected=true>"(campuran)"</option> })}
                                        {names.into_iter().enumerate().map(|(l, n)| view! {
                                            <option value=l.to_string() selected=level == Some(l as u8)>{n}</option>
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <div class="structure" data-testid="structure">
                        <p class="hint" data-testid="structure-sums">{format!(
                            "Susunan yang dipilih: {} dari {} angka jumlah sama dengan jumlah baris di bawahnya. Ubah satu kelompok baris sekaligus bila susunannya keliru.",
                            st.sums_agree, st.sums_compared
                        )}</p>
                        <table class="map-grid">
                            <thead><tr><th>"Kelompok baris"</th><th>"Banyaknya"</th><th>"Adalah"</th></tr></thead>
                            <tbody>{groups}</tbody>
                        </table>
                    </div>
                }
            });
        let header = (0..width)
            .map(|c| {
                let role = columns.get(c).copied().unwrap_or(ColumnRole::Ignore);
                view! {
                    <th>
                        <div class="col-letter">{check::column_letter(tb.grid.column_number(c))}</div>
                        <select class="input" data-testid=format!("col-role-{c}") on:change=move |e| {
                            let v: usize = event_target_value(&e).parse().unwrap_or(0);
                            edit(Box::new(move |t| {
                                if t.mapping.columns.len() <= c { t.mapping.columns.resize(c + 1, ColumnRole::Ignore); }
                                t.mapping.columns[c] = ColumnRole::ALL[v.min(ColumnRole::ALL.len() - 1)];
                                check::propose_rows(&t.grid, &mut t.mapping);
                            }));
                        }>
                            {ColumnRole::ALL.iter().enumerate().map(|(i, r)| view! { <option value=i.to_string() selected=*r == role>{r.label()}</option> }).collect_view()}
                        </select>
                    </th>
                }
            })
            .collect_view();
        let rows = tb
            .grid
            .rows
            .iter()
            .enumerate()
            .take(PREVIEW_ROWS)
            .map(|(ri, row)| {
                let role = check::saved::role_code(tb.mapping.row(ri));
                let cells = (0..width)
                    .map(|c| {
                        let cell = row.cells.get(c);
                        let text = cell.map(|x| x.text.clone()).unwrap_or_default();
                        view! { <td class:bold=cell.is_some_and(|x| x.bold)>{text}</td> }
                    })
                    .collect_view();
                view! {
                    <tr data-testid="map-row">
                        <td class="muted">{row.number}</td>
                        <td>
                            <select class="input" data-testid=format!("row-role-{ri}") on:change=move |e| {
                                let v = check::saved::role_from(&event_target_value(&e)).unwrap_or(RowRole::Ignore);
                                edit(Box::new(move |t| {
                                    if t.mapping.rows.len() <= ri { t.mapping.rows.resize(ri + 1, RowRole::Ignore); }
                                    t.mapping.rows[ri] = v;
                                }));
                            }>
                                {ROW_ROLES.iter().map(|(code, label)| view! { <option value=*code selected=*code == role>{*label}</option> }).collect_view()}
                            </select>
                        </td>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        let more = tb.grid.rows.len().saturating_sub(PREVIEW_ROWS);
        Some(view! {
            <div class="mapping" data-testid="mapping">
                <div class="grid-form">
                    <label>"Jenis tabel"
                        <select class="input" data-testid="table-kind" on:change=move |e| {
                            let v: usize = event_target_value(&e).parse().unwrap_or(0);
                            edit(Box::new(move |t| t.mapping.kind = KINDS[v.min(KINDS.len() - 1)]));
                        }>
                            {KINDS.iter().enumerate().map(|(i, k)| view! { <option value=i.to_string() selected=*k == kind>{k.label()}</option> }).collect_view()}
                        </select>
                    </label>
                    <label>"Angka seperti 1.234 dibaca"
                        <select class="input" data-testid="table-convention" on:change=move |e| {
                            let v = if event_target_value(&e) == "en" { Convention::English } else { Convention::Indonesian };
                            edit(Box::new(move |t| t.mapping.convention = v));
                        }>
                            <option value="id" selected=convention != Convention::English>"1.234 = seribu dua ratus tiga puluh empat (Indonesia)"</option>
                            <option value="en" selected=convention == Convention::English>"1.234 = satu koma dua tiga empat (Inggris)"</option>
                        </select>
                    </label>
                    <label>"Arah indikator"
                        <select class="input" data-testid="table-direction" on:change=move |e| {
                            let v = if event_target_value(&e) == "down" { Direction::LowerIsBetter } else { Direction::HigherIsBetter };
                            edit(Box::new(move |t| t.mapping.direction = v));
                        }>
                            <option value="up" selected=!direction.lower_is_better()>"Semakin tinggi semakin baik"</option>
                            <option value="down" selected=direction.lower_is_better()>"Semakin rendah semakin baik"</option>
                        </select>
                    </label>
                    {(kind == TableKind::Budget).then(|| (0..3usize).map(|l| {
                        let lv = levels.get(l).copied().unwrap_or(Level::SubKegiatan);
                        view! {
                            <label>{format!("Butir tingkat {} adalah", l + 1)}
                                <select class="input" data-testid=format!("level-{l}") on:change=move |e| {
                                    let v = match event_target_value(&e).as_str() { "p" => Level::Program, "k" => Level::Kegiatan, _ => Level::SubKegiatan };
                                    edit(Box::new(move |t| {
                                        if t.mapping.levels.len() <= l { t.mapping.levels.resize(l + 1, Level::SubKegiatan); }
                                        t.mapping.levels[l] = v;
                                    }));
                                }>
                                    <option value="p" selected=lv == Level::Program>{Level::Program.label()}</option>
                                    <option value="k" selected=lv == Level::Kegiatan>{Level::Kegiatan.label()}</option>
                                    <option value="s" selected=lv == Level::SubKegiatan>{Level::SubKegiatan.label()}</option>
                                </select>
                            </label>
                        }
                    }).collect_view())}
                </div>
                {structure}
                <div class="scroll-x">
                    <table class="map-grid">
                        <thead><tr><th>"Baris"</th><th>"Peran baris"</th>{header}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                {(more > 0).then(|| view! { <p class="hint">{format!("{more} baris lagi tidak ditampilkan; semuanya tetap diperiksa.")}</p> })}
            </div>
        })
    }
}

#[component]
fn Results(
    tables: RwSignal<Vec<check::Table>>,
    result: RwSignal<Option<Checked>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let flagged_only = RwSignal::new(true);
    let instansi = RwSignal::new(String::new());
    let tahun = RwSignal::new(String::new());
    let take = move |_| {
        let i = tables.with_untracked(|t| {
            t.iter()
                .position(|t| t.mapping.kind == TableKind::Budget)
                .or((!t.is_empty()).then_some(0))
        });
        let Some(i) = i else { return };
        let year = tahun
            .get_untracked()
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y));
        let Some(year) = year else {
            session.say(
                Tone::Error,
                "Isi tahun laporan (1900–2200) sebelum mengambil tabel.",
            );
            return;
        };
        let name = instansi.get_untracked();
        let name = if name.trim().is_empty() {
            "Instansi (dari tabel tempelan)".to_string()
        } else {
            name
        };
        let made =
            tables.with_untracked(|t| check::to_report(&t[i].grid, &t[i].mapping, &name, year));
        match made {
            Ok(report) => {
                session.adopt(report);
                session.say(
                    Tone::Success,
                    "Tabel diambil ke laporan baru; angka dihitung ulang dari baris rinciannya.",
                );
                session.page.set(crate::state::Page::Budget);
            }
            Err(e) => session.say(Tone::Error, format!("Tabel tidak dapat diambil: {e}")),
        }
    };
    view! {
        {move || result.get().map(|checked| {
            let s = checked.summary;
            let names: Vec<String> = tables.with_untracked(|t| t.iter().map(|t| t.name.clone()).collect());
            let table = check::findings_table(&checked, &names, flagged_only.get());
            view! {
                <div class="card" data-testid="check-result">
                    <h2>"Hasil pemeriksaan"</h2>
                    <p data-testid="check-summary">{s.sentence()}</p>
                    <label><input type="checkbox" data-testid="flagged-only" prop:checked=flagged_only on:change=move |e| flagged_only.set(event_target_checked(&e)) />
                        " Tampilkan hanya yang ditandai"</label>
                    <TableView table=table />
                    <div class="grid-form no-print">
                        <label>"Instansi" <input type="text" class="input" data-testid="take-instansi" prop:value=instansi on:input=move |e| instansi.set(event_target_value(&e)) /></label>
                        <label>"Tahun laporan" <input type="text" class="input" data-testid="take-tahun" prop:value=tahun on:input=move |e| tahun.set(event_target_value(&e)) /></label>
                    </div>
                    <button type="button" class="no-print" data-testid="take-report" on:click=take>"Ambil tabel anggaran ke laporan baru"</button>
                </div>
            }
        })}
    }
}
