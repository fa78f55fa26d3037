//! Drafting the plan months ahead: the Renstra years × indicators grid, the PK targets of the
//! report year, and the PK budget per program. Usable with no realisation at all.

use super::inputs::{MoneyInput, ValueInput};
use crate::state::Session;
use lakip_core::calc::budget::pk_difference;
use lakip_core::model::edit::{Field, FieldValue};
use lakip_core::model::Id;
use lakip_core::num::format_amount;
use leptos::prelude::*;

#[derive(Clone, PartialEq)]
struct Line {
    id: Id,
    group: String,
    name: String,
    unit: String,
}

#[component]
pub fn TargetsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let years = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| (r.renstra.first..=r.renstra.last).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    };
    let tahun = move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.tahun).unwrap_or(0))
    };
    let lines = move || {
        session.report.with(|r| {
            let Some(r) = r else { return vec![] };
            let mut out = Vec::new();
            for t in &r.tujuan {
                for i in &t.indicators {
                    out.push(Line {
                        id: i.id.clone(),
                        group: format!("Tujuan: {}", t.name),
                        name: i.name.clone(),
                        unit: i.unit.clone(),
                    });
                }
            }
            for s in &r.sasaran {
                for i in &s.iku {
                    out.push(Line {
                        id: i.id.clone(),
                        group: format!("Sasaran: {}", s.name),
                        name: i.name.clone(),
                        unit: i.unit.clone(),
                    });
                }
            }
            out
        })
    };
    let programs = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.programs
                        .iter()
                        .enumerate()
                        .map(|(i, p)| (i, p.id.clone(), p.name.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <Show when=move || session.report.with(Option::is_some) fallback=|| view! { <p class="empty">"Buka atau buat laporan di Beranda."</p> }>
            <section class="targets">
                <h2>"Target Renstra dan Perjanjian Kinerja"</h2>
                <p class="hint">"Ketik target per tahun: angka (100 atau 4,25), rentang (4,25–4,30), rasio (1:32) atau n/a. Enter pindah ke kolom berikutnya."</p>
                <div class="table-scroll">
                <table class="grid" data-testid="target-grid">
                    <thead>
                        <tr>
                            <th>"Indikator"</th>
                            <th>"Satuan"</th>
                            {move || years().into_iter().map(|y| view! { <th class="num">{y.to_string()}</th> }).collect_view()}
                            <th class="num">{move || format!("PK {}", tahun())}</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=lines key=|l| l.id.clone() let:line>
                            {
                                let id = line.id.clone();
                                let tid = id.to_string();
                                let at = move |year: Option<i32>| {
                                    let id = id.clone();
                                    Signal::derive(move || session.report.with(|r| {
                                        let r = r.as_ref()?;
                                        let ind = r.tujuan.iter().flat_map(|t| &t.indicators).chain(r.sasaran.iter().flat_map(|s| &s.iku)).find(|i| i.id == id)?;
                                        match year { Some(y) => ind.targets.get(&y).cloned(), None => ind.target_pk.clone() }
                                    }))
                                };
                                let set = move |field: Field| {
                                    let id = line.id.clone();
                                    Callback::new(move |v| session.set(&id, field.clone(), FieldValue::Value(v)))
                                };
                                view! {
                                    <tr data-testid="target-row">
                                        <td><div class="group">{line.group.clone()}</div>{if line.name.is_empty() { "(tanpa nama)".to_string() } else { line.name.clone() }}</td>
                                        <td>{line.unit.clone()}</td>
                                        {years().into_iter().map(|y| view! {
                                            <td class="num" data-field=format!("target-{y}")><ValueInput value=at(Some(y)) on_commit=set(Field::Target(y)) testid=format!("grid-{y}-{tid}") label=format!("Target {y}") /></td>
                                        }).collect_view()}
                                        <td class="num" data-field="pk"><ValueInput value=at(None) on_commit=set(Field::TargetPk) testid=format!("grid-pk-{tid}") label="Target PK" /></td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                </div>

                <h2>"Anggaran program dalam Perjanjian Kinerja"</h2>
                <div class="table-scroll">
                <table class="grid" data-testid="pk-budget">
                    <thead><tr><th>"Program"</th><th class="num">"Anggaran PK (Rp)"</th><th class="num">"Pagu akhir (Rp)"</th><th class="num">"Selisih PK − pagu akhir (Rp)"</th></tr></thead>
                    <tbody>
                        <For each=programs key=|p| p.clone() let:p>
                            {
                                let (index, id, name) = p;
                                let tid = id.to_string();
                                let pk = Signal::derive({
                                    let id = id.clone();
                                    move || session.report.with(|r| r.as_ref().and_then(|r| r.programs.iter().find(|p| p.id == id)).and_then(|p| p.pagu_pk))
                                });
                                let final_amounts = move || session.computed.with(|c| c.as_ref().and_then(|c| c.budget.programs.get(index)).map(|p| p.total).unwrap_or_default());
                                view! {
                                    <tr>
                                        <td>{name}</td>
                                        <td class="num"><MoneyInput value=pk testid=format!("pk-pagu-{tid}") label="Anggaran PK"
                                            on_commit=Callback::new(move |v| session.set(&id, Field::PaguPk, FieldValue::Money(v))) /></td>
                                        <td class="num">{move || format_amount(final_amounts().pagu)}</td>
                                        <td class="num" data-testid=format!("pk-diff-{tid}")>{move || pk_difference(pk.get(), &final_amounts()).map(format_amount).unwrap_or_else(|| "–".into())}</td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
                </div>
            </section>
        </Show>
    }
}
