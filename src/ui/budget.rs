//! The budget tree, Program → Kegiatan → Sub Kegiatan → output indicators: pagu, realisasi,
//! serapan and unspent budget at every level and the grand total, all read from the
//! computed results. Everything is edited in place; rows are added, moved and deleted here.
//! Large reports open collapsed and show sub kegiatan a page at a time.

use super::common::{memo, ConfirmButton, MoveButtons, RatedCells, WarningMark};
use super::inputs::{Choice, MoneyInput, TextInput, ValueInput};
use super::plan::directions;
use crate::state::Session;
use lakip_core::calc::budget::Amounts;
use lakip_core::model::edit::{Field, FieldValue, Node};
use lakip_core::model::{Id, Kegiatan, Money, Output, Program, Report, SubKegiatan};
use lakip_core::num::format_amount;
use lakip_core::report::views::percent_text;
use leptos::prelude::*;
use std::collections::HashSet;

/// Above this many sub kegiatan the tree opens collapsed.
const OPEN_ALL_UP_TO: usize = 300;
/// Sub kegiatan shown per kegiatan before "show more".
const PAGE: usize = 100;
/// Programs shown before "show more": every visible row follows the report, so a
/// consolidation of hundreds of programs is shown a page at a time.
const PROGRAM_PAGE: usize = 40;

fn serapan_text(a: &Amounts, dp: u32) -> (String, String) {
    match a.serapan() {
        Ok(p) => (percent_text(p, dp), String::new()),
        Err(e) => ("–".into(), e.to_string()),
    }
}

/// Which rows are open.
#[derive(Clone, Copy)]
struct Tree {
    open: RwSignal<HashSet<Id>>,
}

impl Tree {
    fn toggle(&self, id: &Id) {
        self.open.update(|s| {
            if !s.remove(id) {
                s.insert(id.clone());
            }
        });
    }
    fn is_open(&self, id: &Id) -> bool {
        self.open.with(|s| s.contains(id))
    }
}

fn all_open(r: &Report) -> HashSet<Id> {
    r.programs
        .iter()
        .flat_map(|p| std::iter::once(p.id.clone()).chain(p.kegiatan.iter().map(|k| k.id.clone())))
        .collect()
}

fn text_cb(session: Session, id: Id, field: Field) -> Callback<String, Result<(), String>> {
    Callback::new(move |v: String| session.set(&id, field.clone(), FieldValue::Text(v)))
}

fn money_cb(session: Session, id: Id, field: Field) -> Callback<Option<Money>, Result<(), String>> {
    Callback::new(move |v| session.set(&id, field.clone(), FieldValue::Money(v)))
}

/// The sasaran a program can support, for its selection list (one list for the page).
#[derive(Clone, Copy)]
struct SasaranOptions(Memo<Vec<(Option<Id>, String)>>);

#[component]
pub fn BudgetPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let open = session.report.with_untracked(|r| {
        r.as_ref()
            .filter(|r| r.sub_kegiatan_count() <= OPEN_ALL_UP_TO)
            .map(all_open)
            .unwrap_or_default()
    });
    let tree = Tree {
        open: RwSignal::new(open),
    };
    provide_context(tree);
    let total = move || {
        session
            .computed
            .with(|c| c.as_ref().map(|c| c.budget.total).unwrap_or_default())
    };
    let shown = RwSignal::new(PROGRAM_PAGE);
    let programs = memo(move || {
        let limit = shown.get();
        session.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.programs
                        .iter()
                        .take(limit)
                        .enumerate()
                        .map(|(i, p)| (i, p.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let count = Signal::derive(move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.programs.len()).unwrap_or(0))
    });
    provide_context(SasaranOptions(Memo::new(move |_| {
        session.report.with(|r| {
            let mut o = vec![(None, "— tidak mendukung sasaran —".to_string())];
            if let Some(r) = r {
                o.extend(r.sasaran.iter().map(|s| {
                    (
                        Some(s.id.clone()),
                        if s.name.is_empty() {
                            "(sasaran tanpa nama)".into()
                        } else {
                            s.name.clone()
                        },
                    )
                }));
            }
            o
        })
    })));
    view! {
        <Show when=move || session.report.with(Option::is_some) fallback=|| view! { <p class="empty">"Buka atau buat laporan di Beranda."</p> }>
            <section class="budget">
                <h2>"Realisasi anggaran"</h2>
                <div class="summary" data-testid="budget-summary">
                    <div><span class="k">"Total pagu"</span><span class="v" data-testid="total-pagu">{move || format!("Rp {}", format_amount(total().pagu))}</span></div>
                    <div><span class="k">"Total realisasi"</span><span class="v" data-testid="total-realisasi">{move || format!("Rp {}", format_amount(total().realisasi))}</span></div>
                    <div><span class="k">"Serapan"</span><span class="v" data-testid="total-serapan">{move || serapan_text(&total(), session.decimals()).0}</span></div>
                    <div><span class="k">"Sisa anggaran"</span><span class="v" data-testid="total-sisa">{move || format!("Rp {}", format_amount(total().sisa()))}</span></div>
                </div>
                <div class="tree-actions">
                    <button type="button" data-testid="expand-all" on:click=move |_| {
                        tree.open.set(session.report.with_untracked(|r| r.as_ref().map(all_open).unwrap_or_default()));
                    }>"Buka semua"</button>
                    <button type="button" data-testid="collapse-all" on:click=move |_| tree.open.set(HashSet::new())>"Tutup semua"</button>
                </div>
                <table class="budget-table">
                    <thead>
                        <tr>
                            <th class="col-no">"Kode"</th>
                            <th>"Program / Kegiatan / Sub Kegiatan"</th>
                            <th class="num">"Pagu (Rp)"</th>
                            <th class="num">"Realisasi (Rp)"</th>
                            <th class="num">"Serapan"</th>
                            <th class="num">"Sisa (Rp)"</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || programs.get() key=|x| x.clone() let:item>
                            <ProgramRows index=item.0 id=item.1 count=count />
                        </For>
                        <Show when=move || { count.get() > shown.get() }>
                            <tr class="more">
                                <td></td>
                                <td colspan="6">
                                    <button type="button" data-testid="more-programs" on:click=move |_| shown.update(|n| *n += PROGRAM_PAGE)>
                                        {move || format!("Tampilkan {} program lagi (dari {} program)", PROGRAM_PAGE.min(count.get().saturating_sub(shown.get())), count.get())}
                                    </button>
                                </td>
                            </tr>
                        </Show>
                    </tbody>
                    <tfoot>
                        <tr class="total-row" data-testid="row-total">
                            <td></td>
                            <td>"JUMLAH"</td>
                            <td class="num">{move || format_amount(total().pagu)}</td>
                            <td class="num">{move || format_amount(total().realisasi)}</td>
                            <td class="num">{move || serapan_text(&total(), session.decimals()).0}</td>
                            <td class="num">{move || format_amount(total().sisa())}</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
                <button type="button" data-testid="add-program" on:click=move |_| {
                    let p = Program { id: session.new_id("p"), name: String::new(), ..Default::default() };
                    tree.open.update(|s| { s.insert(p.id.clone()); });
                    session.insert(None, usize::MAX, Node::Program(p));
                }>"+ Program"</button>
            </section>
        </Show>
    }
}

/// Figures of a row that sums its children.
#[component]
fn AmountCells(amounts: Signal<Amounts>, testid: String) -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <td class="num" data-field="pagu" data-testid=format!("pagu-{testid}")>{move || format_amount(amounts.get().pagu)}</td>
        <td class="num" data-field="realisasi" data-testid=format!("realisasi-{testid}")>{move || format_amount(amounts.get().realisasi)}</td>
        <td class="num" data-field="serapan" data-testid=format!("serapan-{testid}") title=move || serapan_text(&amounts.get(), session.decimals()).1>{move || serapan_text(&amounts.get(), session.decimals()).0}</td>
        <td class="num" data-field="sisa">{move || format_amount(amounts.get().sisa())}</td>
    }
}

/// Own pagu and realisasi of a program or kegiatan without children.
#[component]
fn OwnAmountCells(
    id: Id,
    amounts: Signal<Amounts>,
    pagu: Signal<Option<Money>>,
    realisasi: Signal<Option<Money>>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let tid = id.to_string();
    view! {
        <td class="num" data-field="pagu"><MoneyInput value=pagu on_commit=money_cb(session, id.clone(), Field::Pagu) testid=format!("input-pagu-{tid}") label="Pagu" /></td>
        <td class="num" data-field="realisasi"><MoneyInput value=realisasi on_commit=money_cb(session, id.clone(), Field::Realisasi) testid=format!("input-realisasi-{tid}") label="Realisasi" /></td>
        <td class="num" data-field="serapan" data-testid=format!("serapan-{tid}") title=move || serapan_text(&amounts.get(), session.decimals()).1>{move || serapan_text(&amounts.get(), session.decimals()).0}</td>
        <td class="num" data-field="sisa">{move || format_amount(amounts.get().sisa())}</td>
    }
}

#[component]
fn ProgramRows(index: usize, id: Id, count: Signal<usize>) -> impl IntoView {
    let session = expect_context::<Session>();
    let tree = expect_context::<Tree>();
    // Memos: every edit notifies the report, but a row repaints only what changed in it.
    let program = move |f: fn(&Program) -> String| {
        memo(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(index))
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let own = move |f: fn(&Program) -> Option<Money>| {
        memo(move || {
            session
                .report
                .with(|r| r.as_ref().and_then(|r| r.programs.get(index)).and_then(f))
        })
    };
    let amounts = memo(move || {
        session.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.budget.programs.get(index))
                .map(|p| p.total)
                .unwrap_or_default()
        })
    });
    let kegiatan = Memo::new(move |_| {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(index))
                .map(|p| {
                    p.kegiatan
                        .iter()
                        .enumerate()
                        .map(|(i, k)| (i, k.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let n_kegiatan = Signal::derive(move || kegiatan.with(Vec::len));
    let sasaran = memo(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(index))
                .and_then(|p| p.sasaran_id.clone())
        })
    });
    let options = expect_context::<SasaranOptions>().0;
    let warnings = memo(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(index))
                .map(lakip_core::calc::warnings::program)
                .unwrap_or_default()
        })
    });
    let id_open = id.clone();
    let open = Signal::derive(move || tree.is_open(&id_open));
    let toggle_id = id.clone();
    let link_id = id.clone();
    let add_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    let cells_tid = tid.clone();
    view! {
        <tr class="row-program" data-testid=format!("row-{tid}") data-row="program">
            <td class="col-no"><TextInput value=program(|p| p.code.clone()) on_commit=text_cb(session, id.clone(), Field::Code) testid=format!("code-{tid}") label="Kode program" class="code" /></td>
            <td class="name">
                <div class="name-line">
                    <button type="button" class="toggle" aria-expanded=move || open.get().to_string() data-testid=format!("toggle-{tid}") on:click=move |_| tree.toggle(&toggle_id)>
                        {move || if open.get() { "▾" } else { "▸" }}
                    </button>
                    <TextInput value=program(|p| p.name.clone()) on_commit=text_cb(session, id.clone(), Field::Name) testid=format!("name-{tid}") label="Nama program" class="wide" />
                </div>
                <div class="sub-line">
                    "Mendukung: "
                    <Choice value=sasaran options=options testid=format!("program-sasaran-{link_id}") label="Sasaran yang didukung"
                        on_commit=Callback::new(move |v| session.set(&link_id, Field::SasaranLink, FieldValue::Link(v))) />
                </div>
                <WarningMark messages=warnings />
            </td>
            <Show when=move || { n_kegiatan.get() > 0 } fallback={
                let id = id.clone();
                move || view! { <OwnAmountCells id=id.clone() amounts=amounts pagu=own(|p| p.pagu) realisasi=own(|p| p.realisasi) /> }
            }>
                <AmountCells amounts=amounts testid=cells_tid.clone() />
            </Show>
            <td class="row-actions">
                <button type="button" class="small" data-testid=format!("add-kegiatan-{tid}") on:click=move |_| {
                    let k = Kegiatan { id: session.new_id("k"), ..Default::default() };
                    tree.open.update(|s| { s.insert(add_id.clone()); s.insert(k.id.clone()); });
                    session.insert(Some(add_id.clone()), usize::MAX, Node::Kegiatan(k));
                }>"+ Kegiatan"</button>
                <MoveButtons id=id.clone() index=index count=count />
                <ConfirmButton label="Hapus" confirm="Yakin hapus program?" testid=format!("delete-{tid}")
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Program")) />
            </td>
        </tr>
        <Show when=move || open.get()>
            <For each=move || kegiatan.get() key=|x| x.clone() let:item>
                <KegiatanRows program=index index=item.0 id=item.1 count=n_kegiatan />
            </For>
        </Show>
    }
}

#[component]
fn KegiatanRows(program: usize, index: usize, id: Id, count: Signal<usize>) -> impl IntoView {
    let session = expect_context::<Session>();
    let tree = expect_context::<Tree>();
    let with_k = move |f: fn(&Kegiatan) -> String| {
        memo(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(program))
                    .and_then(|p| p.kegiatan.get(index))
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let own = move |f: fn(&Kegiatan) -> Option<Money>| {
        memo(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(program))
                    .and_then(|p| p.kegiatan.get(index))
                    .and_then(f)
            })
        })
    };
    let spm = Memo::new(move |_| {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(program))
                .and_then(|p| p.kegiatan.get(index))
                .is_some_and(|k| k.spm)
        })
    });
    let amounts = memo(move || {
        session.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.budget.programs.get(program))
                .and_then(|p| p.kegiatan.get(index))
                .map(|k| k.total)
                .unwrap_or_default()
        })
    });
    let warnings = memo(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    let p = r.programs.get(program)?;
                    Some(lakip_core::calc::warnings::kegiatan(
                        p,
                        p.kegiatan.get(index)?,
                    ))
                })
                .unwrap_or_default()
        })
    });
    let shown = RwSignal::new(PAGE);
    let n_sub = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(program))
                .and_then(|p| p.kegiatan.get(index))
                .map(|k| k.sub_kegiatan.len())
                .unwrap_or(0)
        })
    });
    let subs = Memo::new(move |_| {
        let limit = shown.get();
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(program))
                .and_then(|p| p.kegiatan.get(index))
                .map(|k| {
                    k.sub_kegiatan
                        .iter()
                        .take(limit)
                        .enumerate()
                        .map(|(i, s)| (i, s.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let id_open = id.clone();
    let open = Signal::derive(move || tree.is_open(&id_open));
    let toggle_id = id.clone();
    let spm_id = id.clone();
    let add_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    let cells_tid = tid.clone();
    let more_tid = StoredValue::new(format!("more-{tid}"));
    view! {
        <tr class="row-kegiatan" data-testid=format!("row-{tid}") data-row="kegiatan">
            <td class="col-no"><TextInput value=with_k(|k| k.code.clone()) on_commit=text_cb(session, id.clone(), Field::Code) testid=format!("code-{tid}") label="Kode kegiatan" class="code" /></td>
            <td class="name indent-1">
                <div class="name-line">
                    <button type="button" class="toggle" aria-expanded=move || open.get().to_string() data-testid=format!("toggle-{tid}") on:click=move |_| tree.toggle(&toggle_id)>
                        {move || if open.get() { "▾" } else { "▸" }}
                    </button>
                    <TextInput value=with_k(|k| k.name.clone()) on_commit=text_cb(session, id.clone(), Field::Name) testid=format!("name-{tid}") label="Nama kegiatan" class="wide" />
                </div>
                <label class="sub-line">
                    <input type="checkbox" data-testid=format!("spm-{tid}") prop:checked=spm
                        on:change=move |e| { let _ = session.set(&spm_id, Field::Spm, FieldValue::Flag(event_target_checked(&e))); } />
                    " kegiatan SPM (Tabel 1.1)"
                </label>
                <WarningMark messages=warnings />
            </td>
            <Show when=move || { n_sub.get() > 0 } fallback={
                let id = id.clone();
                move || view! { <OwnAmountCells id=id.clone() amounts=amounts pagu=own(|k| k.pagu) realisasi=own(|k| k.realisasi) /> }
            }>
                <AmountCells amounts=amounts testid=cells_tid.clone() />
            </Show>
            <td class="row-actions">
                <button type="button" class="small" data-testid=format!("add-sub-{tid}") on:click=move |_| {
                    let s = SubKegiatan { id: session.new_id("s"), ..Default::default() };
                    tree.open.update(|o| { o.insert(add_id.clone()); });
                    session.insert(Some(add_id.clone()), usize::MAX, Node::SubKegiatan(s));
                }>"+ Sub kegiatan"</button>
                <MoveButtons id=id.clone() index=index count=count />
                <ConfirmButton label="Hapus" confirm="Yakin hapus kegiatan?" testid=format!("delete-{tid}")
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Kegiatan")) />
            </td>
        </tr>
        <Show when=move || open.get()>
            <For each=move || subs.get() key=|x| x.clone() let:item>
                <SubRows program=program kegiatan=index index=item.0 id=item.1 count=n_sub />
            </For>
            <Show when=move || { n_sub.get() > shown.get() }>
                <tr class="more">
                    <td></td>
                    <td colspan="6">
                        <button type="button" data-testid=more_tid.get_value() on:click=move |_| shown.update(|n| *n += PAGE)>
                            {move || format!("Tampilkan {} lagi (dari {} sub kegiatan)", PAGE.min(n_sub.get().saturating_sub(shown.get())), n_sub.get())}
                        </button>
                    </td>
                </tr>
            </Show>
        </Show>
    }
}

#[component]
fn SubRows(
    program: usize,
    kegiatan: usize,
    index: usize,
    id: Id,
    count: Signal<usize>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let tree = expect_context::<Tree>();
    let get = move || session.report;
    let sub_text = move |f: fn(&SubKegiatan) -> String| {
        memo(move || {
            get().with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(program))
                    .and_then(|p| p.kegiatan.get(kegiatan))
                    .and_then(|k| k.sub_kegiatan.get(index))
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let sub_money = move |f: fn(&SubKegiatan) -> Option<Money>| {
        memo(move || {
            get().with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(program))
                    .and_then(|p| p.kegiatan.get(kegiatan))
                    .and_then(|k| k.sub_kegiatan.get(index))
                    .and_then(f)
            })
        })
    };
    let amounts = memo(move || {
        session.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.sub_amounts(program, kegiatan, index))
                .copied()
                .unwrap_or_default()
        })
    });
    let warnings = memo(move || {
        get().with(|r| {
            r.as_ref()
                .and_then(|r| {
                    let k = r.programs.get(program)?.kegiatan.get(kegiatan)?;
                    Some(lakip_core::calc::warnings::sub_kegiatan(
                        k,
                        k.sub_kegiatan.get(index)?,
                    ))
                })
                .unwrap_or_default()
        })
    });
    let outputs = move || {
        get().with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(program))
                .and_then(|p| p.kegiatan.get(kegiatan))
                .and_then(|k| k.sub_kegiatan.get(index))
                .map(|s| {
                    s.outputs
                        .iter()
                        .enumerate()
                        .map(|(i, o)| (i, o.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let n_out = Signal::derive(move || {
        get().with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(program))
                .and_then(|p| p.kegiatan.get(kegiatan))
                .and_then(|k| k.sub_kegiatan.get(index))
                .map(|s| s.outputs.len())
                .unwrap_or(0)
        })
    });
    let id_open = id.clone();
    let open = Signal::derive(move || tree.is_open(&id_open));
    let toggle_id = id.clone();
    let add_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    view! {
        <tr class="row-sub" data-testid=format!("row-{tid}") data-row="sub">
            <td class="col-no"><TextInput value=sub_text(|s| s.code.clone()) on_commit=text_cb(session, id.clone(), Field::Code) testid=format!("code-{tid}") label="Kode sub kegiatan" class="code" /></td>
            <td class="name indent-2">
                <div class="name-line">
                    <button type="button" class="toggle" title="Indikator keluaran" aria-expanded=move || open.get().to_string() data-testid=format!("toggle-{tid}") on:click=move |_| tree.toggle(&toggle_id)>
                        {move || if open.get() { "▾" } else { "▸" }}
                    </button>
                    <TextInput value=sub_text(|s| s.name.clone()) on_commit=text_cb(session, id.clone(), Field::Name) testid=format!("name-{tid}") label="Nama sub kegiatan" class="wide" />
                </div>
                <div class="sub-line muted">{move || format!("{} indikator keluaran", n_out.get())}</div>
                <WarningMark messages=warnings />
            </td>
            <td class="num" data-field="pagu"><MoneyInput value=sub_money(|s| s.pagu) on_commit=money_cb(session, id.clone(), Field::Pagu) testid=format!("input-pagu-{tid}") label="Pagu" /></td>
            <td class="num" data-field="realisasi"><MoneyInput value=sub_money(|s| s.realisasi) on_commit=money_cb(session, id.clone(), Field::Realisasi) testid=format!("input-realisasi-{tid}") label="Realisasi" /></td>
            <td class="num" data-field="serapan" data-testid=format!("serapan-{tid}") title=move || serapan_text(&amounts.get(), session.decimals()).1>{move || serapan_text(&amounts.get(), session.decimals()).0}</td>
            <td class="num" data-field="sisa">{move || format_amount(amounts.get().sisa())}</td>
            <td class="row-actions">
                <MoveButtons id=id.clone() index=index count=count />
                <ConfirmButton label="Hapus" confirm="Yakin?" testid=format!("delete-{tid}")
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Sub kegiatan")) />
            </td>
        </tr>
        <Show when=move || open.get()>
            <tr class="outputs-row">
                <td></td>
                <td colspan="6">
                    <table class="outputs" data-testid=format!("outputs-{tid}")>
                        <thead><tr><th>"Indikator keluaran"</th><th class="num">"Target"</th><th class="num">"Realisasi"</th><th>"Satuan"</th><th>"Satuan realisasi (bila beda)"</th><th>"Arah"</th><th class="num">"Capaian"</th><th>"Kategori"</th><th></th></tr></thead>
                        <tbody>
                            <For each=outputs key=|x| x.clone() let:item>
                                <OutputRow program=program kegiatan=kegiatan sub=index index=item.0 id=item.1 count=n_out />
                            </For>
                        </tbody>
                    </table>
                    <button type="button" class="small" data-testid=format!("add-output-{tid}") on:click={
                        let add_id = add_id.clone();
                        move |_| {
                            let o = Output { id: session.new_id("o"), ..Default::default() };
                            session.insert(Some(add_id.clone()), usize::MAX, Node::Output(o));
                        }
                    }>"+ Indikator keluaran"</button>
                </td>
            </tr>
        </Show>
    }
}

#[component]
fn OutputRow(
    program: usize,
    kegiatan: usize,
    sub: usize,
    index: usize,
    id: Id,
    count: Signal<usize>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let out = move |f: fn(&Output) -> String| {
        Signal::derive(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| {
                        r.programs
                            .get(program)?
                            .kegiatan
                            .get(kegiatan)?
                            .sub_kegiatan
                            .get(sub)?
                            .outputs
                            .get(index)
                            .map(f)
                    })
                    .unwrap_or_default()
            })
        })
    };
    let value = move |target: bool| {
        Signal::derive(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| {
                        r.programs
                            .get(program)?
                            .kegiatan
                            .get(kegiatan)?
                            .sub_kegiatan
                            .get(sub)?
                            .outputs
                            .get(index)
                    })
                    .and_then(|o| {
                        if target {
                            o.target.clone()
                        } else {
                            o.realisasi.clone()
                        }
                    })
            })
        })
    };
    let direction = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    r.programs
                        .get(program)?
                        .kegiatan
                        .get(kegiatan)?
                        .sub_kegiatan
                        .get(sub)?
                        .outputs
                        .get(index)
                })
                .map(|o| o.direction)
                .unwrap_or_default()
        })
    });
    let rated = Signal::derive(move || {
        session.computed.with(|c| {
            c.as_ref().and_then(|c| {
                c.outputs
                    .get(program)?
                    .get(kegiatan)?
                    .get(sub)?
                    .get(index)
                    .copied()
            })
        })
    });
    let warnings = memo(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    r.programs
                        .get(program)?
                        .kegiatan
                        .get(kegiatan)?
                        .sub_kegiatan
                        .get(sub)?
                        .outputs
                        .get(index)
                        .map(lakip_core::calc::warnings::output)
                })
                .unwrap_or_default()
        })
    });
    let set_id = id.clone();
    let set_value = move |field: Field| {
        let id = set_id.clone();
        Callback::new(move |v| session.set(&id, field.clone(), FieldValue::Value(v)))
    };
    let dir_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    view! {
        <tr data-testid="output-row" data-id=tid.clone()>
            <td><TextInput value=out(|o| o.name.clone()) on_commit=text_cb(session, id.clone(), Field::Name) testid=format!("name-{tid}") label="Nama indikator keluaran" class="wide" />
                <WarningMark messages=warnings /></td>
            <td class="num" data-field="target"><ValueInput value=value(true) on_commit=set_value(Field::OutputTarget) testid=format!("out-target-{tid}") label="Target keluaran" /></td>
            <td class="num" data-field="realisasi"><ValueInput value=value(false) on_commit=set_value(Field::OutputRealisation) testid=format!("out-real-{tid}") label="Realisasi keluaran" /></td>
            <td><TextInput value=out(|o| o.unit.clone()) on_commit=text_cb(session, id.clone(), Field::Unit) testid=format!("unit-{tid}") label="Satuan" class="short" /></td>
            <td><TextInput value=out(|o| o.unit_realisasi.clone().unwrap_or_default()) on_commit=text_cb(session, id.clone(), Field::UnitRealisasi) testid=format!("unit-real-{tid}") label="Satuan realisasi" class="short" /></td>
            <td><Choice value=direction options=directions() testid=format!("out-direction-{tid}") label="Arah"
                on_commit=Callback::new(move |d| session.set(&dir_id, Field::Direction, FieldValue::Direction(d))) /></td>
            <RatedCells rated=rated testid=tid.clone() />
            <td class="row-actions">
                <MoveButtons id=id.clone() index=index count=count />
                <ConfirmButton label="Hapus" confirm="Yakin?" testid=format!("delete-{tid}")
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Indikator keluaran")) />
            </td>
        </tr>
    }
}
