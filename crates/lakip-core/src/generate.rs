//! Large, realistic, deterministic reports for benchmarks and property tests: a consolidated
//! city-wide LAKIP with thousands of sub kegiatan, five years of indicators, every kind of
//! value (numbers, ranges, ratios, n/a) and both directions.
//!
//! No external crates: a SplitMix64 generator drives every choice, so the same
//! `(sub_kegiatan, seed)` always gives the same report, on every platform.

use crate::model::value::Value;
use crate::model::*;
use rust_decimal::Decimal;

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and good enough for test data.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_1A41_F00D_CAFE)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`); the modulo bias is irrelevant for test data.
    pub fn below(&mut self, n: u64) -> u64 {
        self.next_u64() % n.max(1)
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        debug_assert!(lo <= hi);
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }
}

// ---------------------------------------------------------------------------------------
// Word lists
// ---------------------------------------------------------------------------------------

/// Urusan and bidang urusan (Permendagri 90/2019), for program codes and names.
const BIDANG: &[(&str, &str)] = &[
    ("1.01", "Pendidikan"),
    ("1.02", "Kesehatan"),
    ("1.03", "Pekerjaan Umum dan Penataan Ruang"),
    ("1.04", "Perumahan Rakyat dan Kawasan Permukiman"),
    ("1.05", "Ketenteraman dan Ketertiban Umum"),
    ("1.06", "Sosial"),
    ("2.07", "Tenaga Kerja"),
    ("2.08", "Pemberdayaan Perempuan dan Perlindungan Anak"),
    ("2.09", "Pangan"),
    ("2.11", "Lingkungan Hidup"),
    ("2.12", "Administrasi Kependudukan dan Pencatatan Sipil"),
    ("2.13", "Pemberdayaan Masyarakat dan Desa"),
    ("2.14", "Pengendalian Penduduk dan Keluarga Berencana"),
    ("2.15", "Perhubungan"),
    ("2.16", "Komunikasi dan Informatika"),
    ("2.17", "Koperasi, Usaha Kecil dan Menengah"),
    ("2.18", "Penanaman Modal"),
    ("2.19", "Kepemudaan dan Olahraga"),
    ("2.20", "Statistik"),
    ("2.22", "Kebudayaan"),
    ("2.23", "Perpustakaan"),
    ("2.24", "Kearsipan"),
    ("3.26", "Pariwisata"),
    ("3.27", "Pertanian"),
    ("3.30", "Perdagangan"),
    ("3.31", "Perindustrian"),
];

const PROGRAM_HEAD: &[&str] = &[
    "Program Pengelolaan",
    "Program Peningkatan",
    "Program Pembinaan dan Pengembangan",
    "Program Penyelenggaraan",
    "Program Perlindungan dan Jaminan",
    "Program Pengendalian",
    "Program Pemberdayaan",
    "Program Penataan",
    "Program Pelayanan",
];

const VERB: &[&str] = &[
    "Penyediaan",
    "Pengadaan",
    "Fasilitasi",
    "Pelaksanaan",
    "Koordinasi dan Sinkronisasi",
    "Penyelenggaraan",
    "Pembinaan",
    "Pendataan dan Verifikasi",
    "Pemberdayaan",
    "Pemeliharaan",
    "Penyusunan",
    "Pengembangan",
    "Rehabilitasi",
    "Sosialisasi",
    "Monitoring dan Evaluasi",
    "Pendampingan",
];

const OBJECT: &[&str] = &[
    "Bantuan Sosial bagi Penyandang Disabilitas Terlantar",
    "Permakanan bagi Lanjut Usia",
    "Sarana dan Prasarana Panti Sosial",
    "Dokumen Perencanaan Perangkat Daerah",
    "Laporan Keuangan Akhir Tahun SKPD",
    "Kendaraan Dinas Operasional",
    "Gedung Kantor dan Bangunan Lainnya",
    "Jasa Komunikasi, Sumber Daya Air dan Listrik",
    "Potensi Sumber Kesejahteraan Sosial",
    "Keluarga Penerima Manfaat Program Keluarga Harapan",
    "Data Terpadu Kesejahteraan Sosial",
    "Korban Bencana Alam dan Sosial",
    "Anak Terlantar di Luar Panti",
    "Tenaga Kesejahteraan Sosial Kecamatan",
    "Kelompok Usaha Bersama",
    "Jalan Lingkungan dan Drainase",
    "Ruang Terbuka Hijau Publik",
    "Pos Pelayanan Terpadu",
    "Usaha Mikro dan Koperasi",
    "Arsip Dinamis dan Statis",
    "Sistem Informasi Pemerintahan Berbasis Elektronik",
    "Peralatan dan Mesin Kantor",
    "Taman Bacaan Masyarakat",
    "Kader Pembangunan Manusia",
    "Pelatihan Keterampilan Kerja",
    "Pangan Lokal Berbasis Sumber Daya",
    "Rumah Tidak Layak Huni",
    "Penerangan Jalan Umum",
];

const WHERE: &[&str] = &[
    "",
    "",
    "",
    " Tingkat Kota",
    " di Kecamatan Barat",
    " di Kecamatan Timur",
    " di Kecamatan Utara",
    " di Kecamatan Selatan",
    " di Kecamatan Kota",
    " Tahap II",
    " Lintas Sektor",
    " (Lanjutan)",
];

const OUTPUT_UNITS: &[(&str, &str)] = &[
    ("Orang", "Jumlah Orang yang Menerima Layanan"),
    ("Orang", "Jumlah Peserta yang Dilatih"),
    ("Dokumen", "Jumlah Dokumen yang Disusun"),
    ("Dokumen", "Jumlah Laporan yang Diselesaikan"),
    ("Unit", "Jumlah Unit Sarana yang Disediakan"),
    ("Unit", "Jumlah Unit yang Dipelihara"),
    ("Lembaga", "Jumlah Lembaga yang Dibina"),
    ("Lembaga", "Jumlah Lembaga yang Difasilitasi"),
];

const SASARAN_NAMES: &[&str] = &[
    "Meningkatnya Kualitas Penanganan PPKS",
    "Meningkatnya Peran Serta PSKS",
    "Meningkatnya Akuntabilitas Kinerja Perangkat Daerah",
    "Meningkatnya Derajat Kesehatan Masyarakat",
    "Meningkatnya Mutu Pendidikan Dasar",
    "Meningkatnya Kualitas Infrastruktur Kota",
    "Menurunnya Angka Pengangguran Terbuka",
    "Meningkatnya Ketahanan Pangan",
    "Meningkatnya Kualitas Lingkungan Hidup",
    "Meningkatnya Cakupan Kepemilikan Dokumen Kependudukan",
    "Meningkatnya Daya Saing Usaha Mikro",
    "Meningkatnya Investasi Daerah",
    "Meningkatnya Prestasi Olahraga",
    "Meningkatnya Pelestarian Kebudayaan Daerah",
    "Meningkatnya Minat Baca Masyarakat",
    "Meningkatnya Tertib Arsip",
    "Meningkatnya Kunjungan Wisata",
    "Meningkatnya Produktivitas Pertanian",
    "Meningkatnya Keamanan dan Ketertiban",
    "Meningkatnya Kualitas Pelayanan Publik",
    "Menurunnya Angka Kekerasan terhadap Perempuan dan Anak",
    "Meningkatnya Keterbukaan Informasi Publik",
];

const CAUSES: &[&str] = &[
    "Koordinasi lintas sektor berjalan baik dan data terpadu telah dimutakhirkan.",
    "Keterlambatan pencairan anggaran pada triwulan pertama.",
    "Jumlah tenaga pendamping belum sebanding dengan jumlah sasaran.",
    "Dukungan partisipasi masyarakat dan dunia usaha meningkat.",
];

const SOLUTIONS: &[&str] = &[
    "Mempercepat proses pengadaan sejak awal tahun anggaran.",
    "Menambah tenaga pendamping melalui kerja sama dengan perguruan tinggi.",
    "Memperkuat verifikasi dan validasi data secara berkala.",
    "Melanjutkan kolaborasi dengan pemangku kepentingan.",
];

// ---------------------------------------------------------------------------------------
// Numbers
// ---------------------------------------------------------------------------------------

/// `v / 100`, e.g. `hundredths(7250)` = 72,50.
fn hundredths(v: i64) -> Decimal {
    Decimal::new(v, 2)
}

/// A pagu between 1 million and 5 billion rupiah: mostly round thousands, some odd whole
/// rupiah, some with cents.
fn pagu(rng: &mut Rng) -> Money {
    // Log-uniform-ish: pick an order of magnitude, then a mantissa.
    let rupiah: i64 = match rng.below(10) {
        0..=2 => rng.range(1_000_000, 9_999_999),
        3..=6 => rng.range(10_000_000, 99_999_999),
        7..=8 => rng.range(100_000_000, 999_999_999),
        _ => rng.range(1_000_000_000, 5_000_000_000),
    };
    match rng.below(10) {
        0..=5 => Decimal::from((rupiah / 1000) * 1000),
        6..=7 => Decimal::from(rupiah),
        _ => {
            let cents = (rupiah.min(4_999_999_999)) * 100 + rng.range(1, 99);
            Decimal::new(cents, 2)
        }
    }
}

/// Realisation 0–105 % of `pagu`: mostly high absorption, a few stalled rows, a few
/// slightly over budget. Cents only where the pagu has them or the share needs them.
fn realisasi_of(rng: &mut Rng, pagu: Money) -> Money {
    let basis_points: i64 = match rng.below(100) {
        0..=1 => 0,
        2..=9 => rng.range(1, 6_000),
        10..=94 => rng.range(8_000, 10_000),
        _ => rng.range(10_001, 10_500),
    };
    let places = if pagu.fract().is_zero() && rng.chance(60) {
        0
    } else {
        2
    };
    (pagu * Decimal::from(basis_points) / Decimal::from(10_000))
        .round_dp_with_strategy(places, rust_decimal::RoundingStrategy::ToZero)
}

// ---------------------------------------------------------------------------------------
// Indicators
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy)]
enum Kind {
    /// Percentage, higher is better (`Persentase …`).
    PercentUp,
    /// Percentage or rate, lower is better (`Tingkat …`).
    PercentDown,
    /// A range target (`80–90`), higher is better.
    RangeUp,
    /// A narrow range of a rate (`4,25–4,30`), lower is better.
    RangeDown,
    /// A ratio (`1:32`), lower is better (fewer clients per worker).
    Ratio,
    /// A count that adds up over the years.
    Count,
    /// An index on a 0–100 scale (`Indeks Kepuasan Masyarakat`).
    Index,
}

const IKU_TEMPLATES: &[(&str, &str, Kind)] = &[
    ("Persentase PPKS yang Tertangani", "%", Kind::PercentUp),
    ("Persentase PSKS yang Aktif", "%", Kind::PercentUp),
    (
        "Persentase Penduduk yang Memiliki Jaminan Kesehatan",
        "%",
        Kind::PercentUp,
    ),
    ("Angka Partisipasi Murni SD/MI", "%", Kind::RangeUp),
    ("Tingkat Pengangguran Terbuka", "%", Kind::PercentDown),
    ("Prevalensi Stunting", "%", Kind::PercentDown),
    ("Persentase Penduduk Miskin", "%", Kind::RangeDown),
    ("Rasio Pendamping terhadap KPM", "rasio", Kind::Ratio),
    ("Rasio Guru terhadap Murid", "rasio", Kind::Ratio),
    ("Jumlah Wirausaha Baru", "orang", Kind::Count),
    (
        "Jumlah Lembaga Kesejahteraan Sosial yang Terakreditasi",
        "lembaga",
        Kind::Count,
    ),
    ("Indeks Kepuasan Masyarakat", "indeks", Kind::Index),
    ("Nilai SAKIP Perangkat Daerah", "nilai", Kind::Index),
    ("Indeks Kualitas Lingkungan Hidup", "indeks", Kind::Index),
];

const RENSTRA_FIRST: i32 = 2024;
const RENSTRA_LAST: i32 = 2028;
const REPORT_YEAR: i32 = 2026;
const HISTORY_FIRST: i32 = 2022;

fn indicator(rng: &mut Rng, id: String, template: usize) -> Indicator {
    let (name, unit, kind) = IKU_TEMPLATES[template % IKU_TEMPLATES.len()];
    let mut ind = Indicator {
        id: Id(id),
        name: name.to_string(),
        unit: unit.to_string(),
        ..Default::default()
    };
    // Years with a target: always the Renstra period, for half the indicators also the two
    // years of the previous Renstra.
    let target_from = if rng.chance(50) {
        HISTORY_FIRST
    } else {
        RENSTRA_FIRST
    };
    // Realisations for the five years 2022–2026; an indicator new in this Renstra has
    // "n/a" for 2022.
    let real_from = HISTORY_FIRST;
    let na_first = rng.chance(15);

    match kind {
        Kind::PercentUp | Kind::Index => {
            ind.direction = Direction::HigherIsBetter;
            let start = rng.range(5_500, 8_500); // hundredths
            let step = rng.range(50, 250);
            for y in target_from..=RENSTRA_LAST {
                let t = (start + step * (y - HISTORY_FIRST) as i64).min(10_000);
                ind.targets.insert(y, Value::Number(hundredths(t)));
            }
            for y in real_from..=REPORT_YEAR {
                let base = start + step * (y - HISTORY_FIRST) as i64;
                let r = (base + rng.range(-900, 600)).clamp(0, 10_000);
                ind.realisations.insert(y, Value::Number(hundredths(r)));
            }
            if rng.chance(40) {
                ind.formula.numerator = format!("Jumlah yang tercapai ({name})");
                ind.formula.denominator = "Jumlah seluruh sasaran".into();
                if rng.chance(50) {
                    let den = rng.range(200, 20_000);
                    let num = den * rng.range(60, 100) / 100;
                    ind.formula.numerator_value = Some(Decimal::from(num));
                    ind.formula.denominator_value = Some(Decimal::from(den));
                }
            }
        }
        Kind::PercentDown => {
            ind.direction = if rng.chance(15) {
                Direction::LowerIsBetterInverse
            } else {
                Direction::LowerIsBetter
            };
            let start = rng.range(300, 2_500);
            let step = rng.range(5, 40);
            for y in target_from..=RENSTRA_LAST {
                let t = (start - step * (y - HISTORY_FIRST) as i64).max(10);
                ind.targets.insert(y, Value::Number(hundredths(t)));
            }
            for y in real_from..=REPORT_YEAR {
                let base = start - step * (y - HISTORY_FIRST) as i64;
                let r = (base + rng.range(-60, 120)).max(0);
                ind.realisations.insert(y, Value::Number(hundredths(r)));
            }
        }
        Kind::RangeUp => {
            ind.direction = Direction::HigherIsBetter;
            let low = rng.range(70, 85);
            for y in target_from..=RENSTRA_LAST {
                let l = low + (y - HISTORY_FIRST) as i64;
                ind.targets.insert(
                    y,
                    Value::Range {
                        low: Decimal::from(l),
                        high: Decimal::from(l + 10),
                    },
                );
            }
            for y in real_from..=REPORT_YEAR {
                let r = (low + 5) * 100 + rng.range(-1_200, 1_200);
                ind.realisations.insert(y, Value::Number(hundredths(r)));
            }
        }
        Kind::RangeDown => {
            ind.direction = Direction::LowerIsBetter;
            let low = rng.range(300, 900); // hundredths
            for y in target_from..=RENSTRA_LAST {
                let l = low - 10 * (y - HISTORY_FIRST) as i64;
                ind.targets.insert(
                    y,
                    Value::Range {
                        low: hundredths(l),
                        high: hundredths(l + 5),
                    },
                );
            }
            for y in real_from..=REPORT_YEAR {
                let r = low - 10 * (y - HISTORY_FIRST) as i64 + rng.range(-30, 40);
                ind.realisations.insert(y, Value::Number(hundredths(r)));
            }
        }
        Kind::Ratio => {
            ind.direction = Direction::LowerIsBetter;
            let right = rng.range(20, 60);
            for y in target_from..=RENSTRA_LAST {
                let r = right - (y - HISTORY_FIRST) as i64;
                ind.targets.insert(
                    y,
                    Value::Ratio {
                        left: Decimal::ONE,
                        right: Decimal::from(r),
                    },
                );
            }
            for y in real_from..=REPORT_YEAR {
                let r = right - (y - HISTORY_FIRST) as i64 + rng.range(-4, 6);
                ind.realisations.insert(
                    y,
                    Value::Ratio {
                        left: Decimal::ONE,
                        right: Decimal::from(r.max(1)),
                    },
                );
            }
        }
        Kind::Count => {
            ind.direction = Direction::HigherIsBetter;
            ind.accumulation = Accumulation::Cumulative;
            let per_year = rng.range(10, 400);
            for y in target_from..=RENSTRA_LAST {
                ind.targets
                    .insert(y, Value::Number(Decimal::from(per_year)));
            }
            for y in real_from..=REPORT_YEAR {
                let r = (per_year * rng.range(70, 120) / 100).max(0);
                ind.realisations.insert(y, Value::Number(Decimal::from(r)));
            }
        }
    }
    if na_first {
        ind.realisations.insert(real_from, Value::NotAvailable);
    }
    // The report year's realisation is sometimes not in yet, or explicitly n/a.
    match rng.below(20) {
        0 => {
            ind.realisations.remove(&REPORT_YEAR);
        }
        1 => {
            ind.realisations.insert(REPORT_YEAR, Value::NotAvailable);
        }
        _ => {}
    }
    // A Perjanjian Kinerja target that differs from the Renstra one.
    if rng.chance(30) {
        if let Some(Value::Number(t)) = ind.targets.get(&REPORT_YEAR) {
            let pk = (*t + hundredths(rng.range(-100, 100))).max(hundredths(1));
            ind.target_pk = Some(Value::Number(pk));
        }
    }
    // A provincial or national standard.
    if rng.chance(25) {
        if let Some(t) = ind.targets.get(&RENSTRA_LAST).cloned() {
            ind.standard = Some(Standard {
                indicator: if rng.chance(50) {
                    name.to_string()
                } else {
                    format!("{name} (Provinsi)")
                },
                value: t,
                source: "Renstra Provinsi Contoh 2024-2028".into(),
            });
        }
    }
    if rng.chance(50) {
        ind.cause = rng.pick(CAUSES).to_string();
        ind.solution = rng.pick(SOLUTIONS).to_string();
    }
    ind
}

// ---------------------------------------------------------------------------------------
// Budget tree
// ---------------------------------------------------------------------------------------

/// Split `total` over `parts` slots with uneven weights, each slot getting at least one
/// while `total >= parts`.
fn split(rng: &mut Rng, total: usize, parts: usize) -> Vec<usize> {
    if parts == 0 {
        return Vec::new();
    }
    if total < parts {
        let mut v = vec![0; parts];
        for x in v.iter_mut().take(total) {
            *x = 1;
        }
        return v;
    }
    let weights: Vec<u64> = (0..parts).map(|_| 1 + rng.below(16)).collect();
    let sum: u64 = weights.iter().sum();
    let rest = (total - parts) as u64;
    let mut out: Vec<usize> = weights
        .iter()
        .map(|w| 1 + (rest * w / sum) as usize)
        .collect();
    let mut missing = total - out.iter().sum::<usize>();
    let mut i = 0;
    while missing > 0 {
        out[i % parts] += 1;
        missing -= 1;
        i += 1;
    }
    out
}

fn output(rng: &mut Rng, id: String) -> Output {
    let (unit, name) = *rng.pick(OUTPUT_UNITS);
    let target = match unit {
        "Dokumen" => rng.range(1, 24),
        "Lembaga" => rng.range(1, 60),
        "Unit" => rng.range(1, 150),
        _ => rng.range(5, 2_500),
    };
    let realisasi = match rng.below(40) {
        0 => None,
        1 => Some(Value::NotAvailable),
        _ => {
            let r = target * rng.range(60, 112) / 100;
            Some(Value::Number(Decimal::from(r)))
        }
    };
    Output {
        id: Id(id),
        name: name.to_string(),
        unit: unit.to_string(),
        unit_realisasi: None,
        direction: Direction::HigherIsBetter,
        target: Some(Value::Number(Decimal::from(target))),
        realisasi,
        cause: String::new(),
        solution: String::new(),
    }
}

/// First and second word of a kelurahan's name (the place of a sub kegiatan).
const KELURAHAN_A: &[&str] = &[
    "Sungai",
    "Tanjung",
    "Batu",
    "Parit",
    "Bukit",
    "Kampung",
    "Pasir",
    "Teluk",
    "Sei",
    "Padang",
    "Ujung",
    "Tanah",
    "Pulau",
    "Kota",
    "Benua",
    "Siantan",
    "Darat",
    "Air",
    "Gunung",
    "Bandar",
    "Rawa",
    "Pematang",
    "Simpang",
    "Lubuk",
    "Muara",
    "Koto",
    "Pal",
    "Jalan",
    "Pangkalan",
    "Mekar",
];
const KELURAHAN_B: &[&str] = &[
    "Jawi",
    "Bangkong",
    "Raya",
    "Tengah",
    "Hulu",
    "Hilir",
    "Baru",
    "Lama",
    "Indah",
    "Jaya",
    "Permai",
    "Sari",
    "Makmur",
    "Mulia",
    "Bersatu",
    "Harapan",
    "Sejahtera",
    "Timur",
    "Barat",
    "Selatan",
    "Utara",
    "Melayu",
    "Kapur",
    "Putih",
    "Merah",
    "Emas",
    "Dalam",
    "Luar",
    "Besar",
    "Kecil",
];

/// A place no other sub kegiatan of the report has: `Kelurahan Sungai Jawi RW 01`, from the
/// sub kegiatan's position in the report, so that every generated name is different, as in
/// a real consolidated report (whose names a snapshot cannot compress away).
fn place(n: usize) -> String {
    let (a, b) = (KELURAHAN_A.len(), KELURAHAN_B.len());
    format!(
        "Kelurahan {} {} RW {:02}",
        KELURAHAN_A[n % a],
        KELURAHAN_B[(n / a) % b],
        n / (a * b) + 1
    )
}

fn make_sub(rng: &mut Rng, id: String, code: String, n: usize) -> SubKegiatan {
    let name = format!(
        "{} {}{}, {}",
        rng.pick(VERB),
        rng.pick(OBJECT),
        rng.pick(WHERE),
        place(n)
    );
    // One row in two hundred has no pagu ("-") and nothing spent, as in the seed.
    let (pagu, realisasi) = if rng.chance(1) && rng.chance(50) {
        (None, Some(Decimal::ZERO))
    } else {
        let p = pagu(rng);
        let r = if rng.chance(2) {
            None
        } else {
            Some(realisasi_of(rng, p))
        };
        (Some(p), r)
    };
    let pagu_murni = match pagu {
        Some(p) if rng.chance(40) => {
            let bp = rng.range(8_500, 11_500);
            Some((p * Decimal::from(bp) / Decimal::from(10_000)).round_dp(0))
        }
        _ => None,
    };
    let outputs = (1..=rng.range(1, 2))
        .map(|o| output(rng, format!("{id}-o{o}")))
        .collect();
    SubKegiatan {
        id: Id(id),
        code,
        name,
        pagu,
        pagu_murni,
        realisasi,
        outputs,
    }
}

/// A consolidated city-wide report with exactly `sub_kegiatan` sub kegiatan, about one
/// program per 40 of them over 20 sasaran, 2 tujuan, and five years of indicator data.
/// The same arguments always give the same report.
pub fn report(sub_kegiatan: usize, seed: u64) -> Report {
    let mut rng = Rng::new(seed);
    let mut r = Report::new(
        "Pemerintah Kota Contoh (konsolidasi)",
        REPORT_YEAR,
        Period {
            first: RENSTRA_FIRST,
            last: RENSTRA_LAST,
        },
    );
    r.pk.signed = "Februari 2026".into();

    // Tujuan: two, each with two indicators.
    let tujuan_names = [
        "Meningkatnya Kesejahteraan Masyarakat",
        "Terwujudnya Tata Kelola Pemerintahan yang Baik",
    ];
    let tujuan_templates = [[6usize, 4], [11, 12]];
    for (ti, name) in tujuan_names.iter().enumerate() {
        let indicators = tujuan_templates[ti]
            .iter()
            .enumerate()
            .map(|(j, t)| indicator(&mut rng, format!("g-t{}-i{}", ti + 1, j + 1), *t))
            .collect();
        r.tujuan.push(Tujuan {
            id: Id(format!("g-t{}", ti + 1)),
            name: name.to_string(),
            indicators,
        });
    }

    // Sasaran: twenty, each with two or three IKU of mixed kinds.
    const SASARAN: usize = 20;
    for si in 0..SASARAN {
        let n = rng.range(2, 3) as usize;
        let iku = (0..n)
            .map(|j| {
                let t = rng.below(IKU_TEMPLATES.len() as u64) as usize;
                indicator(&mut rng, format!("g-s{}-iku{}", si + 1, j + 1), t)
            })
            .collect();
        r.sasaran.push(Sasaran {
            id: Id(format!("g-s{}", si + 1)),
            name: SASARAN_NAMES[si % SASARAN_NAMES.len()].to_string(),
            tujuan_id: Some(Id(format!("g-t{}", si % 2 + 1))),
            iku,
        });
    }

    // Programs: about one per 40 sub kegiatan, 3–6 kegiatan each.
    let programs = ((sub_kegiatan + 20) / 40).max(1);
    let kegiatan_per_program: Vec<usize> =
        (0..programs).map(|_| rng.range(3, 6) as usize).collect();
    let kegiatan_total: usize = kegiatan_per_program.iter().sum();
    let subs = split(&mut rng, sub_kegiatan, kegiatan_total);
    // The supporting program (Program I in the seed) names no sasaran; in a large report
    // one more program does not either.
    let second_unlinked = (programs >= 4).then_some(programs / 2);

    let mut slot = 0;
    let mut placed = 0;
    for (pi, &nk) in kegiatan_per_program.iter().enumerate() {
        let pid = format!("g-p{}", pi + 1);
        let (code, name) = if pi == 0 {
            (
                "X.XX.01".to_string(),
                "Program Penunjang Urusan Pemerintahan Daerah Kabupaten/Kota".to_string(),
            )
        } else {
            let (bidang, bidang_name) = BIDANG[(pi - 1) % BIDANG.len()];
            let number = (pi - 1) / BIDANG.len() + 2;
            (
                format!("{bidang}.{number:02}"),
                format!("{} {bidang_name}", rng.pick(PROGRAM_HEAD)),
            )
        };
        let sasaran_id = if pi == 0 || Some(pi) == second_unlinked {
            None
        } else {
            Some(Id(format!("g-s{}", (pi - 1) % SASARAN + 1)))
        };
        // Some imports write the fourth segment as `02`.
        let kind_segment = if rng.chance(10) { "02" } else { "2" };
        let mut program = Program {
            id: Id(pid.clone()),
            code: code.clone(),
            name,
            sasaran_id,
            ..Default::default()
        };
        let mut pagu_murni_sum = Decimal::ZERO;
        for ki in 0..nk {
            let kid = format!("{pid}-k{}", ki + 1);
            let kcode = format!("{code}.{kind_segment}.{:02}", ki + 1);
            let n_sub = subs[slot];
            slot += 1;
            let mut kegiatan = Kegiatan {
                id: Id(kid.clone()),
                code: kcode.clone(),
                name: format!("{} {}", rng.pick(VERB), rng.pick(OBJECT)),
                spm: rng.chance(5),
                ..Default::default()
            };
            if n_sub == 0 {
                // Too few sub kegiatan to go round: the kegiatan keeps its own figures.
                let p = pagu(&mut rng);
                kegiatan.pagu = Some(p);
                kegiatan.realisasi = Some(realisasi_of(&mut rng, p));
            }
            for s in 0..n_sub {
                let sk = make_sub(
                    &mut rng,
                    format!("{kid}-s{}", s + 1),
                    format!("{kcode}.{:04}", s + 1),
                    placed,
                );
                placed += 1;
                pagu_murni_sum += sk.pagu_murni.or(sk.pagu).unwrap_or_default();
                kegiatan.sub_kegiatan.push(sk);
            }
            program.kegiatan.push(kegiatan);
        }
        if rng.chance(60) {
            program.pagu_pk = Some(pagu_murni_sum);
        }
        r.programs.push(program);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::snapshot::{self, Meta};
    use std::collections::HashSet;

    #[test]
    fn exact_sub_kegiatan_count() {
        for (n, seed) in [
            (0, 1),
            (1, 2),
            (7, 3),
            (40, 4),
            (123, 5),
            (1_000, 6),
            (20_000, 1),
        ] {
            let r = report(n, seed);
            let counted: usize = r
                .programs
                .iter()
                .map(|p| {
                    p.kegiatan
                        .iter()
                        .map(|k| k.sub_kegiatan.len())
                        .sum::<usize>()
                })
                .sum();
            assert_eq!(counted, n, "n = {n}");
        }
    }

    #[test]
    fn every_sub_kegiatan_has_its_own_name() {
        let r = report(20_000, 1);
        let names: HashSet<&str> = r
            .sub_kegiatan_iter()
            .map(|(_, _, s)| s.name.as_str())
            .collect();
        assert_eq!(names.len(), 20_000);
    }

    #[test]
    fn same_seed_same_report_other_seed_other_report() {
        assert_eq!(report(500, 42), report(500, 42));
        assert_ne!(report(500, 42), report(500, 43));
    }

    #[test]
    fn shape_as_promised() {
        let r = report(20_000, 1);
        assert_eq!(r.tahun, 2026);
        assert_eq!(r.renstra.years().count(), 5);
        assert_eq!(r.tujuan.len(), 2);
        assert!(r.tujuan.iter().all(|t| t.indicators.len() == 2));
        assert_eq!(r.sasaran.len(), 20);
        assert!(r.sasaran.iter().all(|s| (2..=3).contains(&s.iku.len())));
        assert_eq!(r.programs.len(), 500);
        assert!(r
            .programs
            .iter()
            .all(|p| (3..=6).contains(&p.kegiatan.len())));
        let unlinked = r.programs.iter().filter(|p| p.sasaran_id.is_none()).count();
        assert!((1..=2).contains(&unlinked), "{unlinked}");
        let all_iku = || r.sasaran.iter().flat_map(|s| &s.iku);
        assert!(all_iku().any(|i| i.direction == Direction::LowerIsBetter));
        assert!(all_iku().any(|i| i.targets.values().any(|v| matches!(v, Value::Range { .. }))));
        assert!(all_iku().any(|i| i.targets.values().any(|v| matches!(v, Value::Ratio { .. }))));
        assert!(all_iku().any(|i| i.realisations.values().any(|v| *v == Value::NotAvailable)));
        for i in all_iku() {
            assert!(
                r.renstra.years().all(|y| i.targets.contains_key(&y)),
                "{}",
                i.id
            );
            // Five years of history; only the report year's may still be missing.
            assert!(
                (2022..=2025).all(|y| i.realisations.contains_key(&y)),
                "{}",
                i.id
            );
        }
        let mut ids = HashSet::new();
        let (lo, hi) = (Decimal::from(1_000_000), Decimal::from(5_000_000_000i64));
        for (_, _, s) in r.sub_kegiatan_iter() {
            assert!(ids.insert(s.id.clone()), "duplicate {}", s.id);
            assert!((1..=2).contains(&s.outputs.len()));
            assert_eq!(s.code.split('.').count(), 6, "{}", s.code);
            if let Some(p) = s.pagu {
                assert!(p >= lo && p <= hi, "{p}");
                if let Some(x) = s.realisasi {
                    assert!(
                        x >= Decimal::ZERO && x <= p * Decimal::new(105, 2),
                        "{x} / {p}"
                    );
                }
            }
        }
    }

    #[test]
    fn survives_export_and_import_unchanged() {
        for (n, seed) in [(0, 9), (5, 8), (2_000, 7)] {
            let r = report(n, seed);
            let back = snapshot::import_str(&snapshot::export(&r, &Meta::default()))
                .unwrap_or_else(|e| panic!("n = {n}: {e}"));
            assert!(back.report == r, "n = {n}: report changed in export/import");
        }
    }
}
