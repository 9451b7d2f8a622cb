/**
 * The generator's assumptions per product category: how many of the 748 SMEs supply it, its share
 * of the potential, how large its suppliers tend to be, which certificates matter, the usual local
 * content, capacity, and the words their business names are made of. All synthetic.
 */

/** A business class by annual sales (PP 7/2021). */
export type SizeClass = "micro" | "small" | "medium"

/** The generator's view of one category. */
export interface Profile {
  readonly smes: number
  /** Share of the total potential, in thousandths. */
  readonly potentialPermille: number
  /** Added to a random score in [0, 999]: higher means larger suppliers. */
  readonly sizeBias: number
  readonly halal: boolean
  readonly sni: boolean
  /** TKDN range, in hundredths of a percent. */
  readonly tkdn: readonly [number, number]
  /** Monthly capacity range of a micro supplier, in the category's unit. */
  readonly capacity: readonly [number, number]
  readonly words: ReadonlyArray<string>
  readonly products: ReadonlyArray<string>
}

/** The profiles, by category id. */
export const profiles: Readonly<Record<string, Profile>> = {
  "komponen-mesin": {
    smes: 76,
    potentialPermille: 340,
    sizeBias: 260,
    halal: false,
    sni: true,
    tkdn: [2500, 6500],
    capacity: [40, 400],
    words: ["Teknik", "Presisi", "Mekanika", "Logam", "Mesin", "Engineering"],
    products: ["Bubut", "Bengkel Bubut", "Cor Logam", "Machining"]
  },
  "makanan-minuman": {
    smes: 160,
    potentialPermille: 105,
    sizeBias: 0,
    halal: true,
    sni: false,
    tkdn: [6000, 9500],
    capacity: [150, 2500],
    words: ["Boga", "Rasa", "Pangan", "Food", "Kuliner", "Citarasa"],
    products: ["Keripik", "Kue", "Sambal", "Kopi", "Dodol", "Rengginang", "Abon"]
  },
  "hasil-pertanian": {
    smes: 62,
    potentialPermille: 90,
    sizeBias: 60,
    halal: false,
    sni: false,
    tkdn: [8500, 10000],
    capacity: [2, 30],
    words: ["Tani", "Agro", "Panen", "Hortikultura"],
    products: ["Tani", "Kebun", "Sayur", "Beras"]
  },
  "hasil-perikanan": {
    smes: 44,
    potentialPermille: 50,
    sizeBias: 40,
    halal: true,
    sni: false,
    tkdn: [8500, 10000],
    capacity: [300, 4000],
    words: ["Bahari", "Samudra", "Mina", "Segara"],
    products: ["Ikan Asin", "Kerupuk Ikan", "Tambak", "Ikan Segar"]
  },
  "farmasi-herbal": {
    smes: 48,
    potentialPermille: 70,
    sizeBias: 80,
    halal: true,
    sni: false,
    tkdn: [4000, 8500],
    capacity: [200, 3000],
    words: ["Herbal", "Husada", "Farma", "Nabati", "Sehat"],
    products: ["Jamu", "Herbal", "Empon-empon"]
  },
  "tekstil-seragam": {
    smes: 70,
    potentialPermille: 65,
    sizeBias: 40,
    halal: false,
    sni: true,
    tkdn: [3500, 7500],
    capacity: [100, 1500],
    words: ["Konveksi", "Garmen", "Busana", "Tekstil", "Sandang"],
    products: ["Jahit", "Konveksi", "Batik", "Bordir"]
  },
  "kerajinan-suvenir": {
    smes: 70,
    potentialPermille: 18,
    sizeBias: -120,
    halal: false,
    sni: false,
    tkdn: [7000, 9800],
    capacity: [50, 800],
    words: ["Kriya", "Craft", "Seni", "Ukir", "Anyam"],
    products: ["Anyaman", "Ukiran", "Gerabah", "Tenun"]
  },
  kemasan: {
    smes: 48,
    potentialPermille: 45,
    sizeBias: 120,
    halal: false,
    sni: true,
    tkdn: [3000, 7000],
    capacity: [2000, 30000],
    words: ["Kemas", "Pack", "Karton", "Plastindo"],
    products: ["Kemasan", "Karung", "Kardus"]
  },
  "percetakan-atk": {
    smes: 38,
    potentialPermille: 22,
    sizeBias: 20,
    halal: false,
    sni: false,
    tkdn: [4000, 8000],
    capacity: [500, 10000],
    words: ["Grafika", "Offset", "Printing", "Media"],
    products: ["Sablon", "Cetak", "Fotokopi"]
  },
  "konstruksi-logam": {
    smes: 52,
    potentialPermille: 115,
    sizeBias: 200,
    halal: false,
    sni: true,
    tkdn: [3000, 7000],
    capacity: [500, 8000],
    words: ["Baja", "Steel", "Konstruksi", "Fabrikasi", "Rangka"],
    products: ["Las", "Bengkel Las", "Teralis"]
  },
  "pupuk-agro-input": {
    smes: 34,
    potentialPermille: 50,
    sizeBias: 60,
    halal: false,
    sni: true,
    tkdn: [5000, 9000],
    capacity: [2, 40],
    words: ["Agro", "Organik", "Subur", "Hayati", "Benih"],
    products: ["Pupuk Organik", "Kompos", "Bibit"]
  },
  "barang-konsumsi-ritel": {
    smes: 46,
    potentialPermille: 30,
    sizeBias: 0,
    halal: true,
    sni: false,
    tkdn: [3000, 8000],
    capacity: [200, 5000],
    words: ["Niaga", "Trading", "Dagang", "Sentra"],
    products: ["Toko", "Grosir", "Sabun"]
  }
}

/** The profile of a category; the generator's tables must cover every category. */
export const profileOf = (categoryId: string): Profile => {
  const profile = profiles[categoryId]
  if (profile === undefined) throw new Error(`generate: no profile for category "${categoryId}"`)
  return profile
}

/** How many SMEs of each size class (~70% micro, ~25% small, ~5% medium by annual sales). */
export const sizeCounts: Readonly<Record<SizeClass, number>> = { micro: 524, small: 187, medium: 37 }

/** How many SMEs have no NIB (informal, ~15%); all are micro. */
export const informalCount = 112

/** The share of INKA in the potential of machine components, in thousandths. */
export const inkaShareOfMachinePermille = 650
