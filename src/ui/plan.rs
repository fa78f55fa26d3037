//! The plan: tujuan and their indicators, sasaran strategis and their IKU. Everything of an
//! indicator can be edited; capaian and category update as the user types.

use super::common::{
    capaian_text, memo, ConfirmButton, IndRef, MoveButtons, RatedCells, WarningMark,
};
use super::inputs::{Choice, NumberInput, TextInput, ValueInput};
use crate::state::Session;
use lakip_core::model::edit::{Field, FieldValue, Node};
use lakip_core::model::{Accumulation, Direction, Id, Indicator, Sasaran, Tujuan};
use leptos::prelude::*;

/// The indicator shown in the detail panel.
#[derive(Clone, Copy)]
struct Selected(RwSignal<Option<Id>>);

pub fn directions() -> Vec<(Direction, String)> {
    [
        Direction::HigherIsBetter,
        Direction::LowerIsBetter,
        Direction::LowerIsBetterInverse,
    ]
    .into_iter()
    .map(|d| (d, d.label().to_string()))
    .collect()
}

fn text_setter(session: Session, id: Id, field: Field) -> Callback<String, Result<(), String>> {
    Callback::new(move |v: String| session.set(&id, field.clone(), FieldValue::Text(v)))
}

fn value_setter(
    session: Session,
    id: Id,
    field: Field,
) -> Callback<Option<lakip_core::model::value::Value>, Result<(), String>> {
    Callback::new(move |v| session.set(&id, field.clone(), FieldValue::Value(v)))
}

fn new_indicator(session: &Session) -> Indicator {
    Indicator {
        id: session.new_id("i"),
        name: String::new(),
        unit: "%".into(),
        ..Default::default()
    }
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let selected = Selected(RwSignal::new(None));
    provide_context(selected);
    let tujuan = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.tujuan
                        .iter()
                        .enumerate()
                        .map(|(i, t)| (i, t.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let sasaran = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.sasaran
                        .iter()
                        .enumerate()
                        .map(|(i, s)| (i, s.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let n_tujuan = Signal::derive(move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.tujuan.len()).unwrap_or(0))
    });
    let n_sasaran = Signal::derive(move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.sasaran.len()).unwrap_or(0))
    });
    let tahun = move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.tahun).unwrap_or(0))
    };
    view! {
        <Show when=move || session.report.with(Option::is_some) fallback=|| view! { <p class="empty">"Buka atau buat laporan di Beranda."</p> }>
            <div class="plan-layout">
                <section class="plan">
                    <h2>"Tujuan"</h2>
                    <For each=tujuan key=|x| x.clone() let:item>
                        <TujuanCard index=item.0 id=item.1 count=n_tujuan />
                    </For>
                    <button type="button" data-testid="add-tujuan" on:click=move |_| {
                        let t = Tujuan { id: session.new_id("t"), name: String::new(), indicators: vec![] };
                        session.insert(None, usize::MAX, Node::Tujuan(t));
                    }>"+ Tujuan"</button>

                    <h2>"Sasaran strategis"</h2>
                    <For each=sasaran key=|x| x.clone() let:item>
                        <SasaranCard index=item.0 id=item.1 count=n_sasaran />
                    </For>
                    <button type="button" data-testid="add-sasaran" on:click=move |_| {
                        let s = Sasaran { id: session.new_id("s"), name: String::new(), tujuan_id: None, iku: vec![] };
                        session.insert(None, usize::MAX, Node::Sasaran(s));
                    }>"+ Sasaran"</button>
                    <p class="hint">{move || format!("Capaian dan kategori dihitung untuk tahun {} dari target (PK bila ada, selain itu Renstra) dan realisasi.", tahun())}</p>
                </section>
                <IndicatorDetail />
            </div>
        </Show>
    }
}

#[component]
fn TujuanCard(index: usize, id: Id, count: Signal<usize>) -> impl IntoView {
    let session = expect_context::<Session>();
    let name = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.tujuan.get(index))
                .map(|t| t.name.clone())
                .unwrap_or_default()
        })
    });
    let n = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.tujuan.get(index))
                .map(|t| t.indicators.len())
                .unwrap_or(0)
        })
    });
    let rows = move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.tujuan.get(index))
                .map(|t| {
                    t.indicators
                        .iter()
                        .enumerate()
                        .map(|(i, x)| (i, x.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let add_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    view! {
        <div class="card" data-testid="tujuan-card">
            <div class="card-head">
                <span class="label">"Tujuan"</span>
                <TextInput value=name on_commit=text_setter(session, id.clone(), Field::Name) testid=format!("tujuan-name-{tid}") label="Nama tujuan" class="wide" />
                <MoveButtons id=id.clone() index=index count=count />
                <ConfirmButton label="Hapus" confirm="Yakin hapus tujuan?" testid=format!("delete-{tid}") row=lakip_core::model::Id::new(tid.clone())
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Tujuan")) />
            </div>
            <IndicatorTable title="Indikator tujuan">
                <For each=rows key=|x| x.clone() let:item>
                    <IndicatorRow at=IndRef::Tujuan(index, item.0) id=item.1 count=n />
                </For>
            </IndicatorTable>
            <button type="button" class="small" data-testid="add-tujuan-indicator" on:click=move |_| {
                session.insert(Some(add_id.clone()), usize::MAX, Node::Indicator(new_indicator(&session)));
            }>"+ Indikator tujuan"</button>
        </div>
    }
}

#[component]
fn SasaranCard(index: usize, id: Id, count: Signal<usize>) -> impl IntoView {
    let session = expect_context::<Session>();
    let name = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.sasaran.get(index))
                .map(|s| s.name.clone())
                .unwrap_or_default()
        })
    });
    let link = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.sasaran.get(index))
                .and_then(|s| s.tujuan_id.clone())
        })
    });
    let options = Memo::new(move |_| {
        session.report.with(|r| {
            let mut o = vec![(None, "— tanpa tujuan —".to_string())];
            if let Some(r) = r {
                o.extend(r.tujuan.iter().map(|t| {
                    (
                        Some(t.id.clone()),
                        if t.name.is_empty() {
                            "(tujuan tanpa nama)".into()
                        } else {
                            t.name.clone()
                        },
                    )
                }));
            }
            o
        })
    });
    let n = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.sasaran.get(index))
                .map(|s| s.iku.len())
                .unwrap_or(0)
        })
    });
    let rows = move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.sasaran.get(index))
                .map(|s| {
                    s.iku
                        .iter()
                        .enumerate()
                        .map(|(i, x)| (i, x.id.clone()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    let mean = move || {
        session.computed.with(|c| {
            c.as_ref()
                .and_then(|c| c.sasaran.get(index))
                .map(|s| match s.mean_capaian {
                    Some(m) => lakip_core::report::views::percent_text(m, session.decimals()),
                    None => "–".into(),
                })
        })
    };
    let warnings = memo(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.sasaran.get(index))
                .map(lakip_core::calc::warnings::sasaran)
                .unwrap_or_default()
        })
    });
    let link_id = id.clone();
    let add_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    view! {
        <div class="card" data-testid="sasaran-card">
            <div class="card-head">
                <span class="label">"Sasaran"</span>
                <TextInput value=name on_commit=text_setter(session, id.clone(), Field::Name) testid=format!("sasaran-name-{tid}") label="Nama sasaran" class="wide" />
                <Choice value=link options=options testid=format!("sasaran-tujuan-{tid}") label="Tujuan"
                    on_commit=Callback::new(move |v| session.set(&link_id, Field::TujuanLink, FieldValue::Link(v))) />
                <MoveButtons id=id.clone() index=index count=count />
                <ConfirmButton label="Hapus" confirm="Yakin hapus sasaran?" testid=format!("delete-{tid}") row=lakip_core::model::Id::new(tid.clone())
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Sasaran")) />
            </div>
            <WarningMark messages=warnings />
            <IndicatorTable title="Indikator Kinerja Utama (IKU)">
                <For each=rows key=|x| x.clone() let:item>
                    <IndicatorRow at=IndRef::Sasaran(index, item.0) id=item.1 count=n />
                </For>
            </IndicatorTable>
            <div class="card-foot">
                <button type="button" class="small" data-testid="add-iku" on:click=move |_| {
                    session.insert(Some(add_id.clone()), usize::MAX, Node::Indicator(new_indicator(&session)));
                }>"+ IKU"</button>
                <span class="mean">"Rata-rata capaian IKU: " <strong data-testid=format!("sasaran-mean-{tid}")>{mean}</strong></span>
            </div>
        </div>
    }
}

#[component]
fn IndicatorTable(#[prop(into)] title: String, children: Children) -> impl IntoView {
    let session = expect_context::<Session>();
    let tahun = move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.tahun).unwrap_or(0))
    };
    view! {
        <div class="table-scroll">
        <table class="indicators" aria-label=title>
            <thead>
                <tr>
                    <th>"Indikator"</th>
                    <th>"Satuan"</th>
                    <th>"Arah"</th>
                    <th class="num">{move || format!("Target {}", tahun())}</th>
                    <th class="num">{move || format!("Realisasi {}", tahun())}</th>
                    <th class="num">"Capaian"</th>
                    <th>"Kategori"</th>
                    <th><span class="visually-hidden">"Tindakan"</span></th>
                </tr>
            </thead>
            <tbody>{children()}</tbody>
        </table>
        </div>
    }
}

#[component]
fn IndicatorRow(at: IndRef, id: Id, count: Signal<usize>) -> impl IntoView {
    let session = expect_context::<Session>();
    let selected = expect_context::<Selected>();
    let ind = move |f: fn(&Indicator, i32) -> String| {
        Signal::derive(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| at.get(r).map(|i| f(i, r.tahun)))
                    .unwrap_or_default()
            })
        })
    };
    let direction = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .map(|i| i.direction)
                .unwrap_or_default()
        })
    });
    let tahun = session
        .report
        .with_untracked(|r| r.as_ref().map(|r| r.tahun).unwrap_or(0));
    let target = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .and_then(|i| i.targets.get(&tahun).cloned())
        })
    });
    let real = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .and_then(|i| i.realisations.get(&tahun).cloned())
        })
    });
    let from_formula = move || {
        session.report.with(|r| {
            r.as_ref().and_then(|r| at.get(r)).is_some_and(|i| {
                i.formula.numerator_value.is_some() && i.formula.denominator_value.is_some()
            })
        })
    };
    let computed_real = move || {
        session.computed.with(|c| {
            c.as_ref()
                .and_then(|c| at.result(c))
                .and_then(|r| r.realisasi.as_ref().map(|v| v.to_string()))
                .unwrap_or_default()
        })
    };
    let pk_note = move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .and_then(|i| i.target_pk.as_ref().map(|v| format!("PK: {v}")))
        })
    };
    let rated = Signal::derive(move || {
        session
            .computed
            .with(|c| c.as_ref().and_then(|c| at.result(c)).map(|r| r.this_year))
    });
    let warnings = memo(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| {
                    at.get(r)
                        .map(|i| lakip_core::calc::warnings::indicator(i, r.tahun))
                })
                .unwrap_or_default()
        })
    });
    let is_selected = {
        let id = id.clone();
        move || selected.0.with(|s| s.as_ref() == Some(&id))
    };
    let dir_id = id.clone();
    let sel_id = id.clone();
    let del_id = id.clone();
    let tid = id.to_string();
    let row_name = ind(|i, _| i.name.clone());
    view! {
        <tr class:selected=is_selected data-testid="indicator-row" data-id=tid.clone()>
            <td data-field="nama">
                <TextInput value=ind(|i, _| i.name.clone()) on_commit=text_setter(session, id.clone(), Field::Name) testid=format!("ind-name-{tid}") label="Nama indikator" class="wide" />
                <WarningMark messages=warnings />
            </td>
            <td data-field="satuan">
                <TextInput value=ind(|i, _| i.unit.clone()) on_commit=text_setter(session, id.clone(), Field::Unit) testid=format!("ind-unit-{tid}") label="Satuan" class="short" />
            </td>
            <td data-field="arah">
                <Choice value=direction options=directions() testid=format!("ind-direction-{tid}") label="Arah"
                    on_commit=Callback::new(move |d| session.set(&dir_id, Field::Direction, FieldValue::Direction(d))) />
            </td>
            <td class="num" data-field="target">
                <ValueInput value=target on_commit=value_setter(session, id.clone(), Field::Target(tahun)) testid=format!("ind-target-{tahun}-{tid}") label=format!("Target {tahun}") />
                {move || pk_note().map(|n| view! { <div class="note">{n}</div> })}
            </td>
            <td class="num" data-field="realisasi">
                <Show when=from_formula fallback={
                    let id = id.clone();
                    let tid = tid.clone();
                    move || view! { <ValueInput value=real on_commit=value_setter(session, id.clone(), Field::Realisation(tahun)) testid=format!("ind-real-{tahun}-{tid}") label=format!("Realisasi {tahun}") /> }
                }>
                    <span class="computed" title="dihitung dari pembilang / penyebut × 100">{computed_real}</span>
                </Show>
            </td>
            <RatedCells rated=rated testid=tid.clone() />
            <td class="row-actions">
                <button type="button" class="small" data-testid=format!("detail-{tid}") aria-label=move || format!("Rinci indikator {}", row_name.get()) on:click=move |_| selected.0.set(Some(sel_id.clone()))>"Rinci"</button>
                <MoveButtons id=id.clone() index=match at { IndRef::Tujuan(_, j) | IndRef::Sasaran(_, j) => j } count=count />
                <ConfirmButton label="Hapus" confirm="Yakin?" testid=format!("delete-{tid}") row=lakip_core::model::Id::new(tid.clone())
                    on_confirm=Callback::new(move |_| session.remove(&del_id, "Indikator")) />
            </td>
        </tr>
    }
}

/// Every field of the selected indicator, and its comparisons.
#[component]
fn IndicatorDetail() -> impl IntoView {
    let session = expect_context::<Session>();
    let selected = expect_context::<Selected>();
    let at = move || {
        let id = selected.0.get()?;
        session.report.with(|r| {
            let r = r.as_ref()?;
            for (i, t) in r.tujuan.iter().enumerate() {
                if let Some(j) = t.indicators.iter().position(|x| x.id == id) {
                    return Some((IndRef::Tujuan(i, j), id.clone()));
                }
            }
            for (i, s) in r.sasaran.iter().enumerate() {
                if let Some(j) = s.iku.iter().position(|x| x.id == id) {
                    return Some((IndRef::Sasaran(i, j), id.clone()));
                }
            }
            None
        })
    };
    view! {
        <aside class="detail" data-testid="indicator-detail">
            {move || match at() {
                None => view! { <p class="empty">"Pilih \"Rinci\" pada sebuah indikator untuk mengisi rumus, target per tahun, realisasi tahun-tahun sebelumnya, standar, penyebab dan solusi."</p> }.into_any(),
                Some((at, id)) => view! { <IndicatorForm at=at id=id /> }.into_any(),
            }}
        </aside>
    }
}

#[component]
fn IndicatorForm(at: IndRef, id: Id) -> impl IntoView {
    let session = expect_context::<Session>();
    let selected = expect_context::<Selected>();
    let get = move |f: fn(&Indicator) -> String| {
        Signal::derive(move || {
            session.report.with(|r| {
                r.as_ref()
                    .and_then(|r| at.get(r))
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let getv = move |f: fn(&Indicator) -> Option<lakip_core::Decimal>| {
        Signal::derive(move || {
            session
                .report
                .with(|r| r.as_ref().and_then(|r| at.get(r)).and_then(f))
        })
    };
    let (first, last, tahun) = session.report.with_untracked(|r| {
        r.as_ref()
            .map(|r| (r.renstra.first, r.renstra.last, r.tahun))
            .unwrap_or((0, 0, 0))
    });
    let accumulation = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .map(|i| i.accumulation)
                .unwrap_or_default()
        })
    });
    let target_pk = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .and_then(|i| i.target_pk.clone())
        })
    });
    let standard_value = Signal::derive(move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| at.get(r))
                .and_then(|i| i.standard.as_ref().map(|s| s.value.clone()))
        })
    });
    let result = move || {
        session
            .computed
            .with(|c| c.as_ref().and_then(|c| at.result(c)).cloned())
    };
    let tid = id.to_string();
    let history_years: Vec<i32> = ((first.min(tahun) - 3)..=tahun).collect();
    let acc_id = id.clone();
    let num_id = id.clone();
    let den_id = id.clone();
    view! {
        <div class="form" data-testid=format!("form-{tid}")>
            <div class="form-head">
                <h3>{move || get(|i| if i.name.is_empty() { "(indikator tanpa nama)".to_string() } else { i.name.clone() }).get()}</h3>
                <button type="button" class="small close" aria-label="Tutup" on:click=move |_| selected.0.set(None)>"×"</button>
            </div>
            <label>"Akumulasi antarperiode"
                <Choice value=accumulation
                    options=vec![(Accumulation::LastValue, "Nilai akhir (persentase, rasio)".to_string()), (Accumulation::Cumulative, "Kumulatif (jumlah)".to_string())]
                    testid=format!("ind-accumulation-{tid}") label="Akumulasi"
                    on_commit=Callback::new(move |a| session.set(&acc_id, Field::Accumulation, FieldValue::Accumulation(a))) />
            </label>
            <fieldset>
                <legend>"Rumus"</legend>
                <label>"Pembilang" <TextInput value=get(|i| i.formula.numerator.clone()) on_commit=text_setter(session, id.clone(), Field::FormulaNumerator) testid=format!("ind-num-text-{tid}") label="Pembilang" class="wide" /></label>
                <label>"Penyebut" <TextInput value=get(|i| i.formula.denominator.clone()) on_commit=text_setter(session, id.clone(), Field::FormulaDenominator) testid=format!("ind-den-text-{tid}") label="Penyebut" class="wide" /></label>
                <div class="pair">
                    <label>{format!("Nilai pembilang {tahun}")} <NumberInput value=getv(|i| i.formula.numerator_value) testid=format!("ind-num-{tid}") label="Nilai pembilang"
                        on_commit=Callback::new(move |v| session.set(&num_id, Field::NumeratorValue, FieldValue::Number(v))) /></label>
                    <label>{format!("Nilai penyebut {tahun}")} <NumberInput value=getv(|i| i.formula.denominator_value) testid=format!("ind-den-{tid}") label="Nilai penyebut"
                        on_commit=Callback::new(move |v| session.set(&den_id, Field::DenominatorValue, FieldValue::Number(v))) /></label>
                </div>
                <p class="hint">"Bila kedua nilai diisi, realisasi tahun laporan = pembilang / penyebut × 100."</p>
            </fieldset>
            <fieldset>
                <legend>{format!("Target Renstra {first}–{last} dan Perjanjian Kinerja")}</legend>
                <div class="years">
                    {(first..=last).map(|y| {
                        let v = Signal::derive(move || session.report.with(|r| r.as_ref().and_then(|r| at.get(r)).and_then(|i| i.targets.get(&y).cloned())));
                        view! { <label>{y.to_string()} <ValueInput value=v on_commit=value_setter(session, id.clone(), Field::Target(y)) testid=format!("ind-target-{y}-{tid}") label=format!("Target {y}") /></label> }
                    }).collect_view()}
                    <label>{format!("PK {tahun}")} <ValueInput value=target_pk on_commit=value_setter(session, id.clone(), Field::TargetPk) testid=format!("ind-pk-{tid}") label="Target PK" /></label>
                </div>
            </fieldset>
            <fieldset>
                <legend>"Realisasi per tahun"</legend>
                <div class="years">
                    {history_years.iter().map(|&y| {
                        let v = Signal::derive(move || session.report.with(|r| r.as_ref().and_then(|r| at.get(r)).and_then(|i| i.realisations.get(&y).cloned())));
                        view! { <label>{y.to_string()} <ValueInput value=v on_commit=value_setter(session, id.clone(), Field::Realisation(y)) testid=format!("ind-real-{y}-{tid}-d") label=format!("Realisasi {y}") /></label> }
                    }).collect_view()}
                </div>
            </fieldset>
            <fieldset>
                <legend>"Standar provinsi / nasional"</legend>
                <label>"Indikator standar" <TextInput value=get(|i| i.standard.as_ref().map(|s| s.indicator.clone()).unwrap_or_default()) on_commit=text_setter(session, id.clone(), Field::StandardIndicator) testid=format!("ind-std-name-{tid}") label="Indikator standar" class="wide" /></label>
                <div class="pair">
                    <label>"Nilai" <ValueInput value=standard_value on_commit=value_setter(session, id.clone(), Field::StandardValue) testid=format!("ind-std-value-{tid}") label="Nilai standar" /></label>
                    <label>"Sumber" <TextInput value=get(|i| i.standard.as_ref().map(|s| s.source.clone()).unwrap_or_default()) on_commit=text_setter(session, id.clone(), Field::StandardSource) testid=format!("ind-std-source-{tid}") label="Sumber" /></label>
                </div>
            </fieldset>
            <label>"Penyebab keberhasilan / kegagalan" <TextInput multiline=true value=get(|i| i.cause.clone()) on_commit=text_setter(session, id.clone(), Field::Cause) testid=format!("ind-cause-{tid}") label="Penyebab" class="wide" /></label>
            <label>"Solusi yang dilakukan" <TextInput multiline=true value=get(|i| i.solution.clone()) on_commit=text_setter(session, id.clone(), Field::Solution) testid=format!("ind-solution-{tid}") label="Solusi" class="wide" /></label>
            <div class="comparisons" data-testid=format!("comparisons-{tid}")>
                {move || result().map(|res| {
                    let dp = session.decimals();
                    let direction = session.report.with_untracked(|r| r.as_ref().and_then(|r| at.get(r)).map(|i| i.direction).unwrap_or_default());
                    let unit = session.report.with_untracked(|r| r.as_ref().and_then(|r| at.get(r)).map(|i| i.unit.clone()).unwrap_or_default());
                    view! {
                        <h4>"Perbandingan (PermenPAN-RB 53/2014)"</h4>
                        <ol>
                            <li>"Target vs realisasi tahun ini: " {capaian_text(&res.this_year.capaian, dp).0} " " <small>{capaian_text(&res.this_year.capaian, dp).1}</small></li>
                            <li>"Dibanding tahun sebelumnya: "
                                {if res.history.is_empty() { view! { <span>"belum ada realisasi tahun sebelumnya"</span> }.into_any() } else {
                                    view! { <ul>{res.history.iter().map(|h| {
                                        // The same words as the report's table: "naik 7,87 (memburuk)".
                                        let trend = lakip_core::report::views::trend_text(h, &unit);
                                        view! { <li>{format!("{}: realisasi {} (capaian {}) — tahun ini {}", h.year, h.realisasi, capaian_text(&h.capaian, dp).0, trend)}</li> }
                                    }).collect_view()}</ul> }.into_any()
                                }}
                            </li>
                            <li>"Realisasi s.d. tahun ini vs target Renstra: "
                                {format!("{} dari {} → {}",
                                    res.renstra.realisasi.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "–".into()),
                                    res.renstra.target.as_ref().map(|v| v.to_string()).unwrap_or_else(|| "–".into()),
                                    capaian_text(&res.renstra.capaian, dp).0)}
                            </li>
                            <li>"Dibanding standar: "
                                {match &res.standard {
                                    None => "belum ada standar".to_string(),
                                    Some(s) => format!("{} {} ({}) → {}{}", s.indicator, s.value, s.source, capaian_text(&s.capaian, dp).0,
                                        if s.other_indicator { " — catatan: standar ini mengukur indikator lain" } else { "" }),
                                }}
                            </li>
                        </ol>
                        <p class="hint">{direction.label()}</p>
                    }
                })}
            </div>
        </div>
    }
}
