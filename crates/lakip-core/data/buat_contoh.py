#!/usr/bin/env python3
"""Build the built-in example (contoh-dinsos-pontianak-2024.json) from the seed's
transcription (seed-golden.json). Run once by hand; the JSON is committed.

Only leaf data is taken: sub kegiatan pagu and realisasi, output targets and realisations,
IKU targets and realisations, PK budgets. No printed total, percentage or label is copied:
the app computes them.

    python3 buat_contoh.py ../../../../shared/seed-data/seed-golden.json > contoh-dinsos-pontianak-2024.json
"""
import json
import sys

g = json.load(open(sys.argv[1], encoding="utf-8"))


def low(i):
    return i.lower().replace(".", "-")


outputs = {o["sub_kegiatan_id"]: o for o in g["outputs"]}
pk_budget = {p["maps_to_program"]: p["anggaran"] for p in g["perjanjian_kinerja"]["programs"]}
spm = {s["maps_to_kegiatan"] for s in g["spm_budget"]["sections"]}
sasaran_of_program = {}
for s in g["iku"]["sasaran"]:
    for pid in s["program_ids"]:
        sasaran_of_program[pid] = low(s["id"])


def money(s):
    if s is None:
        return None
    s = str(s)
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return s


def output(o):
    out = {
        "id": low(o["id"]),
        "nama": o["sub_kegiatan"],
        "satuan": o["unit_target"],
        "target": o["target"],
        "realisasi": o["realisasi"],
    }
    if o["unit_realisasi"].lower() != o["unit_target"].lower():
        out["satuan_realisasi"] = o["unit_realisasi"]
    return out


programs = []
for p in g["budget"]["programs"]:
    prog = {"id": low(p["id"]), "kode": "", "nama": p["name"], "kegiatan": []}
    if p["id"] in sasaran_of_program:
        prog["sasaran_id"] = sasaran_of_program[p["id"]]
    if p["id"] in pk_budget:
        prog["pagu_pk"] = money(pk_budget[p["id"]])
    for k in p["kegiatan"]:
        keg = {"id": low(k["id"]), "nama": k["name"], "sub_kegiatan": []}
        if k["id"] in spm:
            keg["spm"] = True
        for s in k["sub_kegiatan"]:
            sub = {
                "id": low(s["id"]),
                "nama": s["name"],
                # Tabel 3.1 prints "-" for the pagu of Jasa Surat Menyurat: no pagu at all.
                "pagu": None if s.get("only_in") else money(s["pagu"]),
                "realisasi": money(s["realisasi"]),
                "keluaran": [output(outputs[s["id"]])] if s["id"] in outputs else [],
            }
            if sub["pagu"] is None:
                del sub["pagu"]
            keg["sub_kegiatan"].append(sub)
        prog["kegiatan"].append(keg)
    programs.append(prog)

t = g["iku"]["tujuan"]
tujuan = [{
    "id": "t1",
    "nama": t["name"],
    "indikator": [],
}]
for n, ind in enumerate(t["indicators"], 1):
    targets = {}
    for y, v in ind["renstra_targets"].items():
        targets[y] = {"rentang": [v["min"], v["max"]]} if "min" in v else v["value"]
    tujuan[0]["indikator"].append({
        "id": "t1-i%d" % n,
        "nama": ind["name"],
        "satuan": "%" if ind["unit"] == "%" else "rasio",
        "arah": "turun",
        "target": targets,
    })

sasaran = []
pk_targets = {s["iku"].lower(): s["target"] for s in g["perjanjian_kinerja"]["sasaran_targets"]}
for s in g["iku"]["sasaran"]:
    real = {y: v["value"] for y, v in s["realisasi_multi_year"].items() if v["value"] is not None}
    formula = s["iku_formula_printed"]
    import re
    parts = re.findall(r"\\text\{([^}]*)\}", formula)
    iku = {
        "id": low(s["id"]) + "-iku1",
        "nama": s["iku"],
        "satuan": "%",
        "rumus": {"pembilang": parts[0], "penyebut": parts[1]} if len(parts) >= 2 else {},
        "target": dict(s["renstra_targets"]),
        "realisasi": real,
        "standar": {
            "indikator": s["provincial_standard"]["indicator"],
            "nilai": s["provincial_standard"]["value"],
            "sumber": s["provincial_standard"]["source"],
        },
    }
    pk = pk_targets.get(s["iku"].lower())
    if pk is not None:
        iku["target_pk"] = pk
    sasaran.append({"id": low(s["id"]), "nama": s["name"], "tujuan_id": "t1", "iku": [iku]})

snapshot = {
    "format": "kalkulator-lakip",
    "versi": 2,
    "versi_aplikasi": "contoh",
    "diekspor": "2025-01-06T00:00:00Z",
    "id_laporan": "contoh-dinsos-pontianak-2024",
    "revisi": 1,
    "basis": None,
    "instansi": "Dinas Sosial Kota Pontianak",
    "tahun": 2024,
    "laporan": {
        "instansi": "Dinas Sosial Kota Pontianak",
        "tahun": 2024,
        "renstra": {"awal": 2024, "akhir": 2026},
        "pk": {"ditandatangani": "Oktober 2024"},
        "tujuan": tujuan,
        "sasaran": sasaran,
        "program": programs,
    },
}
json.dump(snapshot, sys.stdout, ensure_ascii=False, indent=1)
print()
