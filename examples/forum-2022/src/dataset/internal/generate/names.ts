/**
 * Plausible Indonesian business names, made from word lists: "CV Sumber Teknik Makmur",
 * "UD Berkah Jaya", "Koperasi Produsen Mina Sejahtera", or for a sole trader "Keripik Bu Sri".
 */
import type { Prng } from "@kemitraan/core/testing"
import type { Profile } from "./profiles.js"

const generic = [
  "Sumber",
  "Sinar",
  "Karya",
  "Mitra",
  "Cahaya",
  "Berkah",
  "Maju",
  "Jaya",
  "Sentosa",
  "Abadi",
  "Makmur",
  "Sejahtera",
  "Mandiri",
  "Utama",
  "Lestari",
  "Bintang",
  "Putra",
  "Anugerah",
  "Harapan",
  "Rejeki",
  "Tunas",
  "Surya",
  "Mulia",
  "Barokah",
  "Prima",
  "Citra",
  "Nusantara",
  "Agung",
  "Sukses",
  "Duta",
  "Kencana",
  "Mega",
  "Tirta",
  "Wahana",
  "Perkasa",
  "Gemilang"
]

const men = ["Slamet", "Darto", "Budi", "Agus", "Rahmat", "Hasan", "Made", "Andi", "Joko", "Eko", "Asep", "Yusuf"]
const women = ["Sri", "Yanti", "Wati", "Siti", "Dewi", "Ratna", "Tuti", "Lina", "Euis", "Nur", "Rina", "Fitri"]

/** A name for a business of the given legal form supplying a category with this profile. */
export const businessName = (rng: Prng.Rng, legalForm: string, profile: Profile): string => {
  const word = rng.pick(profile.words)
  const first = rng.pick(generic)
  const second = rng.pick(generic.filter((candidate) => candidate !== first))
  switch (legalForm) {
    case "Perorangan":
      return rng.chance(600)
        ? `${rng.pick(profile.products)} ${rng.chance(500) ? `Pak ${rng.pick(men)}` : `Bu ${rng.pick(women)}`}`
        : `${rng.pick(profile.products)} ${first} ${second}`
    case "UD":
      return `UD ${first} ${rng.chance(500) ? word : second}`
    case "Koperasi":
      return `Koperasi Produsen ${word} ${first}`
    default:
      return rng.chance(500) ? `${legalForm} ${first} ${word} ${second}` : `${legalForm} ${first} ${second} ${word}`
  }
}
