//! Report settings: identity (instansi, tahun, Renstra), the category scale (a preset or
//! custom bands, validated: no gap, no overlap), the cap on capaian, decimals shown.

use super::inputs::{parse_number, Choice, NumberInput, TextInput};
use crate::state::{Session, Tone};
use lakip_core::model::edit::{FieldValue, ReportField};
use lakip_core::model::scale::{Band, Bound, Scale};
use lakip_core::model::Period;
use lakip_core::num::format_plain;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
struct BandDraft {
    label: String,
    lower: String,
    lower_inclusive: bool,
    upper: String,
    upper_inclusive: bool,
}

fn to_drafts(s: &Scale) -> Vec<BandDraft> {
    s.bands
        .iter()
        .map(|b| BandDraft {
            label: b.label.clone(),
            lower: b.lower.map(|x| format_plain(x.value)).unwrap_or_default(),
            lower_inclusive: b.lower.is_some_and(|x| x.inclusive),
            upper: b.upper.map(|x| format_plain(x.value)).unwrap_or_default(),
            upper_inclusive: b.upper.is_some_and(|x| x.inclusive),
        })
        .collect()
}

/// Read the drafted bands; the first has no lower bound, the last no upper bound.
fn from_drafts(name: &str, drafts: &[BandDraft]) -> Result<Scale, String> {
    let n = drafts.len();
    let mut bands = Vec::new();
    for (i, d) in drafts.iter().enumerate() {
        let bound = |text: &str, inclusive: bool, what: &str| -> Result<Option<Bound>, String> {
            match parse_number(text).map_err(|e| format!("kategori ke-{} ({what}): {e}", i + 1))? {
                Some(value) => Ok(Some(Bound { value, inclusive })),
                None => Err(format!("kategori ke-{}: batas {what} wajib diisi", i + 1)),
            }
        };
        let lower = if i == 0 {
            None
        } else {
            bound(&d.lower, d.lower_inclusive, "bawah")?
        };
        let upper = if i + 1 == n {
            None
        } else {
            bound(&d.upper, d.upper_inclusive, "atas")?
        };
        bands.push(Band {
            label: d.label.trim().to_string(),
            lower,
            upper,
        });
    }
    let scale = Scale {
        name: name.to_string(),
        bands,
    };
    scale.validate().map_err(|e| e.to_string())?;
    Ok(scale)
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <Show when=move || session.report.with(Option::is_some) fallback=|| view! { <p class="empty">"Buka atau buat laporan di Beranda."</p> }>
            <section class="settings">
                <IdentityCard />
                <ScaleCard />
                <CapCard />
            </section>
        </Show>
    }
}

#[component]
fn IdentityCard() -> impl IntoView {
    let session = expect_context::<Session>();
    let get = move |f: fn(&lakip_core::model::Report) -> String| {
        Signal::derive(move || {
            session
                .report
                .with(|r| r.as_ref().map(f).unwrap_or_default())
        })
    };
    let year = |text: &str| -> Result<i32, String> {
        text.trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1900..=2200).contains(y))
            .ok_or_else(|| "tahun harus bilangan bulat 1900–2200".to_string())
    };
    let renstra = move || {
        session
            .report
            .with_untracked(|r| r.as_ref().map(|r| r.renstra))
            .unwrap_or(Period { first: 0, last: 0 })
    };
    view! {
        <div class="card">
            <h2>"Identitas laporan"</h2>
            <div class="grid-form">
                <label>"Instansi" <TextInput value=get(|r| r.instansi.clone()) testid="set-instansi" label="Instansi" class="wide"
                    on_commit=Callback::new(move |v: String| session.set_report_field(ReportField::Instansi, FieldValue::Text(v))) /></label>
                <label>"Tahun laporan" <TextInput value=get(|r| r.tahun.to_string()) testid="set-tahun" label="Tahun"
                    on_commit=Callback::new(move |v: String| session.set_report_field(ReportField::Tahun, FieldValue::Year(year(&v)?))) /></label>
                <label>"Renstra, tahun awal" <TextInput value=get(|r| r.renstra.first.to_string()) testid="set-awal" label="Renstra awal"
                    on_commit=Callback::new(move |v: String| session.set_report_field(ReportField::Renstra, FieldValue::Period(Period { first: year(&v)?, last: renstra().last }))) /></label>
                <label>"Renstra, tahun akhir" <TextInput value=get(|r| r.renstra.last.to_string()) testid="set-akhir" label="Renstra akhir"
                    on_commit=Callback::new(move |v: String| session.set_report_field(ReportField::Renstra, FieldValue::Period(Period { first: renstra().first, last: year(&v)? }))) /></label>
                <label>"Perjanjian Kinerja ditandatangani" <TextInput value=get(|r| r.pk.signed.clone()) testid="set-pk-signed" label="Tanggal PK"
                    on_commit=Callback::new(move |v: String| session.set_report_field(ReportField::PkSigned, FieldValue::Text(v))) /></label>
            </div>
        </div>
    }
}

#[component]
fn ScaleCard() -> impl IntoView {
    let session = expect_context::<Session>();
    let current = move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.settings.scale.clone()))
    };
    let drafts = RwSignal::new(current().map(|s| to_drafts(&s)).unwrap_or_default());
    let name = RwSignal::new(current().map(|s| s.name).unwrap_or_default());
    // Follow the report when it changes from elsewhere (undo, another preset).
    Effect::new(move |_| {
        if let Some(s) = current() {
            drafts.set(to_drafts(&s));
            name.set(s.name);
        }
    });
    let check = move || from_drafts(&name.get(), &drafts.get());
    let apply = move |scale: Scale| match session
        .set_report_field(ReportField::Scale, FieldValue::Scale(scale))
    {
        Ok(()) => session.say(
            Tone::Success,
            "Skala kategori diterapkan; semua kategori dihitung ulang.",
        ),
        Err(e) => session.say(Tone::Error, e),
    };
    let update = move |i: usize, f: Box<dyn Fn(&mut BandDraft)>| {
        drafts.update(|d| {
            if let Some(b) = d.get_mut(i) {
                f(b)
            }
        })
    };
    view! {
        <div class="card" data-testid="scale-card">
            <h2>"Skala kategori capaian"</h2>
            <div class="actions">
                {Scale::presets().into_iter().enumerate().map(|(i, preset)| {
                    let label = preset.name.clone();
                    view! { <button type="button" data-testid=format!("preset-{i}") on:click=move |_| apply(preset.clone())>{format!("Pakai: {label}")}</button> }
                }).collect_view()}
            </div>
            <table class="bands">
                <thead><tr><th>"Kategori (dari terendah)"</th><th>"Batas bawah"</th><th>"Batas atas"</th><th></th></tr></thead>
                <tbody>
                    {move || {
                        let n = drafts.with(Vec::len);
                        drafts.get().into_iter().enumerate().map(|(i, b)| {
                            let first = i == 0;
                            let last = i + 1 == n;
                            view! {
                                <tr data-testid="band-row">
                                    <td><input class="input" type="text" data-testid=format!("band-label-{i}") prop:value=b.label.clone()
                                        on:change=move |e| { let v = event_target_value(&e); update(i, Box::new(move |d| d.label = v.clone())) } /></td>
                                    <td>{if first { view! { <span class="muted">"—"</span> }.into_any() } else { view! {
                                        <select class="input" data-testid=format!("band-lower-op-{i}") on:change=move |e| { let v = event_target_value(&e) == "ge"; update(i, Box::new(move |d| d.lower_inclusive = v)) }>
                                            <option value="gt" selected=!b.lower_inclusive>">"</option>
                                            <option value="ge" selected=b.lower_inclusive>"≥"</option>
                                        </select>
                                        <input class="input num short" type="text" data-testid=format!("band-lower-{i}") prop:value=b.lower.clone()
                                            on:change=move |e| { let v = event_target_value(&e); update(i, Box::new(move |d| d.lower = v.clone())) } />
                                    }.into_any() }}</td>
                                    <td>{if last { view! { <span class="muted">"—"</span> }.into_any() } else { view! {
                                        <select class="input" data-testid=format!("band-upper-op-{i}") on:change=move |e| { let v = event_target_value(&e) == "le"; update(i, Box::new(move |d| d.upper_inclusive = v)) }>
                                            <option value="lt" selected=!b.upper_inclusive>"<"</option>
                                            <option value="le" selected=b.upper_inclusive>"≤"</option>
                                        </select>
                                        <input class="input num short" type="text" data-testid=format!("band-upper-{i}") prop:value=b.upper.clone()
                                            on:change=move |e| { let v = event_target_value(&e); update(i, Box::new(move |d| d.upper = v.clone())) } />
                                    }.into_any() }}</td>
                                    <td><button type="button" class="small" on:click=move |_| drafts.update(|d| { if d.len() > 1 { d.remove(i); } })>"Hapus"</button></td>
                                </tr>
                            }
                        }).collect_view()
                    }}
                </tbody>
            </table>
            <div class="actions">
                <button type="button" class="small" on:click=move |_| drafts.update(|d| {
                    let at = d.len().saturating_sub(1);
                    d.insert(at, BandDraft { label: String::new(), lower: String::new(), lower_inclusive: false, upper: String::new(), upper_inclusive: true });
                })>"+ Kategori"</button>
                <button type="button" data-testid="apply-scale" disabled=move || check().is_err()
                    on:click=move |_| if let Ok(s) = check() { apply(s) }>"Terapkan skala"</button>
            </div>
            <p class="field-error" role="alert" data-testid="scale-error">{move || check().err()}</p>
        </div>
    }
}

#[component]
fn CapCard() -> impl IntoView {
    let session = expect_context::<Session>();
    let cap = Signal::derive(move || {
        session
            .report
            .with(|r| r.as_ref().and_then(|r| r.settings.cap))
    });
    let decimals = Signal::derive(move || {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.settings.decimals).unwrap_or(2))
    });
    view! {
        <div class="card">
            <h2>"Batas capaian dan pembulatan"</h2>
            <label>"Batas atas capaian (kosong = tanpa batas; mis. 100, 110, 120)"
                <NumberInput value=cap testid="set-cap" label="Batas capaian"
                    on_commit=Callback::new(move |v| session.set_report_field(ReportField::Cap, FieldValue::Number(v))) />
            </label>
            <label>"Desimal yang ditampilkan"
                <Choice value=decimals options={ (0..=4).map(|d| (d, d.to_string())).collect::<Vec<_>>() } testid="set-decimals" label="Desimal"
                    on_commit=Callback::new(move |d| session.set_report_field(ReportField::Decimals, FieldValue::Decimals(d))) />
            </label>
            <p class="hint">"Perhitungan selalu eksak; tampilan dibulatkan setengah ke atas."</p>
        </div>
    }
}
