//! Charts as inline SVG drawn here (no chart library, no network): capaian against the 100%
//! line in category colours, serapan per program, and an indicator's trend with its
//! targets. The figures come from `lakip_core::report::chart`; this file only does geometry (pixel
//! coordinates are the one place where floating point is used).

use crate::state::Session;
use lakip_core::num::format_percent;
use lakip_core::report::chart::{self, Bar};
use lakip_core::Decimal;
use leptos::prelude::*;
use rust_decimal::prelude::ToPrimitive;

const LABEL_PX: f64 = 330.0;
const BAR_AREA_PX: f64 = 420.0;
const ROW_PX: f64 = 22.0;

fn px(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

fn short(label: &str, n: usize) -> String {
    if label.chars().count() <= n {
        label.to_string()
    } else {
        format!("{}…", label.chars().take(n - 1).collect::<String>())
    }
}

/// Horizontal bars with a reference line at 100%.
#[component]
fn Bars(
    bars: Vec<Bar>,
    #[prop(into)] title: String,
    n_bands: usize,
    #[prop(into)] testid: String,
) -> impl IntoView {
    let max_pct = bars
        .iter()
        .filter_map(|b| b.value)
        .map(px)
        .fold(100.0_f64, f64::max)
        .clamp(110.0, 300.0);
    let scale_px = BAR_AREA_PX / max_pct;
    let height_px = bars.len() as f64 * ROW_PX + 30.0;
    let width_px = LABEL_PX + BAR_AREA_PX + 90.0;
    let line_x_px = LABEL_PX + 100.0 * scale_px;
    // The text alternative: every bar's label and value, for a screen reader.
    let alt = format!(
        "{title}. {}",
        bars.iter()
            .map(|b| format!(
                "{}: {}",
                b.label,
                b.value
                    .map(format_percent)
                    .unwrap_or_else(|| "tidak dapat dihitung".into())
            ))
            .collect::<Vec<_>>()
            .join("; ")
    );
    let rows = bars
        .into_iter()
        .enumerate()
        .map(|(i, b)| {
            let y_px = 20.0 + i as f64 * ROW_PX;
            let class = match b.band {
                Some(band) => format!("bar band-fill-{}", band * 4 / n_bands.saturating_sub(1).max(1)),
                None => "bar bar-plain".to_string(),
            };
            let (w_px, text) = match b.value {
                Some(v) => ((px(v).max(0.0) * scale_px).min(BAR_AREA_PX), format_percent(v)),
                None => (0.0, "–".to_string()),
            };
            let tip = if b.note.is_empty() { format!("{}: {text}", b.label) } else { format!("{}: {}", b.label, b.note) };
            view! {
                <g>
                    <title>{tip}</title>
                    <text x=LABEL_PX - 6.0 y=y_px + 13.0 text-anchor="end" class="chart-label">{short(&b.label, 48)}</text>
                    <rect x=LABEL_PX y=y_px + 2.0 width=w_px height=ROW_PX - 6.0 class=class></rect>
                    <text x=LABEL_PX + w_px + 4.0 y=y_px + 13.0 class="chart-value">{text}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="chart" data-testid=testid>
            <figcaption>{title}</figcaption>
            <svg viewBox=format!("0 0 {width_px} {height_px}") width=width_px height=height_px role="img" aria-label=alt>
                {rows}
                <line x1=line_x_px x2=line_x_px y1=12.0 y2=height_px - 6.0 class="ref-line"></line>
                <text x=line_x_px y=10.0 text-anchor="middle" class="chart-value">"100%"</text>
            </svg>
        </figure>
    }
}

/// Capaian of the IKU (`which = "iku"`) or of the output indicators (`"keluaran"`).
#[component]
pub fn CapaianChart(which: &'static str) -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.report.with(|r| {
            session.computed.with(|c| {
                let (r, c) = (r.as_ref()?, c.as_ref()?);
                let (iku, outputs) = chart::capaian_bars(r, c);
                let n_bands = r.settings.scale.bands.len();
                let (bars, title) = if which == "iku" {
                    (iku, "Capaian Indikator Kinerja Utama terhadap target (garis 100%)")
                } else {
                    (outputs, "Capaian indikator keluaran sub kegiatan terhadap target (garis 100%)")
                };
                Some(view! { <Bars bars=bars title=title n_bands=n_bands testid=format!("chart-capaian-{which}") /> })
            })
        })
    }
}

/// Serapan per program.
#[component]
pub fn SerapanChart() -> impl IntoView {
    let session = expect_context::<Session>();
    move || {
        session.report.with(|r| {
            session.computed.with(|c| {
                let (r, c) = (r.as_ref()?, c.as_ref()?);
                Some(view! { <Bars bars=chart::serapan_bars(r, c) title="Serapan anggaran per program" n_bands=0 testid="chart-serapan" /> })
            })
        })
    }
}

/// Realisation of an IKU over the years, with its targets (a range as a band).
#[component]
pub fn TrendChart(sasaran: usize, iku: usize, name: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let points = move || {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| chart::trend(r, sasaran, iku))
                .unwrap_or_default()
        })
    };
    move || {
        let pts = points();
        if pts.is_empty() {
            return None;
        }
        let values: Vec<f64> = pts
            .iter()
            .flat_map(|p| {
                p.realisasi
                    .iter()
                    .map(|d| px(*d))
                    .chain(p.target.iter().flat_map(|(a, b)| [px(*a), px(*b)]))
            })
            .collect();
        if values.is_empty() {
            return None;
        }
        let (lo_px, hi_px) = values
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), v| (a.min(*v), b.max(*v)));
        let pad_px = ((hi_px - lo_px) * 0.15).max(1.0);
        let (lo_px, hi_px) = (lo_px - pad_px, hi_px + pad_px);
        let width_px = 520.0;
        let height_px = 220.0;
        let step_px = (width_px - 80.0) / (pts.len().max(2) - 1) as f64;
        let x_px = move |i: usize| 50.0 + i as f64 * step_px;
        let y_px = move |v: f64| 20.0 + (hi_px - v) / (hi_px - lo_px) * (height_px - 60.0);
        let line_px: Vec<String> = pts
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.realisasi
                    .map(|v| format!("{:.1},{:.1}", x_px(i), y_px(px(v))))
            })
            .collect();
        let marks = pts
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let target = p.target.map(|(a, b)| {
                    let (ya_px, yb_px) = (y_px(px(a)), y_px(px(b)));
                    view! { <rect x=x_px(i) - 10.0 y=yb_px.min(ya_px) - 2.0 width=20.0 height=(ya_px - yb_px).abs() + 4.0 class="target-mark"><title>{format!("Target {}", p.year)}</title></rect> }
                });
                let dot = p.realisasi.map(|v| view! {
                    <circle cx=x_px(i) cy=y_px(px(v)) r=4.0 class="real-dot"><title>{format!("Realisasi {}: {}", p.year, lakip_core::num::format_plain(v))}</title></circle>
                    <text x=x_px(i) y=y_px(px(v)) - 8.0 text-anchor="middle" class="chart-value">{lakip_core::num::format_plain(lakip_core::num::round(v, 2))}</text>
                });
                view! {
                    {target}
                    {dot}
                    <text x=x_px(i) y=height_px - 18.0 text-anchor="middle" class="chart-label">{p.year.to_string()}</text>
                }
            })
            .collect_view();
        let alt = format!(
            "Tren {name}: {}",
            pts.iter()
                .map(|p| format!(
                    "{} realisasi {}",
                    p.year,
                    p.realisasi
                        .map(lakip_core::num::format_plain)
                        .unwrap_or_else(|| "belum ada".into())
                ))
                .collect::<Vec<_>>()
                .join("; ")
        );
        Some(view! {
            <figure class="chart" data-testid=format!("chart-trend-{sasaran}-{iku}")>
                <figcaption>{format!("Tren: {name}")}</figcaption>
                <svg viewBox=format!("0 0 {width_px} {height_px}") width=width_px height=height_px role="img" aria-label=alt>
                    <polyline points=line_px.join(" ") class="real-line"></polyline>
                    {marks}
                    <text x=8.0 y=height_px - 4.0 class="chart-label">"Kotak: target (rentang bila ada); titik: realisasi"</text>
                </svg>
            </figure>
        })
    }
}
