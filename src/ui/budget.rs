//! The budget table, Program → Kegiatan → Sub Kegiatan: pagu, realisasi, serapan and the
//! unspent budget at every level and the grand total, all read from the computed results.
//! Pagu and realisasi of a sub kegiatan are edited in place.

use super::inputs::MoneyInput;
use crate::state::Session;
use lakip_core::budget::Amounts;
use lakip_core::edit::{Edit, Field, FieldValue};
use lakip_core::model::{Id, Money};
use lakip_core::num::{format_amount, format_percent};
use leptos::prelude::*;
use std::collections::HashSet;

/// Above this many sub kegiatan the tree opens collapsed.
const OPEN_ALL_UP_TO: usize = 300;
/// Sub kegiatan shown per kegiatan before "show more".
const PAGE: usize = 100;

fn serapan_text(a: &Amounts) -> (String, String) {
    match a.serapan() {
        Ok(p) => (format_percent(p), String::new()),
        Err(e) => ("–".into(), e.to_string()),
    }
}

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

#[component]
pub fn BudgetPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let open = session.report.with_untracked(|r| {
        r.as_ref()
            .filter(|r| r.sub_kegiatan_count() <= OPEN_ALL_UP_TO)
            .map(|r| {
                r.programs
                    .iter()
                    .flat_map(|p| std::iter::once(p.id.clone()).chain(p.kegiatan.iter().map(|k| k.id.clone())))
                    .collect()
            })
            .unwrap_or_default()
    });
    let tree = Tree { open: RwSignal::new(open) };
    provide_context(tree);
    let total = move || session.computed.with(|c| c.as_ref().map(|c| c.budget.total).unwrap_or_default());
    let programs = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| r.programs.iter().enumerate().map(|(i, p)| (i, p.id.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    view! {
        <Show
            when=move || session.report.with(Option::is_some)
            fallback=|| view! { <p class="empty">"Buka atau buat laporan di Beranda."</p> }
        >
            <section class="budget">
                <h2>"Realisasi anggaran"</h2>
                <div class="summary" data-testid="budget-summary">
                    <div><span class="k">"Total pagu"</span><span class="v" data-testid="total-pagu">{move || format!("Rp {}", format_amount(total().pagu))}</span></div>
                    <div><span class="k">"Total realisasi"</span><span class="v" data-testid="total-realisasi">{move || format!("Rp {}", format_amount(total().realisasi))}</span></div>
                    <div><span class="k">"Serapan"</span><span class="v" data-testid="total-serapan">{move || serapan_text(&total()).0}</span></div>
                    <div><span class="k">"Sisa anggaran"</span><span class="v" data-testid="total-sisa">{move || format!("Rp {}", format_amount(total().sisa()))}</span></div>
                </div>
                <div class="tree-actions">
                    <button type="button" data-testid="expand-all" on:click=move |_| {
                        let all = session.report.with_untracked(|r| r.as_ref().map(|r| r.programs.iter().flat_map(|p| std::iter::once(p.id.clone()).chain(p.kegiatan.iter().map(|k| k.id.clone()))).collect()).unwrap_or_default());
                        tree.open.set(all);
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
                        </tr>
                    </thead>
                    <tbody>
                        <For each=programs key=|x| x.clone() let:item>
                            <ProgramRows index=item.0 id=item.1 />
                        </For>
                    </tbody>
                    <tfoot>
                        <tr class="total-row" data-testid="row-total">
                            <td></td>
                            <td>"JUMLAH"</td>
                            <td class="num">{move || format_amount(total().pagu)}</td>
                            <td class="num">{move || format_amount(total().realisasi)}</td>
                            <td class="num">{move || serapan_text(&total()).0}</td>
                            <td class="num">{move || format_amount(total().sisa())}</td>
                        </tr>
                    </tfoot>
                </table>
            </section>
        </Show>
    }
}

/// Figures of a non-leaf row.
#[component]
fn AmountCells(amounts: Signal<Amounts>, testid: String) -> impl IntoView {
    view! {
        <td class="num" data-testid=format!("pagu-{testid}")>{move || format_amount(amounts.get().pagu)}</td>
        <td class="num" data-testid=format!("realisasi-{testid}")>{move || format_amount(amounts.get().realisasi)}</td>
        <td class="num" data-testid=format!("serapan-{testid}") title=move || serapan_text(&amounts.get()).1>{move || serapan_text(&amounts.get()).0}</td>
        <td class="num">{move || format_amount(amounts.get().sisa())}</td>
    }
}

#[component]
fn ProgramRows(index: usize, id: Id) -> impl IntoView {
    let session = expect_context::<Session>();
    let tree = expect_context::<Tree>();
    let amounts = Signal::derive(move || {
        session.computed.with(|c| c.as_ref().and_then(|c| c.budget.programs.get(index)).map(|p| p.total).unwrap_or_default())
    });
    let field = move |f: fn(&lakip_core::model::Program) -> String| {
        move || session.report.with(|r| r.as_ref().and_then(|r| r.programs.get(index)).map(f).unwrap_or_default())
    };
    let kegiatan = move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(index))
                .map(|p| p.kegiatan.iter().enumerate().map(|(i, k)| (i, k.id.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let id2 = id.clone();
    let id3 = id.clone();
    let open = Signal::derive(move || tree.is_open(&id2));
    view! {
        <tr class="row-program" data-testid=format!("row-{id}")>
            <td class="col-no">{field(|p| p.code.clone())}</td>
            <td class="name">
                <button type="button" class="toggle" aria-expanded=move || open.get().to_string() data-testid=format!("toggle-{id}") on:click=move |_| tree.toggle(&id3)>
                    {move || if open.get() { "▾" } else { "▸" }}
                </button>
                {field(|p| p.name.clone())}
            </td>
            <AmountCells amounts=amounts testid=id.to_string() />
        </tr>
        <Show when=move || open.get()>
            <For each=kegiatan key=|x| x.clone() let:item>
                <KegiatanRows program=index index=item.0 id=item.1 />
            </For>
        </Show>
    }
}

#[component]
fn KegiatanRows(program: usize, index: usize, id: Id) -> impl IntoView {
    let session = expect_context::<Session>();
    let tree = expect_context::<Tree>();
    let amounts = Signal::derive(move || {
        session.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.budget.programs.get(program))
                .and_then(|p| p.kegiatan.get(index))
                .map(|k| k.total)
                .unwrap_or_default()
        })
    });
    let kegiatan = move |f: fn(&lakip_core::model::Kegiatan) -> String| {
        move || {
            session.report.with(|r| {
                r.as_ref().and_then(|r| r.programs.get(program)).and_then(|p| p.kegiatan.get(index)).map(f).unwrap_or_default()
            })
        }
    };
    let shown = RwSignal::new(PAGE);
    let count = move || {
        session.report.with(|r| {
            r.as_ref().and_then(|r| r.programs.get(program)).and_then(|p| p.kegiatan.get(index)).map(|k| k.sub_kegiatan.len()).unwrap_or(0)
        })
    };
    let subs = move || {
        let limit = shown.get();
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.programs.get(program))
                .and_then(|p| p.kegiatan.get(index))
                .map(|k| k.sub_kegiatan.iter().take(limit).enumerate().map(|(i, s)| (i, s.id.clone())).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let id2 = id.clone();
    let id3 = id.clone();
    let open = Signal::derive(move || tree.is_open(&id2));
    view! {
        <tr class="row-kegiatan" data-testid=format!("row-{id}")>
            <td class="col-no">{kegiatan(|k| k.code.clone())}</td>
            <td class="name indent-1">
                <button type="button" class="toggle" aria-expanded=move || open.get().to_string() data-testid=format!("toggle-{id}") on:click=move |_| tree.toggle(&id3)>
                    {move || if open.get() { "▾" } else { "▸" }}
                </button>
                {kegiatan(|k| k.name.clone())}
            </td>
            <AmountCells amounts=amounts testid=id.to_string() />
        </tr>
        <Show when=move || open.get()>
            <For each=subs key=|x| x.clone() let:item>
                <SubRow program=program kegiatan=index index=item.0 id=item.1 />
            </For>
            <Show when=move || { count() > shown.get() }>
                <tr class="more">
                    <td></td>
                    <td colspan="5">
                        <button type="button" on:click=move |_| shown.update(|n| *n += PAGE)>
                            {move || format!("Tampilkan {} lagi (dari {} sub kegiatan)", PAGE.min(count() - shown.get()), count())}
                        </button>
                    </td>
                </tr>
            </Show>
        </Show>
    }
}

#[component]
fn SubRow(program: usize, kegiatan: usize, index: usize, id: Id) -> impl IntoView {
    let session = expect_context::<Session>();
    let amounts = Signal::derive(move || {
        session.computed.with(|c| c.as_ref().and_then(|c| c.sub_amounts(program, kegiatan, index)).copied().unwrap_or_default())
    });
    let sub = move |f: fn(&lakip_core::model::SubKegiatan) -> Option<Money>| {
        Signal::derive(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(program))
                    .and_then(|p| p.kegiatan.get(kegiatan))
                    .and_then(|k| k.sub_kegiatan.get(index))
                    .and_then(f)
            })
        })
    };
    let text = move |f: fn(&lakip_core::model::SubKegiatan) -> String| {
        move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| r.programs.get(program))
                    .and_then(|p| p.kegiatan.get(kegiatan))
                    .and_then(|k| k.sub_kegiatan.get(index))
                    .map(f)
                    .unwrap_or_default()
            })
        }
    };
    let tid = id.to_string();
    let commit = move |field: Field| {
        let id = id.clone();
        Callback::new(move |v: Option<Money>| {
            session.apply(Edit::Set { id: id.clone(), field: field.clone(), value: FieldValue::Money(v) })
        })
    };
    view! {
        <tr class="row-sub" data-testid=format!("row-{tid}")>
            <td class="col-no">{text(|s| s.code.clone())}</td>
            <td class="name indent-2">{text(|s| s.name.clone())}</td>
            <td class="num">
                <MoneyInput value=sub(|s| s.pagu) on_commit=commit(Field::Pagu) testid=format!("input-pagu-{tid}") label="Pagu" />
            </td>
            <td class="num">
                <MoneyInput value=sub(|s| s.realisasi) on_commit=commit(Field::Realisasi) testid=format!("input-realisasi-{tid}") label="Realisasi" />
            </td>
            <td class="num" data-testid=format!("serapan-{tid}") title=move || serapan_text(&amounts.get()).1>{move || serapan_text(&amounts.get()).0}</td>
            <td class="num">{move || format_amount(amounts.get().sisa())}</td>
        </tr>
    }
}
