/**
 * The forum of 24 November 2022 as the sources report it, with the few details a replay needs that
 * the sources do not give (marked synthetic): when it was scheduled, its opening hours, and the names
 * of observers (the seed gives only their kinds).
 */
import type { Forum } from "../../Records.js"

/** The forum's id in this dataset. */
export const forumId = "forum-kemitraan-2022-11-24"

/** The seed the committed dataset was generated with. */
export const defaultSeed = 20221124

const observers: Forum["observers"] = [
  { name: "Kamar Dagang dan Industri Indonesia (KADIN)", kind: "Association", synthetic: true },
  { name: "Himpunan Pengusaha Muda Indonesia (HIPMI)", kind: "Association", synthetic: true },
  { name: "Ikatan Wanita Pengusaha Indonesia (IWAPI)", kind: "Association", synthetic: true },
  { name: "Kementerian Perdagangan", kind: "Ministry", synthetic: true },
  { name: "Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah (LKPP)", kind: "Institution", synthetic: true },
  { name: "Badan Standardisasi Nasional (BSN)", kind: "Institution", synthetic: true },
  { name: "Badan Penyelenggara Jaminan Produk Halal (BPJPH)", kind: "Institution", synthetic: true },
  { name: "PT Telkom Indonesia (Persero) Tbk", kind: "BUMN", synthetic: true },
  { name: "PT Bank Rakyat Indonesia (Persero) Tbk", kind: "BUMN", synthetic: true },
  { name: "Perumda Pasar Jaya", kind: "BUMD", synthetic: true },
  { name: "Dinas Koperasi dan UKM Provinsi DKI Jakarta", kind: "RegionalService", synthetic: true },
  { name: "Dinas Koperasi dan UKM Provinsi Jawa Barat", kind: "RegionalService", synthetic: true },
  { name: "Dinas Koperasi dan UKM Provinsi Jawa Tengah", kind: "RegionalService", synthetic: true },
  { name: "Dinas Koperasi dan UKM Provinsi Jawa Timur", kind: "RegionalService", synthetic: true }
]

/** The forum record, published facts first. */
export const forum = (seed: number): Forum => ({
  id: forumId,
  name: "Forum Kemitraan UKM/IKM dengan BUMN dan Usaha Besar",
  heldOn: "2022-11-24",
  venue: { name: "Gedung Smesco", city: "Jakarta", provinceCode: "31" },
  organiser: { name: "Kementerian Koperasi dan Usaha Kecil dan Menengah", shortName: "KemenKopUKM" },
  coOrganisers: [
    { name: "Kementerian Badan Usaha Milik Negara", shortName: "Kementerian BUMN" },
    { name: "Kementerian Perindustrian", shortName: "Kemenperin" },
    { name: "Kementerian Investasi/Badan Koordinasi Penanaman Modal", shortName: "Kementerian Investasi/BKPM" }
  ],
  resultsAnnounced: { on: "2022-12-02", by: "Teten Masduki, Menteri Koperasi dan UKM" },
  published: {
    participants: 748,
    provinces: 25,
    assessedSmes: 630,
    counterpartsInAssessments: 17,
    potentialRupiah: 224_800_000_000,
    largestPotential: { categoryId: "komponen-mesin", counterpartId: "inka" }
  },
  sources: [
    {
      id: "seed",
      publisher: "Official statement of the Minister of Cooperatives and SMEs, quoted by Antara",
      publishedOn: "2022-12-02",
      note: "Automatic English translation of an Indonesian news release: date, results, counterparts, participant figures"
    },
    {
      id: "wartaekonomi",
      publisher: "Warta Ekonomi (wartaekonomi.co.id)",
      publishedOn: "2022-11-24",
      note: "Report of the forum day: date and venue; lists PT Pupuk Indonesia as the 17th SOE"
    },
    {
      id: "katadata",
      publisher: "Katadata (katadata.co.id)",
      publishedOn: "2022-11-24",
      note: "Report of the forum day: date and venue"
    }
  ],
  discrepancies: [
    {
      about: "SOEs named",
      detail:
        "The seed announces 17 state-owned companies and names 16; Warta Ekonomi names PT Pupuk Indonesia as the 17th."
    },
    {
      about: "Counterparts in assessments",
      detail: "The seed says the 630 SMEs met 17 BUMN/Usaha Besar, while 17 SOEs and 2 large enterprises (19) joined."
    },
    {
      about: "Breakdown of the potential",
      detail: "No source breaks the IDR 224.8 billion down by counterpart, category or province."
    }
  ],
  schedule: {
    scheduledOn: "2022-10-10",
    opensAt: "2022-11-24T08:30:00+07:00",
    closesAt: "2022-11-24T17:00:00+07:00",
    synthetic: true
  },
  observers,
  generator: {
    script: "scripts/generate-dataset.ts",
    seed,
    note: "Every SME, consultation, assessment, follow-up and business figure is synthetic; see data/README.md."
  }
})
