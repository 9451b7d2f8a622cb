/**
 * The worked example of `docs/projections.md`: one forum, four SMEs, three counterparts. The tests
 * check every figure the document shows.
 */
import { Rupiah } from "@kemitraan/core"
import * as E from "./events.js"

/** The forum of the example. */
export const forumId = "forum-2022"

const spareParts = "machine components and spare parts"
const food = "processed food"
const packaging = "packaging"

/** CV Maju Teknik: Jawa Timur, machinery (KBLI 28299), formal. */
export const smeA: E.SmeProfile = {
  id: "sme-a",
  province: "35",
  kbli: "28299",
  foundedYear: 2015,
  nib: "0220000000001"
}
/** UD Sari Rasa: Jawa Tengah, food (KBLI 10792), informal until 2023. */
export const smeB: E.SmeProfile = { id: "sme-b", province: "33", kbli: "10792", foundedYear: 2018 }
/** CV Kemas Nusantara: Jawa Timur, wholesale (KBLI 46900), founded in 2022. */
export const smeC: E.SmeProfile = {
  id: "sme-c",
  province: "35",
  kbli: "46900",
  foundedYear: 2022,
  nib: "0220000000003"
}
/** Tani Makmur: Sumatera Utara, farming (KBLI 01111), informal. */
export const smeD: E.SmeProfile = { id: "sme-d", province: "12", kbli: "01111", foundedYear: 2012 }

const meeting = (consultation: string, sme: string, counterpart: string): E.Meeting => ({
  forum: forumId,
  consultation,
  sme,
  counterpart
})

/** Every stream of the example. */
export const log = (): E.Log => {
  const log = new E.Log()
  log.participant(
    ...[smeA, smeB, smeC, smeD].map((sme) => E.smeEnrolled(sme, E.on("2022-10-01"))),
    ...["inka", "bulog", "pindad"].map((id) => E.counterpartEnrolled(id)),
    E.figures("sme-a", 2021, { sales: 1_800_000_000, capital: 400_000_000 }),
    E.figures("sme-a", 2023, { sales: 3_200_000_000, capital: 700_000_000 }),
    E.figures("sme-b", 2021, { sales: 2_500_000_000, capital: 300_000_000 }),
    E.figures("sme-b", 2023, { sales: 2_400_000_000, capital: 350_000_000 }),
    E.figures("sme-c", 2022, { sales: 500_000_000, capital: 800_000_000 }),
    E.figures("sme-c", 2023, { sales: 2_600_000_000, capital: 900_000_000 }),
    E.figures("sme-d", 2021, { sales: 900_000_000, capital: 150_000_000 }),
    E.formalised("sme-b", "0230000000002")
  )
  log.forum(
    E.forumScheduled(forumId, "2022-11-24"),
    E.counterpartJoined(forumId, "inka", [spareParts]),
    E.counterpartJoined(forumId, "bulog", [food, packaging]),
    E.counterpartJoined(forumId, "pindad", [spareParts]),
    ...[smeA, smeB, smeC, smeD].map((sme) => E.smeRegistered(forumId, sme)),
    E.forumStep("ForumOpened", forumId),
    ...E.consultation(meeting("c-1", "sme-a", "inka"), "Held"),
    ...E.consultation(meeting("c-2", "sme-b", "bulog"), "Held"),
    ...E.consultation(meeting("c-3", "sme-c", "bulog"), "Held"),
    ...E.consultation(meeting("c-4", "sme-c", "inka"), "Held"),
    ...E.consultation(meeting("c-5", "sme-d", "pindad"), "NoShow"),
    E.forumStep("ForumClosed", forumId),
    E.resultsAnnounced(forumId, "2022-12-02", { potentialValue: Rupiah.make(2_200_000_000), smesAssessed: 3 })
  )
  log.assessment(
    ...E.assessment(
      meeting("c-1", "sme-a", "inka"),
      { need: spareParts, potential: 1_500_000_000, province: "35" },
      { depth: 3, contractValue: 900_000_000 }
    ),
    ...E.assessment(
      meeting("c-2", "sme-b", "bulog"),
      { need: food, potential: 400_000_000, province: "33", kbli: "10792" },
      { depth: 2, contractValue: 250_000_000 }
    ),
    ...E.assessment(
      meeting("c-3", "sme-c", "bulog"),
      { need: packaging, potential: 300_000_000, province: "35", kbli: "46900" },
      { depth: 0, closed: true }
    )
  )
  return log
}
