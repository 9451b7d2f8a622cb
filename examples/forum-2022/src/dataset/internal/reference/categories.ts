/**
 * The product categories counterparts ask for and SMEs supply. The list is this example's own
 * (the sources name only "components or spare parts of the machine"); the KBLI 2020 subclasses under
 * each are official codes and titles, the ones a supplier of that category would register under.
 */

/** A category: slug, Indonesian and English names, the unit its capacity is counted in, KBLI subclasses. */
export interface CategoryReference {
  readonly id: string
  readonly nameId: string
  readonly nameEn: string
  readonly unit: string
  readonly kbli: ReadonlyArray<readonly [code: string, title: string]>
}

/** The twelve categories. */
export const categories: ReadonlyArray<CategoryReference> = [
  {
    id: "komponen-mesin",
    nameId: "Komponen mesin dan suku cadang",
    nameEn: "Machine components and spare parts",
    unit: "pcs",
    kbli: [
      ["28113", "Industri Komponen dan Suku Cadang Mesin dan Turbin"],
      ["28140", "Industri Bearing, Roda Gigi dan Elemen Penggerak Mesin"],
      ["25920", "Jasa Industri untuk Berbagai Pengerjaan Khusus Logam dan Barang dari Logam"],
      ["24310", "Industri Pengecoran Besi dan Baja"],
      ["29300", "Industri Suku Cadang dan Aksesori Kendaraan Bermotor Roda Empat atau Lebih"],
      ["22192", "Industri Barang dari Karet untuk Keperluan Industri"],
      ["33152", "Reparasi Lokomotif dan Gerbong Kereta"],
      ["46591", "Perdagangan Besar Mesin Kantor dan Industri Pengolahan, Suku Cadang dan Perlengkapannya"]
    ]
  },
  {
    id: "makanan-minuman",
    nameId: "Makanan dan minuman",
    nameEn: "Food and beverages",
    unit: "kg",
    kbli: [
      ["10794", "Industri Kerupuk, Keripik, Peyek dan Sejenisnya"],
      ["10710", "Industri Produk Roti dan Kue"],
      ["10750", "Industri Makanan dan Masakan Olahan"],
      ["10761", "Industri Pengolahan Kopi"],
      ["10772", "Industri Bumbu Masak dan Penyedap Masakan"],
      ["10792", "Industri Kue Basah"],
      ["10796", "Industri Dodol"],
      ["11040", "Industri Minuman Ringan"]
    ]
  },
  {
    id: "hasil-pertanian",
    nameId: "Hasil pertanian",
    nameEn: "Agricultural produce",
    unit: "ton",
    kbli: [
      ["01122", "Pertanian Padi Inbrida"],
      ["01111", "Pertanian Jagung"],
      ["01132", "Pertanian Hortikultura Buah"],
      ["01283", "Pertanian Cabai"],
      ["10631", "Industri Penggilingan Padi dan Penyosohan Beras"],
      ["46201", "Perdagangan Besar Padi dan Palawija"]
    ]
  },
  {
    id: "hasil-perikanan",
    nameId: "Hasil perikanan",
    nameEn: "Fishery products",
    unit: "kg",
    kbli: [
      ["03111", "Penangkapan Pisces/Ikan Bersirip di Laut"],
      ["03221", "Pembesaran Ikan Air Tawar di Kolam"],
      ["03254", "Pembesaran Crustacea Air Payau"],
      ["10211", "Industri Penggaraman/Pengeringan Ikan"],
      ["10213", "Industri Pembekuan Ikan"],
      ["46206", "Perdagangan Besar Hasil Perikanan"]
    ]
  },
  {
    id: "farmasi-herbal",
    nameId: "Produk farmasi dan herbal",
    nameEn: "Pharmaceutical and herbal products",
    unit: "pack",
    kbli: [
      ["21022", "Industri Produk Obat Tradisional untuk Manusia"],
      ["21021", "Industri Bahan Baku Obat Tradisional untuk Manusia"],
      ["10762", "Industri Pengolahan Herbal (Herb Infusion)"],
      ["20232", "Industri Kosmetik untuk Manusia, termasuk Pasta Gigi"],
      ["01285", "Pertanian Tanaman Obat atau Biofarmaka Rimpang"]
    ]
  },
  {
    id: "tekstil-seragam",
    nameId: "Tekstil dan seragam",
    nameEn: "Textiles and uniforms",
    unit: "pcs",
    kbli: [
      ["14111", "Industri Pakaian Jadi (Konveksi) dari Tekstil"],
      ["14120", "Penjahitan dan Pembuatan Pakaian Sesuai Pesanan"],
      ["13134", "Industri Batik"],
      ["15203", "Industri Sepatu Teknik Lapangan/Keperluan Industri"],
      ["32904", "Industri Peralatan untuk Pelindung Keselamatan"]
    ]
  },
  {
    id: "kerajinan-suvenir",
    nameId: "Kerajinan dan suvenir",
    nameEn: "Handicrafts and souvenirs",
    unit: "pcs",
    kbli: [
      ["16293", "Industri Kerajinan Ukiran dari Kayu Bukan Mebeller"],
      ["16292", "Industri Barang Anyaman dari Tanaman Bukan Rotan dan Bambu"],
      ["13122", "Industri Kain Tenun Ikat"],
      ["15121", "Industri Barang dari Kulit dan Kulit Komposisi untuk Keperluan Pribadi"],
      ["23932", "Industri Perlengkapan Rumah Tangga dari Tanah Liat/Keramik"],
      ["32903", "Industri Kerajinan YTDL"]
    ]
  },
  {
    id: "kemasan",
    nameId: "Kemasan",
    nameEn: "Packaging",
    unit: "pcs",
    kbli: [
      ["17022", "Industri Kemasan dan Kotak dari Kertas dan Karton"],
      ["22220", "Industri Barang dari Plastik untuk Pengemasan"],
      ["13926", "Industri Karung Bukan Goni"],
      ["16230", "Industri Wadah dari Kayu"]
    ]
  },
  {
    id: "percetakan-atk",
    nameId: "Percetakan dan alat tulis kantor",
    nameEn: "Printing and office supplies",
    unit: "pcs",
    kbli: [
      ["18111", "Industri Pencetakan Umum"],
      ["18120", "Kegiatan Jasa Penunjang Pencetakan"],
      ["32901", "Industri Alat Tulis dan Gambar termasuk Perlengkapannya"],
      ["17099", "Industri Barang dari Kertas dan Papan Kertas Lainnya YTDL"],
      ["46421", "Perdagangan Besar Alat Tulis dan Gambar"]
    ]
  },
  {
    id: "konstruksi-logam",
    nameId: "Konstruksi dan pekerjaan logam",
    nameEn: "Construction and metal works",
    unit: "kg",
    kbli: [
      ["25111", "Industri Barang dari Logam Bukan Aluminium Siap Pasang untuk Bangunan"],
      ["25119", "Industri Barang dari Logam Siap Pasang untuk Konstruksi Lainnya"],
      ["25120", "Industri Tangki, Tandon Air dan Wadah dari Logam"],
      ["33111", "Reparasi Produk Logam Siap Pasang untuk Bangunan, Tangki, Tandon Air dan Generator Uap"],
      ["43904", "Pemasangan Kerangka Baja"]
    ]
  },
  {
    id: "pupuk-agro-input",
    nameId: "Pupuk dan sarana produksi pertanian",
    nameEn: "Fertiliser and agro inputs",
    unit: "ton",
    kbli: [
      ["20121", "Industri Pupuk Alam/Non Sintetis Hara Makro Primer"],
      ["20127", "Industri Pupuk Pelengkap"],
      ["20128", "Industri Media Tanam"],
      ["01302", "Pertanian Pengembangbiakan Tanaman"],
      ["46652", "Perdagangan Besar Pupuk dan Produk Agrokimia"]
    ]
  },
  {
    id: "barang-konsumsi-ritel",
    nameId: "Barang konsumsi ritel",
    nameEn: "Retail consumer goods",
    unit: "pcs",
    kbli: [
      ["20231", "Industri Sabun dan Bahan Pembersih Keperluan Rumah Tangga"],
      ["22292", "Industri Perlengkapan dan Peralatan Rumah Tangga (Tidak Termasuk Furnitur)"],
      ["25992", "Industri Peralatan Dapur dan Peralatan Meja dari Logam"],
      ["46339", "Perdagangan Besar Makanan dan Minuman Lainnya"],
      ["46499", "Perdagangan Besar Berbagai Barang dan Perlengkapan Rumah Tangga Lainnya YTDL"]
    ]
  }
]
