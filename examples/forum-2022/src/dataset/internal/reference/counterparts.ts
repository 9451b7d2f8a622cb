/**
 * The 19 counterparts that joined the forum: the 16 SOEs the seed names, PT Pupuk Indonesia (named
 * the 17th SOE by Warta Ekonomi's report of the same day) and the 2 large enterprises. Names, kinds
 * and sources are published; the needs, the dates they joined and which two produced no assessment
 * are this example's own (synthetic).
 */

/** A need as written here: its id, the category it falls in, what the counterpart asks for. */
export type NeedReference = readonly [id: string, categoryId: string, description: string]

/** A counterpart as written here. */
export interface CounterpartReference {
  readonly id: string
  readonly name: string
  readonly shortName: string
  readonly kind: "BUMN" | "UsahaBesar"
  readonly source: "seed" | "wartaekonomi"
  readonly nameInSource: string
  readonly joinedOn: string
  readonly assessedAtForum: boolean
  /** How strongly SMEs of a category seek this counterpart: a weight for the generator. */
  readonly draw: number
  readonly needs: ReadonlyArray<NeedReference>
}

/** The counterparts, in the order the sources list them. */
export const counterparts: ReadonlyArray<CounterpartReference> = [
  {
    id: "perhutani",
    name: "Perum Perhutani",
    shortName: "Perhutani",
    kind: "BUMN",
    source: "seed",
    nameInSource: "Perum Perhutani",
    joinedOn: "2022-11-02",
    assessedAtForum: true,
    draw: 3,
    needs: [
      ["perhutani-01", "kerajinan-suvenir", "Suvenir dan kerajinan berbahan kayu dan bambu untuk wisata hutan"],
      ["perhutani-02", "pupuk-agro-input", "Bibit tanaman hutan, pupuk organik dan media semai persemaian"],
      ["perhutani-03", "kemasan", "Kemasan produk madu, kopi dan minyak kayu putih"],
      ["perhutani-04", "tekstil-seragam", "Seragam lapangan dan perlengkapan polisi hutan"],
      ["perhutani-05", "percetakan-atk", "Cetakan dan perlengkapan kantor unit kerja"]
    ]
  },
  {
    id: "bulog",
    name: "Perum Bulog",
    shortName: "Bulog",
    kind: "BUMN",
    source: "seed",
    nameInSource: "Perum Bulog",
    joinedOn: "2022-10-31",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["bulog-01", "hasil-pertanian", "Gabah, beras dan jagung untuk cadangan pangan"],
      ["bulog-02", "kemasan", "Karung beras dan kemasan beras premium"],
      ["bulog-03", "makanan-minuman", "Produk pangan olahan untuk gerai Rumah Pangan Kita"],
      ["bulog-04", "barang-konsumsi-ritel", "Barang kebutuhan pokok untuk jaringan ritel Bulog"]
    ]
  },
  {
    id: "inka",
    name: "PT INKA (Persero)",
    shortName: "INKA",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT INKA",
    joinedOn: "2022-10-28",
    assessedAtForum: true,
    draw: 10,
    needs: [
      ["inka-01", "komponen-mesin", "Komponen bogie, sistem pengereman dan suku cadang kereta"],
      ["inka-02", "komponen-mesin", "Komponen interior kereta: rangka kursi, rak bagasi, engsel dan pengunci"],
      ["inka-03", "konstruksi-logam", "Fabrikasi pelat, rangka dan struktur baja untuk badan kereta"],
      ["inka-04", "tekstil-seragam", "Seragam kerja dan alat pelindung diri pekerja pabrik"]
    ]
  },
  {
    id: "kimia-farma",
    name: "PT Kimia Farma",
    shortName: "Kimia Farma",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Kimia Farma",
    joinedOn: "2022-11-01",
    assessedAtForum: true,
    draw: 6,
    needs: [
      ["kimia-farma-01", "farmasi-herbal", "Bahan baku herbal terstandar dan produk jamu untuk apotek"],
      ["kimia-farma-02", "kemasan", "Botol, dus dan label kemasan obat"],
      ["kimia-farma-03", "barang-konsumsi-ritel", "Produk perawatan diri untuk jaringan apotek"]
    ]
  },
  {
    id: "krakatau-steel",
    name: "PT Krakatau Steel",
    shortName: "Krakatau Steel",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Krakatau Steel",
    joinedOn: "2022-11-03",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["krakatau-steel-01", "komponen-mesin", "Suku cadang mesin pabrik baja: roll, bearing, roda gigi"],
      ["krakatau-steel-02", "konstruksi-logam", "Pekerjaan fabrikasi dan pemeliharaan struktur baja"],
      ["krakatau-steel-03", "tekstil-seragam", "Pakaian kerja tahan panas dan sepatu keselamatan"]
    ]
  },
  {
    id: "pertamina",
    name: "PT Pertamina",
    shortName: "Pertamina",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Pertamina",
    joinedOn: "2022-10-27",
    assessedAtForum: true,
    draw: 7,
    needs: [
      ["pertamina-01", "komponen-mesin", "Suku cadang pompa, katup dan dispenser SPBU"],
      ["pertamina-02", "konstruksi-logam", "Fabrikasi kanopi, tangki kecil dan rangka logam"],
      ["pertamina-03", "tekstil-seragam", "Seragam operator SPBU dan alat pelindung diri"],
      ["pertamina-04", "makanan-minuman", "Makanan dan minuman kemasan untuk gerai di SPBU"],
      ["pertamina-05", "barang-konsumsi-ritel", "Produk UMKM untuk gerai ritel di SPBU"],
      ["pertamina-06", "percetakan-atk", "Barang cetakan dan alat tulis kantor"]
    ]
  },
  {
    id: "pln",
    name: "PT PLN (Perusahaan Listrik Negara)",
    shortName: "PLN",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Perusahaan Listrik Negara",
    joinedOn: "2022-10-27",
    assessedAtForum: true,
    draw: 6,
    needs: [
      ["pln-01", "komponen-mesin", "Suku cadang pembangkit dan komponen mekanis jaringan"],
      ["pln-02", "konstruksi-logam", "Fabrikasi panel, rangka dan aksesori tiang listrik"],
      ["pln-03", "tekstil-seragam", "Seragam dan alat pelindung diri petugas lapangan"],
      ["pln-04", "percetakan-atk", "Barang cetakan dan alat tulis kantor unit layanan"]
    ]
  },
  {
    id: "rni",
    name: "PT Rajawali Nusantara Indonesia",
    shortName: "RNI (ID FOOD)",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Rajawali Nusantara Indonesia",
    joinedOn: "2022-11-04",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["rni-01", "hasil-pertanian", "Hasil pertanian untuk rantai pasok pangan holding"],
      ["rni-02", "makanan-minuman", "Produk pangan olahan untuk dipasarkan holding pangan"],
      ["rni-03", "kemasan", "Kemasan gula dan produk pangan"]
    ]
  },
  {
    id: "ppi",
    name: "PT Perusahaan Perdagangan Indonesia",
    shortName: "PPI",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Perusahaan Trading Indonesia",
    joinedOn: "2022-11-04",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["ppi-01", "makanan-minuman", "Produk makanan dan minuman untuk perdagangan dalam negeri dan ekspor"],
      ["ppi-02", "hasil-pertanian", "Komoditas pertanian untuk perdagangan"],
      ["ppi-03", "hasil-perikanan", "Hasil perikanan untuk perdagangan"],
      ["ppi-04", "kerajinan-suvenir", "Kerajinan untuk pasar ekspor"],
      ["ppi-05", "barang-konsumsi-ritel", "Barang konsumsi untuk distribusi"]
    ]
  },
  {
    id: "berdikari",
    name: "PT Berdikari",
    shortName: "Berdikari",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Berdikari",
    joinedOn: "2022-11-07",
    assessedAtForum: true,
    draw: 4,
    needs: [
      ["berdikari-01", "hasil-pertanian", "Jagung pipil dan bahan pakan ternak"],
      ["berdikari-02", "makanan-minuman", "Olahan daging dan produk beku"],
      ["berdikari-03", "kemasan", "Kemasan produk daging olahan"]
    ]
  },
  {
    id: "garam",
    name: "PT Garam",
    shortName: "Garam",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Garam",
    joinedOn: "2022-11-08",
    assessedAtForum: false,
    draw: 4,
    needs: [
      ["garam-01", "kemasan", "Kemasan plastik dan karung untuk garam konsumsi dan industri"],
      ["garam-02", "makanan-minuman", "Garam beryodium kemasan dari IKM pengolah garam"],
      ["garam-03", "konstruksi-logam", "Pekerjaan logam untuk gudang dan fasilitas pengolahan"]
    ]
  },
  {
    id: "perikanan-indonesia",
    name: "PT Perikanan Indonesia",
    shortName: "Perikanan Indonesia",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Perikanan Indonesia",
    joinedOn: "2022-11-07",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["perikanan-indonesia-01", "hasil-perikanan", "Ikan tangkap, udang dan hasil budidaya"],
      ["perikanan-indonesia-02", "makanan-minuman", "Produk olahan ikan"],
      ["perikanan-indonesia-03", "kemasan", "Kemasan rantai dingin untuk produk perikanan"],
      ["perikanan-indonesia-04", "komponen-mesin", "Suku cadang mesin pendingin dan kapal"]
    ]
  },
  {
    id: "sang-hyang-seri",
    name: "PT Sang Hyang Seri",
    shortName: "Sang Hyang Seri",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Sang Hyang Seri",
    joinedOn: "2022-11-09",
    assessedAtForum: false,
    draw: 4,
    needs: [
      ["sang-hyang-seri-01", "pupuk-agro-input", "Benih dan sarana produksi pertanian"],
      ["sang-hyang-seri-02", "hasil-pertanian", "Calon benih padi dan jagung dari petani penangkar"],
      ["sang-hyang-seri-03", "kemasan", "Kemasan dan karung benih"]
    ]
  },
  {
    id: "bio-farma",
    name: "PT Bio Farma",
    shortName: "Bio Farma",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Bio Farma",
    joinedOn: "2022-11-01",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["bio-farma-01", "farmasi-herbal", "Bahan baku obat tradisional dan produk herbal"],
      ["bio-farma-02", "kemasan", "Kemasan sekunder produk farmasi"],
      ["bio-farma-03", "tekstil-seragam", "Pakaian kerja ruang bersih dan alat pelindung diri"],
      ["bio-farma-04", "percetakan-atk", "Label, brosur dan barang cetakan"]
    ]
  },
  {
    id: "ptpn-iii",
    name: "PT Perkebunan Nusantara III",
    shortName: "PTPN III",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Perkebunan Nusantara III",
    joinedOn: "2022-11-02",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["ptpn-iii-01", "pupuk-agro-input", "Pupuk organik dan pembenah tanah untuk kebun"],
      ["ptpn-iii-02", "komponen-mesin", "Suku cadang pabrik kelapa sawit dan karet"],
      ["ptpn-iii-03", "hasil-pertanian", "Hasil kebun petani plasma dan mitra"],
      ["ptpn-iii-04", "tekstil-seragam", "Seragam dan perlengkapan kerja kebun"],
      ["ptpn-iii-05", "konstruksi-logam", "Fabrikasi logam untuk pabrik dan kebun"]
    ]
  },
  {
    id: "pindad",
    name: "PT Pindad",
    shortName: "Pindad",
    kind: "BUMN",
    source: "seed",
    nameInSource: "PT Pindad",
    joinedOn: "2022-10-28",
    assessedAtForum: true,
    draw: 6,
    needs: [
      ["pindad-01", "komponen-mesin", "Komponen hasil pemesinan presisi untuk kendaraan dan alat berat"],
      ["pindad-02", "konstruksi-logam", "Fabrikasi pelat dan rangka logam"],
      ["pindad-03", "tekstil-seragam", "Pakaian lapangan dan perlengkapan taktis"]
    ]
  },
  {
    id: "pupuk-indonesia",
    name: "PT Pupuk Indonesia",
    shortName: "Pupuk Indonesia",
    kind: "BUMN",
    source: "wartaekonomi",
    nameInSource: "PT Pupuk Indonesia",
    joinedOn: "2022-11-03",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["pupuk-indonesia-01", "pupuk-agro-input", "Pupuk organik dan hayati dari produsen daerah"],
      ["pupuk-indonesia-02", "kemasan", "Karung dan kemasan pupuk"],
      ["pupuk-indonesia-03", "hasil-pertanian", "Hasil panen petani binaan (offtaker)"],
      ["pupuk-indonesia-04", "komponen-mesin", "Suku cadang mesin pabrik pupuk"]
    ]
  },
  {
    id: "lulu",
    name: "PT Lulu Group Retail",
    shortName: "Lulu",
    kind: "UsahaBesar",
    source: "seed",
    nameInSource: "PT Lulu Group Retail",
    joinedOn: "2022-11-08",
    assessedAtForum: true,
    draw: 6,
    needs: [
      ["lulu-01", "makanan-minuman", "Makanan dan minuman kemasan untuk rak produk lokal"],
      ["lulu-02", "barang-konsumsi-ritel", "Barang kebutuhan rumah tangga"],
      ["lulu-03", "kerajinan-suvenir", "Kerajinan dan suvenir untuk pojok produk Indonesia"],
      ["lulu-04", "hasil-pertanian", "Buah dan sayur segar"],
      ["lulu-05", "hasil-perikanan", "Ikan dan hasil laut segar dan beku"],
      ["lulu-06", "farmasi-herbal", "Jamu dan minuman herbal kemasan"]
    ]
  },
  {
    id: "gramedia",
    name: "PT Gramedia Asri Media",
    shortName: "Gramedia",
    kind: "UsahaBesar",
    source: "seed",
    nameInSource: "PT Gramedia Asri Media",
    joinedOn: "2022-11-09",
    assessedAtForum: true,
    draw: 5,
    needs: [
      ["gramedia-01", "percetakan-atk", "Alat tulis, perlengkapan sekolah dan kantor"],
      ["gramedia-02", "kerajinan-suvenir", "Suvenir dan barang gaya hidup"],
      ["gramedia-03", "barang-konsumsi-ritel", "Produk gaya hidup dan perlengkapan rumah"]
    ]
  }
]
