//! Issue 15: the checker reads a budget table the way it was pasted from the document.
//!
//! `tests/fixtures/check/` holds the shapes real LAKIP budget tables take (written by
//! `buat.py` there from the seed's figures, each from a way reports print them) and the
//! seed's own Tabel 3.1 and Tabel 5.1 as plain text, without the bold marks a PDF or a
//! plain-text copy does not carry. Each fixture has the findings it must give, and why;
//! every other figure must come out right, and no recomputed total may be a multiple of the
//! printed one (the sign of kegiatan and sub kegiatan taken as one level).

use lakip_core::check::*;
use lakip_core::model::scale::Scale;
use lakip_core::Decimal;
use std::collections::BTreeSet;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/check");

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A fixture's text; a missing fixture fails the test.
fn fixture(name: &str) -> String {
    let path = format!("{DIR}/{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {path}: {e}"))
}

fn strip_bold(text: &str) -> String {
    text.replace("<b>", "").replace("</b>", "")
}

use Cause as C;
use Figure as F;
use Verdict as V;

/// A finding as expected: the item's name (its start), figure, verdict, cause.
type Key = (String, Figure, Verdict, Cause);

struct Run {
    grid: Grid,
    mapping: Mapping,
    checked: Checked,
}

impl Run {
    fn of(text: &str) -> Run {
        let grid = read_text(text);
        let mapping = propose(&grid);
        let checked = check(&grid, &mapping, &Scale::seed_default());
        Run {
            grid,
            mapping,
            checked,
        }
    }

    fn keys(&self, pred: impl Fn(&Finding) -> bool) -> BTreeSet<Key> {
        self.checked
            .findings
            .iter()
            .filter(|f| pred(f))
            .map(|f| {
                (
                    f.item.chars().take(22).collect(),
                    f.figure,
                    f.verdict,
                    f.cause_kind,
                )
            })
            .collect()
    }

    fn flagged(&self) -> BTreeSet<Key> {
        self.keys(|f| f.verdict.is_flagged())
    }

    fn infos(&self) -> BTreeSet<Key> {
        self.keys(|f| f.verdict == Verdict::Info)
    }

    /// The one finding for an item (name start) and figure.
    fn at(&self, item: &str, figure: Figure) -> &Finding {
        let hits: Vec<&Finding> = self
            .checked
            .findings
            .iter()
            .filter(|f| f.item.starts_with(item) && f.figure == figure)
            .collect();
        assert_eq!(hits.len(), 1, "{item} {figure:?}: {hits:#?}");
        hits[0]
    }

    /// Items per level, top first.
    fn levels(&self) -> Vec<usize> {
        let mut out = vec![0usize; 4];
        for r in &self.mapping.rows {
            if let RowRole::Item { level } = r {
                out[(*level as usize).min(3)] += 1;
            }
        }
        while out.last() == Some(&0) {
            out.pop();
        }
        out
    }

    /// No printed pagu or realisasi is recomputed as twice (three times…) itself, and
    /// every figure that is not flagged or a note is right.
    fn sane(&self) {
        for f in &self.checked.findings {
            if let (Some(p), Some(r), F::Pagu | F::Realisasi) = (f.printed, f.recomputed, f.figure)
            {
                if !p.is_zero() && r != p {
                    let ratio = r / p;
                    assert!(
                        !(ratio >= d("2") && ratio.fract().is_zero()),
                        "recomputed {r} is {ratio} × printed {p}: {f:#?}"
                    );
                }
            }
            if matches!(f.verdict, V::Correct | V::Rounding) {
                assert_eq!(f.cause_kind, C::None, "{f:?}");
            }
        }
    }
}

fn k(item: &str, figure: Figure, verdict: Verdict, cause: Cause) -> Key {
    (item.chars().take(22).collect(), figure, verdict, cause)
}

fn set(keys: Vec<Key>) -> BTreeSet<Key> {
    keys.into_iter().collect()
}

fn rec(f: &Finding) -> Decimal {
    f.recomputed.expect("recomputed")
}

// The seed's figures used by the shapes (programs II, IV and VI of Tabel 3.1), summed by
// hand from the sub kegiatan rows:
// Program Pemberdayaan Sosial   1.601.621.900 / 1.491.482.800
// Program Rehabilitasi Sosial     865.618.600 /   843.538.740
// Program Penanganan Bencana      357.691.200 /   258.211.000
// all three                     2.824.931.700 / 2.593.232.540
const PMKS: &str = "Rehabilitasi Sosial Penyandang Masalah";

// ---------------------------------------------------------------------------------------------
// The seed's Tabel 3.1 and Tabel 5.1, with and without bold
// ---------------------------------------------------------------------------------------------

/// (seed line of a row, figure, verdict, cause), with the fixture's first line.
fn by_line(
    run: &Run,
    first: usize,
    pred: impl Fn(&Finding) -> bool,
) -> BTreeSet<(usize, Figure, Verdict, Cause)> {
    run.checked
        .findings
        .iter()
        .filter(|f| pred(f))
        .map(|f| {
            (
                f.location.row + first - 1,
                f.figure,
                f.verdict,
                f.cause_kind,
            )
        })
        .collect()
}

#[test]
fn seed_tabel_3_1_with_and_without_bold_gives_only_its_genuine_findings() {
    let plain = fixture("seed-tabel-3.1_L1207-1294-plain.txt");
    let bold = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/paste/tabel-3.1_L1207-1294.txt"
    ))
    .expect("the seed's Tabel 3.1 with its bold marks");
    assert_eq!(
        strip_bold(&bold),
        plain,
        "the plain fixture is the seed's text without <b>"
    );
    for text in [plain, bold] {
        let run = Run::of(&text);
        // seed-discrepancies.md: R1 (#4, #5, #13, #14, #16) and R2 (#20, #23, #24).
        assert_eq!(
            by_line(&run, 1207, |f| f.verdict.is_flagged()),
            [
                (1257, F::Realisasi, V::Mismatch, C::Propagated),
                (1257, F::Serapan, V::Mismatch, C::FromWrongFigures),
                (1273, F::Realisasi, V::Mismatch, C::RowsLeftOut),
                (1273, F::Serapan, V::Mismatch, C::FromWrongFigures),
                (1294, F::Realisasi, V::Mismatch, C::NoCombination),
                (1294, F::Serapan, V::Mismatch, C::FromWrongFigures),
            ]
            .into_iter()
            .collect()
        );
        // I16: "Penyediaan Jasa Surat Menyurat", pagu "-", 0.00%.
        assert_eq!(
            by_line(&run, 1207, |f| f.verdict == V::Info),
            [(1236, F::Serapan, V::Info, C::NotComputable)]
                .into_iter()
                .collect()
        );
        // 6 programs, 16 kegiatan, 56 sub kegiatan.
        assert_eq!(run.levels(), [6, 16, 56]);
        let total = run
            .checked
            .findings
            .iter()
            .find(|f| f.location.row == 88 && f.figure == F::Realisasi)
            .unwrap();
        assert_eq!(rec(total), d("14538093081"));
        let pagu = run
            .checked
            .findings
            .iter()
            .find(|f| f.location.row == 88 && f.figure == F::Pagu)
            .unwrap();
        assert_eq!((rec(pagu), pagu.verdict), (d("15447851952.00"), V::Correct));
        run.sane();
    }
}

#[test]
fn seed_tabel_5_1_with_and_without_bold_gives_only_its_genuine_findings() {
    let plain = fixture("seed-tabel-5.1_L403-491-plain.txt");
    let bold = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/paste/tabel-5.1_L403-491.txt"
    ))
    .expect("the seed's Tabel 5.1 with its bold marks");
    assert_eq!(strip_bold(&bold), plain);
    for text in [plain, bold] {
        let run = Run::of(&text);
        // R1 (#6, #7, #17) and R2 (#21, #25).
        assert_eq!(
            by_line(&run, 403, |f| f.verdict.is_flagged()),
            [
                (454, F::Realisasi, V::Mismatch, C::Propagated),
                (470, F::Realisasi, V::Mismatch, C::RowsLeftOut),
                (491, F::Realisasi, V::Mismatch, C::NoCombination),
            ]
            .into_iter()
            .collect()
        );
        assert!(run.infos().is_empty(), "{:#?}", run.infos());
        assert_eq!(run.levels(), [6, 16, 55]);
        let k2 = run.at(PMKS, F::Realisasi);
        assert_eq!((k2.printed, rec(k2)), (Some(d("62495500")), d("75083740")));
        run.sane();
    }
}

#[test]
fn the_structure_is_shown_and_a_whole_level_corrected_in_one_step() {
    let text = fixture("seed-tabel-3.1_L1207-1294-plain.txt");
    let grid = read_text(&text);
    let mut m = propose(&grid);
    let s = structure(&grid, &m);
    let labels: Vec<(String, Option<u8>, usize)> = s
        .groups
        .iter()
        .map(|g| (g.style.label(), g.level, g.rows.len()))
        .collect();
    assert_eq!(
        labels,
        [
            (
                "baris berawalan \"Program\", bernomor I, II, …".to_string(),
                Some(0),
                6
            ),
            ("baris tanpa nomor".to_string(), Some(1), 16),
            ("baris bernomor 1., 2., …".to_string(), Some(2), 56),
        ]
    );
    // 16 kegiatan, 6 programs and JUMLAH, pagu and realisasi: 46 sums; all add up but the
    // realisasi of the kegiatan that leaves out a row and of JUMLAH (R1 and R2).
    assert_eq!((s.sums_agree, s.sums_compared), (44, 46));

    // The officer says the unnumbered rows are sub kegiatan too: one step, and the totals
    // show it (each program then "recomputed" from kegiatan and sub kegiatan alike).
    let style = s.groups[1].style;
    set_style_level(&grid, &mut m, &style, 2);
    let wrong = structure(&grid, &m);
    assert!(wrong.sums_agree < 10, "{wrong:?}");
    let checked = check(&grid, &m, &Scale::seed_default());
    assert!(checked.summary.mismatch > 6);
    // And back.
    set_style_level(&grid, &mut m, &style, 1);
    assert_eq!(m, propose(&grid));
}

// ---------------------------------------------------------------------------------------------
// The shapes
// ---------------------------------------------------------------------------------------------

#[test]
fn shape_01_codes_in_their_own_column_with_a_sisa_column() {
    // Sub kegiatan 1.06.04.2.06.0001 (12.588.240) is left out of its kegiatan's realisasi;
    // the program and JUMLAH carry it, and every sisa printed from those realisasi follows.
    let run = Run::of(&fixture("01-kode-kolom-sisa.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert_eq!(
        run.flagged(),
        set(vec![
            k(PMKS, F::Realisasi, V::Mismatch, C::RowsLeftOut),
            k(PMKS, F::Sisa, V::Mismatch, C::FromWrongFigures),
            k(
                "Program Rehabilitasi Sosial",
                F::Realisasi,
                V::Mismatch,
                C::Propagated
            ),
            k(
                "Program Rehabilitasi Sosial",
                F::Sisa,
                V::Mismatch,
                C::FromWrongFigures
            ),
            k("JUMLAH", F::Realisasi, V::Mismatch, C::Propagated),
            k("JUMLAH", F::Sisa, V::Mismatch, C::FromWrongFigures),
        ])
    );
    assert!(run.infos().is_empty());
    assert_eq!(rec(run.at(PMKS, F::Realisasi)), d("75083740"));
    assert_eq!(rec(run.at(PMKS, F::Sisa)), d("3204860")); // 78.288.600 − 75.083.740
    assert_eq!(rec(run.at("JUMLAH", F::Realisasi)), d("2593232540"));
    assert_eq!(rec(run.at("JUMLAH", F::Sisa)), d("231699160"));
    run.sane();
}

#[test]
fn shape_02_the_other_code_form_in_the_name_and_no_total() {
    // 1.06.04.02.06.0001 written before the name, English separators, no total: all right.
    let run = Run::of(&fixture("02-kode-di-nama-tanpa-total.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert!(run.flagged().is_empty(), "{:#?}", run.flagged());
    assert!(run.infos().is_empty());
    assert_eq!(
        rec(run.at("Program Rehabilitasi Sosial", F::Realisasi)),
        d("843538740")
    );
    run.sane();
}

#[test]
fn shape_03_a_pdf_copy_without_numbering_codes_or_bold() {
    // Only names and figures: the hierarchy comes from the numbers alone. The total's
    // realisasi has one digit wrong (2.693.232.540 for 2.593.232.540).
    let run = Run::of(&fixture("03-pdf-tanpa-nomor.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert_eq!(
        run.flagged(),
        set(vec![
            k("Jumlah", F::Realisasi, V::Mismatch, C::Typo),
            k("Jumlah", F::Serapan, V::Mismatch, C::FromWrongFigures),
        ])
    );
    assert_eq!(rec(run.at("Jumlah", F::Realisasi)), d("2593232540"));
    let pct = run.at("Jumlah", F::Serapan);
    assert_eq!(pct.recomputed_text, "91,80%"); // 2.593.232.540 ÷ 2.824.931.700
    run.sane();
}

#[test]
fn shape_04_numbering_restarting_on_every_level() {
    // Programs, kegiatan and sub kegiatan all numbered "1.", "2.": the numbering says
    // nothing about the level. Sub kegiatan "3. Penyediaan Tempat Penampungan Pengungsi"
    // (6.850.000) is left out of its kegiatan's realisasi.
    let run = Run::of(&fixture("04-nomor-mulai-lagi.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert_eq!(
        run.flagged(),
        set(vec![
            k(
                "Perlindungan Sosial Korban",
                F::Realisasi,
                V::Mismatch,
                C::RowsLeftOut
            ),
            k(
                "Program Penanganan Bencana",
                F::Realisasi,
                V::Mismatch,
                C::Propagated
            ),
            k("TOTAL", F::Realisasi, V::Mismatch, C::Propagated),
        ])
    );
    let f = run.at("Perlindungan Sosial Korban", F::Realisasi);
    assert_eq!(rec(f), d("158790000"));
    assert!(
        f.cause.contains("Penyediaan Tempat Penampungan"),
        "{}",
        f.cause
    );
    run.sane();
}

#[test]
fn shape_05_program_subtotals_and_a_total_under_them() {
    // Program rows carry no figures; a "Jumlah" row closes each program and "TOTAL" adds
    // the three subtotals. Nothing wrong.
    let run = Run::of(&fixture("05-subtotal-program.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert!(run.flagged().is_empty(), "{:#?}", run.flagged());
    let total: Vec<&Finding> = run
        .checked
        .findings
        .iter()
        .filter(|f| f.item == "TOTAL")
        .collect();
    assert_eq!(
        total
            .iter()
            .map(|f| (f.figure, rec(f), f.verdict))
            .collect::<Vec<_>>(),
        [
            (F::Pagu, d("2824931700"), V::Correct),
            (F::Realisasi, d("2593232540"), V::Correct)
        ]
    );
    run.sane();
}

#[test]
fn shape_06_the_total_on_top_letters_and_dashes_and_efficiency() {
    // "JUMLAH TOTAL" right under the headings; kegiatan "a.", sub kegiatan "-".
    let run = Run::of(&fixture("06-total-di-atas-efisiensi.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert!(run.flagged().is_empty(), "{:#?}", run.flagged());
    assert_eq!(rec(run.at("JUMLAH TOTAL", F::Realisasi)), d("2593232540"));
    assert_eq!(run.at("JUMLAH TOTAL", F::Efisiensi).verdict, V::Rounding);
    run.sane();
}

#[test]
fn shape_07_names_broken_over_lines_by_a_pdf_copy() {
    // The rest of a long name on a line of its own; sub kegiatan 5 (35.505.400) left out
    // of its kegiatan's realisasi, carried by the program and JUMLAH, with their %.
    let run = Run::of(&fixture("07-pdf-nama-terpotong.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    let kg = "Pengembangan Potensi Sumber";
    assert_eq!(
        run.flagged(),
        set(vec![
            k(kg, F::Realisasi, V::Mismatch, C::RowsLeftOut),
            k(kg, F::Serapan, V::Mismatch, C::FromWrongFigures),
            k(
                "Program Pemberdayaan Sosial",
                F::Realisasi,
                V::Mismatch,
                C::Propagated
            ),
            k(
                "Program Pemberdayaan Sosial",
                F::Serapan,
                V::Mismatch,
                C::FromWrongFigures
            ),
            k("JUMLAH", F::Realisasi, V::Mismatch, C::Propagated),
            k("JUMLAH", F::Serapan, V::Mismatch, C::FromWrongFigures),
        ])
    );
    // The name is whole again in the finding.
    let f = run.at(kg, F::Realisasi);
    assert!(
        f.cause.contains("Peningkatan Kemampuan Potensi Sumber"),
        "{}",
        f.cause
    );
    assert!(run
        .checked
        .findings
        .iter()
        .any(|f| f.item.ends_with("Pengumpulan Uang dan Barang")));
    assert_eq!(rec(f), d("1487082800"));
    run.sane();
}

#[test]
fn shape_08_merged_cells_from_word() {
    // "I. PROGRAM …" in one merged cell (the row a cell short), kegiatan names over the No
    // and Uraian columns. Nothing wrong.
    let run = Run::of(&fixture("08-word-sel-gabung.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert!(run.flagged().is_empty(), "{:#?}", run.flagged());
    assert_eq!(rec(run.at("Jumlah", F::Pagu)), d("2824931700"));
    run.sane();
}

#[test]
fn shape_09_mixed_separators_rp_columns_and_keywords() {
    // Dots and commas mixed in one row, "Rp" in columns of its own, "Kegiatan :" and
    // "Sub Kegiatan :" before the names. Nothing wrong.
    let run = Run::of(&fixture("09-pemisah-campur-kata-kunci.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    assert!(run.flagged().is_empty(), "{:#?}", run.flagged());
    assert_eq!(rec(run.at("Total", F::Realisasi)), d("2593232540"));
    run.sane();
}

#[test]
fn shape_10_a_program_percentage_that_is_the_mean_of_its_rows() {
    // Each program's % is the plain mean of its kegiatan's %, with one decimal.
    let run = Run::of(&fixture("10-persen-rata-rata.txt"));
    assert_eq!(run.levels(), [3, 6, 15]);
    let programs = [
        ("Program Pemberdayaan Sosial", "93,12%"),
        ("Program Rehabilitasi Sosial", "97,45%"),
        ("Program Penanganan Bencana", "72,19%"),
    ];
    assert_eq!(
        run.flagged(),
        programs
            .iter()
            .map(|(p, _)| k(p, F::Serapan, V::Mismatch, C::MeanOfPercentages))
            .collect()
    );
    for (p, weighted) in programs {
        let f = run.at(p, F::Serapan);
        assert_eq!(f.recomputed_text, weighted);
        assert!(
            f.cause.contains("rata-rata persentase")
                && f.cause
                    .contains(&format!("ditimbang dengan pagu hasilnya {weighted}")),
            "{}",
            f.cause
        );
    }
    // (22,05 + 94,02) / 2 = 58,035 → "58,0" printed.
    assert!(run
        .at("Program Pemberdayaan Sosial", F::Serapan)
        .cause
        .starts_with("58,0 adalah rata-rata persentase"));
    run.sane();
}

#[test]
fn shape_11_two_levels_and_labels_glued_to_the_name() {
    // Kegiatan and sub kegiatan only; "1.Sub Kegiatan …" without a space.
    let run = Run::of(&fixture("11-dua-tingkat-tanpa-spasi.txt"));
    assert_eq!(run.levels(), [6, 15]);
    assert_eq!(run.mapping.levels, [Level::Kegiatan, Level::SubKegiatan]);
    assert!(run.flagged().is_empty(), "{:#?}", run.flagged());
    // The label is cleaned from the name as with a space.
    let report = to_report(&run.grid, &run.mapping, "Dinas", 2024).unwrap();
    let names: Vec<&str> = report
        .programs
        .iter()
        .flat_map(|p| &p.kegiatan)
        .flat_map(|k| &k.sub_kegiatan)
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(names.len(), 15);
    assert!(
        names
            .iter()
            .all(|n| !n.starts_with(|c: char| c.is_ascii_digit())),
        "{names:?}"
    );
    run.sane();
}

#[test]
fn shape_12_only_sub_kegiatan_and_a_total() {
    // No hierarchy at all; the total's pagu adds "Penyediaan Sandang" (172.560.000) twice.
    let run = Run::of(&fixture("12-datar-tanpa-tingkat.txt"));
    assert_eq!(run.levels(), [15]);
    assert_eq!(
        run.flagged(),
        set(vec![k("Jumlah", F::Pagu, V::Mismatch, C::RowsCountedTwice)])
    );
    let f = run.at("Jumlah", F::Pagu);
    assert_eq!(rec(f), d("2824931700"));
    assert!(f.cause.contains("Penyediaan Sandang"), "{}", f.cause);
    run.sane();
}

// ---------------------------------------------------------------------------------------------
// Faults seen on the way
// ---------------------------------------------------------------------------------------------

#[test]
fn counts_agree_differences_are_short_and_column_letters_match() {
    let run = Run::of(&fixture("seed-tabel-3.1_L1207-1294-plain.txt"));
    let s = run.checked.summary;
    let table = findings_table(&run.checked, &["Tabel 3.1".into()], false);
    // The same sentence above the findings and under their table.
    assert_eq!(table.notes[0], s.sentence());
    assert!(
        s.sentence().starts_with(&format!(
            "6 angka ditandai (6 salah, 0 selisih kecil, 0 tidak terbaca); {} angka benar ({} di antaranya setelah pembulatan)",
            s.correct + s.rounding,
            s.rounding
        )),
        "{}",
        s.sentence()
    );
    // Column letters: "No" is A, the realisasi D, the % E.
    let row = |f: &Finding| {
        table
            .rows
            .iter()
            .find(|r| {
                r.cells[1].display() == f.location.row.to_string()
                    && r.cells[4].display() == f.figure.label()
            })
            .unwrap()
            .clone()
    };
    let p4 = run.at("Program Rehabilitasi Sosial", F::Realisasi);
    assert_eq!(row(p4).cells[2].display(), "D");
    let p4_pct = run.at("Program Rehabilitasi Sosial", F::Serapan);
    assert_eq!(row(p4_pct).cells[2].display(), "E");
    // The difference of a percentage: 95,65 − 96,78… = −1,13, not six decimals.
    assert_eq!(row(p4_pct).cells[7].display(), "-1,13");
    assert_eq!(row(p4).cells[7].display(), "-12.588.240");
}

#[test]
fn seed_tables_checked_together_give_the_same_findings_without_bold() {
    // Tabel 5.1 and Tabel 3.1 pasted together (the cross-table checks included): the plain
    // copies give exactly what the copies with bold give.
    let paste = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/paste/");
    let bold: Vec<String> = ["tabel-5.1_L403-491.txt", "tabel-3.1_L1207-1294.txt"]
        .iter()
        .map(|n| std::fs::read_to_string(format!("{paste}{n}")).expect("seed fixture"))
        .collect();
    let plain = [
        fixture("seed-tabel-5.1_L403-491-plain.txt"),
        fixture("seed-tabel-3.1_L1207-1294-plain.txt"),
    ];
    let run = |texts: &[String]| {
        let tables: Vec<Table> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Table::new(format!("T{i}"), read_text(t)))
            .collect();
        check_tables(&tables, &Scale::seed_default())
    };
    let with_bold = run(&bold);
    let without = run(&plain);
    let key = |c: &Checked| -> Vec<(Location, Figure, Verdict, Cause, Option<Decimal>)> {
        c.findings
            .iter()
            .map(|f| (f.location, f.figure, f.verdict, f.cause_kind, f.recomputed))
            .collect()
    };
    assert_eq!(key(&without), key(&with_bold));
    assert_eq!(without.summary.flagged(), 3 + 6);
}
