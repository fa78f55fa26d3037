//! The catalogue of malformed snapshot files (`tests/fixtures/malformed/`, written by
//! `tests/fixtures/buat_fixture.py`): each file with the exact message a user sees, and the
//! promise that a failed import changes nothing in storage. Also every snapshot version and
//! every valid encoding of one small report (`tests/fixtures/snapshot/`), read to the same
//! report.

use lakip_core::exchange::snapshot::{self, Basis, ImportError, Meta, VERSION};
use lakip_core::workspace::store::{self, MemoryStore, ReplaceError};
use std::path::PathBuf;

fn dir(sub: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(sub)
}

fn read(sub: &str, name: &str) -> Vec<u8> {
    std::fs::read(dir(sub).join(name)).unwrap_or_else(|e| panic!("{sub}/{name}: {e}"))
}

fn files(sub: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir(sub))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

/// Every malformed file and the whole message it gets.
const CATALOGUE: &[(&str, &str)] = &[
    ("akumulasi-angka.json", "Snapshot tidak valid (1 masalah): sasaran[1].iku[0].akumulasi: harus berupa teks, bukan angka"),
    ("angka-eksponen.json", "Snapshot tidak valid (1 masalah): sasaran[0].iku[0].target.2025: bukan angka"),
    ("angka-json-raksasa.json", "Snapshot tidak valid (1 masalah): program[3].pagu: angka terlalu besar (paling besar 1.000.000.000.000.000)"),
    ("ansi-windows-1252.json", "Berkas ini bukan teks UTF-8 (byte tidak valid di baris 12, kolom 28). Mungkin disimpan dengan pengodean lain (ANSI/Windows-1252); simpan ulang sebagai UTF-8."),
    ("arah-tidak-dikenal.json", "Snapshot tidak valid (1 masalah): tujuan[0].indikator[0].arah: arah 'menurun' tidak dikenal (naik, turun, turun_rasio_terbalik)"),
    ("basis-bukan-objek.json", "Snapshot tidak valid (1 masalah): basis: harus berupa objek, bukan teks"),
    ("batas-capaian-nol.json", "Snapshot tidak valid (1 masalah): pengaturan.batas_capaian: harus lebih dari 0"),
    ("bersarang-dalam.json", "Berkas bukan JSON yang valid: kesalahan di baris 432, kolom 128 (bersarang terlalu dalam)."),
    ("bom-saja.json", "Berkas kosong: tidak ada isinya."),
    ("bukan-snapshot.json", "Berkas JSON ini bukan snapshot Kalkulator LAKIP (tidak ada \"format\": \"kalkulator-lakip\")."),
    ("daftar-json.json", "Berkas JSON ini bukan snapshot Kalkulator LAKIP (tidak ada \"format\": \"kalkulator-lakip\")."),
    ("desimal-terlalu-banyak.json", "Snapshot tidak valid (1 masalah): sasaran[0].iku[0].realisasi.2024: terlalu banyak angka desimal (paling banyak 12)"),
    ("diekspor-bukan-teks.json", "Snapshot tidak valid (1 masalah): diekspor: harus berupa teks, bukan angka"),
    ("file-mandiri-isinya-rusak.html", "Snapshot tidak valid (1 masalah): program[2].kegiatan[0].sub_kegiatan[3].pagu: tidak boleh negatif"),
    ("format-lain.json", "Format \"excalidraw\" tidak dikenal; yang dibaca hanya \"kalkulator-lakip\"."),
    ("foto.jpg", "Berkas ini gambar JPEG, bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("halaman-tanpa-laporan.html", "Berkas ini halaman HTML tanpa laporan tertanam, bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("id-ganda.json", "Snapshot tidak valid (1 masalah): program[2].kegiatan[0].sub_kegiatan[2].id: id ganda 'p1-k1-s2' (sudah dipakai di program[0].kegiatan[0].sub_kegiatan[1])"),
    ("id-kosong.json", "Snapshot tidak valid (1 masalah): program[1].kegiatan[0].id: wajib diisi"),
    ("id-laporan-tidak-sah.json", "Snapshot tidak valid (1 masalah): id_laporan: hanya boleh huruf, angka, '-', '_' dan '.'"),
    ("id-terlalu-panjang.json", "Snapshot tidak valid (2 masalah): sasaran[1].id: id terlalu panjang (paling banyak 64 karakter); program[1].sasaran_id: sasaran 's2' tidak ada"),
    ("kegiatan-null.json", "Snapshot tidak valid (1 masalah): program[0].kegiatan[0]: harus berupa objek, bukan null"),
    ("kode-ganda-bentuk-lain.json", "Snapshot tidak valid (1 masalah): program[2].kegiatan[0].sub_kegiatan[3].kode: kode ganda '1.06.03.02.01.0001' (sudah dipakai di program[2].kegiatan[0].sub_kegiatan[0])"),
    ("kode-ganda.json", "Snapshot tidak valid (1 masalah): program[2].kode: kode ganda '1.06.01' (sudah dipakai di program[0])"),
    ("kolom-ganda.json", "Snapshot tidak valid (1 masalah): program[2].kegiatan[0].sub_kegiatan[3].pagu: kolom ini muncul dua kali; hapus salah satunya"),
    ("koma-berlebih.json", "Berkas bukan JSON yang valid: kesalahan di baris 78, kolom 3 (koma berlebih)."),
    ("komentar.json", "Berkas bukan JSON yang valid: kesalahan di baris 1, kolom 1 (nilai yang diharapkan tidak ada)."),
    ("kosong.json", "Berkas kosong: tidak ada isinya."),
    ("kunci-tanpa-kutip.json", "Berkas bukan JSON yang valid: kesalahan di baris 7, kolom 2 (nama kolom harus dalam tanda kutip)."),
    ("laporan-bukan-objek.json", "Snapshot tidak valid (1 masalah): laporan: harus berupa objek, bukan daftar"),
    ("laporan-lama.xls", "Berkas ini berkas Office lama (.xls/.doc), bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("laporan.pdf", "Berkas ini dokumen PDF, bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("laporan.xlsx", "Berkas ini berkas ZIP atau Excel (.xlsx/.docx), bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("nama-100-ribu-karakter.json", "Snapshot tidak valid (1 masalah): program[2].nama: teks terlalu panjang (100009 karakter, paling banyak 2000)"),
    ("nama-berupa-angka.json", "Snapshot tidak valid (1 masalah): program[0].nama: harus berupa teks, bukan angka"),
    ("nilai-tidak-dikenal.json", "Snapshot tidak valid (1 masalah): program[1].kegiatan[0].sub_kegiatan[0].keluaran[0].target: nilai tidak dikenal (harus angka, 'n/a', {\"rentang\": …} atau {\"rasio\": …})"),
    ("pagu-benar-salah.json", "Snapshot tidak valid (1 masalah): program[0].pagu_pk: bukan angka (benar/salah)"),
    ("pagu-bukan-angka.json", "Snapshot tidak valid (1 masalah): program[2].kegiatan[0].sub_kegiatan[3].pagu: bukan angka"),
    ("pagu-format-indonesia.json", "Snapshot tidak valid (1 masalah): program[0].kegiatan[0].sub_kegiatan[0].pagu: bukan angka: tulis 25000000 (tanpa pemisah ribuan, titik sebagai pemisah desimal)"),
    ("pagu-negatif.json", "Snapshot tidak valid (1 masalah): program[2].kegiatan[0].sub_kegiatan[1].pagu: tidak boleh negatif"),
    ("pagu-terlalu-besar.json", "Snapshot tidak valid (1 masalah): program[0].kegiatan[0].sub_kegiatan[1].realisasi: angka terlalu besar (paling besar 1.000.000.000.000.000)"),
    ("penyebab-1-juta-karakter.json", "Snapshot tidak valid (1 masalah): sasaran[0].iku[0].penyebab: teks terlalu panjang (1000000 karakter, paling banyak 20000)"),
    ("pk-bukan-objek.json", "Snapshot tidak valid (1 masalah): pk: harus berupa objek, bukan teks"),
    ("program-bukan-daftar.json", "Snapshot tidak valid (1 masalah): program: harus berupa daftar, bukan objek"),
    ("program-ke-sasaran-hilang.json", "Snapshot tidak valid (1 masalah): program[1].sasaran_id: sasaran 's9' tidak ada"),
    ("rasio-kiri-nol.json", "Snapshot tidak valid (1 masalah): sasaran[1].iku[0].target.2024.rasio: sisi kiri rasio tidak boleh 0"),
    ("renstra-terbalik.json", "Snapshot tidak valid (1 masalah): renstra: periode tidak masuk akal (awal ≤ akhir, paling lama 10 tahun)"),
    ("rentang-terbalik.json", "Snapshot tidak valid (1 masalah): tujuan[0].indikator[0].target.2024.rentang: batas bawah lebih besar dari batas atas"),
    ("revisi-negatif.json", "Snapshot tidak valid (1 masalah): revisi: harus bilangan bulat 0–9007199254740991"),
    ("rupiah-tiga-desimal.json", "Snapshot tidak valid (1 masalah): program[1].kegiatan[0].sub_kegiatan[0].realisasi: terlalu banyak angka desimal (rupiah paling banyak 2 desimal)"),
    ("sasaran-ke-tujuan-hilang.json", "Snapshot tidak valid (1 masalah): sasaran[1].tujuan_id: tujuan 't2' tidak ada"),
    ("skala-bercelah.json", "Snapshot tidak valid (1 masalah): pengaturan.skala: ada celah antara 'Sedang' dan 'Tinggi': nilai antara 76 dan 80 tidak masuk kategori mana pun"),
    ("snapshot.json.gz", "Berkas ini berkas terkompresi gzip, bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("spasi-saja.json", "Berkas kosong: tidak ada isinya."),
    ("spm-teks.json", "Snapshot tidak valid (1 masalah): program[1].kegiatan[0].spm: harus benar/salah, bukan teks"),
    ("tabel.csv", "Berkas bukan JSON yang valid: kesalahan di baris 1, kolom 1 (nilai yang diharapkan tidak ada)."),
    ("tahun-dua-angka.json", "Snapshot tidak valid (1 masalah): sasaran[0].iku[0].target.24: bukan tahun (empat angka, 1900–2200)"),
    ("tahun-laporan-teks.json", "Snapshot tidak valid (1 masalah): tahun: harus berupa angka, bukan teks"),
    ("tangkapan-layar.png", "Berkas ini gambar PNG, bukan snapshot JSON Kalkulator LAKIP. Pilih berkas .json hasil \"Ekspor JSON\"."),
    ("tanpa-laporan.json", "Snapshot tidak valid (1 masalah): laporan: wajib ada"),
    ("teks-setelah-json.json", "Berkas bukan JSON yang valid: kesalahan di baris 309, kolom 1 (ada teks setelah akhir JSON)."),
    ("terpotong.json", "Berkas terpotong: JSON berakhir sebelum selesai (baris 171). Mungkin unduhan atau salinannya tidak lengkap."),
    ("tersimpan-karakter-asing.txt", "Snapshot tidak valid (1 masalah): isi: data tersimpan rusak (karakter tidak dikenal)"),
    ("tersimpan-terpotong.txt", "Snapshot tidak valid (1 masalah): isi: data tersimpan rusak (bukan JSON)"),
    ("utf16-surrogat-rusak.json", "Berkas ini bukan teks yang utuh (UTF-16 rusak), jadi bukan snapshot JSON Kalkulator LAKIP."),
    ("utf16-terpotong.json", "Berkas ini bukan teks yang utuh (UTF-16 rusak), jadi bukan snapshot JSON Kalkulator LAKIP."),
    ("v2-tanpa-revisi.json", "Snapshot tidak valid (1 masalah): revisi: wajib ada"),
    ("versi-3-lebih-baru.json", "Snapshot ini format versi 3, dibuat oleh Kalkulator LAKIP yang lebih baru; berkas ini hanya membaca sampai versi 2. Minta lakip.html terbaru."),
    ("versi-nol.json", "Kolom \"versi\" harus bilangan bulat positif."),
    ("versi-teks.json", "Kolom \"versi\" harus bilangan bulat positif."),
];

#[test]
fn the_catalogue_is_complete_and_large_enough() {
    let on_disk = files("malformed");
    let listed: Vec<String> = CATALOGUE.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "every file has an expected message, and every message a file"
    );
    assert!(CATALOGUE.len() >= 40, "{}", CATALOGUE.len());
}

#[test]
fn every_malformed_file_gets_its_message() {
    let mut wrong = Vec::new();
    for (name, expected) in CATALOGUE {
        let bytes = read("malformed", name);
        match snapshot::import(&bytes) {
            Ok(_) => wrong.push(format!("{name}: accepted")),
            Err(e) if e.to_string() != *expected => {
                wrong.push(format!("{name}:\n  got      {e}\n  expected {expected}"))
            }
            Err(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_failed_import_leaves_storage_byte_identical() {
    // Storage as the app leaves it: a saved report with a few backups, and another page's data.
    let mut kv = MemoryStore::default();
    kv.map
        .insert("halaman-lain/catatan".into(), "jangan disentuh".into());
    let mut r = lakip_core::example::example();
    let mut rev = None;
    for (i, t) in [
        "2025-01-06T08:00:00.000Z",
        "2025-01-06T08:10:00.000Z",
        "2025-01-07T09:00:00.000Z",
    ]
    .iter()
    .enumerate()
    {
        r.pk.signed = format!("simpan {i}");
        let meta = Meta {
            app_version: "uji".into(),
            exported_at: t.to_string(),
            ..Default::default()
        };
        rev = Some(
            store::save_report(&mut kv, "r1", &r, &meta, rev)
                .unwrap()
                .revision,
        );
    }
    assert_eq!(store::list_backups(&kv, "r1").unwrap().len(), 2);
    let before = kv.map.clone();
    let meta = Meta {
        app_version: "uji".into(),
        exported_at: "2025-01-08T10:00:00.000Z".into(),
        ..Default::default()
    };
    for (name, expected) in CATALOGUE {
        let bytes = read("malformed", name);
        match store::import_replace(&mut kv, "r1", &bytes, &meta, rev) {
            Err(ReplaceError::Import(e)) => assert_eq!(e.to_string(), *expected, "{name}"),
            other => panic!("{name}: {other:?}"),
        }
        assert!(kv.map == before, "{name}: storage changed");
    }
    // A valid file then goes through, with the state before it kept as a backup.
    let done = store::import_replace(
        &mut kv,
        "r1",
        &read("snapshot", "v2-kecil.json"),
        &meta,
        rev,
    )
    .unwrap();
    assert_eq!(
        done.meta.revision, 13,
        "one more than the file's revision 12"
    );
    assert_eq!(done.meta.report_id, "r-kecil");
    let backup = done.backup.unwrap();
    assert!(backup.ends_with("/3/impor"), "{backup}");
    assert_eq!(
        kv.map.get("halaman-lain/catatan").map(String::as_str),
        Some("jangan disentuh")
    );
}

#[test]
fn too_large_a_file_is_refused_before_reading() {
    let big = vec![b' '; snapshot::MAX_BYTES + 1];
    let e = snapshot::import(&big).unwrap_err();
    assert_eq!(
        e,
        ImportError::TooLarge {
            bytes: snapshot::MAX_BYTES + 1
        }
    );
    assert_eq!(
        e.to_string(),
        "Berkas terlalu besar (64 MB; paling besar 64 MB)."
    );
}

/// The small report's envelope in version 2.
fn v2_meta() -> Meta {
    Meta {
        app_version: "0.1.0".into(),
        exported_at: "2025-02-03T10:15:00.000Z".into(),
        report_id: "r-kecil".into(),
        revision: 12,
        basis: Some(Basis {
            report_id: "r-induk".into(),
            revision: 9,
        }),
    }
}

#[test]
fn every_version_and_encoding_reads_to_the_same_report() {
    let reference = snapshot::import(&read("snapshot", "v2-kecil.json")).unwrap();
    assert_eq!(reference.migrated_from, None);
    assert_eq!(reference.meta, v2_meta());
    let r = &reference.report;
    assert_eq!(
        (
            r.instansi.as_str(),
            r.tahun,
            r.programs.len(),
            r.sub_kegiatan_count()
        ),
        ("Dinas Sosial Kabupaten Contoh", 2024, 4, 7)
    );
    assert!(r.programs[3].name.contains("</script><!--"));
    let mut seen = 0;
    for name in files("snapshot") {
        if name.contains("contoh-dinsos") {
            continue;
        }
        seen += 1;
        let got =
            snapshot::import(&read("snapshot", &name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(got.report == *r, "{name}: another report");
        if name.starts_with("v1-") {
            // Version 1 is migrated: unknown identity, revision 0, no basis.
            assert_eq!(got.migrated_from, Some(1), "{name}");
            assert_eq!(
                got.meta,
                Meta {
                    app_version: "0.1.0".into(),
                    exported_at: "2025-01-06T09:30:00.000Z".into(),
                    ..Default::default()
                },
                "{name}"
            );
        } else {
            assert_eq!((got.migrated_from, &got.meta), (None, &v2_meta()), "{name}");
        }
    }
    assert_eq!(seen, 11);
    // The built-in example: its version 1 form (the file as first published) and its
    // current form are the same report.
    let v1 = snapshot::import(&read("snapshot", "v1-contoh-dinsos-pontianak-2024.json")).unwrap();
    assert_eq!(v1.migrated_from, Some(1));
    assert!(v1.report == lakip_core::example::example());
    let current = snapshot::import_str(lakip_core::example::EXAMPLE_JSON).unwrap();
    assert_eq!(
        (
            current.migrated_from,
            current.meta.report_id.as_str(),
            current.meta.revision
        ),
        (None, "contoh-dinsos-pontianak-2024", 1)
    );
}

#[test]
fn the_current_version_writes_what_it_reads() {
    assert_eq!(VERSION, 2);
    let reference = snapshot::import(&read("snapshot", "v2-kecil.json")).unwrap();
    for text in [
        snapshot::export(&reference.report, &reference.meta),
        snapshot::export_pretty(&reference.report, &reference.meta),
    ] {
        assert!(
            text.trim_start()
                .starts_with("{\n  \"format\": \"kalkulator-lakip\",\n  \"versi\": 2,")
                || text.starts_with("{\"format\":\"kalkulator-lakip\",\"versi\":2,"),
            "{}",
            &text[..80]
        );
        let back = snapshot::import_str(&text).unwrap();
        assert!(back.report == reference.report);
        assert_eq!(back.meta, reference.meta);
    }
    // A newer version is refused with the version named.
    let newer = String::from_utf8(read("malformed", "versi-3-lebih-baru.json")).unwrap();
    assert_eq!(
        snapshot::import_str(&newer).unwrap_err(),
        ImportError::NewerVersion { found: 3 }
    );
}
