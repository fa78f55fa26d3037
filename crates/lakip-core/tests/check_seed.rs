//! Issue 7, "check a finished report": the seed's own tables pasted as they stand, checked
//! through the public API of `lakip_core::check`.
//!
//! The fixtures in `tests/fixtures/paste/` are verbatim line ranges of
//! `tests/fixtures/seed/000_dfce7e4be01adbb7.txt` (tabs, `<b>` tags, blank lines and page-break
//! headers kept); each file is named after its table and its first and last seed line, so a
//! finding's row maps back to the seed line that `tests/fixtures/seed/seed-discrepancies.md`
//! cites. Every expected flag below comes from that document (its 37 numeric findings from
//! 13 root causes, and the INFO notes); every other figure must come out correct.
//!
//! Further down: mixed number conventions, unreadable cells (named by row and column, never
//! read as 0), the mapping proposal, taking a table into a `Report`, a spreadsheet written
//! in memory, and a property that nothing panics on arbitrary text.

use lakip_core::calc::compute::compute;
use lakip_core::check::*;
use lakip_core::model::scale::Scale;
use lakip_core::num::{self, Convention, Rules};
use lakip_core::Decimal;
use proptest::prelude::*;
use std::collections::BTreeSet;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/paste");

/// A fixture by its name's prefix: its text and the seed line of its first line.
fn fixture(prefix: &str) -> (String, usize) {
    let mut hits: Vec<std::path::PathBuf> = std::fs::read_dir(DIR)
        .expect("fixtures folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(&format!("{prefix}_L")))
        })
        .collect();
    assert_eq!(hits.len(), 1, "exactly one fixture named {prefix}_L…");
    let path = hits.remove(0);
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap()
        .to_string();
    let first: usize = name
        .split("_L")
        .nth(1)
        .and_then(|r| r.split('-').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    (std::fs::read_to_string(&path).unwrap(), first)
}

/// Several fixtures checked together, as an officer would paste a section of the report.
struct Run {
    names: Vec<String>,
    firsts: Vec<usize>,
    tables: Vec<Table>,
    checked: Checked,
}

/// What a finding is, in seed terms: fixture, seed line, figure, verdict, cause.
type Key = (String, usize, Figure, Verdict, Cause);

impl Run {
    fn new(prefixes: &[&str]) -> Run {
        let mut names = Vec::new();
        let mut firsts = Vec::new();
        let mut tables = Vec::new();
        for p in prefixes {
            let (text, first) = fixture(p);
            tables.push(Table::new(*p, read_text(&text)));
            names.push(p.to_string());
            firsts.push(first);
        }
        let checked = check_tables(&tables, &Scale::seed_default());
        Run {
            names,
            firsts,
            tables,
            checked,
        }
    }

    fn line(&self, loc: &Location) -> usize {
        loc.row + self.firsts[loc.table] - 1
    }

    fn key(&self, f: &Finding) -> Key {
        (
            self.names[f.location.table].clone(),
            self.line(&f.location),
            f.figure,
            f.verdict,
            f.cause_kind,
        )
    }

    fn with(&self, pred: impl Fn(&Finding) -> bool) -> BTreeSet<Key> {
        self.checked
            .findings
            .iter()
            .filter(|f| pred(f))
            .map(|f| self.key(f))
            .collect()
    }

    fn flagged(&self) -> BTreeSet<Key> {
        self.with(|f| f.verdict.is_flagged())
    }

    fn infos(&self) -> BTreeSet<Key> {
        self.with(|f| f.verdict == Verdict::Info)
    }

    /// The one finding at a seed line of a fixture for a figure.
    fn at(&self, fixture: &str, line: usize, figure: Figure) -> &Finding {
        let hits: Vec<&Finding> = self
            .checked
            .findings
            .iter()
            .filter(|f| {
                self.names[f.location.table] == fixture
                    && self.line(&f.location) == line
                    && f.figure == figure
            })
            .collect();
        assert_eq!(
            hits.len(),
            1,
            "one {figure:?} finding at {fixture} line {line}: {hits:#?}"
        );
        hits[0]
    }

    fn related_lines(&self, f: &Finding) -> Vec<(String, usize)> {
        f.related
            .iter()
            .map(|l| (self.names[l.table].clone(), self.line(l)))
            .collect()
    }

    /// Every finding that is neither flagged nor a note is correct or rounding.
    fn assert_rest_correct(&self) {
        for f in &self.checked.findings {
            assert!(
                f.verdict.is_flagged()
                    || matches!(
                        f.verdict,
                        Verdict::Correct | Verdict::Rounding | Verdict::Info
                    ),
                "{f:?}"
            );
            if matches!(f.verdict, Verdict::Correct | Verdict::Rounding) {
                assert!(
                    f.cause.is_empty(),
                    "a correct figure carries no cause: {f:?}"
                );
                assert_eq!(f.cause_kind, Cause::None);
            }
        }
    }
}

fn k(fixture: &str, line: usize, figure: Figure, verdict: Verdict, cause: Cause) -> Key {
    (fixture.to_string(), line, figure, verdict, cause)
}

fn set(keys: Vec<Key>) -> BTreeSet<Key> {
    keys.into_iter().collect()
}

fn rec(f: &Finding) -> Decimal {
    f.recomputed.expect("recomputed")
}

/// A figure as the seed documents print it (`1,076,208,440`, `96.78`).
fn seed_amount(text: &str) -> Decimal {
    num::parse_value(text, Rules::MONEY.with_convention(Convention::English)).unwrap()
}

use Cause as C;
use Figure as F;
use Verdict as V;

/// Every fixture is what its name says: lines `a..=b` of the seed text (kept in the
/// repository, `tests/fixtures/seed/`), byte for byte, so a finding's row is a seed line.
#[test]
fn every_fixture_is_a_verbatim_range_of_the_seed() {
    let seed_path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed/000_dfce7e4be01adbb7.txt"
    );
    let seed = std::fs::read_to_string(seed_path).unwrap_or_else(|e| panic!("{seed_path}: {e}"));
    let lines: Vec<&str> = seed.split('\n').collect();
    let mut checked = 0;
    for entry in std::fs::read_dir(DIR).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap()
            .to_string();
        let range = name
            .rsplit_once("_L")
            .and_then(|(_, r)| r.strip_suffix(".txt"))
            .and_then(|r| r.split_once('-'))
            .unwrap_or_else(|| panic!("{name}: not named …_L<first>-<last>.txt"));
        let (a, b): (usize, usize) = (range.0.parse().unwrap(), range.1.parse().unwrap());
        let want = lines[a - 1..b].join("\n") + "\n";
        assert_eq!(std::fs::read_to_string(&path).unwrap(), want, "{name}");
        checked += 1;
    }
    assert_eq!(checked, 22, "fixtures in {DIR}");
}

// ---------------------------------------------------------------------------------------------
// Tabel 1.1: every row, section and total checks out
// ---------------------------------------------------------------------------------------------

#[test]
fn tabel_1_1_checks_out_entirely() {
    let run = Run::new(&["tabel-1.1"]);
    let m = &run.tables[0].mapping;
    assert_eq!(m.kind, TableKind::Budget);
    assert_eq!(
        m.columns,
        [
            ColumnRole::Number,
            ColumnRole::Name,
            ColumnRole::Pagu,
            ColumnRole::Realisasi,
            ColumnRole::Serapan
        ]
    );
    assert_eq!(run.checked.summary.flagged(), 0, "{:#?}", run.flagged());
    assert_eq!(run.checked.summary.info, 0);
    // 17 sub rows + 2 sections + the total, each with a %; pagu and realisasi of the two
    // sections and of the total.
    assert_eq!(
        run.checked.summary.correct + run.checked.summary.rounding,
        20 + 6
    );
    let total = run.at("tabel-1.1", 141, F::Serapan);
    assert_eq!(
        (total.printed, num::round(rec(total), 2)),
        (Some(d("90.18")), d("90.18"))
    );
    assert_eq!(rec(run.at("tabel-1.1", 141, F::Realisasi)), d("1193749700"));
    assert_eq!(rec(run.at("tabel-1.1", 135, F::Pagu)), d("290030000"));
    run.assert_rest_correct();
}

// ---------------------------------------------------------------------------------------------
// Tabel 5.1 and Tabel 3.1: R1 (a row left out) and R2 (a total matching nothing)
// ---------------------------------------------------------------------------------------------

#[test]
fn tabel_5_1_finds_the_row_left_out_and_the_total_that_matches_nothing() {
    let t = "tabel-5.1";
    let run = Run::new(&[t]);
    assert_eq!(
        run.flagged(),
        set(vec![
            // #6: Program IV only carries the kegiatan's error.
            k(t, 454, F::Realisasi, V::Mismatch, C::Propagated),
            // #7 and #17: the kegiatan leaves out sub kegiatan 13.
            k(t, 470, F::Realisasi, V::Mismatch, C::RowsLeftOut),
            // #21 and #25: the grand total equals no combination of its rows.
            k(t, 491, F::Realisasi, V::Mismatch, C::NoCombination),
        ])
    );
    assert!(run.infos().is_empty(), "{:#?}", run.infos());

    let k2 = run.at(t, 470, F::Realisasi);
    assert_eq!(
        (k2.printed, k2.recomputed),
        (Some(d("62495500")), Some(seed_amount("75,083,740")))
    );
    assert_eq!(k2.difference, Some(d("-12588240")));
    assert!(
        k2.cause
            .contains("Baris 13 'Penyediaan Perbekalan Kesehatan")
            && k2
                .cause
                .contains("tidak ikut dijumlahkan (selisih 12.588.240)"),
        "{}",
        k2.cause
    );
    assert_eq!(run.related_lines(k2), [(t.to_string(), 471)]);

    let p4 = run.at(t, 454, F::Realisasi);
    assert_eq!(
        (p4.printed, p4.recomputed),
        (Some(d("1063620200")), Some(seed_amount("1,076,208,440")))
    );
    assert_eq!(
        run.related_lines(p4),
        [(t.to_string(), 470)],
        "points at the root cause row"
    );
    assert!(p4.cause.contains("baris 13"), "{}", p4.cause);

    let total = run.at(t, 491, F::Realisasi);
    assert_eq!(
        (total.printed, total.recomputed),
        (Some(d("14576047081")), Some(seed_amount("14,538,093,081")))
    );
    for part in [
        "kombinasi mana pun",
        "50.542.240",
        "14.525.504.841",
        "37.954.000",
    ] {
        assert!(total.cause.contains(part), "{part}: {}", total.cause);
    }
    // The pagu side is exact everywhere.
    assert_eq!(rec(run.at(t, 491, F::Pagu)), seed_amount("15,447,851,952"));
    assert_eq!(run.at(t, 491, F::Pagu).verdict, V::Correct);
    run.assert_rest_correct();
}

#[test]
fn tabel_3_1_adds_the_percentages_that_follow_the_wrong_figures() {
    let t = "tabel-3.1";
    let run = Run::new(&[t]);
    assert_eq!(
        run.flagged(),
        set(vec![
            k(t, 1257, F::Realisasi, V::Mismatch, C::Propagated), // #4
            k(t, 1257, F::Serapan, V::Mismatch, C::FromWrongFigures), // #13
            k(t, 1273, F::Realisasi, V::Mismatch, C::RowsLeftOut), // #5, #16
            k(t, 1273, F::Serapan, V::Mismatch, C::FromWrongFigures), // #14
            k(t, 1294, F::Realisasi, V::Mismatch, C::NoCombination), // #20, #24
            k(t, 1294, F::Serapan, V::Mismatch, C::FromWrongFigures), // #23
        ])
    );
    // I16: "Penyediaan Jasa Surat Menyurat", pagu "-", printed 0.00%: a division by zero.
    assert_eq!(
        run.infos(),
        set(vec![k(t, 1236, F::Serapan, V::Info, C::NotComputable)])
    );
    for (line, printed, want) in [
        (1257, "95.65", "96.78"),
        (1273, "79.83", "95.91"),
        (1294, "94.36", "94.11"),
    ] {
        let f = run.at(t, line, F::Serapan);
        assert_eq!(f.printed, Some(d(printed)));
        assert_eq!(num::round(rec(f), 2), d(want), "line {line}");
    }
    let p4 = run.at(t, 1257, F::Serapan);
    assert!(
        run.related_lines(p4).contains(&(t.to_string(), 1273)),
        "{:?}",
        run.related_lines(p4)
    );
    // Row 19's "-" is no pagu, not zero: the kegiatan's pagu still adds up to the cent.
    assert_eq!(rec(run.at(t, 1235, F::Pagu)), d("1581385495.00"));
    assert_eq!(run.at(t, 1235, F::Pagu).verdict, V::Correct);
    run.assert_rest_correct();
}

// ---------------------------------------------------------------------------------------------
// The three sasaran sections: support table, efficiency table, output sentences, analysis
// ---------------------------------------------------------------------------------------------

#[test]
fn sasaran_1_section() {
    let (pk, ef, na, an) = (
        "sasaran-1-program-kegiatan",
        "sasaran-1-efisiensi",
        "sasaran-1-narasi-output",
        "sasaran-1-analisis-keberhasilan",
    );
    let run = Run::new(&[pk, ef, na, an]);
    assert_eq!(
        run.flagged(),
        set(vec![
            // #26, #31: O01 prints 76,53% for 4 of 20 dokumen.
            k(na, 863, F::Capaian, V::Mismatch, C::MeanOfPercentages),
            k(na, 863, F::Kategori, V::Mismatch, C::LabelContradictsScale),
            // #27: O04 prints 227,1% for 60 of 59.
            k(na, 867, F::Capaian, V::Mismatch, C::Unexplained),
            // #30: O01 is labelled "Berhasil".
            k(an, 906, F::Kategori, V::Mismatch, C::LabelContradictsScale),
            // The analysis table repeats O04's sentence with its 227,1%.
            k(an, 910, F::Capaian, V::Mismatch, C::Unexplained),
        ])
    );
    assert_eq!(
        run.infos(),
        set(vec![
            k(an, 907, F::Kategori, V::Info, C::LabelBelowScale),
            k(an, 908, F::Kategori, V::Info, C::LabelBelowScale),
            // I14, I15: empty label cells.
            k(an, 910, F::Kategori, V::Info, C::EmptyCell),
            k(an, 911, F::Kategori, V::Info, C::EmptyCell),
        ])
    );
    let o01 = run.at(na, 863, F::Capaian);
    assert_eq!(
        (o01.printed, o01.recomputed),
        (Some(d("76.53")), Some(d("20")))
    );
    assert!(
        o01.cause.contains("rata-rata dari rata-rata") && o01.cause.contains("76,53%"),
        "{}",
        o01.cause
    );
    let label = run.at(an, 906, F::Kategori);
    assert_eq!(label.printed_text, "Berhasil");
    assert!(
        label.recomputed_text.ends_with("Tidak Berhasil"),
        "{}",
        label.recomputed_text
    );
    // The efficiency table and its sentence ("Rp. 110.139.100 atau 7%") are right.
    assert_eq!(run.at(ef, 840, F::Sisa).verdict, V::Correct);
    assert_eq!(run.at(ef, 840, F::Efisiensi).verdict, V::Rounding);
    assert_eq!(
        run.at(ef, 838, F::Efisiensi).verdict,
        V::Rounding,
        "7% for 6,88%"
    );
    run.assert_rest_correct();
}

#[test]
fn sasaran_2_section() {
    let (pk, ef, na, an) = (
        "sasaran-2-program-kegiatan",
        "sasaran-2-efisiensi",
        "sasaran-2-narasi-output",
        "sasaran-2-analisis-keberhasilan",
    );
    let run = Run::new(&[pk, ef, na, an]);
    assert_eq!(
        run.flagged(),
        set(vec![
            // #2, #11: Program IV; #3, #12, #15: its kegiatan PMKS lainnya.
            k(pk, 953, F::Realisasi, V::Mismatch, C::Propagated),
            k(pk, 953, F::Serapan, V::Mismatch, C::FromWrongFigures),
            k(pk, 970, F::Realisasi, V::Mismatch, C::RowsLeftOut),
            k(pk, 970, F::Serapan, V::Mismatch, C::FromWrongFigures),
            // #1, #10: the efficiency table copies the wrong program total.
            k(ef, 940, F::Realisasi, V::Mismatch, C::DiffersFromOtherTable),
            k(ef, 940, F::Serapan, V::Mismatch, C::FromWrongFigures),
            // #8, #9: "efisiensi anggaran sebesar Rp. 48.359.300 atau 4%".
            k(ef, 942, F::Sisa, V::Mismatch, C::FromWrongFigures),
            k(ef, 942, F::Efisiensi, V::Minor, C::FromWrongFigures),
            // #28: O07 "95%" for 94,10%; #29: O11 "148%" for 148 of 50.
            k(na, 983, F::Capaian, V::Minor, C::LastDigit),
            k(na, 987, F::Capaian, V::Mismatch, C::CountAsPercentage),
            // #32, #33, #34: O06, O13, O16 labelled "Berhasil".
            k(an, 1039, F::Kategori, V::Mismatch, C::LabelContradictsScale),
            k(an, 1051, F::Kategori, V::Mismatch, C::LabelContradictsScale),
            k(an, 1054, F::Kategori, V::Mismatch, C::LabelContradictsScale),
        ])
    );
    let infos = run.infos();
    // I1, I2: the efficiency column is blank for programs III and IV.
    assert!(infos.contains(&k(ef, 937, F::Efisiensi, V::Info, C::EmptyCell)));
    assert!(infos.contains(&k(ef, 940, F::Efisiensi, V::Info, C::EmptyCell)));
    // The other thirteen labels are "Berhasil" where the scale says "Sangat Berhasil".
    let soft = infos.iter().filter(|x| x.4 == C::LabelBelowScale).count();
    assert_eq!((infos.len(), soft), (15, 13), "{infos:#?}");

    let o11 = run.at(na, 987, F::Capaian);
    assert_eq!(
        (o11.printed, o11.recomputed),
        (Some(d("148")), Some(d("296")))
    );
    assert!(
        o11.cause
            .starts_with("Jumlah realisasi ditulis sebagai persentase"),
        "{}",
        o11.cause
    );
    let o07 = run.at(na, 983, F::Capaian);
    assert_eq!(num::round(rec(o07), 2), d("94.10"));
    let sisa = run.at(ef, 942, F::Sisa);
    assert_eq!(
        (sisa.printed, sisa.recomputed),
        (Some(d("48359300")), Some(seed_amount("35,771,060")))
    );
    assert_eq!(sisa.item, "Program Rehabilitasi Sosial");
    assert!(sisa.cause.contains("baris 13"), "{}", sisa.cause);
    assert_eq!(num::round(rec(run.at(ef, 942, F::Efisiensi)), 2), d("3.22"));
    let copied = run.at(ef, 940, F::Realisasi);
    assert_eq!(copied.recomputed, Some(seed_amount("1,076,208,440")));
    assert!(run.related_lines(copied).contains(&(pk.to_string(), 970)));
    // O16: exactly 70% is "Cukup Berhasil" on this scale (55 < x ≤ 70).
    assert!(run
        .at(an, 1054, F::Kategori)
        .recomputed_text
        .ends_with("Cukup Berhasil"));
    // The two "Pemberian Bimbingan Fisik, Mental, Spiritual dan Sosial" rows take their own
    // sentences, in order: 148 of 50 and 315 of 300.
    assert_eq!(run.at(an, 1048, F::Kategori).recomputed, Some(d("296")));
    assert_eq!(run.at(an, 1061, F::Kategori).recomputed, Some(d("105")));
    run.assert_rest_correct();
}

#[test]
fn sasaran_3_section() {
    let (pk, ef, na, an) = (
        "sasaran-3-program-kegiatan",
        "sasaran-3-efisiensi",
        "sasaran-3-narasi-output",
        "sasaran-3-analisis-keberhasilan",
    );
    let run = Run::new(&[pk, ef, na, an]);
    assert_eq!(
        run.flagged(),
        set(vec![
            // #35, #36: O25 (42,50%) and O26 (57,43%) labelled "Berhasil".
            k(an, 1185, F::Kategori, V::Mismatch, C::LabelContradictsScale),
            k(an, 1186, F::Kategori, V::Mismatch, C::LabelContradictsScale),
        ])
    );
    let infos = run.infos();
    // I25, I26: keluarga against orang (the analysis table repeats O24's sentence).
    assert!(infos.contains(&k(na, 1123, F::Satuan, V::Info, C::UnitMismatch)));
    assert!(infos.contains(&k(na, 1124, F::Satuan, V::Info, C::UnitMismatch)));
    assert!(infos.contains(&k(an, 1180, F::Satuan, V::Info, C::UnitMismatch)));
    // I3, I4: blank efficiency cells; the row of Program VI was pasted one cell to the left.
    assert!(infos.contains(&k(ef, 1088, F::Efisiensi, V::Info, C::EmptyCell)));
    assert!(infos.contains(&k(ef, 1091, F::Efisiensi, V::Info, C::EmptyCell)));
    assert_eq!(run.at(ef, 1091, F::Serapan).verdict, V::Rounding);
    assert_eq!(
        run.at(ef, 1088, F::Serapan).item,
        "Program Perlindungan dan Jaminan Sosial"
    );
    // Both efficiency sentences are right (6% for 6,04%; 26% for 26,32%).
    let sentences: Vec<&Finding> = run
        .checked
        .findings
        .iter()
        .filter(|f| run.names[f.location.table] == ef && run.line(&f.location) == 1093)
        .collect();
    assert_eq!(sentences.len(), 4);
    assert!(
        sentences
            .iter()
            .all(|f| matches!(f.verdict, V::Correct | V::Rounding)),
        "{sentences:#?}"
    );
    // Kelompok Rentan, 31 of 40 = 77,5%: "Berhasil" is exactly right.
    assert_eq!(run.at(an, 1191, F::Kategori).verdict, V::Correct);
    run.assert_rest_correct();
}

// ---------------------------------------------------------------------------------------------
// The budget in sentences, the staff tables, the IKU tables
// ---------------------------------------------------------------------------------------------

#[test]
fn budget_sentences_repeat_the_wrong_grand_total() {
    for (sentence, line, table) in [
        ("bab-I.5-narasi-anggaran", 397, "tabel-5.1"),
        ("bab-III.B-narasi-anggaran", 1201, "tabel-3.1"),
    ] {
        let run = Run::new(&[table, sentence]);
        let flagged: BTreeSet<Key> = run
            .flagged()
            .into_iter()
            .filter(|x| x.0 == sentence)
            .collect();
        // #18, #22.
        assert_eq!(
            flagged,
            set(vec![
                k(sentence, line, F::Realisasi, V::Mismatch, C::Propagated),
                k(sentence, line, F::Serapan, V::Mismatch, C::FromWrongFigures),
            ])
        );
        assert_eq!(run.at(sentence, line, F::Pagu).verdict, V::Correct);
        let r = run.at(sentence, line, F::Realisasi);
        assert_eq!(r.recomputed, Some(seed_amount("14,538,093,081")));
        assert!(r.cause.contains("kombinasi mana pun"), "{}", r.cause);
        assert_eq!(
            num::round(rec(run.at(sentence, line, F::Serapan)), 2),
            d("94.11")
        );
    }
    // Alone, the sentence only agrees with itself: 14.576.047.081 / 15.447.851.952 = 94,36%.
    let alone = Run::new(&["bab-I.5-narasi-anggaran"]);
    assert_eq!(alone.checked.summary.flagged(), 0);
    assert_eq!(
        alone.at("bab-I.5-narasi-anggaran", 397, F::Serapan).verdict,
        V::Rounding
    );
}

#[test]
fn lampiran_repeats_the_wrong_grand_total() {
    let (t, l) = ("tabel-3.1", "lampiran-formulir");
    let run = Run::new(&[t, l]);
    let flagged: BTreeSet<Key> = run.flagged().into_iter().filter(|x| x.0 == l).collect();
    assert_eq!(
        flagged,
        set(vec![k(l, 1352, F::Realisasi, V::Mismatch, C::Propagated)])
    ); // #19
    assert_eq!(run.at(l, 1350, F::Pagu).verdict, V::Correct);
    for line in [1346, 1347, 1348] {
        assert_eq!(run.at(l, line, F::Capaian).verdict, V::Correct);
    }
}

#[test]
fn staff_tables_disagree_on_jabatan_fungsional_tertentu() {
    let run = Run::new(&["tabel-4.1", "tabel-4.3"]);
    assert_eq!(run.tables[0].mapping.kind, TableKind::Counts);
    // #37: six in Tabel 4.3, 1 (S2) + 4 (S1) in Tabel 4.1.
    assert_eq!(
        run.flagged(),
        set(vec![k(
            "tabel-4.3",
            368,
            F::Jumlah,
            V::Mismatch,
            C::DiffersFromOtherTable
        )])
    );
    let jft = run.at("tabel-4.3", 368, F::Jumlah);
    assert_eq!((jft.printed, jft.recomputed), (Some(d("6")), Some(d("5"))));
    assert!(jft.cause.contains("5 (1 + 4)"), "{}", jft.cause);
    assert_eq!(
        run.related_lines(jft),
        [
            ("tabel-4.1".to_string(), 342),
            ("tabel-4.1".to_string(), 343)
        ]
    );
    // Both totals add up (28 and 12).
    assert_eq!(run.at("tabel-4.1", 349, F::Jumlah).verdict, V::Correct);
    assert_eq!(run.at("tabel-4.3", 369, F::Jumlah).verdict, V::Correct);
    assert!(run.infos().is_empty());
}

#[test]
fn iku_tables_check_out_and_their_labels_are_soft() {
    let (t, a) = ("tabel-iku-tujuan", "iku-analisis-keberhasilan");
    let run = Run::new(&[t, a]);
    assert_eq!(run.tables[0].mapping.kind, TableKind::Indicators);
    assert_eq!(run.checked.summary.flagged(), 0);
    for line in [739, 740, 741] {
        assert_eq!(run.at(t, line, F::Capaian).verdict, V::Correct);
    }
    // "Berhasil" for 100% where the scale says "Sangat Berhasil" (the 3 IKU of §2).
    assert_eq!(
        run.infos(),
        set(vec![
            k(a, 808, F::Kategori, V::Info, C::LabelBelowScale),
            k(a, 809, F::Kategori, V::Info, C::LabelBelowScale),
            k(a, 811, F::Kategori, V::Info, C::LabelBelowScale),
        ])
    );
}

// ---------------------------------------------------------------------------------------------
// Everything pasted at once: each of the 13 causes at its place, nothing else flagged
// ---------------------------------------------------------------------------------------------

const ALL: [&str; 22] = [
    "tabel-1.1",
    "tabel-4.1",
    "tabel-4.3",
    "bab-I.5-narasi-anggaran",
    "tabel-5.1",
    "tabel-iku-tujuan",
    "iku-analisis-keberhasilan",
    "sasaran-1-efisiensi",
    "sasaran-1-program-kegiatan",
    "sasaran-1-narasi-output",
    "sasaran-1-analisis-keberhasilan",
    "sasaran-2-efisiensi",
    "sasaran-2-program-kegiatan",
    "sasaran-2-narasi-output",
    "sasaran-2-analisis-keberhasilan",
    "sasaran-3-efisiensi",
    "sasaran-3-program-kegiatan",
    "sasaran-3-narasi-output",
    "sasaran-3-analisis-keberhasilan",
    "bab-III.B-narasi-anggaran",
    "tabel-3.1",
    "lampiran-formulir",
];

#[test]
fn all_thirteen_causes_are_found_at_their_place() {
    let run = Run::new(&ALL);
    let flagged = run.flagged();
    let has = |f: &str, line: usize, fig: Figure, cause: Cause| {
        flagged
            .iter()
            .any(|x| x.0 == f && x.1 == line && x.2 == fig && x.4 == cause)
    };
    let causes: [(&str, &str, usize, Figure, Cause); 13] = [
        (
            "R1 sub kegiatan 13 left out",
            "tabel-5.1",
            470,
            F::Realisasi,
            C::RowsLeftOut,
        ),
        (
            "R2 grand total matches nothing",
            "tabel-5.1",
            491,
            F::Realisasi,
            C::NoCombination,
        ),
        (
            "O01 capaian",
            "sasaran-1-narasi-output",
            863,
            F::Capaian,
            C::MeanOfPercentages,
        ),
        (
            "O04 capaian",
            "sasaran-1-narasi-output",
            867,
            F::Capaian,
            C::Unexplained,
        ),
        (
            "O07 capaian (minor)",
            "sasaran-2-narasi-output",
            983,
            F::Capaian,
            C::LastDigit,
        ),
        (
            "O11 capaian",
            "sasaran-2-narasi-output",
            987,
            F::Capaian,
            C::CountAsPercentage,
        ),
        (
            "O01 label",
            "sasaran-1-analisis-keberhasilan",
            906,
            F::Kategori,
            C::LabelContradictsScale,
        ),
        (
            "O06 label",
            "sasaran-2-analisis-keberhasilan",
            1039,
            F::Kategori,
            C::LabelContradictsScale,
        ),
        (
            "O13 label",
            "sasaran-2-analisis-keberhasilan",
            1051,
            F::Kategori,
            C::LabelContradictsScale,
        ),
        (
            "O16 label",
            "sasaran-2-analisis-keberhasilan",
            1054,
            F::Kategori,
            C::LabelContradictsScale,
        ),
        (
            "O25 label",
            "sasaran-3-analisis-keberhasilan",
            1185,
            F::Kategori,
            C::LabelContradictsScale,
        ),
        (
            "O26 label",
            "sasaran-3-analisis-keberhasilan",
            1186,
            F::Kategori,
            C::LabelContradictsScale,
        ),
        (
            "JFT 6 against 5",
            "tabel-4.3",
            368,
            F::Jumlah,
            C::DiffersFromOtherTable,
        ),
    ];
    for (what, f, line, fig, cause) in causes {
        assert!(
            has(f, line, fig, cause),
            "{what} not found at {f} line {line}"
        );
    }
    // The 37 figures of the seed's list, as flagged here (SUM and CROSS_TABLE findings of one
    // printed figure are one finding), plus the sentence repeated in Sasaran I's analysis
    // table and the Bab III.B copy of the Bab I.5 sentence. Nothing else.
    let expected: BTreeSet<(&str, usize, Figure)> = [
        ("tabel-5.1", 454, F::Realisasi),
        ("tabel-5.1", 470, F::Realisasi),
        ("tabel-5.1", 491, F::Realisasi),
        ("tabel-3.1", 1257, F::Realisasi),
        ("tabel-3.1", 1257, F::Serapan),
        ("tabel-3.1", 1273, F::Realisasi),
        ("tabel-3.1", 1273, F::Serapan),
        ("tabel-3.1", 1294, F::Realisasi),
        ("tabel-3.1", 1294, F::Serapan),
        ("sasaran-2-program-kegiatan", 953, F::Realisasi),
        ("sasaran-2-program-kegiatan", 953, F::Serapan),
        ("sasaran-2-program-kegiatan", 970, F::Realisasi),
        ("sasaran-2-program-kegiatan", 970, F::Serapan),
        ("sasaran-2-efisiensi", 940, F::Realisasi),
        ("sasaran-2-efisiensi", 940, F::Serapan),
        ("sasaran-2-efisiensi", 942, F::Sisa),
        ("sasaran-2-efisiensi", 942, F::Efisiensi),
        ("bab-I.5-narasi-anggaran", 397, F::Realisasi),
        ("bab-I.5-narasi-anggaran", 397, F::Serapan),
        ("bab-III.B-narasi-anggaran", 1201, F::Realisasi),
        ("bab-III.B-narasi-anggaran", 1201, F::Serapan),
        ("lampiran-formulir", 1352, F::Realisasi),
        ("sasaran-1-narasi-output", 863, F::Capaian),
        ("sasaran-1-narasi-output", 863, F::Kategori),
        ("sasaran-1-narasi-output", 867, F::Capaian),
        ("sasaran-1-analisis-keberhasilan", 906, F::Kategori),
        ("sasaran-1-analisis-keberhasilan", 910, F::Capaian),
        ("sasaran-2-narasi-output", 983, F::Capaian),
        ("sasaran-2-narasi-output", 987, F::Capaian),
        ("sasaran-2-analisis-keberhasilan", 1039, F::Kategori),
        ("sasaran-2-analisis-keberhasilan", 1051, F::Kategori),
        ("sasaran-2-analisis-keberhasilan", 1054, F::Kategori),
        ("sasaran-3-analisis-keberhasilan", 1185, F::Kategori),
        ("sasaran-3-analisis-keberhasilan", 1186, F::Kategori),
        ("tabel-4.3", 368, F::Jumlah),
    ]
    .into_iter()
    .collect();
    let got: BTreeSet<(&str, usize, Figure)> = flagged
        .iter()
        .map(|x| (ALL.iter().find(|n| **n == x.0).copied().unwrap(), x.1, x.2))
        .collect();
    assert_eq!(got, expected);
    // The sentences about the whole budget are compared with a grand total, never with
    // Tabel 1.1's TOTAL (the SPM part of the budget).
    for (f, line) in [
        ("bab-I.5-narasi-anggaran", 397),
        ("bab-III.B-narasi-anggaran", 1201),
        ("lampiran-formulir", 1352),
    ] {
        let r = run.at(f, line, F::Realisasi);
        assert_eq!(
            (r.cause_kind, r.recomputed),
            (C::Propagated, Some(seed_amount("14,538,093,081")))
        );
        let total = run.related_lines(r)[0].clone();
        assert!(
            total == ("tabel-5.1".to_string(), 491) || total == ("tabel-3.1".to_string(), 1294),
            "{total:?}"
        );
    }
    // The minor ones are exactly the seed's two MINOR findings (#9 and #28).
    let minor: Vec<_> = flagged
        .iter()
        .filter(|x| x.3 == V::Minor)
        .map(|x| (x.0.as_str(), x.1))
        .collect();
    assert_eq!(
        minor,
        [
            ("sasaran-2-efisiensi", 942),
            ("sasaran-2-narasi-output", 983)
        ]
    );
    assert_eq!(run.checked.summary.unreadable, 0);
    run.assert_rest_correct();
}

// ---------------------------------------------------------------------------------------------
// Number conventions, unreadable cells
// ---------------------------------------------------------------------------------------------

#[test]
fn both_conventions_and_mixed_rows_parse() {
    // The seed's own mixtures: "95,370,000 | 95.044.000" in one row of Tabel 5.1, "96.85%"
    // beside "90,18%" in Tabel 1.1, cents in English form.
    let text = "No\tUraian\tPagu\tRealisasi\t%\n\
                I\tProgram Campuran\t1.347.768.711,02\t1.335.080.159,00\t99,06\n\
                1.\tSatu\t95,370,000\t95.044.000\t99.66%\n\
                2.\tDua\t252,398,711.02\t1.240.036.159\t491,30%\n\
                3.\tTiga\t1.000.000.000\t0\t0.00\n";
    let grid = read_text(text);
    let mapping = propose(&grid);
    let checked = check(&grid, &mapping, &Scale::seed_default());
    assert_eq!(checked.summary.flagged(), 0, "{:#?}", checked.findings);
    let pagu = checked
        .findings
        .iter()
        .find(|f| f.location.row == 2 && f.figure == F::Pagu)
        .unwrap();
    assert_eq!(pagu.recomputed, Some(d("1347768711.02")));
    assert_eq!(pagu.verdict, V::Correct);
    // Three decimals only where the document's convention says so.
    let en = read_text(
        "Indikator\tTarget\tRealisasi\t%\nA\t2.5\t3.75\t150.000\nB\t1,000\t1,160\t116.0\n",
    );
    let m = propose(&en);
    assert_eq!(m.convention, Convention::English);
    let checked = check(&en, &m, &Scale::seed_default());
    assert_eq!(checked.summary.flagged(), 0, "{:#?}", checked.findings);
    let b = checked
        .findings
        .iter()
        .find(|f| f.location.row == 3 && f.figure == F::Capaian)
        .unwrap();
    assert_eq!(
        b.recomputed,
        Some(d("116")),
        "1,000 and 1,160 are thousands in an English document"
    );
    let id =
        read_text("Indikator\tTarget\tRealisasi\t%\nA\t2,5\t3,75\t150\nB\t1.000\t1.160\t116,0\n");
    let m = propose(&id);
    assert_eq!(m.convention, Convention::Indonesian);
    assert_eq!(check(&id, &m, &Scale::seed_default()).summary.flagged(), 0);
}

#[test]
fn an_unreadable_cell_is_named_and_never_read_as_zero() {
    let text = "No\tUraian\tPagu\tRealisasi\t%\n\
                I\tProgram\t300.000\t250.000\t83,33\n\
                1.\tSatu\t100.000\t5O.000\t50,00\n\
                2.\tDua\t200.000\t200.000\t100\n\
                \tJUMLAH\t300.000\t250.000\t83,33\n";
    let grid = read_text(text);
    let mapping = propose(&grid);
    let checked = check(&grid, &mapping, &Scale::seed_default());
    let bad: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| f.verdict == V::Unreadable)
        .collect();
    assert_eq!(bad.len(), 1, "{:#?}", checked.findings);
    assert_eq!(
        bad[0].location,
        Location {
            table: 0,
            row: 3,
            col: Some(4)
        }
    );
    assert_eq!(bad[0].printed_text, "5O.000");
    assert!(
        bad[0].cause.contains("tidak terbaca") && bad[0].cause.contains("tidak dianggap 0"),
        "{}",
        bad[0].cause
    );
    // Nothing that needs the cell is computed as if it were 0: the program's and the total's
    // realisasi and % are "not computable", and the row's own % too.
    for row in [2, 3, 5] {
        for f in checked
            .at(0, row)
            .filter(|f| matches!(f.figure, F::Realisasi | F::Serapan) && f.verdict != V::Unreadable)
        {
            assert_eq!(
                (f.verdict, f.cause_kind),
                (V::Info, C::NotComputable),
                "{f:?}"
            );
            assert!(f.recomputed.is_none());
        }
    }
    let total = checked.at(0, 5).find(|f| f.figure == F::Realisasi).unwrap();
    assert!(total.cause.contains("tidak terbaca"), "{}", total.cause);
    // The pagu column is whole: its sums are still checked.
    assert_eq!(
        checked
            .at(0, 5)
            .find(|f| f.figure == F::Pagu)
            .unwrap()
            .verdict,
        V::Correct
    );
    // Taking the table into a report is refused, naming the cell.
    let err = to_report(&grid, &mapping, "Dinas", 2024).unwrap_err();
    assert!(err.contains("baris 3, kolom 4"), "{err}");
}

// ---------------------------------------------------------------------------------------------
// The mapping proposal
// ---------------------------------------------------------------------------------------------

fn levels(grid: &Grid, m: &Mapping) -> Vec<(String, RowRole)> {
    grid.rows
        .iter()
        .zip(&m.rows)
        .map(|(r, role)| {
            (
                r.cells
                    .iter()
                    .map(|c| c.text.as_str())
                    .find(|t| !t.is_empty())
                    .unwrap_or("")
                    .to_string(),
                *role,
            )
        })
        .collect()
}

#[test]
fn proposal_reads_numbering_keywords_bold_codes_and_totals() {
    // Tabel 5.1: Roman programs, unnumbered bold kegiatan, numbered sub kegiatan, page-break
    // headers repeated, JUMLAH.
    let (text, _) = fixture("tabel-5.1");
    let grid = read_text(&text);
    let m = propose(&grid);
    assert_eq!(m.kind, TableKind::Budget);
    assert_eq!(
        m.columns,
        [
            ColumnRole::Number,
            ColumnRole::Name,
            ColumnRole::Pagu,
            ColumnRole::Realisasi
        ]
    );
    assert_eq!(
        m.levels,
        [Level::Program, Level::Kegiatan, Level::SubKegiatan]
    );
    let roles = levels(&grid, &m);
    let count = |r: RowRole| roles.iter().filter(|x| x.1 == r).count();
    assert_eq!(count(RowRole::Header), 5);
    assert_eq!(count(RowRole::Item { level: 0 }), 6);
    assert_eq!(count(RowRole::Item { level: 1 }), 16);
    assert_eq!(count(RowRole::Item { level: 2 }), 55);
    assert_eq!(count(RowRole::Total), 1);

    // A support table: levels from "Program"/"Kegiatan"/"Sub Kegiatan", names broken over
    // two lines joined back, the dashes row ignored.
    let (text, _) = fixture("sasaran-1-program-kegiatan");
    let grid = read_text(&text);
    let m = propose(&grid);
    assert_eq!(
        m.columns[..4],
        [
            ColumnRole::Name,
            ColumnRole::Pagu,
            ColumnRole::Realisasi,
            ColumnRole::Serapan
        ]
    );
    let roles: Vec<RowRole> = m.rows.clone();
    assert_eq!(
        roles,
        [
            RowRole::Header,
            RowRole::Header,
            RowRole::Item { level: 0 },
            RowRole::Item { level: 1 },
            RowRole::Item { level: 2 },
            RowRole::Item { level: 1 },
            RowRole::Item { level: 2 },
            RowRole::Continuation,
            RowRole::Item { level: 2 },
            RowRole::Item { level: 2 },
            RowRole::Item { level: 2 },
            RowRole::Continuation,
            RowRole::Ignore,
        ]
    );

    // Codes give the level by their number of segments; a two-level table without
    // "Program" is kegiatan and sub kegiatan.
    let grid = read_text(
        "Kode\tUraian\tPagu\tRealisasi\n\
         1.06.02\tProgram Pemberdayaan\t300.000\t250.000\n\
         1.06.02.2.01\tPengumpulan Sumbangan\t300.000\t250.000\n\
         1.06.02.2.01.0001\tKoordinasi\t100.000\t50.000\n\
         1.06.02.2.01.0002\tPenerbitan\t200.000\t200.000\n",
    );
    let m = propose(&grid);
    assert_eq!(m.columns[0], ColumnRole::Code);
    assert_eq!(
        &m.rows[1..],
        [
            RowRole::Item { level: 0 },
            RowRole::Item { level: 1 },
            RowRole::Item { level: 2 },
            RowRole::Item { level: 2 }
        ]
    );
    let (text, _) = fixture("tabel-1.1");
    let grid = read_text(&text);
    let m = propose(&grid);
    assert_eq!(m.levels, [Level::Kegiatan, Level::SubKegiatan]);

    // Indicator, analysis, counts and narrative tables.
    let kinds: Vec<TableKind> = [
        "tabel-iku-tujuan",
        "sasaran-2-analisis-keberhasilan",
        "tabel-4.1",
        "sasaran-2-narasi-output",
    ]
    .iter()
    .map(|p| propose(&read_text(&fixture(p).0)).kind)
    .collect();
    assert_eq!(
        kinds,
        [
            TableKind::Indicators,
            TableKind::Indicators,
            TableKind::Counts,
            TableKind::Narrative
        ]
    );
    let m = propose(&read_text(&fixture("sasaran-2-analisis-keberhasilan").0));
    assert_eq!(
        m.columns,
        [
            ColumnRole::Name,
            ColumnRole::Kategori,
            ColumnRole::Text,
            ColumnRole::Text
        ]
    );
    let m = propose(&read_text(&fixture("sasaran-2-efisiensi").0));
    assert_eq!(
        m.columns,
        [
            ColumnRole::Number,
            ColumnRole::Sasaran,
            ColumnRole::Name,
            ColumnRole::Pagu,
            ColumnRole::Realisasi,
            ColumnRole::Serapan,
            ColumnRole::Text,
            ColumnRole::Efisiensi
        ]
    );
}

#[test]
fn a_corrected_mapping_is_what_gets_computed() {
    // Proposed: "%" is the serapan. The user says the column is efficiency instead.
    let grid = read_text("No\tUraian\tPagu\tRealisasi\t%\n1.\tSatu\t100.000\t75.000\t25\n");
    let mut m = propose(&grid);
    assert_eq!(m.columns[4], ColumnRole::Serapan);
    let before = check(&grid, &m, &Scale::seed_default());
    assert_eq!(before.flagged().count(), 1);
    m.columns[4] = ColumnRole::Efisiensi;
    let after = check(&grid, &m, &Scale::seed_default());
    assert_eq!(after.summary.flagged(), 0);
    assert_eq!(after.findings[0].figure, F::Efisiensi);
    // Rows proposed again under corrected columns: the same rows for the same columns; a
    // narrative table is all text.
    let (text, _) = fixture("tabel-5.1");
    let grid5 = read_text(&text);
    let proposed = propose(&grid5);
    let mut again = proposed.clone();
    propose_rows(&grid5, &mut again);
    assert_eq!(again, proposed);
    again.columns[1] = ColumnRole::Text;
    again.columns[0] = ColumnRole::Name;
    propose_rows(&grid5, &mut again);
    // Issue 15: the hierarchy no longer hangs on the name column's numbering and bold
    // alone; the numbers keep it where the printed totals add up.
    assert_eq!(
        again.rows, proposed.rows,
        "the totals that add up give the hierarchy"
    );
    again.kind = TableKind::Narrative;
    propose_rows(&grid5, &mut again);
    assert!(again
        .rows
        .iter()
        .all(|r| matches!(r, RowRole::Header | RowRole::Text)));
    // A row the user marks as a total is checked as one.
    let grid = read_text(
        "No\tUraian\tPagu\tRealisasi\n1.\tA\t100\t50\n2.\tB\t200\t100\n\tSemua\t300\t150\n",
    );
    let mut m = propose(&grid);
    assert_eq!(m.rows[3], RowRole::Item { level: 0 });
    m.rows[3] = RowRole::Total;
    let c = check(&grid, &m, &Scale::seed_default());
    assert_eq!(
        c.at(0, 4).map(|f| f.verdict).collect::<Vec<_>>(),
        [V::Correct, V::Correct]
    );
}

// ---------------------------------------------------------------------------------------------
// Into a report
// ---------------------------------------------------------------------------------------------

#[test]
fn tabel_3_1_into_a_report_computes_the_recomputed_totals() {
    let (text, _) = fixture("tabel-3.1");
    let grid = read_text(&text);
    let mapping = propose(&grid);
    let checked = check(&grid, &mapping, &Scale::seed_default());
    let report = to_report(&grid, &mapping, "Dinas Sosial Kota Pontianak", 2024).unwrap();
    assert_eq!(report.programs.len(), 6);
    assert_eq!(
        report
            .programs
            .iter()
            .map(|p| p.kegiatan.len())
            .sum::<usize>(),
        16
    );
    assert_eq!(
        report.sub_kegiatan_count(),
        56,
        "55 sub kegiatan and Jasa Surat Menyurat"
    );
    assert_eq!(report.programs[3].name, "Rehabilitasi Sosial");
    let surat = report
        .sub_kegiatan_iter()
        .find(|(_, _, s)| s.name == "Penyediaan Jasa Surat Menyurat")
        .unwrap()
        .2;
    assert_eq!(
        (surat.pagu, surat.realisasi),
        (None, Some(d("0"))),
        "\"-\" is no pagu"
    );
    let c = compute(&report);
    // The report's totals are the check's recomputed totals (line 88 of the fixture: JUMLAH).
    let total_row = 1294 - 1207 + 1;
    let pagu = checked
        .at(0, total_row)
        .find(|f| f.figure == F::Pagu)
        .unwrap();
    let real = checked
        .at(0, total_row)
        .find(|f| f.figure == F::Realisasi)
        .unwrap();
    assert_eq!(c.budget.total.pagu, rec(pagu));
    assert_eq!(c.budget.total.realisasi, rec(real));
    assert_eq!(c.budget.total.realisasi, seed_amount("14,538,093,081"));
    assert_eq!(
        c.budget.programs[3].total.realisasi,
        seed_amount("1,076,208,440")
    );
    assert_eq!(num::round(c.budget.total.serapan().unwrap(), 2), d("94.11"));
    // Ids are unique and parent figures are not copied.
    let mut ids = BTreeSet::new();
    for p in &report.programs {
        assert!(p.pagu.is_none() && ids.insert(p.id.clone()));
        for k in &p.kegiatan {
            assert!(k.pagu.is_none() && ids.insert(k.id.clone()));
            for s in &k.sub_kegiatan {
                assert!(ids.insert(s.id.clone()));
            }
        }
    }
}

#[test]
fn other_tables_into_a_report() {
    // Tabel 1.1 has kegiatan and sub kegiatan only: one unnamed program holds them.
    let (text, _) = fixture("tabel-1.1");
    let grid = read_text(&text);
    let r = to_report(&grid, &propose(&grid), "Dinas", 2024).unwrap();
    assert_eq!(
        (
            r.programs.len(),
            r.programs[0].kegiatan.len(),
            r.sub_kegiatan_count()
        ),
        (1, 2, 17)
    );
    assert_eq!(compute(&r).budget.total.realisasi, d("1193749700"));
    // The efficiency table links programs to their sasaran.
    let (text, _) = fixture("sasaran-2-efisiensi");
    let grid = read_text(&text);
    let r = to_report(&grid, &propose(&grid), "Dinas", 2024).unwrap();
    assert_eq!(r.sasaran.len(), 1);
    assert_eq!(r.programs.len(), 2);
    assert!(r
        .programs
        .iter()
        .all(|p| p.sasaran_id == Some(r.sasaran[0].id.clone())));
    assert_eq!(
        r.programs[0].name,
        "Penanganan Warga Negara Migran Korban Tindak Kekerasan"
    );
    // An IKU table becomes sasaran with their indicators.
    let (text, _) = fixture("tabel-iku-tujuan");
    let grid = read_text(&text);
    let r = to_report(&grid, &propose(&grid), "Dinas", 2024).unwrap();
    assert_eq!(r.sasaran.len(), 3);
    let c = compute(&r);
    for s in &c.sasaran {
        assert_eq!(s.iku[0].this_year.capaian.unwrap().value, d("100"));
    }
    assert_eq!(r.sasaran[0].iku[0].unit, "%");
    // Sentences and counts are not a report.
    for p in ["sasaran-1-narasi-output", "tabel-4.1"] {
        let grid = read_text(&fixture(p).0);
        assert!(to_report(&grid, &propose(&grid), "Dinas", 2024).is_err());
    }
}

// ---------------------------------------------------------------------------------------------
// A spreadsheet
// ---------------------------------------------------------------------------------------------

#[test]
fn an_xlsx_file_is_read_checked_and_named_by_its_cells() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.00%");
    let sheet = book.add_worksheet().set_name("Realisasi").unwrap();
    // Data from B2, as officers often leave a margin.
    for (c, h) in ["No", "Program/Kegiatan", "Pagu", "Realisasi", "%"]
        .iter()
        .enumerate()
    {
        sheet
            .write_string_with_format(1, 1 + c as u16, *h, &bold)
            .unwrap();
    }
    sheet.write_string_with_format(2, 1, "I", &bold).unwrap();
    sheet
        .write_string_with_format(2, 2, "Program Rehabilitasi Sosial", &bold)
        .unwrap();
    sheet
        .write_number_with_format(2, 3, 78288600.0, &bold)
        .unwrap();
    sheet
        .write_number_with_format(2, 4, 62495500.0, &bold)
        .unwrap();
    sheet
        .write_number_with_format(2, 5, 0.7983, &percent)
        .unwrap();
    let rows = [
        (
            "1.",
            "Penyediaan Perbekalan Kesehatan",
            15177500.0,
            12588240.0,
            0.8294,
        ),
        ("2.", "Bimbingan Fisik", 40011100.0, 39395500.0, 0.9846),
        ("3.", "Bimbingan Sosial", 23100000.0, 23100000.0, 1.0),
    ];
    for (i, (no, name, p, r, pc)) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        sheet.write_string(row, 1, *no).unwrap();
        sheet.write_string(row, 2, *name).unwrap();
        sheet.write_number(row, 3, *p).unwrap();
        sheet.write_number(row, 4, *r).unwrap();
        sheet
            .write_number_with_format(row, 5, *pc, &percent)
            .unwrap();
    }
    // A figure typed as text, wrongly.
    sheet.write_string(6, 1, "4.").unwrap();
    sheet.write_string(6, 2, "Baris rusak").unwrap();
    sheet.write_string(6, 3, "1.2.3").unwrap();
    sheet.write_number(6, 4, 0.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let sheets = read_xlsx(&bytes).unwrap();
    assert_eq!(sheets.len(), 1);
    let (name, grid) = &sheets[0];
    assert_eq!(name, "Realisasi");
    assert_eq!(grid.rows[0].number, 2, "Excel's row numbers");
    assert_eq!(grid.column_number(0), 2, "column B");
    assert!(grid.rows[1].cells[1].bold);
    assert_eq!(grid.rows[1].cells[4].text, "79,83%");
    let mapping = propose(grid);
    assert_eq!(mapping.kind, TableKind::Budget);
    assert_eq!(mapping.rows[1], RowRole::Item { level: 0 });
    assert_eq!(mapping.rows[2], RowRole::Item { level: 1 });
    let checked = check(grid, &mapping, &Scale::seed_default());
    let bad: Vec<&Finding> = checked
        .findings
        .iter()
        .filter(|f| f.verdict == V::Unreadable)
        .collect();
    assert_eq!(bad.len(), 1);
    assert_eq!(bad[0].location.row, 7);
    assert_eq!(column_letter(bad[0].location.col.unwrap()), "D");
    // The program's pagu cannot be recomputed (a row unreadable); its realisasi misses
    // 12.588.240 — row 1 left out, as in the seed.
    let real = checked.at(0, 3).find(|f| f.figure == F::Realisasi).unwrap();
    assert_eq!(
        (real.verdict, real.cause_kind),
        (V::Mismatch, C::RowsLeftOut)
    );
    assert_eq!(
        real.related,
        [Location {
            table: 0,
            row: 4,
            col: Some(5)
        }]
    );
    assert_eq!(
        checked
            .at(0, 3)
            .find(|f| f.figure == F::Pagu)
            .unwrap()
            .cause_kind,
        C::NotComputable
    );

    assert!(read_xlsx(b"bukan excel").is_err());
    assert!(read_xlsx(&[]).is_err());
}

// ---------------------------------------------------------------------------------------------
// Nothing panics
// ---------------------------------------------------------------------------------------------

fn pasted() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("<b>".to_string()),
        Just("</b>".to_string()),
        Just("JUMLAH".to_string()),
        Just("Program ".to_string()),
        Just("Sub Kegiatan ".to_string()),
        Just("realisasi 4 dokumen dari target 20 dokumen atau 76,53%".to_string()),
        Just("efisiensi sebesar Rp. 1.000 atau 4%".to_string()),
        Just("Berhasil".to_string()),
        Just("IV".to_string()),
        Just("1.06.02.2.01.0001".to_string()),
        Just("\"".to_string()),
        "[0-9.,%-]{1,14}",
        "[ -~]{0,12}",
        "\\PC{0,6}",
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn read_propose_check_never_panic(text in pasted(), other in pasted()) {
        let grid = read_text(&text);
        let mapping = propose(&grid);
        prop_assert_eq!(mapping.columns.len(), grid.width());
        prop_assert_eq!(mapping.rows.len(), grid.rows.len());
        let checked = check(&grid, &mapping, &Scale::seed_default());
        prop_assert_eq!(checked.summary.correct + checked.summary.rounding + checked.summary.info
            + checked.summary.flagged(), checked.findings.len());
        let _ = to_report(&grid, &mapping, "Dinas", 2024);
        // Two tables together, and a mapping that does not fit the grid.
        let other_grid = read_text(&other);
        let tables = vec![Table::new("a", grid.clone()), Table { name: "b".into(), grid: other_grid, mapping }];
        let _ = check_tables(&tables, &Scale::permendagri_86());
    }

    #[test]
    fn a_cell_that_is_not_a_number_is_never_zero(bad in "[a-zA-Z][a-zA-Z0-9.,]{0,8}") {
        prop_assume!(!["n", "na", "n/a", "ta", "t/a"].contains(&bad.to_lowercase().as_str()));
        // "Rp0", "Rp1.000" are amounts (with the currency written in the cell).
        prop_assume!(!(bad.to_lowercase().starts_with("rp") && bad[2..].starts_with(|c: char| c.is_ascii_digit())));
        let text = format!("No\tUraian\tPagu\tRealisasi\n1.\tA\t100.000\t{bad}\n2.\tB\t200.000\t150.000\n\tJUMLAH\t300.000\t150.000\n");
        let grid = read_text(&text);
        let checked = check(&grid, &propose(&grid), &Scale::seed_default());
        let total = checked.at(0, 4).find(|f| f.figure == F::Realisasi).unwrap();
        prop_assert_eq!(total.verdict, V::Info);
        prop_assert!(total.recomputed.is_none());
    }
}

// ---------------------------------------------------------------------------------------------
// Generated budget tables: correct ones check out; a row left out is found and named
// ---------------------------------------------------------------------------------------------

/// Rupiah as printed, in either convention (always grouped, so never ambiguous).
fn print_amount(v: i64, english: bool) -> String {
    let text = num::format_amount(Decimal::from(v));
    if english {
        text.replace('.', ",")
    } else {
        text
    }
}

fn print_percent(part: i64, whole: i64, english: bool) -> String {
    let p = num::round(
        Decimal::from(part) * Decimal::ONE_HUNDRED / Decimal::from(whole),
        2,
    );
    let text = num::format_fixed(p, 2);
    if english {
        text.replace(',', ".")
    } else {
        text
    }
}

/// programs → kegiatan → sub kegiatan of (pagu, realisasi), and a convention per cell.
type Tree = Vec<Vec<Vec<(i64, i64)>>>;

fn tree() -> impl Strategy<Value = (Tree, Vec<bool>)> {
    let sub = (1_000i64..5_000_000_000).prop_flat_map(|p| (Just(p), 1i64..=p));
    let kegiatan = proptest::collection::vec(sub, 1..5);
    let program = proptest::collection::vec(kegiatan, 1..4);
    (
        proptest::collection::vec(program, 1..5),
        proptest::collection::vec(any::<bool>(), 400),
    )
}

/// Where a generated row stands: program, kegiatan (`usize::MAX` for a program row), sub
/// kegiatan (`None` for a parent row), and its line in the text.
type Placed = (usize, usize, Option<usize>, usize);

/// The table text, the line of every row (1-based) and, when `omit` names a sub kegiatan
/// `(p, k, s)`, its realisasi left out of every printed total above it.
fn budget_text(
    t: &Tree,
    eng: &[bool],
    omit: Option<(usize, usize, usize)>,
) -> (String, Vec<Placed>) {
    let roman = ["I", "II", "III", "IV", "V"];
    let mut e = eng.iter().cycle();
    let mut lines = vec!["No\tProgram/Kegiatan/Sub Kegiatan\tPagu\tRealisasi\t%".to_string()];
    let mut rows = Vec::new();
    let left_out = |p: usize, k: usize| match omit {
        Some((op, ok, os)) if op == p && (k == usize::MAX || ok == k) => t[op][ok][os].1,
        _ => 0,
    };
    let (mut tp, mut tr) = (0i64, 0i64);
    let mut n = 0;
    for (pi, prog) in t.iter().enumerate() {
        let pp: i64 = prog.iter().flatten().map(|x| x.0).sum();
        let pr: i64 = prog.iter().flatten().map(|x| x.1).sum::<i64>() - left_out(pi, usize::MAX);
        tp += pp;
        tr += pr;
        let en = *e.next().unwrap();
        lines.push(format!(
            "<b>{}</b>\t<b>Program {pi}</b>\t<b>{}</b>\t<b>{}</b>\t{}",
            roman[pi],
            print_amount(pp, en),
            print_amount(pr, en),
            print_percent(pr, pp, *e.next().unwrap())
        ));
        rows.push((pi, usize::MAX, None, lines.len()));
        for (ki, keg) in prog.iter().enumerate() {
            let kp: i64 = keg.iter().map(|x| x.0).sum();
            let kr: i64 = keg.iter().map(|x| x.1).sum::<i64>() - left_out(pi, ki);
            lines.push(format!(
                "\t<b>Kegiatan {pi}.{ki}</b>\t{}\t{}\t{}",
                print_amount(kp, *e.next().unwrap()),
                print_amount(kr, *e.next().unwrap()),
                print_percent(kr, kp, *e.next().unwrap())
            ));
            rows.push((pi, ki, None, lines.len()));
            for (si, (sp, sr)) in keg.iter().enumerate() {
                n += 1;
                lines.push(format!(
                    "{n}.\tSub kegiatan nomor {n}\t{}\t{}\t{}",
                    print_amount(*sp, *e.next().unwrap()),
                    print_amount(*sr, *e.next().unwrap()),
                    print_percent(*sr, *sp, *e.next().unwrap())
                ));
                rows.push((pi, ki, Some(si), lines.len()));
            }
        }
    }
    lines.push(format!(
        "\t<b>JUMLAH</b>\t{}\t{}\t{}",
        print_amount(tp, *e.next().unwrap()),
        print_amount(tr, *e.next().unwrap()),
        print_percent(tr, tp, *e.next().unwrap())
    ));
    (lines.join("\n"), rows)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_correct_table_in_any_mix_of_conventions_checks_out((t, eng) in tree()) {
        let (text, rows) = budget_text(&t, &eng, None);
        let grid = read_text(&text);
        let mapping = propose(&grid);
        let checked = check(&grid, &mapping, &Scale::seed_default());
        prop_assert_eq!(checked.summary.flagged(), 0, "{:#?}", checked.flagged().collect::<Vec<_>>());
        prop_assert_eq!(checked.summary.info, 0);
        // Pagu and realisasi of every program, kegiatan and the total; a % on every row.
        let parents = rows.iter().filter(|r| r.2.is_none()).count() + 1;
        prop_assert_eq!(checked.summary.correct + checked.summary.rounding, 2 * parents + rows.len() + 1);
        let report = to_report(&grid, &mapping, "Dinas", 2024).unwrap();
        let total: i64 = t.iter().flatten().flatten().map(|x| x.1).sum();
        prop_assert_eq!(compute(&report).budget.total.realisasi, Decimal::from(total));
    }

    #[test]
    fn a_row_left_out_is_found_and_named((t, eng) in tree(), pick in any::<prop::sample::Index>()) {
        let subs: Vec<(usize, usize, usize)> = t.iter().enumerate().flat_map(|(p, prog)| {
            prog.iter().enumerate().flat_map(move |(k, keg)| (0..keg.len()).map(move |s| (p, k, s)))
        }).collect();
        let (p, k, s) = subs[pick.index(subs.len())];
        let (text, rows) = budget_text(&t, &eng, Some((p, k, s)));
        let grid = read_text(&text);
        let checked = check(&grid, &propose(&grid), &Scale::seed_default());
        let line_of = |key: (usize, usize, Option<usize>)| rows.iter().find(|r| (r.0, r.1, r.2) == key).unwrap().3;
        let keg_line = line_of((p, k, None));
        let f = checked.at(0, keg_line).find(|f| f.figure == F::Realisasi).unwrap();
        prop_assert_eq!((f.verdict, f.cause_kind), (V::Mismatch, C::RowsLeftOut), "{:?}", f);
        prop_assert_eq!(f.difference, Some(-Decimal::from(t[p][k][s].1)));
        // The row named has exactly the missing realisasi (another row may share it).
        prop_assert_eq!(f.related.len(), 1);
        let named = rows.iter().find(|r| r.3 == f.related[0].row).unwrap();
        let (np, nk, ns) = (named.0, named.1, named.2.unwrap());
        prop_assert_eq!(t[np][nk][ns].1, t[p][k][s].1);
        // The program above only carries the error, and points at the kegiatan.
        let prog = checked.at(0, line_of((p, usize::MAX, None))).find(|f| f.figure == F::Realisasi).unwrap();
        prop_assert_eq!((prog.verdict, prog.cause_kind), (V::Mismatch, C::Propagated));
        prop_assert!(prog.related.iter().any(|l| l.row == keg_line));
        // Nothing else is flagged except the realisasi and % of that chain and the total.
        for g in checked.flagged() {
            prop_assert!(matches!(g.figure, F::Realisasi | F::Serapan), "{:?}", g);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The causes, on small tables of their own (not only the seed's)
// ---------------------------------------------------------------------------------------------

fn only_flag(text: &str) -> Finding {
    let grid = read_text(text);
    let checked = check(&grid, &propose(&grid), &Scale::seed_default());
    let flagged: Vec<&Finding> = checked.flagged().collect();
    assert_eq!(flagged.len(), 1, "{flagged:#?}");
    flagged[0].clone()
}

const HEAD: &str = "No\tUraian\tPagu\tRealisasi\t%\n";

#[test]
fn each_cause_is_recognised_on_its_own() {
    // A mean of percentages where the sum of rupiah belongs: (50 + 100) / 2 = 75, but
    // 600.000 / 1.000.000 = 60.
    let f = only_flag(&format!("{HEAD}I\tProgram\t1.000.000\t600.000\t75,00\n1.\tA\t800.000\t400.000\t50,00\n2.\tB\t200.000\t200.000\t100,00\n"));
    assert_eq!((f.figure, f.cause_kind), (F::Serapan, C::MeanOfPercentages));
    assert!(
        f.cause.contains("rata-rata persentase") && f.cause.contains("60,00%"),
        "{}",
        f.cause
    );

    let rows = "1.\tA\t100.000\t40.000\t40,00\n2.\tB\t200.000\t150.000\t75,00\n";
    // A row added twice: 190.000 + 40.000.
    let f = only_flag(&format!("{HEAD}I\tProgram\t300.000\t230.000\t\n{rows}"));
    assert_eq!(
        (f.figure, f.cause_kind),
        (F::Realisasi, C::RowsCountedTwice)
    );
    assert!(
        f.cause.starts_with("Baris 1 'A' terhitung dua kali"),
        "{}",
        f.cause
    );
    // A pagu added where the realisasi belongs: 190.000 − 40.000 + 100.000.
    let f = only_flag(&format!("{HEAD}I\tProgram\t300.000\t250.000\t\n{rows}"));
    assert_eq!(f.cause_kind, C::PaguInsteadOfRealisasi);
    assert_eq!(
        f.related,
        [Location {
            table: 0,
            row: 3,
            col: Some(4)
        }]
    );
    // One digit typed wrong: 290.000 for 190.000.
    let f = only_flag(&format!("{HEAD}I\tProgram\t300.000\t290.000\t\n{rows}"));
    assert_eq!(f.cause_kind, C::Typo);
    // Two rows left out: 10.000 + 20.000.
    let f = only_flag(&format!(
        "{HEAD}I\tProgram\t300.000\t40.000\t\n1.\tA\t100.000\t10.000\t\n2.\tB\t100.000\t20.000\t\n3.\tC\t100.000\t40.000\t\n"
    ));
    assert_eq!(f.cause_kind, C::RowsLeftOut);
    assert_eq!(f.related.iter().map(|l| l.row).collect::<Vec<_>>(), [3, 4]);
    // A total that no row or pair of rows explains.
    let f = only_flag(&format!("{HEAD}I\tProgram\t300.000\t197.531\t\n{rows}"));
    assert_eq!(f.cause_kind, C::NoCombination);
    assert!(
        f.cause.contains("tidak sama dengan kombinasi mana pun"),
        "{}",
        f.cause
    );
    // Pagu and realisasi swapped in a percentage.
    let f = only_flag(&format!("{HEAD}1.\tA\t100.000\t40.000\t250,00\n"));
    assert_eq!((f.figure, f.cause_kind), (F::Serapan, C::Swapped));

    // Sentences: target and realisasi swapped; a count typed as the percentage; truncated.
    let f =
        only_flag("Fasilitasi bantuan dengan realisasi 100 orang dari target 110 orang atau 110%.");
    assert_eq!((f.figure, f.cause_kind), (F::Capaian, C::Swapped));
    let f = only_flag("Pelayanan dengan realisasi 90 orang dari target 50 orang atau 90%.");
    assert_eq!(f.cause_kind, C::CountAsPercentage);
    let f = only_flag("Layanan dengan realisasi 95 orang dari target 40 orang atau 237%.");
    assert_eq!((f.verdict, f.cause_kind), (V::Minor, C::LastDigit));
    assert!(f.cause.contains("dipotong"), "{}", f.cause);
}

#[test]
fn labels_follow_the_scale_given() {
    let text = "Indikator\tTarget\tRealisasi\t%\tPredikat\n\
                A\t100\t80\t80\tTinggi\n\
                B\t100\t95\t95\tTinggi\n\
                C\t100\t60\t60\tTinggi\n\
                D\t100\t70\t70\tTercapai\n";
    let grid = read_text(text);
    let m = propose(&grid);
    assert_eq!(m.columns[4], ColumnRole::Kategori);
    let checked = check(&grid, &m, &Scale::permendagri_86());
    let label = |row: usize| {
        checked
            .at(0, row)
            .find(|f| f.figure == F::Kategori)
            .unwrap()
    };
    assert_eq!(label(2).verdict, V::Correct);
    assert_eq!(
        (label(3).verdict, label(3).cause_kind),
        (V::Info, C::LabelBelowScale)
    );
    assert_eq!(
        (label(4).verdict, label(4).cause_kind),
        (V::Mismatch, C::LabelContradictsScale)
    );
    assert!(label(4).cause.contains("'Rendah'"), "{}", label(4).cause);
    assert_eq!(label(5).cause_kind, C::UnknownLabel);
    // Lower is better, when the user says so: 4,40 against 4,25–4,30 is 97,67.
    let grid = read_text(
        "Indikator\tTarget\tRealisasi\tCapaian (%)\nTingkat Kemiskinan\t4,25-4,30\t4,40\t97,67\n",
    );
    let mut m = propose(&grid);
    m.direction = lakip_core::model::Direction::LowerIsBetter;
    assert_eq!(
        check(&grid, &m, &Scale::seed_default()).findings[0].verdict,
        V::Rounding
    );
}
